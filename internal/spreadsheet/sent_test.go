package spreadsheet

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// TestReadWorkbookReadsWhatOfficesSendAsExcel: an "Excel" file that is a
// web page's table or text separated by tabs or commas, as government
// systems and WPS export them under a .xls name, is read as the sheet
// Excel shows when it opens it, never handed to the XLS reader.
func TestReadWorkbookReadsWhatOfficesSendAsExcel(t *testing.T) {
	gb := func(s string) []byte {
		b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	utf16 := func(s string) []byte {
		b, err := unicode.UTF16(unicode.LittleEndian, unicode.UseBOM).NewEncoder().Bytes([]byte(s))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	table := [][]string{{"杭州市责任分解表"}, {"指标编码", "责任单位", "截止日期"}, {"1.1.1", "市教育局", "2018-03-31"}, {"1.1.2", "市教育局", "2018-04-15"}}
	tsv := "杭州市责任分解表\r\n指标编码\t责任单位\t截止日期\r\n1.1.1\t市教育局\t2018-03-31\r\n1.1.2\t市教育局\t2018-04-15\r\n"
	page := `<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312"><title>责任分解</title></head><body>
<table><tr><td>版式表格</td><td><table border=1>
<tr><th colspan="3">杭州市责任分解表</th></tr>
<tr><th>指标编码</th><th>责任单位</th><th>截止<br>日期</th></tr>
<tr><td>1.1.1</td><td rowspan="2">市教育局</td><td>2018-03-31</td></tr>
<tr><td>1.1.2</td><td>2018-04-15</td></tr>
</table></td></tr></table></body></html>`
	merged := [][]string{{"杭州市责任分解表", "杭州市责任分解表", "杭州市责任分解表"}, {"指标编码", "责任单位", "截止 日期"},
		{"1.1.1", "市教育局", "2018-03-31"}, {"1.1.2", "市教育局", "2018-04-15"}}
	reader := &sheetReader{sheet: &Sheet{}}
	for _, tt := range []struct {
		name string
		data []byte
		want [][]string
	}{
		{"GB18030 tab-separated text with a title row", gb(tsv), table},
		{"UTF-8 tab-separated text with a BOM", []byte("\xef\xbb\xbf" + tsv), table},
		{"Unicode text (UTF-16) as Excel saves it", utf16(tsv), table},
		{"GBK CSV", gb(strings.ReplaceAll(tsv, "\t", ",")), table},
		{"a GBK web page's table inside a layout table, cells merged by colspan and rowspan", gb(page), merged},
	} {
		_, got, err := ReadWorkbook(context.Background(), tt.data, 100, reader)
		if err != nil || !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %q, %v\nwant %q", tt.name, got, err, tt.want)
		}
	}
	if reader.calls != 0 {
		t.Errorf("the XLS reader was asked %d times, want never", reader.calls)
	}
	if _, _, err := ReadWorkbook(context.Background(), gb(tsv), 3, reader); !errors.Is(err, ErrTooManyRows) {
		t.Errorf("text past the rows allowed: %v, want ErrTooManyRows", err)
	}
	if _, _, err := ReadWorkbook(context.Background(), []byte("<html><body><p>没有表格</p></body></html>"), 100, reader); catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(catalog.ErrorMessage(err), "没有表格") {
		t.Errorf("a web page without a table: %v, want EINVALID saying it has no table", err)
	}
	if _, _, err := ReadWorkbook(context.Background(), []byte(`<table><tr><td>编码</td><td colspan="300">宽</td></tr></table>`), 100, reader); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("a web page's table past the columns allowed: %v, want EINVALID", err)
	}
}

// TestTabSeparatedQuoteStaysInItsCell: a tab-separated cell that starts
// with a quote, as “"十四五"规划” does, keeps its quotes and takes nothing
// of the rows after it; a cell Excel quoted whole is unquoted.
func TestTabSeparatedQuoteStaysInItsCell(t *testing.T) {
	text := "标题\n编号\t名称\t单位\n1\t\"十四五\"规划\t市教育局\n2\t第二行\t市财政局\n3\t\"含\"\"引号\"\"的名称\"\t市民政局\n"
	want := [][]string{{"标题"}, {"编号", "名称", "单位"}, {"1", `"十四五"规划`, "市教育局"}, {"2", "第二行", "市财政局"}, {"3", `含"引号"的名称`, "市民政局"}}
	_, got, err := ReadWorkbook(context.Background(), []byte(text), 100, &sheetReader{sheet: &Sheet{}})
	if err != nil || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("got %q, %v\nwant %q", got, err, want)
	}
}

