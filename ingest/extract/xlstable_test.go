package extract

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// TestReadXLSReadsAsItsXLSXTwin: a workbook saved by LibreOffice as
// Excel 97 (.xls, what WPS writes as .et too) is read in the sandbox as
// the rows its XLSX twin gives the imports: titles merged across the
// table, 区县 merged down over their 街道 (one row empty), numbers as
// their format shows them (123,000, 85.3%), a 合计 row computed by SUM.
func TestReadXLSReadsAsItsXLSXTwin(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	for _, name := range []string{"ledger", "stats"} {
		xlsx, err := os.ReadFile(fixture(name + ".xlsx"))
		if err != nil {
			t.Fatal(err)
		}
		xls, err := os.ReadFile(fixture(name + ".xls"))
		if err != nil {
			t.Fatal(err)
		}
		_, want, err := spreadsheet.ReadFirstSheet(xlsx, 100)
		if err != nil {
			t.Fatal(err)
		}
		sheet, got, err := spreadsheet.ReadWorkbook(context.Background(), xls, 100, sb)
		if err != nil {
			t.Fatalf("%s.xls: %v", name, err)
		}
		if !slices.EqualFunc(got, want, slices.Equal) {
			t.Errorf("%s.xls, sheet %q:\n got %q\nwant %q (as its .xlsx)", name, sheet, got, want)
		}
	}
	_, got, _ := spreadsheet.ReadWorkbook(context.Background(), mustRead(t, fixture("ledger.xls")), 100, sb)
	if len(got) < 9 || strings.Join(got[3], "|") != "海曙区|鼓楼街道|8|8.6万人次" || strings.Join(got[8], "|") != "合计|合计|47" {
		t.Errorf("ledger.xls: rows 4 and 9 are %q, want 海曙区 filled in and the SUM's result", got)
	}
}

// TestReadXLSRefuses: what the sandbox will not read is refused with a
// message saying what to do, and the sandbox reads the next workbook as
// if nothing had happened.
func TestReadXLSRefuses(t *testing.T) {
	ledger := mustRead(t, fixture("ledger.xls"))
	// A LABELSST record (a cell's text) that says it is 64 KiB long:
	// xlsReader slices past its stream and panics.
	panicking := bytes.Clone(ledger)
	i := bytes.Index(panicking, []byte{0xFD, 0x00, 0x0A, 0x00})
	if i < 0 {
		t.Fatal("ledger.xls has no LABELSST record")
	}
	panicking[i+2], panicking[i+3] = 0xFF, 0xFF
	sb := testSandbox(0)
	sb.TempDir = t.TempDir()
	defer sb.Close()
	for _, tt := range []struct {
		name    string
		data    []byte
		maxRows int
		code    string
		phrase  string
		is      error
	}{
		{"a cell's record longer than its stream", panicking, 100, catalog.EINVALID, "已损坏或格式不正确", nil},
		{"an OLE file cut short", ledger[:len(ledger)/2], 100, catalog.EINVALID, "已损坏或格式不正确", nil},
		{"an open password", mustRead(t, fixture("encrypted-excel97.xls")), 100, catalog.EINVALID, "打开密码", nil},
		{"a Word document named .xls", mustRead(t, fixture("report.doc")), 100, catalog.EINVALID, "不是 Excel 或 WPS 表格", nil},
		{"a value past the rows allowed", ledger, 5, "", "", spreadsheet.ErrTooManyRows},
	} {
		_, err := sb.ReadXLS(context.Background(), tt.data, tt.maxRows)
		switch {
		case tt.is != nil && !errors.Is(err, tt.is):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.is)
		case tt.is == nil && (catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.phrase)):
			t.Errorf("%s: %v, want %s saying %q", tt.name, err, tt.code, tt.phrase)
		}
		if sheet, err := sb.ReadXLS(context.Background(), ledger, 100); err != nil || len(sheet.Records) != 9 {
			t.Fatalf("after %s, ledger.xls: %v", tt.name, err)
		}
	}
	if entries, _ := os.ReadDir(sb.TempDir); len(entries) != 0 {
		t.Errorf("copies of the tables left behind in %s: %d", sb.TempDir, len(entries))
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestReadXLSChineseBuiltinDate: 截止日期 typed as 2018年3月31日, which
// Excel and WPS in China store as the built-in format 31 with no FORMAT
// record, is read as a date, in the imports' rows and in the text, not as
// the serial number 43190.
func TestReadXLSChineseBuiltinDate(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	_, rows, err := spreadsheet.ReadWorkbook(context.Background(), mustRead(t, fixture("date-format31.xls")), 100, sb)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) < 3 || strings.Join(rows[1], "|") != "1.1.1|市教育局|2018-03-31|张老师" || rows[2][2] != "2018-04-15" {
		t.Errorf("rows = %q, want 截止日期 2018-03-31 and 2018-04-15", rows)
	}
	res, err := Extract(context.Background(), FormatXLS, fixture("date-format31.xls"), Limits{})
	if err != nil || len(res.Pages) != 1 || !strings.Contains(res.Pages[0], "市教育局 | 2018-03-31") {
		t.Errorf("text = %q, %v; want 2018-03-31", res.Pages, err)
	}
	for id, want := range map[int]string{27: "2018-03-31", 31: "2018-03-31", 58: "2018-03-31"} {
		if got := formatNumber(43190, builtinNumFmts[id]); got != want {
			t.Errorf("built-in format %d: 43190 read as %q, want %q", id, got, want)
		}
	}
	if got := formatNumber(0.5, builtinNumFmts[32]); got != "12:00:00" {
		t.Errorf("built-in format 32 (h时mm分): 0.5 read as %q, want 12:00:00", got)
	}
}

// TestReadXLSTempCopyFails: when the server cannot write the table's
// temporary copy the user is told so in Chinese (EUNAVAILABLE), not that
// the file is damaged nor in an internal English error.
func TestReadXLSTempCopyFails(t *testing.T) {
	sb := testSandbox(0)
	defer sb.Close()
	sb.TempDir = filepath.Join(t.TempDir(), "没有这个文件夹")
	_, err := sb.ReadXLS(context.Background(), mustRead(t, fixture("date-format31.xls")), 100)
	var e *catalog.Error
	if !errors.As(err, &e) || e.Code != catalog.EUNAVAILABLE || !strings.Contains(e.Message, "临时副本") {
		t.Fatalf("got %v, want an EUNAVAILABLE error about the temporary copy", err)
	}
}
