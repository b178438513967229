package index

import (
	"context"
	"fmt"
	"maps"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// A phrase both punctuated and with a number typed before its unit
// finds the text that writes the number with trailing zeros and another
// clause mark or none (96.5%，提高到98.2% in 96.50%、提高到98.20%), each
// leniency's precision kept: not 196.50% nor 96.51%, not a clause's
// 3.10, not across a sentence's end; the hit and the document's page
// mark the document's own text.
func TestFlexPhraseWithTrailingZeros(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "other-mark", Pages: []string{"全市市民满意度由96.50%、提高到98.20%，稳步提升。"}},
		{ID: "no-mark", Pages: []string{"全市市民满意度由96.50%提高到98.20%，稳步提升。"}},
		{ID: "as-typed", Pages: []string{"全市市民满意度由96.5%，提高到98.2%，稳步提升。"}},
		{ID: "one-zeros", Pages: []string{"全市市民满意度由96.5%；提高到98.20%，稳步提升。"}},
		{ID: "longer", Pages: []string{"家庭教育指导覆盖由196.50%、提高到98.20%的说法有误。"}},
		{ID: "other-value", Pages: []string{"老年教育参与率由96.51%、提高到98.20%。"}},
		{ID: "sentence", Pages: []string{"参与率为96.50%。提高到98.20%需要三年。"}},
		{ID: "score", Pages: []string{"终身学习综合评分为92.50、较上年提高。"}},
		{ID: "score-joined", Pages: []string{"综合评分为92.50较上年提高。"}},
		{ID: "clause", Pages: []string{"依据办法第3.10条、规定执行。"}},
		{ID: "learners", Pages: []string{"全年参与学习市民12.30万人、2019年13.00万人。"}},
	})
	tests := []struct {
		q    string
		want map[string]string
	}{
		{"96.5%，提高到98.2%", map[string]string{
			"other-mark": "96.50%、提高到98.20%", "no-mark": "96.50%提高到98.20%",
			"as-typed": "96.5%，提高到98.2%", "one-zeros": "96.5%；提高到98.20%"}},
		{"由96.5%、提高", map[string]string{
			"other-mark": "由96.50%、提高", "no-mark": "由96.50%提高", "as-typed": "由96.5%，提高",
			"one-zeros": "由96.5%；提高"}},
		{"评分为92.5，较上年", map[string]string{"score": "评分为92.50、较上年", "score-joined": "评分为92.50较上年"}},
		{"12.3万人，2019年13万人", map[string]string{"learners": "12.30万人、2019年13.00万人"}},
		{"第3.1条，规定", map[string]string{}},
		{"为96.5%，提高到98.2%", map[string]string{}},
	}
	for _, tt := range tests {
		if got := foundBySearch(t, idx, tt.q); !maps.Equal(got, tt.want) {
			t.Errorf("search %q: found %q, want %q", tt.q, got, tt.want)
		}
	}
}

// A phrase copied with more clause marks than zh.MaxFlexJoins takes the
// marks after the first eight as typed: its cost bounded, its first
// places still any mark or none.
func TestFlexPhraseMarksAfterTheCapAsTyped(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "first-eight", Pages: []string{"开展学习，教育，培训，讲座，读书，展览，论坛，比赛，参观、服务、活动。"}},
		{ID: "all-other", Pages: []string{"开展学习，教育，培训，讲座，读书，展览，论坛，比赛，参观，服务，活动。"}},
		{ID: "as-typed", Pages: []string{"开展学习、教育、培训、讲座、读书、展览、论坛、比赛、参观、服务、活动。"}},
	})
	got := foundBySearch(t, idx, "学习、教育、培训、讲座、读书、展览、论坛、比赛、参观、服务、活动")
	want := map[string]string{
		"first-eight": "学习，教育，培训，讲座，读书，展览，论坛，比赛，参观、服务、活动",
		"as-typed":    "学习、教育、培训、讲座、读书、展览、论坛、比赛、参观、服务、活动",
	}
	if !maps.Equal(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
}

// The cap serves the marks a phrase typed before the places where it typed
// none: a sentence copied without commas for eight places and more, then
// with one, still finds the text that has another mark there.
func TestFlexPhraseTypedMarkBeforeTheCap(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "other-mark", Pages: []string{"2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效、市民满意度提高。"}},
		{ID: "as-typed", Pages: []string{"2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效，市民满意度提高。"}},
	})
	got := foundBySearch(t, idx, "2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效，市民满意度提高")
	want := map[string]string{
		"other-mark": "2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效、市民满意度提高",
		"as-typed":   "2024年我市持续推进学分银行建设和社区教育发展工作取得明显成效，市民满意度提高",
	}
	if !maps.Equal(got, want) {
		t.Errorf("found %q, want %q", got, want)
	}
}

// A flexible phrase's matches that overlap record each location once
// (人，人人 in 人人人人: the start 0 is reached from the pair at 1 and
// the one at 2, with a match at 1 between), as the searcher hands them
// on, before Bleve's own dedupe.
func TestFlexPhraseLocationsOnce(t *testing.T) {
	idx := newIndexOf(t, []Document{{ID: "repeat", Pages: []string{"人人人人参与终身学习。"}}})
	sub, _ := substringText("人，人人")
	f, ok := flexOf(sub)
	if !ok {
		t.Fatal("人，人人 is no flexible word")
	}
	ix, err := idx.idx.Advanced()
	if err != nil {
		t.Fatal(err)
	}
	r, err := ix.Reader()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	s, err := newFlexPhraseQuery(f, fieldTextNgram, 1).Searcher(context.Background(), r, nil, search.SearcherOptions{IncludeTermVectors: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(s.DocumentMatchPoolSize(), 0)}
	dm, err := s.Next(sctx)
	if err != nil || dm == nil {
		t.Fatalf("人，人人 not found in 人人人人 (%v)", err)
	}
	seen := map[string]bool{}
	for _, l := range dm.FieldTermLocations {
		key := fmt.Sprintf("%s@%d", l.Term, l.Location.Pos)
		if seen[key] {
			t.Errorf("location %s recorded twice in %v", key, dm.FieldTermLocations)
		}
		seen[key] = true
	}
}
