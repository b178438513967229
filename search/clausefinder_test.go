package search

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index"
)

// markPassageClauseByClause is markPassage as it was before clauseFinder:
// each page with a match read once for each clause of the passage.
func markPassageClauseByClause(p *Passage, pages []string, spans []index.Span) []index.Span {
	if p == nil || len(spans) == 0 {
		return spans
	}
	margin := 0
	for _, c := range p.marked {
		margin += len(c) + utf8.UTFMax
	}
	type bounds struct{ lo, hi int }
	near := map[int]bounds{}
	for _, sp := range spans {
		b, ok := near[sp.Page]
		if !ok {
			b = bounds{sp.Start, sp.End}
		}
		near[sp.Page] = bounds{min(b.lo, sp.Start), max(b.hi, sp.End)}
	}
	out := slices.Clone(spans)
	for page, b := range near {
		text := pages[page-1]
		lo, hi := max(b.lo-margin, 0), min(b.hi+margin, len(text))
		for _, c := range p.marked {
			for at := lo; at < hi; {
				i := strings.Index(text[at:hi], c)
				if i < 0 {
					break
				}
				out = append(out, index.Span{Page: page, Start: at + i, End: at + i + len(c)})
				at += i + len(c)
			}
		}
	}
	return out
}

// sortedSpans is spans in order of page, start and end.
func sortedSpans(spans []index.Span) []index.Span {
	s := slices.Clone(spans)
	slices.SortFunc(s, func(a, b index.Span) int {
		if a.Page != b.Page {
			return a.Page - b.Page
		}
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return s
}

// TestClauseFinderMarksAsClauseByClause: the passage's clauses are marked
// in one pass at the very places that looking for each in turn marked:
// on a 100-page report whose pages name its stock clauses, with a clause
// said twice in a row (设计了规范的统计监测数据台账 twice, found apart),
// one inside another and one running past the page's window; and the
// passages built from them are the same.
func TestClauseFinderMarksAsClauseByClause(t *testing.T) {
	pages, passage := longDocumentPassage(t)
	pages[3] += "设计了规范的统计监测数据台账设计了规范的统计监测数据台账，严格把关数据质量严格把关数据质量。"
	p, err := parseQuery(passage)
	if err != nil || p.passage == nil {
		t.Fatalf("the passage is not read as one: %v", err)
	}
	var spans []index.Span
	for n, page := range pages {
		for _, w := range []string{"全国学习型城市", "监测工作", "数据台账", "严格把关"} {
			for at := 0; ; {
				i := strings.Index(page[at:], w)
				if i < 0 {
					break
				}
				spans = append(spans, index.Span{Page: n + 1, Start: at + i, End: at + i + len(w)})
				at += i + len(w)
			}
		}
	}
	got, want := sortedSpans(p.passage.markPassage(pages, spans)), sortedSpans(markPassageClauseByClause(p.passage, pages, spans))
	if len(got) <= len(spans) {
		t.Fatalf("no clause of the passage marked beyond the %d spans searched", len(spans))
	}
	if !slices.Equal(got, want) {
		t.Errorf("one pass marks %d places, clause by clause %d: they differ", len(got), len(want))
	}
	numbers := termNumbers(p.clauses)
	if a, b := buildFragmentsFor(pages, got, numbers), buildFragmentsFor(pages, want, numbers); !slices.Equal(a, b) {
		t.Errorf("passages %v, want %v", a, b)
	}
	// A window that ends inside a clause does not mark it.
	f := newClauseFinder([]string{"严格把关数据质量"})
	text := "建立业务制度，严格把关数据质量"
	if got := f.appendPlaces(nil, 1, text, 0, len(text)-1); len(got) != 0 {
		t.Errorf("a clause cut by the window's end is marked: %v", got)
	}
}

// BenchmarkMarkPassageOnePassOrClauseByClause is BenchmarkMarkPassage-
// LongDocument for the clauses found in one pass and each in turn, side by
// side, their CPU time reported (the machine is shared).
func BenchmarkMarkPassageOnePassOrClauseByClause(b *testing.B) {
	p, h := longDocumentHit(b)
	for _, tt := range []struct {
		name string
		mark func(*Passage, []string, []index.Span) []index.Span
	}{
		{"clause by clause", markPassageClauseByClause},
		{"one pass", (*Passage).markPassage},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				tt.mark(p, h.Pages, h.Spans)
			}
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
