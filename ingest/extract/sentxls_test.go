package extract

import (
	"strings"
	"testing"
)

// TestXLSThatIsTextOrAWebPage: an "Excel" file a government system or
// WPS exported as a GBK web page's table, as GB18030 tab-separated text
// or as Excel 2003's XML Spreadsheet (LibreOffice's, cells merged down
// written once), under a .xls name, uploaded as a document, is read as
// the table it shows, not failed as a damaged workbook nor read as
// markup.
func TestXLSThatIsTextOrAWebPage(t *testing.T) {
	for name, want := range map[string]string{
		"台账.xls": "1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31",
		// A cell that starts with a quote keeps it and takes none of
		// the rows after it.
		"XML表格的责任分解表.xls": "1 | 1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师\n\n2 | 1.1.2颁布终身教育(学习)促进地方性法规 | | 市教育局 | 2018-03-31 | 张老师",
		"责任分解表.xls":       "1.1.1 | 市委市政府出台推进学习型城市建设的决定、意见或规划 | 市教育局 | 2018-03-31 | 张老师 | \"十四五\"规划衔接\n",
	} {
		res, err := sniffAndExtract(t, name, Limits{})
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if text := strings.Join(res.Pages, "\f"); !strings.Contains(text, want) || !strings.Contains(text, "四级社区教育网络建成率") || strings.Contains(text, "<") {
			t.Errorf("%s read by %s as %q, want %q", name, res.Extractor, text, want)
		}
	}
}
