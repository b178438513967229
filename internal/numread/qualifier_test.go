package numread

import (
	"strings"
	"testing"
)

// TestQualified: one rule for the values package and the index: a word
// before a figure (约, 大约, 超过, 超, 突破, 逾, 不少于, 不低于, 至少, 近, 将近,
// 接近) or after it or its unit (以上, 左右) makes it a 约数; 节约, 签约,
// 最近 and 附近 are none, nor is a word after another word than a unit.
func TestQualified(t *testing.T) {
	unit := func(rs []rune, j int) int {
		if j < len(rs) && rs[j] == '人' {
			return j + 1
		}
		return j
	}
	for _, tt := range []struct {
		text, figure string
		percent      bool
		want         Qualifier
	}{
		{"参训人数约3000人。", "3000", false, QualifierAbout},
		{"参训人数大约3000人。", "3000", false, QualifierAbout},
		{"参训人数3000人左右。", "3000", false, QualifierAbout},
		{"参训人数突破3000人。", "3000", false, QualifierAbove},
		{"参训人数超过3000人。", "3000", false, QualifierAbove},
		{"参训人数不少于3000人。", "3000", false, QualifierAtLeast},
		{"参训人数3000人以上。", "3000", false, QualifierAtLeast},
		{"参训人数将近3000人。", "3000", false, QualifierNearly},
		{"参与率约60%。", "60%", true, QualifierAbout},
		{"参与率60%以上。", "60%", true, QualifierAtLeast},
		{"参训人数3000人。", "3000", false, 0},
		{"节约经费3000元。", "3000", false, 0},
		{"最近3000人参训。", "3000", false, 0},
		{"参训3000名学员以上。", "3000", false, 0},
	} {
		rs := []rune(tt.text)
		start := len([]rune(tt.text[:strings.Index(tt.text, tt.figure)]))
		end := start + len([]rune(tt.figure))
		got, _ := QualifierBefore(rs, start, end)
		if got == 0 {
			got, _, _ = QualifierAfter(rs, end, tt.percent, unit)
		}
		if got != tt.want || Qualified(rs, start, end, tt.percent, unit) != (tt.want != 0) {
			t.Errorf("%q: %s read as qualifier %d, want %d", tt.text, tt.figure, got, tt.want)
		}
	}
}
