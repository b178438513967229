package extract

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestUnfoldFindsWhatNormalizeMade: for each character Normalize folds or
// keeps, fields.Unfold finds the title Normalize made of a head as
// written and gives it back its （）: both fold characters with
// catalog.FoldRune, so a fold added to Normalize reaches Unfold too.
func TestUnfoldFindsWhatNormalizeMade(t *testing.T) {
	var ranges = [][2]rune{{0x21, 0x7E}, {0xA1, 0x24F}, {0x2000, 0x206F}, {0x2E80, 0x2FDF}, {0x3000, 0x303F}, {0xFF01, 0xFFEE}}
	for _, rg := range ranges {
		for r := rg[0]; r <= rg[1]; r++ {
			if !utf8.ValidRune(r) {
				continue
			}
			head := "学分银行（" + string(r) + "试行）管理办法"
			title := strings.TrimSpace(Normalize(head))
			if got := fields.Unfold(title, head); !strings.Contains(got, "（") {
				t.Errorf("%U %q: Unfold(%q) = %q, want the head's （）", r, r, title, got)
			}
		}
	}
}
