package search

import (
	"context"
	"slices"
	"testing"
)

// TestTextSuggestionsAreKeptPerTextAndTitle: a text's suggestions are
// ranked once and kept; the next call reads no text, leaves out the
// indicators linked since and gives what ranking afresh gives; another
// title is ranked anew.
func TestTextSuggestionsAreKeptPerTextAndTitle(t *testing.T) {
	svc := newDemoService(t)
	ctx := context.Background()
	text := []string{"第一页", "建立宁波市学分银行，推进学分积累与转换，开展学习成果认证。建设社区学校和老年大学。"}
	reads := 0
	pages := func() ([]string, func(), error) {
		reads++
		return text, nil, nil
	}
	const title = "宁波市学分银行建设实施办法"
	first, err := svc.TextSuggestions(ctx, "sha-a", title, "330100", pages, nil, 5)
	if err != nil || len(first) < 2 {
		t.Fatalf("first ranking: %+v, %v; want two or more", first, err)
	}
	skip := []string{first[0].Code}
	kept, err := svc.TextSuggestions(ctx, "sha-a", title, "330100", pages, skip, 5)
	if err != nil {
		t.Fatal(err)
	}
	fresh, err := svc.SuggestIndicators(ctx, "330100", title, text, skip, 5)
	if err != nil {
		t.Fatal(err)
	}
	if reads != 1 {
		t.Errorf("the text was read %d times for two rankings of it, want once", reads)
	}
	codes := func(sugs []Suggestion) (out []string) {
		for _, s := range sugs {
			c := s.Code
			if s.Passage != nil {
				c += "@" + s.Passage.HTML
			}
			out = append(out, c)
		}
		return out
	}
	if !slices.Equal(codes(kept), codes(fresh)) || slices.ContainsFunc(kept, func(s Suggestion) bool { return s.Code == skip[0] }) {
		t.Errorf("kept, with %s linked: %q; ranked afresh: %q", skip[0], codes(kept), codes(fresh))
	}
	if _, err := svc.TextSuggestions(ctx, "sha-a", "另一个标题", "330100", pages, nil, 5); err != nil || reads != 2 {
		t.Errorf("another title: %v, %d reads; want it ranked anew", err, reads)
	}
}
