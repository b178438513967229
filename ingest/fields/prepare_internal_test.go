package fields

import (
	"strings"
	"testing"
)

// TestOnePagePreparedOnce: the text of a one-page document is the head's
// page and the foot's window both, and is prepared once for the two; a
// document of two pages prepares its first page and the foot's window,
// and each reads what it read before.
func TestOnePagePreparedOnce(t *testing.T) {
	page := "杭州市教育局文件\n杭教职成〔2024〕12号\n关于开展2024年全民终身学习活动周的通知\n各区、县（市）教育局：\n现将有关事项通知如下。\n杭州市教育局\n2024年5月6日"
	for _, tc := range []struct {
		name     string
		pages    []string
		prepares int
	}{
		{"one page", []string{page}, 1},
		{"two pages", []string{page, "附件：活动安排\n2024年5月8日"}, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var p preparer
			head := headPageWith(tc.pages, &p)
			date, issuer, _ := footWith(tc.pages, &p)
			if p.n != tc.prepares {
				t.Errorf("prepared %d texts, want %d", p.n, tc.prepares)
			}
			wantDate, wantIssuer, _ := foot(tc.pages)
			if head != headPage(tc.pages) || date != wantDate || issuer != wantIssuer {
				t.Errorf("head %q, foot %v %v; want what each reads alone: %q, %v %v", head, date, issuer, headPage(tc.pages), wantDate, wantIssuer)
			}
		})
	}
}

// TestFirstRunes: the first n characters, counted in place; a string with
// a byte that is not UTF-8 before the cut is cut as runes are, the byte
// becoming U+FFFD.
func TestFirstRunes(t *testing.T) {
	for _, tc := range []struct {
		s    string
		n    int
		want string
	}{
		{"学习型城市", 3, "学习型"},
		{"学习型城市", 5, "学习型城市"},
		{"学习型城市", 9, "学习型城市"},
		{"", 3, ""},
		{"2024年5月", 5, "2024年"},
		{"学\xff习型城市", 3, "学\uFFFD习"},
		{"学\xff习", 9, "学\xff习"},
		{"学习型\xff城市", 3, "学习型"},
		{strings.Repeat("文", 2000), 1500, strings.Repeat("文", 1500)},
	} {
		if got := firstRunes(tc.s, tc.n); got != tc.want {
			t.Errorf("firstRunes(%q, %d) = %q, want %q", tc.s, tc.n, got, tc.want)
		}
	}
}
