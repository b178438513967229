package catalog

import "testing"

// TestHiddenRune: what a Chinese user types stays allowed (the
// ideographic space, 、, emoji joined by U+200D, lines in a note), while
// every character that moves the text shown after it is refused, the
// bidi marks too: U+200F before “（2023）” shows the brackets turned.
func TestHiddenRune(t *testing.T) {
	for _, s := range []string{"学分银行　2023 年、社区教育", "👨\u200d👩\u200d👧 家庭学习", "（一）《终身教育促进条例》"} {
		if r, hidden := HiddenRune(s, false); hidden {
			t.Errorf("HiddenRune(%q) = %U, want none", s, r)
		}
	}
	if r, hidden := HiddenRune("第一行\r\n第二行\t完", true); hidden {
		t.Errorf("lines of a note: %U, want none", r)
	}
	for _, c := range []rune{0, '\n', 0x7f, 0x85, 0x200e, 0x200f, 0x061c, 0x202a, 0x202e, 0x2066, 0x2069} {
		s := "学分银行" + string(c) + "（2023）"
		if r, hidden := HiddenRune(s, false); !hidden || r != c {
			t.Errorf("HiddenRune(%q) = %U %v, want %U", s, r, hidden, c)
		}
	}
}
