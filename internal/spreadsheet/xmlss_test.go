package spreadsheet

import (
	"context"
	"errors"
	"os"
	"runtime"
	"slices"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

// TestXMLSpreadsheetByLibreOffice: the responsibility table LibreOffice
// saved as Excel 2003 XML (soffice --convert-to 'xml:MS Excel 2003 XML'
// from assignments/testdata's .html) reads as the sheet Excel shows: the
// cells merged from above that it writes no cell for passed over, ss:Index
// honoured, merged ranges filled.
func TestXMLSpreadsheetByLibreOffice(t *testing.T) {
	data, err := os.ReadFile("../../assignments/testdata/XML表格的责任分解表.xls")
	if err != nil {
		t.Fatal(err)
	}
	name, records, err := ReadWorkbook(context.Background(), data, 100, nil)
	if err != nil {
		t.Fatalf("ReadWorkbook: %v", err)
	}
	if name != "Sheet1" {
		t.Errorf("sheet name %q, want Sheet1", name)
	}
	for i, want := range map[int][]string{
		2: {"序号", "指标", "指标", "责任单位\n（牵头）", "*截止日期\n（YYYY-MM-DD）", "联系人"},
		3: {"序号", "编码", "名称", "责任单位\n（牵头）", "*截止日期\n（YYYY-MM-DD）", "联系人"},
		6: {"2", "1.1.2 颁布终身教育（学习）促进地方性法规", "", "市教育局", "2018-03-31", "张老师"},
		9: {"4", "2.1.1", "四级社区教育网络建成率", "市民政局", "2018-04-30", "李四"},
	} {
		if i >= len(records) || !slices.Equal(records[i], want) {
			t.Errorf("row %d: got %q, want %q", i+1, records[i:min(i+1, len(records))], want)
		}
	}
}

// TestReadXMLSpreadsheet: cells, types, ss:Index, comments, rich text,
// several sheets and encodings; damaged and hostile workbooks refused
// with what to do, never expanded, never read past their bounds.
func TestReadXMLSpreadsheet(t *testing.T) {
	const head = `<?xml version="1.0"?><?mso-application progid="Excel.Sheet"?>` +
		`<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">`
	sheet := func(name, rows string) string {
		return `<Worksheet ss:Name="` + name + `"><Table>` + rows + `</Table></Worksheet>`
	}
	for _, tt := range []struct {
		name, xml string
		want      [][]string
		sheets    []string
	}{
		{"types", head + sheet("台账", `<Row><Cell><Data ss:Type="String">指标编码</Data></Cell><Cell><Data ss:Type="Number">0.30000000000000004</Data></Cell>`+
			`<Cell><Data ss:Type="DateTime">2018-03-31T00:00:00.000</Data></Cell><Cell><Data ss:Type="DateTime">2018-03-31T08:30:00.000</Data></Cell>`+
			`<Cell><Data ss:Type="Boolean">1</Data></Cell><Cell><Data ss:Type="Number">1234567</Data></Cell><Cell><Data ss:Type="DateTime">1899-12-31T08:30:00.000</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"指标编码", "0.3", "2018-03-31", "2018-03-31 08:30:00", "TRUE", "1234567", "08:30:00"}}, []string{"台账"}},
		{"ss:Index on rows and cells, empty rows kept", head + sheet("表", `<Row><Cell><Data ss:Type="String">标题</Data></Cell></Row>`+
			`<Row ss:Index="4"><Cell ss:Index="3"><Data ss:Type="String">市教育局</Data></Cell><Cell><Data ss:Type="String">张老师</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"标题"}, nil, nil, {"", "", "市教育局", "张老师"}}, []string{"表"}},
		{"a comment is no value, rich text is", head + sheet("表", `<Row><Cell><Data ss:Type="String">学习<html:B>型</html:B>城市</Data>`+
			`<Comment ss:Author="王五"><ss:Data><html:Font>批注不是数据</html:Font></ss:Data></Comment></Cell>`+
			`<Cell><Comment><ss:Data>只有批注</ss:Data></Comment></Cell><Cell><Data ss:Type="String">市民政局</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"学习型城市", "", "市民政局"}}, []string{"表"}},
		{"numbers styled as percentages", head + `<Styles><Style ss:ID="Default" ss:Name="Normal"/><Style ss:ID="s62"><NumberFormat ss:Format="Percent"/></Style>` +
			`<Style ss:ID="s63"><NumberFormat ss:Format="0.0%"/></Style><Style ss:ID="s64"><NumberFormat ss:Format="0.00"/></Style></Styles>` +
			sheet("台账", `<Row><Cell><Data ss:Type="String">建成率</Data></Cell><Cell ss:StyleID="s62"><Data ss:Type="Number">0.565</Data></Cell>`+
				`<Cell ss:StyleID="s63"><Data ss:Type="Number">0.565</Data></Cell><Cell ss:StyleID="s64"><Data ss:Type="Number">0.565</Data></Cell>`+
				`<Cell ss:StyleID="s63"><Data ss:Type="String">待填</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"建成率", "56.50%", "56.5%", "0.565", "待填"}}, []string{"台账"}},
		{"a row spanning rows (ss:Span): the next row after them", head + sheet("表", `<Row ss:Span="2"><Cell><Data ss:Type="String">甲</Data></Cell></Row>`+
			`<Row><Cell><Data ss:Type="String">乙</Data></Cell></Row><Row ss:Span="1"/><Row><Cell><Data ss:Type="String">丙</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"甲"}, nil, nil, {"乙"}, nil, nil, {"丙"}}, []string{"表"}},
		{"merged across and down", head + sheet("表", `<Row><Cell ss:MergeAcross="1"><Data ss:Type="String">指标</Data></Cell><Cell ss:MergeDown="1"><Data ss:Type="String">单位</Data></Cell></Row>`+
			`<Row><Cell><Data ss:Type="String">编码</Data></Cell><Cell><Data ss:Type="String">名称</Data></Cell><Cell><Data ss:Type="String">备注</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"指标", "指标", "单位"}, {"编码", "名称", "单位", "备注"}}, []string{"表"}},
		{"the first sheet of two", head + sheet("第一张", `<Row><Cell><Data ss:Type="String">甲</Data></Cell></Row>`) +
			sheet("第二张", `<Row><Cell><Data ss:Type="String">乙</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"甲"}}, []string{"第一张"}},
		{"declared GB2312", `<?xml version="1.0" encoding="gb2312"?>` + head[len(`<?xml version="1.0"?>`):] +
			sheet("表", `<Row><Cell><Data ss:Type="String">杭州市</Data></Cell></Row>`) + `</Workbook>`,
			[][]string{{"杭州市"}}, []string{"表"}},
	} {
		data := []byte(tt.xml)
		if strings.Contains(tt.xml, "gb2312") {
			data = gb18030(t, tt.xml)
		}
		if !LooksXMLSpreadsheet(data) {
			t.Errorf("%s: not told an XML Spreadsheet", tt.name)
		}
		name, got, err := ReadWorkbook(context.Background(), data, 100, nil)
		if err != nil || name != tt.sheets[0] || !slices.EqualFunc(got, tt.want, slices.Equal) {
			t.Errorf("%s: %q %q, %v\nwant %q %q", tt.name, name, got, err, tt.sheets[0], tt.want)
		}
	}

	sheets, err := ReadXMLSpreadsheet(context.Background(), []byte(head+sheet("甲", "")+sheet("乙", `<Row><Cell><Data ss:Type="String">乙</Data></Cell></Row>`)+"</Workbook>"), 10, 100)
	if err != nil || len(sheets) != 2 || sheets[1].Name != "乙" || len(sheets[1].Records) != 1 {
		t.Errorf("two sheets: %+v, %v", sheets, err)
	}

	laughs := `<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>` +
		head[len(`<?xml version="1.0"?>`):] + sheet("表", `<Row><Cell><Data ss:Type="String">&c;</Data></Cell></Row>`) + `</Workbook>`
	external := `<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY x SYSTEM "file:///etc/passwd">]>` +
		head[len(`<?xml version="1.0"?>`):] + sheet("表", `<Row><Cell><Data ss:Type="String">&x;</Data></Cell></Row>`) + `</Workbook>`
	manyRows := head + sheet("表", strings.Repeat(`<Row><Cell><Data ss:Type="String">行</Data></Cell></Row>`, 11)) + `</Workbook>`
	for _, tt := range []struct {
		name, xml string
		code      string
		err       error
	}{
		{"billion laughs", laughs, catalog.EINVALID, nil},
		{"an external entity", external, catalog.EINVALID, nil},
		{"cut short", head + sheet("表", `<Row><Cell><Data ss:Type="String">杭州`), catalog.EINVALID, nil},
		{"tags that do not match", head + `<Worksheet><Table><Row></Table></Worksheet></Workbook>`, catalog.EINVALID, nil},
		{"no Workbook", `<?xml version="1.0"?><Other xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>`, catalog.EINVALID, nil},
		{"no sheet", head + `</Workbook>`, "", ErrNoSheet},
		{"nested deep", head + strings.Repeat("<a>", 100000), catalog.ETOOLARGE, nil},
		{"a cell past the last column", head + sheet("表", `<Row><Cell ss:Index="1000000"><Data ss:Type="String">远</Data></Cell></Row>`) + `</Workbook>`, catalog.EINVALID, nil},
		{"a merge across past the last column", head + sheet("表", `<Row><Cell ss:MergeAcross="99999"><Data ss:Type="String">宽</Data></Cell></Row>`) + `</Workbook>`, catalog.EINVALID, nil},
		{"a merge across wrapping round", head + sheet("表", `<Row><Cell ss:MergeAcross="9223372036854775807"><Data ss:Type="String">宽</Data></Cell></Row>`) + `</Workbook>`, catalog.EINVALID, nil},
		{"a merge down wrapping round", head + sheet("表", `<Row><Cell ss:MergeDown="9223372036854775807"><Data ss:Type="String">长</Data></Cell></Row><Row><Cell><Data ss:Type="String">乙</Data></Cell></Row>`) + `</Workbook>`, "", nil}, // read, the merge cut at the last row
		{"too many rows", manyRows, "", ErrTooManyRows},
		{"a cell's text past 1 MiB", head + sheet("表", `<Row><Cell><Data ss:Type="String">`+strings.Repeat("长", 400000)+`</Data></Cell></Row>`) + `</Workbook>`, catalog.ETOOLARGE, nil},
		{"a row far down", head + sheet("表", `<Row ss:Index="1000000"><Cell><Data ss:Type="String">远</Data></Cell></Row>`) + `</Workbook>`, "", ErrTooManyRows},
	} {
		_, _, err := ReadWorkbook(context.Background(), []byte(tt.xml), 10, nil)
		switch {
		case tt.err != nil && !errors.Is(err, tt.err):
			t.Errorf("%s: %v, want %v", tt.name, err, tt.err)
		case tt.err == nil && catalog.ErrorCode(err) != tt.code:
			t.Errorf("%s: %v (%s), want %s", tt.name, err, catalog.ErrorCode(err), tt.code)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	big := head + sheet("表", strings.Repeat(`<Row><Cell><Data ss:Type="String">行</Data></Cell></Row>`, 5000)) + `</Workbook>`
	if _, err := ReadXMLSpreadsheet(ctx, []byte(big), 1, 10000); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled read: %v, want context.Canceled", err)
	}
}

// gb18030 is s in GB18030, as offices in China save text.
func gb18030(t *testing.T, s string) []byte {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestXMLSpreadsheetEmptyRowsBounded: a few kilobytes of workbook whose
// sheets each hold one row at ss:Index 1,048,576, read as a document is
// (every sheet, Excel's rows), is refused as too large before its empty
// rows take gigabytes; one such sheet, which Excel could hold, is read.
func TestXMLSpreadsheetEmptyRowsBounded(t *testing.T) {
	const head = `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`
	far := `<Worksheet ss:Name="表"><Table><Row ss:Index="1048576"><Cell><Data ss:Type="String">远</Data></Cell></Row></Table></Worksheet>`
	sheets, err := ReadXMLSpreadsheet(context.Background(), []byte(head+far+"</Workbook>"), MaxXMLSheets, 1<<20)
	if err != nil || len(sheets) != 1 || len(sheets[0].Records) != 1<<20 {
		t.Fatalf("one sheet with a row far down: %d sheets, %v", len(sheets), err)
	}
	data := []byte(head + strings.Repeat(far, 16) + "</Workbook>")
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = ReadXMLSpreadsheet(context.Background(), data, MaxXMLSheets, 1<<20)
	runtime.ReadMemStats(&after)
	if catalog.ErrorCode(err) != catalog.ETOOLARGE {
		t.Errorf("16 sheets of %d bytes each with a row far down: %v, want ETOOLARGE", len(far), err)
	}
	if got := after.TotalAlloc - before.TotalAlloc; got > 64<<20 {
		t.Errorf("16 sheets with a row far down took %d MiB, want under 64 MiB", got>>20)
	}
}
