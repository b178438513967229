package index

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestCutAt(t *testing.T) {
	for _, tc := range []struct {
		name     string
		pages    []string
		max      int
		wantText string
		want     IndexCut
	}{
		{"under the bound", []string{"学分银行", "社区教育"}, 10, "学分银行\f社区教育", IndexCut{}},
		{"exactly the bound", []string{"学分银行", "社区教育"}, 8, "学分银行\f社区教育", IndexCut{}},
		{"whitespace not counted", []string{"学 分\n银 行", "社 区"}, 6, "学 分\n银 行\f社 区", IndexCut{}},
		{"cut inside the second page", []string{"学分银行", "社区教育学院"}, 6, "学分银行\f社区", IndexCut{Page: 2}},
		{"cut at a page's end leaves the next page out", []string{"学分", "银行"}, 2, "学分\f", IndexCut{Page: 2}},
		{"table separators counted", []string{"| | | |"}, 2, "| | ", IndexCut{Page: 1}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Join(tc.pages, PageSeparator)
			end, _, cut := cutAt(text, tc.max)
			if text[:end] != tc.wantText || cut != tc.want {
				t.Errorf("cutAt = %q, %+v; want %q, %+v", text[:end], cut, tc.wantText, tc.want)
			}
			if got := cutOf(tc.pages, tc.max); got != tc.want {
				t.Errorf("cutOf = %+v, want %+v", got, tc.want)
			}
			// Counted part by part, a character at a time, as a page is
			// streamed from its stored blob.
			c := &CutCounter{left: tc.max}
			at := ""
			for i, p := range tc.pages {
				for _, r := range p {
					if c.Add(i+1, []byte(string(r))) == 0 {
						at = string(r)
					}
				}
			}
			if want := strings.TrimPrefix(text, tc.wantText); want != "" && !strings.HasPrefix(strings.TrimLeft(want, PageSeparator), at) || want != "" && at == "" {
				t.Errorf("CutCounter cut before %q, want before the start of %q", at, want)
			}
			if got := c.Cut(); got != tc.want || c.Found() != (tc.want.Page > 0) {
				t.Errorf("CutCounter = %+v (found %v), want %+v", got, c.Found(), tc.want)
			}
		})
	}
}

// TestLongDocumentIndexedUpToTheBound indexes a document longer than the
// bound (lowered for the test): words before the cut are found, with
// their page, and words after it are not; a hit carries only the indexed
// text, which every search that finds it inflates.
func TestLongDocumentIndexedUpToTheBound(t *testing.T) {
	defer func(n int) { indexedChars = n }(indexedChars)
	indexedChars = 200
	filler := strings.Repeat("推进学习型城市建设工作。", 10) // 120 characters
	doc := Document{ID: "yearbook", Title: "统计年鉴摘录", City: "330100", Pages: []string{
		filler + "共举办老年大学讲座342场。",
		filler + "学分银行累计存入学分。",
	}}
	if cut := CutOf(doc.Pages); cut.Page != 2 {
		t.Fatalf("CutOf = %+v, want page 2", cut)
	}
	if cut := CutOf(doc.Pages[:1]); cut.Page != 0 {
		t.Fatalf("CutOf the first page alone = %+v, want none", cut)
	}
	idx := newIndexOf(t, []Document{doc})
	res, err := idx.Search(context.Background(), Query{Clauses: terms("老年大学"), Size: 10, WithText: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Hits) != 1 || len(res.Hits[0].Spans) == 0 || res.Hits[0].Spans[0].Page != 1 {
		t.Fatalf("a word before the cut: %+v, want the document with a span on page 1", res.Hits)
	}
	if got := res.Hits[0].Pages; len(got) != 2 || !strings.HasPrefix(doc.Pages[1], got[1]) || strings.Contains(got[1], "学分银行") {
		t.Errorf("the hit's text %q, want the indexed text only, cut on page 2", got)
	}
	for _, word := range []string{"学分银行", "累计存入"} {
		res, err := idx.Search(context.Background(), Query{Clauses: terms(word), Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Hits) != 0 {
			t.Errorf("%s, after the cut, was found: the index holds more than the bound", word)
		}
	}
}

// TestCutDocumentsAreCounted: a search can keep only the documents the
// index took in part (Filter.Cut), with or without words, so that it can
// say how many it may have missed; a document within the bound is not
// among them.
func TestCutDocumentsAreCounted(t *testing.T) {
	defer func(n int) { indexedChars = n }(indexedChars)
	indexedChars = 200
	filler := strings.Repeat("推进学习型城市建设工作。", 20) // 240 characters
	idx := newIndexOf(t, []Document{
		{ID: "long", Title: "统计年鉴", City: "330100", Pages: []string{filler, "学分银行累计存入学分。"}},
		{ID: "short", Title: "工作总结", City: "330100", Pages: []string{"推进学习型城市建设工作。学分银行。"}},
		{ID: "other", Title: "年鉴", City: "330200", Pages: []string{filler}},
	})
	for _, tc := range []struct {
		name string
		q    Query
		want string
	}{
		{"every cut document", Query{Filter: Filter{Cut: true}, Size: 10}, "[long other]"},
		{"in one city", Query{Filter: Filter{Cut: true, Cities: []string{"330100"}}, Size: 10}, "[long]"},
		{"with a word before the cut", Query{Clauses: terms("学习型城市"), Filter: Filter{Cut: true}, Size: 10}, "[long other]"},
		{"with a word past the cut", Query{Clauses: terms("学分银行"), Filter: Filter{Cut: true}, Size: 10}, "[]"},
		{"without the filter", Query{Clauses: terms("学分银行"), Size: 10}, "[short]"},
	} {
		res, err := idx.Search(context.Background(), tc.q)
		if err != nil {
			t.Fatal(err)
		}
		var ids []string
		for _, h := range res.Hits {
			ids = append(ids, h.ID)
		}
		slices.Sort(ids)
		if got := fmt.Sprint(ids); got != tc.want {
			t.Errorf("%s: %v, want %s", tc.name, ids, tc.want)
		}
	}
}
