package values_test

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLedgerAsADepartmentMakesIt: a ledger with a title merged across
// it, a 填报单位 line, a heading of two rows (出处 over 文档编号, 页码 and
// 引文) and a note under it imports its rows, and a bad row is named by
// the number the spreadsheet shows.
func TestLedgerAsADepartmentMakesIt(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "diaocha.txt", plausiblePage)
	ledger := func(last []any) []byte {
		f := excelize.NewFile()
		rows := [][]any{
			{"杭州市学习型城市监测数据台账"},
			{"填报单位：市统计局"},
			{"*指标编码", "数值", "单位", "出处"},
			{"", "", "", "文档编号", "页码", "引文"},
			{"5.1.1", "56.5", "%", d.ID, 1, "成人年参与学习率为56.5%"},
			last,
			{"注：数值须与引文一致。"},
		}
		for i, r := range rows {
			cell, _ := excelize.CoordinatesToCellName(1, i+1)
			_ = f.SetSheetRow("Sheet1", cell, &r)
		}
		for _, m := range [][2]string{{"A1", "F1"}, {"A2", "F2"}, {"A3", "A4"}, {"B3", "B4"}, {"C3", "C4"}, {"D3", "F3"}, {"A7", "F7"}} {
			_ = f.MergeCell("Sheet1", m[0], m[1])
		}
		var b bytes.Buffer
		_ = f.Write(&b)
		return b.Bytes()
	}
	vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger([]any{"5.2.1", "10.8", "年", d.ID, 1, "人均受教育年限为10.8年"})))
	if err != nil || len(vs) != 2 || vs[0].Indicator != "5.1.1" || vs[1].Indicator != "5.2.1" {
		t.Fatalf("a ledger under a title with a heading of two rows: %+v, %v; want 5.1.1 and 5.2.1", vs, err)
	}
	_, err = e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(ledger([]any{"5.1.1", "-3", "%", d.ID, 1, "成人年参与学习率为56.5%"})))
	if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "第 6 行") || strings.Contains(msg, "第 5 行") {
		t.Errorf("a ledger with a bad sixth row: %v, want row 6 named alone", err)
	}
}

// TestLedgerSavedAsXLS: a ledger saved as Excel 97–2003 (.xls), as many
// statistics offices still do, or by WPS as .et (the same format), is
// read in the extraction sandbox and imports as its rows read: a title
// and a 填报单位 line above the heading, a section banner, the file name
// written once and merged down over both rows, numbers as Excel shows
// them, a note and signatures under it. So does the same ledger as a
// government system exports it, Excel 2003's XML Spreadsheet named .xls,
// and as a single-file web page (MHT) named .xls. The first two are the
// .html beside them converted by LibreOffice (soffice --headless
// --infilter="HTML (StarCalc)" --convert-to "xls:MS Excel 97", and
// --convert-to 'xml:MS Excel 2003 XML'), the MHT that .html in GB18030,
// quoted-printable, after a frameset, and as WPS writes it, UTF-8 labelled
// us-ascii after its script and tab strip (ingest/extract/testdata/src/mkmht.py).
func TestLedgerSavedAsXLS(t *testing.T) {
	for _, file := range []string{"带标题和合并单元格的数值台账.xls", "XML表格的数值台账.xls", "单个文件网页的数值台账.xls", "WPS单个文件网页的数值台账.xls"} {
		xls, err := os.ReadFile("testdata/" + file)
		if err != nil {
			t.Fatal(err)
		}
		e := testenv.New(t)
		e.Upload(hangzhou, "diaocha.txt", plausiblePage)
		vs, err := e.Values.Import(ctx, coordA, hangzhou, 2017, bytes.NewReader(xls))
		if err != nil {
			t.Fatalf("%s: %v", file, err)
		}
		var got []string
		for _, v := range vs {
			got = append(got, fmt.Sprintf("%s %v %s p%d %t", v.Indicator, v.Number, v.Unit, v.Citation.Page, v.ValueFound))
		}
		if want := []string{"5.1.1 56.5 % p1 true", "5.2.1 10.8 年 p1 true"}; !slices.Equal(got, want) {
			t.Errorf("%s imported %q, want %q", file, got, want)
		}
	}
}
