package spreadsheet

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// sharedStringsXML is a shared-string table of n strings, the i-th
// 单位i.
func sharedStringsXML(n int) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, n, n)
	for i := range n {
		fmt.Fprintf(&b, "<si><t>单位%d</t></si>", i)
	}
	b.WriteString("</sst>")
	return b.String()
}

// TestImportRefusesUnusedSharedStrings holds the import to the
// extractor's rule (s58): a shared-string table of 1,048,576 strings,
// the most the import took before, and one cell (≈ 10 CPU-s of the
// server before) is refused from its XML, naming both counts; a table of
// 10,000 rows whose cells use 130,000 strings, past the bound, imports.
func TestImportRefusesUnusedSharedStrings(t *testing.T) {
	crafted := withMember(t, buildXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), "xl/sharedStrings.xml", sharedStringsXML(maxStrings))
	t.Logf("crafted workbook: %d KB", len(crafted)>>10)
	start := time.Now()
	_, _, err := ReadFirstSheet(crafted, 10_000)
	if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), catalog.Fullwidth("文字表有 1048576 条文字，各工作表的单元格只用到 1 个")) {
		t.Fatalf("a million strings for one cell: %v, want ETOOLARGE naming both counts", err)
	}
	if en := catalog.MessageIn(err, true); !strings.Contains(en, "holds 1048576 texts, but the cells of its sheets use only 1") {
		t.Errorf("English: %q", en)
	}
	t.Logf("refused after %s", time.Since(start).Round(time.Millisecond))

	const rows, cols = 10_000, 13
	sheet := rowsOf(rows, func(i int) string {
		var b strings.Builder
		for c := range cols {
			fmt.Fprintf(&b, `<c r="%c%d" t="s"><v>%d</v></c>`, 'A'+c, i, (i-1)*cols+c)
		}
		return b.String()
	})
	real := withMember(t, buildXLSX(t, sheet), "xl/sharedStrings.xml", sharedStringsXML(rows*cols))
	_, records, err := ReadFirstSheet(real, 10_000)
	if err != nil {
		t.Fatalf("a table of %d rows using its %d strings: %v", rows, rows*cols, err)
	}
	if len(records) != rows || records[rows-1][cols-1] != fmt.Sprintf("单位%d", rows*cols-1) {
		t.Errorf("read %d rows, last %v", len(records), records[len(records)-1])
	}
}
