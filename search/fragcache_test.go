package search

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

func TestFragmentCache(t *testing.T) {
	q := index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: "学分银行"}}}}, Size: 10}
	old := []string{"杭州市推进学分银行建设，成效显著。"}
	changed := []string{"宁波市学分银行试点，另有新意。"}
	span := func(page string) []index.Span {
		i := strings.Index(page, "学分银行")
		return []index.Span{{Page: 1, Start: i, End: i + len("学分银行")}}
	}
	html := func(f []Fragment) string {
		var b strings.Builder
		for _, x := range f {
			b.WriteString(x.HTML)
		}
		return b.String()
	}
	var c fragmentCache
	tests := []struct {
		name   string
		before uint64
		pages  []string
		want   string
	}{
		{"first search builds", 1, old, "成效显著"},
		{"same query, index unchanged: kept passages", 1, changed, "成效显著"},
		{"index changed: built anew", 2, changed, "另有新意"},
		{"a search at an older generation is not answered from the newer", 1, old, "成效显著"},
		{"nor kept over it", 2, old, "另有新意"},
	}
	for _, tt := range tests {
		got := html(c.builder(q, tt.before)("d1", tt.pages, span(tt.pages[0])))
		if !strings.Contains(got, tt.want) {
			t.Errorf("%s: %s, want %s", tt.name, got, tt.want)
		}
	}
}