// TestTabSeparatedCellOfSeveralLines: a tab-separated cell Excel quoted
// for its line breaks (文本文件(制表符分隔) of a sheet with 备注 over several
// lines) is one cell of one record, not rows of its own; a quote that
// closes nowhere as Excel closes one, or only past maxQuotedCell, is text
// and takes no line after it.
func TestTabSeparatedCellOfSeveralLines(t *testing.T) {
	far := strings.Repeat("长", maxQuotedCell/3+1)
	for _, tt := range []struct {
		name, text string
		want       [][]string
	}{
		{"a cell of two lines", "指标编码\t责任单位\t备注\n1.1.1\t市教育局\t\"第一行\n第二行\"\n1.1.2\t市民政局\t无\n",
			[][]string{{"指标编码", "责任单位", "备注"}, {"1.1.1", "市教育局", "第一行\n第二行"}, {"1.1.2", "市民政局", "无"}}},
		{"CRLF, a tab and doubled quotes inside", "编号\t备注\r\n1\t\"含\t制表符\r\n和\"\"引号\"\"\"\r\n2\t完\r\n",
			[][]string{{"编号", "备注"}, {"1", "含\t制表符\r\n和\"引号\""}, {"2", "完"}}},
		{"the last cell of the text", "编号\t备注\n1\t\"甲\n乙\"", [][]string{{"编号", "备注"}, {"1", "甲\n乙"}}},
		{"a quote that never closes", "编号\t名称\n1\t\"十四五规划\n2\t市财政局\n", [][]string{{"编号", "名称"}, {"1", `"十四五规划`}, {"2", "市财政局"}}},
		{"a quote closed inside a word", "编号\t名称\n1\t\"十四五\n\"规划\t甲\n", [][]string{{"编号", "名称"}, {"1", `"十四五`}, {`"规划`, "甲"}}},
		{"a close too far", "编号\t名称\n1\t\"" + far + "\"\n2\t乙\n", [][]string{{"编号", "名称"}, {"1", `"` + far + `"`}, {"2", "乙"}}},
	} {
		got, err := ReadDelimited([]byte(tt.text), 100)
		if err != nil || !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %q, %v\nwant %q", tt.name, got, err, tt.want)
		}
	}
	// Quotes everywhere, none closing, read in one pass.
	hostile := strings.Repeat("\"甲\t\"\"乙\n", 200000)
	if got, err := ReadDelimited([]byte(hostile), 1<<20); err != nil || len(got) != 200000 {
		t.Errorf("quotes everywhere: %d records, %v; want 200000", len(got), err)
	}
}

// TestSeparatorVotesByRecord: each record votes for the separator that
// splits it, quoted cells read over their lines; a title line of tabs or
// tabs inside a quoted cell do not make a comma table tab-separated.
func TestSeparatorVotesByRecord(t *testing.T) {
	for _, tt := range []struct {
		name, text string
		want       rune
	}{
		{"a quoted cell of several lines holding tabs", "编号,名称,备注\n1,\"多行\n第二行\t\t\t\t含制表符\",x\n2,单行,y\n", ','},
		{"a title line of tabs above a comma table", "标题\t\t\t\t\n编号,名称\n1,甲\n", ','},
		{"tab-separated, a cell starting with a quote", "编号\t名称\n1\t\"十四五\"规划\n", '\t'},
		{"semicolons", "编号;名称;单位\n1;甲;市教育局\n", ';'},
		{"one column", "名称\n甲\n", ','},
	} {
		if got := Separator(tt.text); got != tt.want {
			t.Errorf("%s: Separator = %q, want %q", tt.name, got, tt.want)
		}
	}
	text := "编号,名称,备注\n1,\"多行\n第二行\t\t含制表符\",x\n"
	want := [][]string{{"编号", "名称", "备注"}, {"1", "多行\n第二行\t\t含制表符", "x"}}
	if got, err := ReadDelimited([]byte(text), 100); err != nil || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("a comma table with a quoted cell of several lines: %q, %v\nwant %q", got, err, want)
	}
}

// TestXMLSpreadsheetIsNotText: Excel 2003's XML Spreadsheet saved as .xls,
// tab-indented as government systems write it (the ss: prefix left
// undeclared, as some do), is read as the workbook it is, never as
// tab-separated text: a comma in a cell stays in it.
func TestXMLSpreadsheetIsNotText(t *testing.T) {
	xml := "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">\n\t<Worksheet ss:Name=\"责任分解\">\n\t\t<Table>\n\t\t\t<Row><Cell><Data ss:Type=\"String\">指标编码,责任单位</Data></Cell></Row>\n\t\t</Table>\n\t</Worksheet>\n</Workbook>\n"
	name, got, err := ReadWorkbook(context.Background(), []byte(xml), 100, &sheetReader{sheet: &Sheet{}})
	if want := [][]string{{"指标编码,责任单位"}}; err != nil || name != "责任分解" || !slices.EqualFunc(got, want, slices.Equal) {
		t.Errorf("an XML Spreadsheet 2003: %q %q, %v; want 责任分解 %q", name, got, err, want)
	}
}
