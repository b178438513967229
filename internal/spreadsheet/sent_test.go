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
