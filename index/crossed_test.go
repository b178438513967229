package index

import (
	"slices"
	"strings"
	"testing"
)

// TestCrossedWordsAsSubstrings: a dictionary word of two or three
// characters that the text's segmentation crossed is not found as a word
// but is as a substring (Term.Substring), and a query with Unless counts
// exactly the documents its substrings find beyond the words; as a word,
// 市长 still does not find 南京市长江大桥.
func TestCrossedWordsAsSubstrings(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "jianquan", Pages: []string{"建立健全市、区(县)、街道(乡镇)、社区(村)四级社区教育网络，推进终身学习，建设学习型城市。"}},
		{ID: "daqiao", Pages: []string{"南京市长江大桥是市民晨练的去处。"}},
		{ID: "shizhang", Pages: []string{"市长出席全民终身学习活动周开幕式。"}},
		{ID: "quxian", Pages: []string{"各区县人民政府要推动线上线下学习资源融合共享。"}},
		{ID: "zhongxiaoxue", Pages: []string{"全市中小学生参加研学旅行。"}},
	})
	tests := []struct {
		word              string
		crossable         bool
		asWord, substring []string
	}{
		{"健全", true, nil, []string{"jianquan"}},
		{"市长", true, []string{"shizhang"}, []string{"daqiao", "shizhang"}},
		{"区县", true, nil, []string{"quxian"}},
		{"线下", true, nil, []string{"quxian"}},
		{"中小学", true, nil, []string{"zhongxiaoxue"}},
		{"终身学习", false, []string{"jianquan", "shizhang"}, []string{"jianquan", "shizhang"}},
		{"学习型城市", false, []string{"jianquan"}, []string{"jianquan"}},
	}
	for _, tt := range tests {
		if got := IsCrossableWord(tt.word); got != tt.crossable {
			t.Errorf("IsCrossableWord(%q) = %v, want %v", tt.word, got, tt.crossable)
		}
		asWord := Query{Clauses: terms(tt.word), Size: 10}
		substring := Query{Clauses: []Clause{{Any: []Term{{Text: tt.word, Substring: true}}}}, Size: 10, WithText: true}
		beyond := substring
		beyond.Unless = &asWord
		for _, c := range []struct {
			name string
			q    Query
			want []string
		}{
			{"as a word", asWord, tt.asWord},
			{"as a substring", substring, tt.substring},
			{"as a substring unless as a word", beyond, without(tt.substring, tt.asWord)},
		} {
			res, err := idx.Search(t.Context(), c.q)
			if err != nil {
				t.Fatalf("search %q %s: %v", tt.word, c.name, err)
			}
			got := ids(res)
			slices.Sort(got)
			if !slices.Equal(got, c.want) || res.Total != uint64(len(c.want)) {
				t.Errorf("search %q %s: got %v (total %d), want %v", tt.word, c.name, got, res.Total, c.want)
			}
			for _, h := range res.Hits {
				if c.q.WithText && !marks(h, tt.word) {
					t.Errorf("search %q %s: %s has no span on the word: %+v", tt.word, c.name, h.ID, h.Spans)
				}
			}
		}
	}
}

// without is the IDs of all that are not in some, in order.
func without(all, some []string) []string {
	var out []string
	for _, id := range all {
		if !slices.Contains(some, id) {
			out = append(out, id)
		}
	}
	return out
}

// marks reports whether h's spans (a substring's are its pairs) cover
// word where its first page holds it.
func marks(h Hit, word string) bool {
	if len(h.Pages) == 0 {
		return false
	}
	at := strings.Index(h.Pages[0], word)
	if at < 0 {
		return false
	}
	covered := at
	for _, s := range h.Spans {
		if s.Page == 1 && s.Start <= covered && s.End > covered {
			covered = s.End
		}
	}
	return covered >= at+len(word)
}
