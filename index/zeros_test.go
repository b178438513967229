package index

import (
	"maps"
	"testing"
)

// A year in Chinese numerals is found whichever sign of zero the document
// or the query writes it with, and marked as the document writes it.
func TestYearZerosWrittenAnyWay(t *testing.T) {
	idx := newIndexOf(t, []Document{
		{ID: "circle-numeral", Pages: []string{"二〇二三年全市社区教育经费达到人均五元。"}},
		{ID: "circle-shape", Pages: []string{"二○二三年全市老年大学新增学员八千人。"}},
		{ID: "ling", Pages: []string{"二零二三年全市终身学习品牌项目评选结果公布。"}},
		{ID: "digit", Pages: []string{"落款：二0二三年三月五日"}},
		{ID: "letter", Pages: []string{"落款：二O二三年三月六日"}},
		{ID: "other-year", Pages: []string{"二〇二二年全市新建社区学校十所。"}},
		{ID: "zero-word", Pages: []string{"实现服务零距离，二三年内建成。"}},
	})
	all := map[string]string{
		"circle-numeral": "二〇二三年", "circle-shape": "二○二三年", "ling": "二零二三年",
		"digit": "二0二三年", "letter": "二O二三年",
	}
	for _, tt := range []struct {
		q    string
		want map[string]string // document → what is marked in it
	}{
		{"二〇二三年", all},
		{"二○二三年", all},
		{"二零二三年", all},
		{"二0二三年", all},
		{"二〇二三", map[string]string{
			"circle-numeral": "二〇二三", "circle-shape": "二○二三", "ling": "二零二三", "digit": "二0二三", "letter": "二O二三",
		}},
		{"二零二二年", map[string]string{"other-year": "二〇二二年"}},
		{"零距离", map[string]string{"zero-word": "零距离"}},
	} {
		if got := foundBySearch(t, idx, tt.q); !maps.Equal(got, tt.want) {
			t.Errorf("search %q: got %v, want %v", tt.q, got, tt.want)
		}
	}
}
