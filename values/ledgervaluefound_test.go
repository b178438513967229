package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerValueNotInItsQuote: a ledger row gives 2.3.3 as 12000人
// quoting a passage of 学分银行台账 that has no such number (上城区 45
// 3200). The import saves it, and its answer warns on that row that the
// number is not in the quote, in Chinese and English (the probe saw only
// the value_found flag); before review /compare shows it as
// 数值未在引文中找到 (value_not_found), not 有证据, and the heat map counts
// it (values_not_found).
func TestLedgerValueNotInItsQuote(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行台账.txt", "学分银行台账：上城区 45 3200，西湖区 38 2900。")
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, ledgerXLSX(t, [][]any{
		{"指标编码", "数值", "单位", "文档编号", "页码", "引文"},
		{"2.3.3", "12000", "人", d.ID, 1, "上城区 45 3200"},
	}))
	if err != nil || len(vs) != 1 {
		t.Fatalf("import: %v, %v", vs, err)
	}
	if vs[0].ValueFound || !vs[0].Citation.QuoteFound {
		t.Fatalf("value found %v, quote found %v; want the quote found without the number", vs[0].ValueFound, vs[0].Citation.QuoteFound)
	}
	w := vs[0].Warnings
	if len(w) != 1 || w[0].Chinese != "第 2 行：引文中未找到该数值（请核对数值或引文）" ||
		w[0].English != "Row 2: The number is not in the quoted passage (check the number or the quote)" {
		t.Errorf("row 2's warnings %+v, want that the number is not in its quote, in both languages", w)
	}
	cmp, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{2017})
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range cmp.Indicators {
		if row.Code == "2.3.3" && row.Rounds[0].Status != coverage.StatusValueNotFound {
			t.Errorf("/compare 2.3.3: %s, want %s", row.Rounds[0].Status, coverage.StatusValueNotFound)
		}
	}
	m, err := e.Coverage.Matrix(ctx, testenv.Admin, 2017, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range m.Cities[0].Cells {
		if c.Code == "2.3.3" && c.ValuesNotFound != 1 {
			t.Errorf("heat map 2.3.3: values not found %d, want 1", c.ValuesNotFound)
		}
	}
}
