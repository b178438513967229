package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

// TestXLSThatIsTextOrAWebPage: an "Excel" file a government system or
// WPS exported as a GBK web page's table, as GB18030 tab-separated text
// or as Excel 2003's XML Spreadsheet (LibreOffice's, cells merged down
// written once), under a .xls name, uploaded as a document, is read as
// the table it shows, not failed as a damaged workbook nor read as
// markup; so is a single-file web page (MHT) as Excel writes it (GB18030
// quoted-printable, the table's page after a frameset) and as WPS does
// (UTF-8 labelled us-ascii), its script and tab strip of sheet names not
// read as pages.
func TestXLSThatIsTextOrAWebPage(t *testing.T) {
	for name, want := range map[string]string{
		"台账.xls": "1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31",
		// A cell that starts with a quote keeps it and takes none of
		// the rows after it.
		"XML表格的责任分解表.xls": "1 | 1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师\n\n2 | 1.1.2颁布终身教育(学习)促进地方性法规 | | 市教育局 | 2018-03-31 | 张老师",
		"责任分解表.xls":       "1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师 | \"十四五\"规划衔接\n",
		// Excel's and WPS's single-file web pages: the sheet's page only,
		// not WPS's script nor the tab strip of sheet names.
		"单个文件网页的责任分解表.xls":    "1 | 1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师",
		"WPS单个文件网页的责任分解表.xls": "1 | 1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师",
	} {
		res, err := sniffAndExtract(t, name, Limits{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if text := strings.Join(res.Pages, "\f"); !strings.Contains(text, want) || !strings.Contains(text, "四级社区教育网络建成率") || strings.Contains(text, "<") || strings.Contains(name, "网页") && strings.Contains(text, "Sheet1") || strings.Contains(text, "fnBuildTabStrip") {
			t.Errorf("%s read by %s as %q, want %q", name, res.Extractor, text, want)
		}
	}
}

// TestTabSeparatedCellOfSeveralLines: a document of tab-separated text in
// GB18030 whose 备注 cell Excel quoted over two lines reads that cell on
// its row, not as a row of its own that takes the quote along.
func TestTabSeparatedCellOfSeveralLines(t *testing.T) {
	text := "指标编码\t责任单位\t备注\r\n1.1.1\t市教育局\t\"每季度报送一次\r\n年底汇总\"\r\n1.1.2\t市民政局\t无\r\n"
	data, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Extract(context.Background(), FormatCSV, writeTemp(t, "责任分解表.xls", data), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := "指标编码 | 责任单位 | 备注\n\n1.1.1 | 市教育局 | 每季度报送一次年底汇总\n\n1.1.2 | 市民政局 | 无"
	if got := strings.Join(res.Pages, "\f"); got != want {
		t.Errorf("read as %q, want %q", got, want)
	}
}

// TestXMLSpreadsheetDocumentRefusals: an XML Spreadsheet uploaded as a
// document that declares entities growing a billion times, or is cut
// short, is refused saying it is damaged, never expanded nor read as
// text; one nested past its bound is refused as too large; each in
// words that fit an upload as well as an import.
func TestXMLSpreadsheetDocumentRefusals(t *testing.T) {
	const head = `<Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet">`
	laughs := `<?xml version="1.0"?><!DOCTYPE Workbook [<!ENTITY a "哈哈哈哈哈哈哈哈哈哈">` +
		`<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>` +
		head + `<Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="String">&d;</Data></Cell></Row></Table></Worksheet></Workbook>`
	for _, tt := range []struct {
		name, xml, code string
	}{
		{"billion laughs", laughs, catalog.EINVALID},
		{"cut short", `<?xml version="1.0"?>` + head + `<Worksheet ss:Name="表"><Table><Row><Cell><Data ss:Type="String">杭州市`, catalog.EINVALID},
		{"nested deep", `<?xml version="1.0"?>` + head + strings.Repeat("<Worksheet>", 10000), catalog.ETOOLARGE},
	} {
		path := writeTemp(t, "台账.xls", []byte(tt.xml))
		format, _, err := Sniff([]byte(tt.xml), "台账.xls")
		if err != nil || format != FormatXLS {
			t.Fatalf("%s: sniffed %q, %v; want xls", tt.name, format, err)
		}
		res, err := Extract(context.Background(), format, path, Limits{})
		if catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, %v; want %s", tt.name, res, err, tt.code)
		}
		// Excel's and WPS's name for it, and nothing said of an import.
		if msg := fmt.Sprint(err); !strings.Contains(msg, "XML 电子表格 2003") || strings.Contains(msg, "导入") {
			t.Errorf("%s: %q, want it named XML 电子表格 2003 and no 导入", tt.name, msg)
		}
	}
}

// TestXMLSpreadsheetWithRichTextFirst: an XML Spreadsheet whose first
// cell is rich text (<html:B>) is told and read as a workbook, not as a
// web page run together; an XHTML page is still a web page.
func TestXMLSpreadsheetWithRichTextFirst(t *testing.T) {
	const xml = `<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet" xmlns:ss="urn:schemas-microsoft-com:office:spreadsheet" xmlns:html="http://www.w3.org/TR/REC-html40">` +
		`<Worksheet ss:Name="台账"><Table><Row><Cell><ss:Data ss:Type="String"><html:B>指标编码</html:B></ss:Data></Cell><Cell><Data ss:Type="String">责任单位</Data></Cell></Row>` +
		`<Row><Cell><Data ss:Type="String">1.1.1</Data></Cell><Cell><Data ss:Type="String">市教育局</Data></Cell></Row></Table></Worksheet></Workbook>`
	for _, name := range []string{"台账.xls", "台账.xml", "台账"} {
		format, _, err := Sniff([]byte(xml), name)
		if err != nil || format != FormatXLS {
			t.Errorf("%s: sniffed %q, %v; want xls", name, format, err)
			continue
		}
		res, err := Extract(context.Background(), format, writeTemp(t, name, []byte(xml)), Limits{})
		if want := "指标编码 | 责任单位\n\n1.1.1 | 市教育局"; err != nil || !strings.Contains(strings.Join(res.Pages, "\f"), want) {
			t.Errorf("%s: %v, %v; want %q", name, res, err, want)
		}
	}
	xhtml := `<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body><p>学习型城市</p></body></html>`
	if format, _, err := Sniff([]byte(xhtml), "通知"); err != nil || format != FormatHTML {
		t.Errorf("XHTML: sniffed %q, %v; want html", format, err)
	}
}
