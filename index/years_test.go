package index

import (
	"slices"
	"testing"
)

func TestChineseYears(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []string // the years found, in Arabic digits
	}{
		{"二〇二三年全市新增学习点", []string{"2023"}},
		{"二○二三年、二零二四年和二0二五年", []string{"2023", "2024", "2025"}},
		{"落款：二O二三年三月", []string{"2023"}},
		{"一九九八年起举办市民大讲堂", []string{"1998"}},
		{"二〇二一—二〇二五年", []string{"2021", "2025"}},
		// No year: a run of numerals of another length, a zero alone,
		// numerals that read no year of the last two centuries, a run
		// beside a digit or a letter.
		{"一二三四五号楼", nil},
		{"三四五年", nil},
		{"实现服务零距离", nil},
		{"一〇〇〇人", nil},
		{"编号二〇二三1", nil},
		{"2023年", nil},
	} {
		var got []string
		for _, sp := range ChineseYears(tt.text) {
			got = append(got, ArabicYear(tt.text[sp[0]:sp[1]]))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("ChineseYears(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}
