package web

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/coverage"
)

// TestHeatCellWithdrawnClaimIsGap: on the heat map a claim whose cited
// documents were all withdrawn (撤回) is no evidence, as in the report: the
// cell is a gap, not ◆ 待审核; a claim citing a live document is ◆.
func TestHeatCellWithdrawnClaimIsGap(t *testing.T) {
	cases := []struct {
		name string
		cell coverage.Cell
		want string
	}{
		{"定性描述引用的文档已撤回", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Claims: 1}, "none"},
		{"定性描述引用的文档有效", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Claims: 1, Backed: 1}, "claimed"},
		{"只有关联文档", coverage.Cell{Code: "1.1.1", Kind: "qualitative", Documents: 2}, "linked"},
	}
	for _, c := range cases {
		class, _, label := CellLook(Chinese, c.cell)
		if class != c.want {
			t.Errorf("%s: class %q, want %q", c.name, class, c.want)
		}
		// A claim with a live document and no verdict is submitted (◆), as the legend says.
		if class == "claimed" && label != "已提交定性描述" {
			t.Errorf("%s: label %q, want 已提交定性描述 as the legend says", c.name, label)
		}
	}
}

// TestHeatCellCarriedIsToConfirm: a cell with a claim, value or link
// carried over from the last round and not confirmed is ↻ 待确认 (Carried
// over, to confirm), as on /compare and in the report, whatever was
// submitted or linked; a reviewer's verdict in the round (与证据矛盾,
// 证据不足, 属实) outweighs it and stays the state, with ↻ 待确认 beside it
// (the probe saw a 证据不足 hidden behind ↻). The legend explains the
// symbol in both languages.
func TestHeatCellCarriedIsToConfirm(t *testing.T) {
	cases := []struct {
		name       string
		cell       coverage.Cell
		class, zh  string
		symbol, en string
	}{
		{"结转的定性描述", coverage.Cell{Claims: 1, Backed: 1, ToConfirm: 1}, "toconfirm", "待确认", "↻", "Carried over, to confirm"},
		{"结转的关联", coverage.Cell{Documents: 1, ToConfirm: 1}, "toconfirm", "待确认", "↻", "Carried over, to confirm"},
		{"结转且已核实", coverage.Cell{Verified: 1, ToConfirm: 2}, "verified", "属实 · 待确认", "✔ ↻", "Verified · Carried over, to confirm"},
		{"与证据矛盾优先", coverage.Cell{Contradicted: 1, ToConfirm: 1}, "contradicted", "与证据矛盾 · 待确认", "⚠ ↻", ""},
		{"与证据矛盾先于证据不足", coverage.Cell{Claims: 2, Backed: 2, Contradicted: 1, Insufficient: 1}, "contradicted", "与证据矛盾", "⚠", ""},
		{"证据不足先于待确认", coverage.Cell{Claims: 2, Backed: 2, ToConfirm: 1, Insufficient: 1}, "insufficient", "证据不足 · 待确认", "△ ↻", "Insufficient evidence · Carried over, to confirm"},
		{"数值未在引文中找到", coverage.Cell{Documents: 1, Values: 1, ValuesNotFound: 1}, "valuenotfound", "数值未在引文中找到", "？", "Number not found in its quote"},
		{"证据不足先于已核实", coverage.Cell{Claims: 2, Backed: 2, Insufficient: 1, Verified: 1}, "insufficient", "证据不足", "△", "Insufficient evidence"},
	}
	for _, c := range cases {
		class, symbol, label := CellLook(Chinese, c.cell)
		if class != c.class || label != c.zh || symbol != c.symbol {
			t.Errorf("%s: %q %q %q, want %q %q %q", c.name, class, symbol, label, c.class, c.symbol, c.zh)
		}
		if _, _, en := CellLook(English, c.cell); c.en != "" && en != c.en {
			t.Errorf("%s in English: %q, want %q", c.name, en, c.en)
		}
	}
	for _, l := range []struct {
		lang Lang
		want string
	}{{Chinese, "↻ 待确认"}, {English, "↻ carried over from the last round, to confirm"}} {
		if legend := tr(l.lang, "ind.legend"); !strings.Contains(legend, l.want) {
			t.Errorf("legend %q does not explain %q", legend, l.want)
		}
	}
}

// TestIndicatorWordsInEnglish: the heat map's 证据不足 reads "Insufficient
// evidence" in English, as the legend, /compare and the xlsx say, and the
// indicator page's list of claims is "Claims of round 2017", the round
// shown, as its values are "Values of round 2017".
func TestIndicatorWordsInEnglish(t *testing.T) {
	if _, _, en := CellLook(English, coverage.Cell{Claims: 1, Backed: 1, Insufficient: 1}); en != "Insufficient evidence" {
		t.Errorf("证据不足 cell in English: %q, want Insufficient evidence", en)
	}
	if got := trf(English, "ind.claims", 2017); got != "Claims of round 2017" {
		t.Errorf("2017年度定性描述 in English: %q, want Claims of round 2017", got)
	}
	if got := trf(English, "ind.values", 2017); got != "Values of round 2017" {
		t.Errorf("2017年度数值 in English: %q, want Values of round 2017", got)
	}
}
