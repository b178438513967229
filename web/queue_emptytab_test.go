package web

import (
	"strings"
	"testing"
)

// TestAnEmptyQueueTabSaysWhatItLacks: a reviewer who has given every
// verdict opens the 与证据矛盾 tab of /review and read 没有待审核的定性描述
// (that tab holds no waiting claims by definition), and the 待审核 tab of
// /values said only 没有符合条件的数值 where /review's says nothing is
// waiting (probe s58). Each empty tab now says what it lacks.
func TestAnEmptyQueueTabSaysWhatItLacks(t *testing.T) {
	s := newSite(t)
	li := s.login("li")
	for _, tt := range []struct {
		lang, page, want, not string
	}{
		{"zh", "/review", "没有待审核的定性描述。", "没有符合条件的定性描述。"},
		{"zh", "/review?status=contradicted", "没有符合条件的定性描述。", "没有待审核的定性描述。"},
		{"zh", "/values", "没有待审核的数值。", "没有符合条件的数值。"},
		{"zh", "/values?status=contradicted", "没有符合条件的数值。", "没有待审核的数值。"},
		{"en", "/review", "No claims waiting.", "No claims here."},
		{"en", "/review?status=verified", "No claims here.", "No claims waiting."},
		{"en", "/values", "No values waiting.", "No values here."},
		{"en", "/values?status=verified", "No values here.", "No values waiting."},
	} {
		li.get("/lang?to=" + tt.lang + "&next=/")
		_, body := li.get(tt.page)
		if text := textOf(body); !strings.Contains(text, tt.want) || strings.Contains(text, tt.not) {
			i := max(0, len(text)-300)
			t.Errorf("%s (%s) ends %q; want %q, not %q", tt.page, tt.lang, text[i:], tt.want, tt.not)
		}
	}
}
