package numread

import "testing"

// TestLoneCount: one numeral alone before a measure word is a count
// (分校八所, 两个, 三人); not an ordinal (第八所), a numeral of a longer
// number (十八所, 八九个), one before no measure word (三方, 四级), 一, nor
// one after a Latin letter or a digit (A3, 8八).
func TestLoneCount(t *testing.T) {
	for _, tt := range []struct {
		text string
		i    int
		want bool
	}{
		{"分校八所", 2, true},
		{"八所", 0, true},
		{"教学点两个", 3, true},
		{"三人", 0, true},
		{"共五项", 1, true},
		{"第八所", 1, false},
		{"十八所", 1, false},
		{"八九个", 0, false},
		{"三方合作", 0, false},
		{"四级网络", 0, false},
		{"一所", 0, false},
		{"几八所", 1, false},
		{"B八所", 1, false},
		{"八", 0, false},
	} {
		if got := LoneCount([]rune(tt.text), tt.i); got != tt.want {
			t.Errorf("LoneCount(%q, %d) = %v, want %v", tt.text, tt.i, got, tt.want)
		}
	}
}
