package web

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestHeatCellCountsAndNoValue: a heat-map cell says "1 document" and "2
// documents" (it said "1 documents"), and a quantitative indicator with
// evidence and no value is ◐ 有佐证，缺数值, as the report, /compare and
// `evidence coverage` say, not ● as if nothing were missing; the legend
// explains ◐ in both languages.
func TestHeatCellCountsAndNoValue(t *testing.T) {
	cases := []struct {
		name          string
		cell          coverage.Cell
		class, symbol string
		zh, en        string
	}{
		{"一份材料", coverage.Cell{Kind: "qualitative", Documents: 1}, "linked", "●1", "1 份材料", "1 document"},
		{"两份材料", coverage.Cell{Kind: "qualitative", Documents: 2}, "linked", "●2", "2 份材料", "2 documents"},
		{"定量指标有佐证缺数值", coverage.Cell{Kind: "quantitative", Documents: 1}, "novalue", "◐1", "1 份材料\uFF0C缺数值", "1 document, value not reported"},
		{"定量指标已填报数值", coverage.Cell{Kind: "quantitative", Documents: 3, Values: 1}, "claimed", "◆", "已填报数值", "Value reported"},
		{"定量指标无佐证", coverage.Cell{Kind: "quantitative"}, "none", "✕", "缺少佐证", "No evidence"},
	}
	for _, c := range cases {
		class, symbol, zh := CellLook(Chinese, c.cell)
		if class != c.class || symbol != c.symbol || zh != c.zh {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, class, symbol, zh, c.class, c.symbol, c.zh)
		}
		if _, _, en := CellLook(English, c.cell); en != c.en {
			t.Errorf("%s in English: %q, want %q", c.name, en, c.en)
		}
	}
	for _, l := range []struct {
		lang Lang
		want string
	}{{Chinese, "◐ 有佐证\uFF0C缺数值"}, {English, "◐ evidence, value not reported"}} {
		if legend := tr(l.lang, "ind.legend"); !strings.Contains(legend, l.want) {
			t.Errorf("legend %q does not explain %q", legend, l.want)
		}
	}
}
