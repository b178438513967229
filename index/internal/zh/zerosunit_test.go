package zh

import (
	"slices"
	"testing"
)

// TestAUnitAfterTrailingZerosJoinsTheValue: a number typed with its unit
// stands where the text writes trailing zeros between them (96.5% in
// 96.50%, 96% in 96.00%, 12.3万人 in 12.30万人), and the text's pairs hold
// the token of its digit and unit; not where the zeros are digits of the
// value (96.51%), the number is longer (196.50%), the unit goes on
// (12.30万亿), or the zeros are a month's or a clause's (2024.10月,
// 第3.10条).
func TestAUnitAfterTrailingZerosJoinsTheValue(t *testing.T) {
	tests := []struct {
		text, word string
		found      bool
	}{
		{"满意度达96.50%。", "96.5%", true},
		{"满意度达96.50%。", "达96.5%。", true},
		{"满意度达96.00%。", "96%", true},
		{"满意度达96.500%。", "96.5%", true},
		{"参与市民12.30万人次", "12.3万人次", true},
		{"参与市民12.30万人次", "12.3万人", false},
		{"投入3.50亿元", "3.5亿元", true},
		{"提高2.40个百分点", "2.4个百分点", true},
		{"满意度达96.51%。", "96.5%", false},
		{"满意度达196.50%。", "96.5%", false},
		{"满意度达96.50%。", "6.5%", false},
		{"满意度达96.50%。", "5%", false},
		{"投入12.30万亿元", "12.3万", false},
		{"时间为2024.10月", "2024.1月", false},
		{"依据第3.10条", "3.1条", false},
		{"依据第3.10条", "第3.1条", false},
		{"增长3.10%", "3.1%", true},
		{"评分为92.50,较上年", "92.5,较上年", true},
		{"评分为92.50,000分", "92.5,000分", false},
		{"由96.50%提高到98.20%", "96.5%提高到98.2%", true},
		{"由96.50%提高到98.2%", "96.5%提高到98.2%", true},
		{"由96.5%提高到98.20%", "96.5%提高到98.2%", true},
		{"由96.50%提高到98.21%", "96.5%提高到98.2%", false},
		{"分别为1.00%、2.00%", "1%、2%", true},
		{"分别为1.00%、12.00%", "1%、2%", false},
		{"12.30万人,2019年13.00万人", "12.3万人,2019年13万人", true},
	}
	for _, tt := range tests {
		sf := NewSubstringFinder(tt.text)
		found, token := len(sf.FindZeros(tt.word)) > 0, false
		for _, cut := range ZeroCuts(tt.word) {
			want := string(ZeroCutToken(tt.word, cut))
			token = token || slices.ContainsFunc(Bigrams([]byte(tt.text), false), func(tk Token) bool { return string(tk.Term) == want })
		}
		if found != tt.found {
			t.Errorf("FindZeros(%q) in %q found %v, want %v", tt.word, tt.text, found, tt.found)
		}
		if tt.found && !token {
			t.Errorf("the pairs of %q hold no token of %q's value and unit", tt.text, tt.word)
		}
	}
}
