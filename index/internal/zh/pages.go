package zh

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// pageBreak is the separator of the pages of a document's text
// (index.PageSeparator).
const pageBreak = '\f'

// pageFoot is a page number on the last line of a page, as the 公文
// standard sets it (— 1 —) and as other documents do (- 1 -, ·1·, 第1页,
// 第1页 共3页). A bare number is not taken for one: the last line of a
// page may be a figure of the text.
var pageFoot = regexp.MustCompile(`\n+[ \t]*(?:[-—–―·•][ \t]*[0-9]{1,4}[ \t]*[-—–―·•]|第[ \t]*[0-9]{1,4}[ \t]*页(?:[ \t]*[,，/]?[ \t]*共[ \t]*[0-9]{1,4}[ \t]*页)?)[ \t]*$`)

// pageOfPages is a page number with the number of pages (1/3) on the last
// line of a page. A fraction there may be a figure of the text (2/3 of
// the streets, 活动定于3/15), so it is the page's foot only when its first
// number is the page's own, its second the number of pages of the
// document, and a page beside it has a foot too (1/2 then 2/2): a figure
// that happens to name its page is not taken for one.
var pageOfPages = regexp.MustCompile(`\n+[ \t]*([0-9]{1,4})[ \t]*/[ \t]*([0-9]{1,4})[ \t]*$`)

// FootStart returns the offset in pages[i], the (i+1)-th page of a
// document of len(pages) pages, at which its foot, a page number on a
// line of its own (pageFoot, or pageOfPages naming the page and the
// number of pages when a page beside it has a foot too), begins, or len(pages[i])
// when it has none.
func FootStart(pages []string, i int) int {
	page := pages[i]
	from := lastLines(page)
	if loc := pageFoot.FindStringIndex(page[from:]); loc != nil && from+loc[0] > 0 {
		return from + loc[0]
	}
	if at, ok := ofPages(page, i+1, len(pages)); ok && at > 0 {
		if len(pages) == 1 || i+1 < len(pages) && footed(pages[i+1], i+2, len(pages)) ||
			i > 0 && footed(pages[i-1], i, len(pages)) {
			return at
		}
	}
	return len(page)
}

// lastLines returns the offset of the start of the last 48 bytes of page,
// or of the rune they begin inside: where its foot is looked for.
func lastLines(page string) int {
	from := max(0, len(page)-48)
	for from > 0 && !utf8.RuneStart(page[from]) {
		from--
	}
	return from
}

// footed reports whether page, the number-th of a document of pages
// pages, ends with a page number: number/pages, or another form
// (pageFoot).
func footed(page string, number, pages int) bool {
	if _, ok := ofPages(page, number, pages); ok {
		return true
	}
	return pageFoot.MatchString(page[lastLines(page):])
}

// ofPages reports whether page ends with the line "number/of" (pageOfPages)
// and at which offset it begins.
func ofPages(page string, number, of int) (int, bool) {
	from := lastLines(page)
	m := pageOfPages.FindStringSubmatchIndex(page[from:])
	if m == nil {
		return 0, false
	}
	n, _ := strconv.Atoi(page[from+m[2] : from+m[3]])
	o, _ := strconv.Atoi(page[from+m[4] : from+m[5]])
	return from + m[0], n == number && o == of
}

// pageCut is a page break inside a sentence, with the page number at the
// foot of the page before it: the bytes [from, to) of the text, left out
// so that the words either side of the break meet, as they do either side
// of a line break (extract.Normalize).
type pageCut struct{ from, to int }

// pageCuts returns the page breaks of t (pages joined by '\f') that are
// inside a sentence: the text before the break, or before the page
// number at its foot, and the text after it are not whitespace, and one
// of them is Chinese (or other non-ASCII). Two ASCII sides stay apart, so
// that a figure at the foot of one page does not lengthen a number at the
// head of the next (3 | 2017年).
func pageCuts(t string) []pageCut {
	var cuts []pageCut
	pages := strings.Split(t, string(pageBreak))
	start := 0 // of the page before the break
	for i := 0; i+1 < len(pages); i++ {
		end := start + len(pages[i]) // the break
		foot := start + FootStart(pages, i)
		if foot > start && end+1 < len(t) {
			before, _ := utf8.DecodeLastRuneInString(t[:foot])
			if joinsPages(before, t[end+1:]) {
				cuts = append(cuts, pageCut{from: foot, to: end + 1})
			}
		}
		start = end + 1
	}
	return cuts
}

// joinsPages reports whether a page break between the rune before and the
// text after is inside a sentence (pageCuts).
func joinsPages(before rune, after string) bool {
	r, _ := utf8.DecodeRuneInString(after)
	if unicode.IsSpace(before) || unicode.IsSpace(r) || r == pageBreak {
		return false
	}
	return before >= utf8.RuneSelf || r >= utf8.RuneSelf
}

// joinPages removes from t what pageCuts finds and returns the text
// without it and the function that maps the offset of a byte of that
// text back to t.
func joinPages(t string) (string, func(int) int) {
	if strings.IndexByte(t, pageBreak) < 0 {
		return t, func(i int) int { return i }
	}
	return joinCuts(t, pageCuts(t))
}

// joinCuts removes cuts, in order and apart, from t and returns the text
// without them and the function that maps the offset of a byte of that
// text back to t.
func joinCuts(t string, cuts []pageCut) (string, func(int) int) {
	if len(cuts) == 0 {
		return t, func(i int) int { return i }
	}
	var b strings.Builder
	b.Grow(len(t))
	at := make([]int, len(cuts))   // offsets of the joined text at which a cut was made
	skip := make([]int, len(cuts)) // bytes left out up to and including each cut
	last, n := 0, 0
	for k, c := range cuts {
		b.WriteString(t[last:c.from])
		n += c.to - c.from
		at[k], skip[k] = b.Len(), n
		last = c.to
	}
	b.WriteString(t[last:])
	return b.String(), func(i int) int {
		k := sort.SearchInts(at, i+1)
		if k == 0 {
			return i
		}
		return i + skip[k-1]
	}
}
