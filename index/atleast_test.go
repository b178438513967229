package index

import (
	"context"
	"slices"
	"testing"
)

// TestClauseAtLeast: a clause with AtLeast matches the documents that
// hold at least that many of its terms, not those holding one alone.
func TestClauseAtLeast(t *testing.T) {
	idx := newTestIndex(t)
	terms := []Term{{Text: "推进学习型城市建设", Substring: true}, {Text: "学习成果认证与学分转换", Substring: true},
		{Text: "四级网络体系", Substring: true}, {Text: "社区学校调研", Substring: true}}
	tests := []struct {
		atLeast int
		want    []string
	}{
		{0, []string{"bank", "changsha", "mayor"}},
		{1, []string{"bank", "changsha", "mayor"}},
		{2, []string{"bank"}},
		{3, nil},
		{9, nil},
	}
	for _, tt := range tests {
		res, err := idx.Search(context.Background(), Query{Clauses: []Clause{{Any: terms, AtLeast: tt.atLeast}}, Size: 10})
		if err != nil {
			t.Fatal(err)
		}
		if got := ids(res); !slices.Equal(got, tt.want) {
			t.Errorf("at least %d of %d terms: found %v, want %v", tt.atLeast, len(terms), got, tt.want)
		}
	}
}
