package catalog

import (
	"testing"
	"unicode"
)

// TestChineseMessagesHaveFullWidthPunctuation scans every Chinese message
// format, as Errorf writes it, for half-width , ; : ( ) that a Chinese
// reader sees as a slip: next to a Chinese character, or a comma or
// semicolon joining the clauses of a Chinese sentence without a space
// (1 ≤ size ≤ 100,from ≥ 0), which Fullwidth cannot tell from code and
// the format must write full-width itself (\uFF0C). Digits grouped by
// commas (1,086) are fine.
func TestChineseMessagesHaveFullWidthPunctuation(t *testing.T) {
	for format := range englishMessages {
		if bad := halfWidthInChinese(Fullwidth(format)); bad != "" {
			t.Errorf("message %q has half-width punctuation %s", Fullwidth(format), bad)
		}
	}
}

// halfWidthInChinese returns where s has a half-width mark a Chinese
// sentence should write full-width, or "".
func halfWidthInChinese(s string) string {
	rs := []rune(s)
	han := func(i int) bool { return i >= 0 && i < len(rs) && unicode.Is(unicode.Han, rs[i]) }
	digit := func(i int) bool { return i >= 0 && i < len(rs) && unicode.IsDigit(rs[i]) }
	for i, r := range rs {
		around := string(rs[max(0, i-4):min(len(rs), i+5)])
		switch {
		case r != ',' && r != ';' && r != ':' && r != '(' && r != ')':
		case han(i-1) || han(i+1):
			return "next to Chinese: " + around
		case (r == ',' || r == ';') && i+1 < len(rs) && rs[i+1] != ' ' && !(digit(i-1) && digit(i+1)):
			return "joining clauses: " + around
		}
	}
	return ""
}
