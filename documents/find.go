package documents

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// Found is where a string occurs in a document's text, page by page.
type Found struct {
	// Query is the string looked for, normalised as the text is.
	Query string
	Pages []FoundPage
	// Total counts the occurrences on the pages listed; More says the
	// search stopped after MaxFoundPages pages.
	Total int
	More  bool
}

// FoundPage is a page on which the string occurs.
type FoundPage struct {
	// Page and Part locate the first occurrence (Part as the document
	// page shows a long page, in parts of PartBytes).
	Page, Part int
	Count      int
	// Before, Match and After are the first occurrence with some words
	// either side.
	Before, Match, After string
	// Unindexed: the occurrence lies past where the text leaves the
	// index, so search does not find it.
	Unindexed bool
}

// MaxFoundPages is the most pages Find lists.
const MaxFoundPages = 200

// snippetBytes is how much text a FoundPage shows either side.
const snippetBytes = 60

// Find looks for q in a document's text as stored, page by page, as a
// reader's find-in-page does: a plain string, not search's words, and in
// the whole text, past where the index stops too. The text is read from
// its blob as a stream, a part at a time. An empty q is EINVALID.
func (s *Service) Find(ctx context.Context, u *catalog.User, id, q string) (*Found, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := textReady(d); err != nil {
		return nil, err
	}
	norm := extract.Normalize(q)
	if norm == "" {
		return nil, catalog.FieldErrorf("find", catalog.EINVALID, "请输入要在文件中查找的文字")
	}
	tp, err := ingest.OpenTextPages(ctx, s.blobs, d.SHA256)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	defer tp.Close()
	f := &Found{Query: norm}
	if err := findIn(tp, []byte(norm), f); err != nil {
		return nil, fmt.Errorf("find in the text of %s: %w", d.ID, err)
	}
	return f, nil
}

// findIn reads tp's pages in parts of PartBytes, each after the tail of
// the one before it (so that an occurrence across their edge is found),
// and records where needle occurs.
func findIn(tp *ingest.TextPages, needle []byte, f *Found) error {
	cut := index.NewCutCounter()
	buf := make([]byte, 0, PartBytes+max(len(needle), snippetBytes)+utf8.UTFMax)
	for tp.Next() {
		n := tp.PageNumber()
		var page *FoundPage
		// resume is where in buf the next occurrence may start: past the
		// last one counted, so that none is counted twice.
		buf, resume := buf[:0], 0
		for k := 1; ; k++ {
			cutBefore := cut.Found()
			var err error
			start := len(buf)
			if buf, err = tp.Chunk(buf, PartBytes); err == io.EOF {
				break
			} else if err != nil {
				return err
			}
			// Past this offset in buf, the index does not take the text.
			unindexed := len(buf) + 1
			if cutBefore {
				unindexed = 0
			} else if at := cut.Add(n, buf[start:]); at >= 0 {
				unindexed = start + at
			}
			for resume < len(buf) {
				j := bytes.Index(buf[resume:], needle)
				if j < 0 {
					break
				}
				at := resume + j
				resume = at + len(needle)
				if page == nil {
					// An occurrence across the edge is in the part where
					// it starts, as the page shows it.
					part := k
					if at < start {
						part = k - 1
					}
					page = &FoundPage{Page: n, Part: part, Unindexed: at+len(needle) > unindexed}
					page.Before, page.Match, page.After = snippet(buf, at, len(needle))
				}
				page.Count++
			}
			// Keep enough of the part's end, from a character's start, for
			// an occurrence across the edge and the text before it.
			keep := max(len(buf)-max(len(needle)-1, snippetBytes), 0)
			for keep > 0 && keep < len(buf) && !utf8.RuneStart(buf[keep]) {
				keep--
			}
			resume = max(resume-keep, 0)
			buf = buf[:copy(buf, buf[keep:])]
		}
		if page != nil {
			f.Pages = append(f.Pages, *page)
			f.Total += page.Count
			if len(f.Pages) == MaxFoundPages {
				f.More = tp.Next()
				return tp.Err()
			}
		}
	}
	return tp.Err()
}

// snippet is the occurrence of n bytes at at in b with some text either
// side, cut at characters' edges.
func snippet(b []byte, at, n int) (before, match, after string) {
	from := max(at-snippetBytes, 0)
	for from > 0 && !utf8.RuneStart(b[from]) {
		from--
	}
	to := min(at+n+snippetBytes, len(b))
	for to < len(b) && !utf8.RuneStart(b[to]) {
		to++
	}
	clean := func(s []byte) string { return strings.TrimSpace(string(s)) }
	return clean(b[from:at]), string(b[at : at+n]), clean(b[at+n : to])
}
