package search

import (
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// Shape of highlighted fragments.
const (
	maxFragments   = 3
	contextBefore  = 30  // runes shown before the first match of a fragment
	fragmentLength = 120 // runes in a fragment
)

// Fragment is a highlighted passage: HTML-escaped text in which only the
// <mark> tags are markup, and the page it is on (1-based).
type Fragment struct {
	Page int    `json:"page"`
	HTML string `json:"html"`
}

type window struct {
	page       int
	start, end int // byte offsets in the page
	spans      []index.Span
	score      int
}

// buildFragments picks up to three passages around the matched words,
// preferring passages with more distinct matched words, and returns them in
// document order. Adjacent marks are merged (gse marks 学分 and 银行
// separately). A passage begins and ends at clause marks where it can and
// never cuts a word, a number with its unit or a 文号 (boundaries.go).
func buildFragments(pages []string, spans []index.Span) []Fragment {
	return buildFragmentsFor(pages, spans, nil)
}

// buildFragmentsFor is buildFragments for words that hold the numbers
// want: a mark that would cut a number takes it whole when it is one of
// them, else leaves it out (wholeNumbers).
func buildFragmentsFor(pages []string, spans []index.Span, want numberSet) []Fragment {
	wins := windowsFor(pages, spans, want)
	if wins == nil {
		return leadFragment(pages)
	}
	out := make([]Fragment, len(wins))
	for i, w := range wins {
		out[i] = Fragment{Page: w.page, HTML: renderWindow(pages[w.page-1], w)}
	}
	return out
}

// windowsFor are the windows of the passages buildFragmentsFor shows, in
// the order it shows them; nil when no span is left to show.
func windowsFor(pages []string, spans []index.Span, want numberSet) []window {
	spans = closeBrackets(pages, mergeSpans(wholeNumbers(pages, spans, want)))
	if len(spans) == 0 {
		return nil
	}
	var wins []window
	for i := 0; i < len(spans); {
		sp := spans[i]
		text := pages[sp.Page-1]
		w := window{page: sp.Page, start: fragmentStart(text, sp.Start)}
		w.end = fragmentEnd(text, w.start, sp.End)
		distinct := map[string]bool{}
		for i < len(spans) && spans[i].Page == sp.Page && spans[i].End <= w.end {
			w.spans = append(w.spans, spans[i])
			distinct[text[spans[i].Start:spans[i].End]] = true
			i++
		}
		w.score = len(distinct)
		wins = append(wins, w)
	}
	sort.SliceStable(wins, func(i, j int) bool { return wins[i].score > wins[j].score })
	wins = wins[:min(len(wins), maxFragments)]
	sort.Slice(wins, func(i, j int) bool {
		if wins[i].page != wins[j].page {
			return wins[i].page < wins[j].page
		}
		return wins[i].start < wins[j].start
	})
	return wins
}

// leadFragment is the opening of the first non-empty page, for hits that
// matched on the title or on filters only.
func leadFragment(pages []string) []Fragment {
	for i, p := range pages {
		if strings.TrimSpace(p) != "" {
			w := window{page: i + 1, end: fragmentEnd(p, 0, 0)}
			return []Fragment{{Page: i + 1, HTML: renderWindow(p, w)}}
		}
	}
	return nil
}

func renderWindow(text string, w window) string {
	var b strings.Builder
	// Room for the window, its marks made full width, its highlights
	// and the ellipses, so that the fragment is written in one piece.
	b.Grow((w.end-w.start)*5/4 + len(w.spans)*len("<mark></mark>") + 2*len("…"))
	if w.start > 0 {
		b.WriteString("…")
	}
	// The window's punctuation as the document wrote it
	// (catalog.ShownText), made once and cut at the highlights.
	shown := catalog.NewShownText(text, w.start, w.end)
	for _, sp := range w.spans {
		writeEscaped(&b, shown.Next(sp.Start))
		b.WriteString("<mark>")
		writeEscaped(&b, shown.Next(sp.End))
		b.WriteString("</mark>")
	}
	writeEscaped(&b, shown.Next(w.end))
	if w.end < len(text) {
		b.WriteString("…")
	}
	return b.String()
}

// writeEscaped writes s to b HTML-escaped as html.EscapeString escapes
// it, each line break a space, without a string of its own.
func writeEscaped(b *strings.Builder, s string) {
	for {
		i := strings.IndexAny(s, "\n<>&'\"")
		if i < 0 {
			b.WriteString(s)
			return
		}
		b.WriteString(s[:i])
		switch s[i] {
		case '\n':
			b.WriteByte(' ')
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\'':
			b.WriteString("&#39;")
		case '"':
			b.WriteString("&#34;")
		}
		s = s[i+1:]
	}
}

// mergeSpans sorts spans and joins those that overlap or touch on a page.
func mergeSpans(spans []index.Span) []index.Span {
	s := append([]index.Span(nil), spans...)
	sort.Slice(s, func(i, j int) bool {
		if s[i].Page != s[j].Page {
			return s[i].Page < s[j].Page
		}
		return s[i].Start < s[j].Start
	})
	var out []index.Span
	for _, sp := range s {
		if n := len(out); n > 0 && out[n-1].Page == sp.Page && sp.Start <= out[n-1].End {
			out[n-1].End = max(out[n-1].End, sp.End)
			continue
		}
		out = append(out, sp)
	}
	return out
}

func backRunes(s string, off, n int) int {
	for ; n > 0 && off > 0; n-- {
		_, size := utf8.DecodeLastRuneInString(s[:off])
		off -= size
	}
	return off
}

func forwardRunes(s string, off, n int) int {
	for ; n > 0 && off < len(s); n-- {
		_, size := utf8.DecodeRuneInString(s[off:])
		off += size
	}
	return off
}
