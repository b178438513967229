package index

import "testing"

// TestSearchRecutWords: a dictionary word that the text's segmentation
// cut otherwise, where it could have cut around it, is found (几十万 in
// 几十|万人次, which is 几十万|人次), while a word across a place where
// the text cannot be cut is not (市长 in 南京市|长江大桥, 和尚 in 和|尚未,
// 研究生 in 研究|生命, 作者 in 教育工作者).
func TestSearchRecutWords(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "tens", Pages: []string{"各类学习活动覆盖几十万人次。"}},
		{ID: "bridge", Pages: []string{"南京市长江大桥于1968年建成通车。"}},
		{ID: "notyet", Pages: []string{"我和尚未报名的居民联系。"}},
		{ID: "life", Pages: []string{"开展研究生命科学的科普讲座。"}},
		{ID: "workers", Pages: []string{"表彰社区教育工作者。"}},
	})
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"几十万", []string{"tens"}},
		{"几十万人次", []string{"tens"}},
		{"覆盖几十万", []string{"tens"}},
		{"几十", []string{"tens"}},
		{"市长", nil},
		{"长江", []string{"bridge"}},
		{"和尚", nil},
		{"研究生", nil},
		{"作者", nil},
	} {
		checkSearch(t, idx, tt.q, tt.want)
	}
}
