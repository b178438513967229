package values_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestGarbledLedgerSaysSo: a UTF-8 CSV ledger opened in LibreOffice as
// Latin-1 and saved as XLSX (the probe's 统计台账 of s55: 指标 read as
// æŒ‡æ ‡) is refused saying its text is garbled, as a responsibility
// table's import says, instead of saying it has no 指标编码 column.
func TestGarbledLedgerSaysSo(t *testing.T) {
	e := testenv.New(t)
	garble := func(s string) string {
		out, err := charmap.Windows1252.NewDecoder().String(s)
		if err != nil {
			t.Fatal(err)
		}
		return out
	}
	f := excelize.NewFile()
	var heading, row []any
	for _, h := range []string{"指标编码", "数值", "单位", "文档编号", "页码", "引文"} {
		heading = append(heading, garble(h))
	}
	for _, c := range []string{"5.1.1", "56.5", "%", "01ABC", "1", "成人年参与学习率为56.5%"} {
		row = append(row, garble(c))
	}
	_ = f.SetSheetRow("Sheet1", "A1", &heading)
	_ = f.SetSheetRow("Sheet1", "A2", &row)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	_, err := e.Values.Import(ctx, coordA, hangzhou, 2018, &b)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "乱码") ||
		!strings.Contains(catalog.MessageIn(err, true), "garbled") {
		t.Errorf("a garbled ledger: %v; want EINVALID saying its text is garbled", err)
	}
}
