package web

import (
	"errors"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// pageAsked is the page= of a paged listing's address (the documents, a
// search, the review queues of claims and of values), as asked: a typed
// number, an old link after deletions, a mangled one.
type pageAsked struct {
	raw string // as given, "" when there is none
	n   int    // the page asked, from 1; 1 when none or not a page number
	bad bool   // given but not a page number: not digits, 0, negative
}

// readPage reads page= from q. A number too large for an int is a page
// past the end like any other, not an error (9223372036854775807 and
// more).
func readPage(q url.Values) pageAsked {
	a := pageAsked{raw: strings.TrimSpace(q.Get("page")), n: 1}
	if a.raw == "" {
		return a
	}
	n, err := strconv.Atoi(a.raw)
	switch {
	case err == nil && n >= 1:
		a.n = n
	case errors.Is(err, strconv.ErrRange) && !strings.HasPrefix(a.raw, "-"):
		a.n = math.MaxInt
	default:
		a.bad = true
	}
	return a
}

// shown is the page to read before the number of pages is known: the
// page asked, within 1..most (the listing's own bound on an offset).
func (a pageAsked) shown(most int) int { return min(a.n, most) }

// outOfRange sends a GET of a paged listing whose page= is past its last
// page (pages, at least 1) or not a page number to the last page, or the
// first, with a notice that says so, and reports whether it did. Every
// paged page does the same, so that a typed or stale page number never
// shows an empty list (the API answers such a page 400: a program should
// know; a person is better shown where the list ends). Other parameters
// are kept; a cursor (after=, before=) goes, as the page is by number.
func outOfRange(w http.ResponseWriter, r *http.Request, a pageAsked, pages int) bool {
	pages = max(pages, 1)
	if r.Method != http.MethodGet || !a.bad && a.n <= pages {
		return false
	}
	lang := langOf(r)
	raw := a.raw
	if len([]rune(raw)) > 24 {
		raw = string([]rune(raw)[:24]) + "…"
	}
	v := r.URL.Query()
	v.Del("after")
	v.Del("before")
	v.Del("page")
	var notice string
	switch _, pending := r.Cookie(flashCookie); {
	case pending == nil && !a.bad:
		// The page a form sent back to (a verdict on the last page's
		// last item) keeps that form's notice; its last page is shown.
		if pages > 1 {
			v.Set("page", strconv.Itoa(pages))
		}
	case a.bad:
		notice = trf(lang, "paging.bad", raw)
	default:
		notice = trf(lang, "paging.past_end", raw, pages)
		if pages > 1 {
			v.Set("page", strconv.Itoa(pages))
		}
	}
	to := r.URL.Path
	if len(v) > 0 {
		to += "?" + v.Encode()
	}
	back(w, r, to, notice)
	return true
}

func init() {
	for k, m := range pagingMessages {
		messages[k] = m
	}
}

var pagingMessages = map[string]map[Lang]string{
	"paging.past_end": {Chinese: "没有第 %s 页（共 %d 页），下面是最后一页",
		English: "There is no page %s (%d {page|pages} in all); this is the last"},
	"paging.bad": {Chinese: "页码“%s”不是有效的页码（应为 1 或更大的整数），下面是第 1 页",
		English: "“%s” is not a page number (1 or more); this is the first page"},
}
