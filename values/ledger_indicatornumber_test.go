package values_test

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerHeadedIndicatorNumber: a ledger whose indicator column is
// headed 指标编号, as statistics offices often write it, imports its
// rows instead of being refused for want of an indicator column.
func TestLedgerHeadedIndicatorNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "diaocha.txt", plausiblePage)
	f := excelize.NewFile()
	_ = f.SetSheetRow("Sheet1", "A1", &[]any{"指标编号", "数值", "单位", "文档编号", "页码", "引文"})
	_ = f.SetSheetRow("Sheet1", "A2", &[]any{"5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"})
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, &b)
	if err != nil || len(vs) != 1 || vs[0].Indicator != "5.1.1" {
		t.Fatalf("a ledger headed 指标编号: %+v, %v; want 5.1.1", vs, err)
	}
}

// TestLedgerIndicatorNameBeforeItsNumber: a ledger with a column 指标
// holding the indicator's name before the column 指标编号 holding its code
// imports by the code, as a framework table takes 指标编码 over 序号:
// 指标 names the indicator column only where no other column does (a
// ledger headed 指标 alone still reads its codes there). Before, the
// first column won, and every row was refused for an indicator named
// 成人年参与学习率.
func TestLedgerIndicatorNameBeforeItsNumber(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "diaocha.txt", plausiblePage)
	for _, rows := range [][2][]any{
		{{"指标", "指标编号", "数值", "单位", "文档编号", "页码", "引文"}, {"成人年参与学习率", "5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"}},
		{{"指标", "数值", "单位", "文档编号", "页码", "引文"}, {"5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"}},
	} {
		f := excelize.NewFile()
		_ = f.SetSheetRow("Sheet1", "A1", &rows[0])
		_ = f.SetSheetRow("Sheet1", "A2", &rows[1])
		var b bytes.Buffer
		if err := f.Write(&b); err != nil {
			t.Fatal(err)
		}
		vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, &b)
		if err != nil || len(vs) != 1 || vs[0].Indicator != "5.1.1" {
			t.Fatalf("a ledger headed %v: %+v, %v; want 5.1.1", rows[0], vs, err)
		}
	}
}
