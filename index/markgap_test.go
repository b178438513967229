package index

import (
	"context"
	"maps"
	"testing"
)

// A string that runs over a line break or a paragraph end after a clause
// mark (1,200人。 at a line's end, 优化 on the next, as a PDF or a DOCX
// gives it) is found as the reader sees it, without the break, and
// marked whole on its own page, by the hit and by the document's page
// alike; whitespace without a mark (a heading over its next line, two
// paragraphs) still parts the text.
func TestSubstringAcrossABreakAfterAMark(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "pdf", Pages: []string{"前言。", "一、基本情况\n各街道加强1,200人。\n优化文化礼堂布局;\n推进学习。", "附件。"}},
		{ID: "docx", Pages: []string{"学员达到1,200人。\n\n另外优化文化礼堂。"}},
		{ID: "heading", Pages: []string{"二、主要指标\n2023年完成培训1,200人\n\n优化布局"}},
	})
	tests := []struct {
		q    string
		want map[string]string
	}{
		{"1,200人。优化", map[string]string{"pdf": "1,200人。\n优化"}},
		{"人。优化", map[string]string{"pdf": "人。\n优化"}},
		{"布局;推进", map[string]string{"pdf": "布局;\n推进"}},
		{"布局；推进", map[string]string{"pdf": "布局;\n推进"}},
		{"人。另外优化", map[string]string{"docx": "人。\n\n另外优化"}},
		{"主要指标2023年", map[string]string{}},
		{"1,200人优化", map[string]string{}},
	}
	for _, tt := range tests {
		if got := foundBySearch(t, idx, tt.q); !maps.Equal(got, tt.want) {
			t.Errorf("search %q: found %q, want %q", tt.q, got, tt.want)
		}
	}
	res, err := idx.Search(context.Background(), Query{Clauses: terms("人。优化"), Size: 10, WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || len(res.Hits[0].Spans) == 0 {
		t.Fatalf("search 人。优化: hits %+v, want pdf with its marks", res.Hits)
	}
	for _, h := range res.Hits {
		for _, sp := range h.Spans {
			if sp.Page != 2 {
				t.Errorf("search 人。优化: %s marked on page %d at %d:%d, want page 2", h.ID, sp.Page, sp.Start, sp.End)
			}
		}
	}
}
