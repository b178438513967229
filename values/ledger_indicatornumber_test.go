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
