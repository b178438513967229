package documents

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// Found is where a string occurs in a document's text, page by page.
type Found struct {
	// Query is the string looked for, normalised as the text is; it is
	// matched without its whitespace, as the text is (findIn).
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

// Shown is the page's occurrence as the document page shows its text:
// punctuation next to Chinese full-width (catalog.ShownForm), judged in
// the snippet as a whole, so a comma matched between two Chinese words
// ("人民政府,市政府") is widened as it reads there, not alone. ShownForm
// changes runes one for one, so the widened snippet is cut again by the
// pieces' rune counts.
func (p FoundPage) Shown() FoundPage {
	shown := []rune(catalog.ShownForm(p.Before + p.Match + p.After))
	b, m := utf8.RuneCountInString(p.Before), utf8.RuneCountInString(p.Match)
	p.Before, p.Match, p.After = string(shown[:b]), string(shown[b:b+m]), string(shown[b+m:])
	return p
}

// MaxFindRunes is the longest text Find looks for, as long as a search's
// query may be: each request walks the whole stored text with it.
const MaxFindRunes = 200

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
	if n := utf8.RuneCountInString(q); n > MaxFindRunes {
		return nil, catalog.FieldErrorf("find", catalog.EINVALID, "要查找的文字过长（%d 字，最多 %d 字），请精简后再试", n, MaxFindRunes)
	}
	norm := extract.Normalize(q)
	needle := squeezeString(norm)
	if needle == "" {
		return nil, catalog.FieldErrorf("find", catalog.EINVALID, "请输入要在文件中查找的文字")
	}
	tp, err := ingest.OpenTextPages(ctx, s.blobs, d.SHA256)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	defer tp.Close()
	f := &Found{Query: norm}
	if err := findIn(tp, []byte(needle), f); err != nil {
		return nil, fmt.Errorf("find in the text of %s: %w", d.ID, err)
	}
	// What was found is of the text recorded, however many pages were
	// listed: a version not checked before is read to its end and
	// checked before its occurrences are shown (ingest.VerifiedTexts).
	if err := tp.Verify(); err != nil {
		return nil, fmt.Errorf("find in the text of %s: %w", d.ID, err)
	}
	return f, nil
}

// findIn reads tp's pages in parts of PartBytes, each after the tail of
// the one before it (so that an occurrence across their edge is found),
// and records where needle occurs. The text is matched as a reader sees
// it: whitespace and the characters that show nothing (a PDF's 学分\n银行,
// 学\u200b分) do not part a phrase; the occurrence is the span of the text
// from its first character to its last, line breaks and all.
func findIn(tp *ingest.TextPages, needle []byte, f *Found) error {
	cut := index.NewCutCounter()
	var sc squeezed
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
			sc.squeeze(buf)
			for {
				at, end := sc.index(needle, resume)
				if at < 0 {
					break
				}
				resume = end
				if page == nil {
					// An occurrence across the edge is in the part where
					// it starts, as the page shows it.
					part := k
					if at < start {
						part = k - 1
					}
					page = &FoundPage{Page: n, Part: part, Unindexed: end > unindexed}
					page.Before, page.Match, page.After = snippet(buf, at, end-at)
				}
				page.Count++
			}
			// Keep enough of the part's end, from a character's start, for
			// an occurrence across the edge (however much whitespace it
			// holds) and the text before it.
			keep := min(len(buf)-snippetBytes, sc.tailFrom(len(needle)-1))
			keep = max(keep, 0)
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

// squeezed is a text without its whitespace and invisible characters
// (kept), and where each of its bytes is in the text (at): a string is
// looked for in it and found as the span of the text it covers.
type squeezed struct {
	kept []byte
	at   []int32
	size int // the text's
}

// skipped reports whether find passes over r: whitespace, and the
// characters that show nothing (catalog.IsInvisible).
func skipped(r rune) bool { return unicode.IsSpace(r) || catalog.IsInvisible(r) }

// squeezeString is s without what find passes over.
func squeezeString(s string) string {
	return strings.Map(func(r rune) rune {
		if skipped(r) {
			return -1
		}
		return r
	}, s)
}

// squeeze makes sc the squeezed form of b.
func (sc *squeezed) squeeze(b []byte) {
	sc.kept, sc.at, sc.size = sc.kept[:0], sc.at[:0], len(b)
	for i := 0; i < len(b); {
		r, size := rune(b[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRune(b[i:])
		}
		if !skipped(r) {
			for j := i; j < i+size; j++ {
				sc.kept = append(sc.kept, b[j])
				sc.at = append(sc.at, int32(j))
			}
		}
		i += size
	}
}

// index returns the span of the text of the first occurrence of needle
// (squeezed, not empty) that starts at or after from, an offset of the
// text; -1 when there is none.
func (sc *squeezed) index(needle []byte, from int) (start, end int) {
	k, _ := slices.BinarySearch(sc.at, int32(from))
	j := bytes.Index(sc.kept[k:], needle)
	if j < 0 {
		return -1, -1
	}
	i := k + j
	return int(sc.at[i]), int(sc.at[i+len(needle)-1]) + 1
}

// tailFrom is the offset of the text from which it holds its last n kept
// bytes (the text's end when n is 0, its first kept byte when it has no
// more than n).
func (sc *squeezed) tailFrom(n int) int {
	if n <= 0 || len(sc.at) == 0 {
		return sc.size
	}
	return int(sc.at[max(len(sc.at)-n, 0)])
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
