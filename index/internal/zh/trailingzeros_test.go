package zh

import (
	"slices"
	"strings"
	"testing"
	"time"
)

// TestDecimalEndsBeforeItsTrailingZeros: a number typed as the text writes
// it but for a decimal's trailing zeros (96.5 of 96.50%, 96 of 96.00)
// cuts no number into another value, so the index marks the pair there
// as a number's end and the marking of hits finds it there too; a digit
// that is not followed by zeros alone to the number's end is no end
// (96.5 of 96.51, 1 of 1,000, 1.2.5 of a version 1.2.50), nor the month
// of a year and October (2024.1 of 2024.10).
func TestDecimalEndsBeforeItsTrailingZeros(t *testing.T) {
	tests := []struct {
		text, sub string
		found     bool
	}{
		{"满意度达96.50%。", "96.5", true},
		{"满意度达96.50%。", "达96.5", true},
		{"满意度达96.500%。", "96.50", true},
		{"满意度达96.00%。", "达96", true},
		{"满意度达96.00%。", "96.0", true},
		{"成本为1,260.00元", "1,260", true},
		{"满意度达96.51%。", "96.5", false},
		{"满意度达96.50%。", "达96", false},
		{"满意度达96.05%。", "96.0", false},
		{"满意度达96.50%。", "6.5", false},
		{"共有1,000所", "有1", false},
		{"共有1000所", "有1", false},
		{"共有10.0所", "有1", false},
		{"版本1.2.50发布", "1.2.5", false},
		// A year and October: its zero is the month's (2024.1 is January).
		{"实施时间：2024.10—2025.06", "2024.1", false},
		{"于2024.10召开", "2024.10", true},
		{"经费2024.50万元", "2024.5", true},
		{"经费12024.10万元", "12024.1", true},
		// A clause's, section's or version's number: 3.10 is the tenth,
		// not 3.1 with a trailing zero.
		{"依据第3.10条规定", "3.1", false},
		{"依据第3.10条规定", "第3.1", false},
		{"见指标3.10条", "3.1", false},
		{"升级到v2.10版", "2.1", false},
		{"升级到V2.10版", "V2.1", false},
		{"依据第3.10条规定", "第3.10条", true},
		{"满意度3.10分", "3.1", true},
	}
	for _, tt := range tests {
		got := len(FindSubstrings(tt.text, tt.sub)) > 0
		if got != tt.found {
			t.Errorf("FindSubstrings(%q, %q) found %v, want %v", tt.text, tt.sub, got, tt.found)
		}
		if indexed := holdsQuery(tt.text, tt.sub); indexed != tt.found {
			t.Errorf("the pairs of %q hold the query %q's: %v, want %v", tt.text, tt.sub, indexed, tt.found)
		}
	}
}

// holdsQuery reports whether text's n-gram tokens hold every pair of the
// query word sub at its offset, as the index matches it.
func holdsQuery(text, sub string) bool {
	doc := Bigrams([]byte(text), false)
	query := Bigrams([]byte(sub), true)
	for _, d := range doc {
		if string(d.Term) != string(query[0].Term) {
			continue
		}
		if !slices.ContainsFunc(query[1:], func(q Token) bool {
			return !slices.ContainsFunc(doc, func(o Token) bool {
				return string(o.Term) == string(q.Term) && o.Position-d.Position == q.Position-query[0].Position
			})
		}) {
			return true
		}
	}
	return false
}

// TestLongRunsOfZerosCostNoScanPerDigit: a crafted page of a number with
// hundreds of thousands of zeros, or of digits, is paired and searched in
// time linear in its length (the trailing zeros read are bounded:
// maxZerosScan), and zeros past the bound mark no end.
func TestLongRunsOfZerosCostNoScanPerDigit(t *testing.T) {
	zeros := "达1." + strings.Repeat("0", 300_000) + "%"
	digits := "达" + strings.Repeat("1", 300_000) + ".50%"
	start := time.Now()
	for _, text := range []string{zeros, digits} {
		Bigrams([]byte(text), false)
		FindSubstrings(text, "11")
		FindSubstrings(text, "达1")
	}
	if took := time.Since(start); took > 20*time.Second {
		t.Errorf("pairs and substrings of two 300,000-digit numbers took %v", took)
	}
	if got := FindSubstrings(zeros, "达1"); len(got) != 0 {
		t.Errorf("达1 found in 1. and 300,000 zeros at %v: past the bound, no end", got)
	}
	if got := FindSubstrings("达1."+strings.Repeat("0", 30)+"%", "达1"); len(got) != 1 {
		t.Errorf("达1 in 1. and 30 zeros found %v, want once", got)
	}
}

// TestYearAndOctoberHasNoValue: 2024.10 before a date's words is a year
// and October, not the value 2024.1, so a bare 2024.1 (January) does not
// find it by value; money (2024.10元, 2024.10万) keeps its value.
func TestYearAndOctoberHasNoValue(t *testing.T) {
	tests := []struct{ text, want string }{
		{"2024.10完成验收", ""},
		{"时间：2024.10—2025.06", "2025.06"},
		{"经费2024.10元", "2024.1"},
		{"经费2024.10万元", "20241000"},
		{"经费2024.50元", "2024.5"},
	}
	for _, tt := range tests {
		var got []string
		for _, v := range Values([]rune(tt.text)) {
			got = append(got, v.Number)
		}
		if first := append(got, "")[0]; first != tt.want {
			t.Errorf("Values(%q) = %v, want %q first", tt.text, got, tt.want)
		}
	}
}
