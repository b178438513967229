package spreadsheet

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestPrescanReadsMembersByTheNamesExcelizeReads: excelize takes a
// member's Windows separators for slashes (xl\styles.xml is its style
// sheet, xl\sharedStrings.xml its shared strings), so the prescan's
// bounds hold for those names too. They matched the names as written:
// a zip naming its style sheet or its shared strings with backslashes
// escaped every bound on them, and excelize read them whole (25 million
// <xf/> took 9 GB).
func TestPrescanReadsMembersByTheNamesExcelizeReads(t *testing.T) {
	plain := buildXLSX(t, `<row r="1">`+cell("A1", "指标编码")+cell("B1", "责任单位")+`</row>`)
	oneString := buildXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`)
	for _, tt := range []struct {
		name   string
		data   []byte
		phrase string
	}{
		{`a style sheet past 8 MiB named xl\styles.xml`, withMember(t, plain, `xl\styles.xml`,
			`<styleSheet><cellXfs>`+strings.Repeat("<xf/>", 2_000_000)+`</cellXfs></styleSheet>`), "样式表过大"},
		{`more than a million shared strings named xl\sharedStrings.xml`, withMember(t, plain, `xl\sharedStrings.xml`,
			`<sst>`+strings.Repeat("<si/>", maxStrings+1)+`</sst>`), "文字超过"},
		{`200,000 shared strings for one cell named XL\SharedStrings.xml`, withMember(t, oneString, `XL\SharedStrings.xml`,
			sharedStringsXML(2*maxUnusedStrings)), catalog.Fullwidth("各工作表的单元格只用到 1 个")},
	} {
		_, _, err := ReadFirstSheet(tt.data, 10_000)
		if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("%s: %v, want ETOOLARGE saying %q", tt.name, err, tt.phrase)
		}
	}
}
