package web

import (
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestHeatCellAllRoundsKeepsEvidence: under 全部 (all rounds) a cell
// whose only items to confirm were carried from a round that has their
// evidence shows that evidence with ↻ beside it, not ↻ instead (probe
// s38, finding 6); a single round's cell stays ↻ 待确认, and so does 全部's
// when nothing but the carried items is there.
func TestHeatCellAllRoundsKeepsEvidence(t *testing.T) {
	cases := []struct {
		name                 string
		cell                 coverage.Cell
		class, symbol, label string
	}{
		{"全部：2018年有2份材料，2019年结转待确认",
			coverage.Cell{Kind: "qualitative", Documents: 2, ToConfirm: 1, AllRounds: true},
			"linked", "●2 ↻", "2 份材料 · 待确认"},
		{"全部：2018年定性描述中的数字未在引文中找到",
			coverage.Cell{Kind: "qualitative", Documents: 2, Claims: 2, Backed: 2, ClaimsNotFound: 1, ToConfirm: 1, AllRounds: true},
			"valuenotfound", "？ ↻", "定性描述中的数字未在引文中找到 · 待确认"},
		{"2019年：结转待确认",
			coverage.Cell{Kind: "qualitative", Documents: 2, ToConfirm: 1},
			"toconfirm", "↻", "待确认"},
		{"全部：只有结转",
			coverage.Cell{Kind: "qualitative", ToConfirm: 1, AllRounds: true},
			"toconfirm", "↻", "待确认"},
	}
	for _, c := range cases {
		class, symbol, label := CellLook(Chinese, c.cell)
		if class != c.class || symbol != c.symbol || label != c.label {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, class, symbol, label, c.class, c.symbol, c.label)
		}
	}
}
