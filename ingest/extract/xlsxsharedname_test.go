package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestXLSXSharedStringsAreBoundedByTheNameExcelizeReads: the bound on a
// table of more shared strings than the cells use applies to the part
// excelize decodes as the table, found as it finds it: by the name
// xl/sharedStrings.xml in any case, Windows separators taken for slashes.
// A zip naming it xl\sharedStrings.xml escaped the bound (review s58, low:
// the bound matched the name as written), and excelize read all its
// strings. excelize does not follow the workbook's relation: a table the
// relation names otherwise (xl/strings.xml) is never decoded, its cells
// read as empty; should a later excelize read it, this test says so, and
// the bound must follow the relation. The bound is lowered to 100: 150
// strings and one cell.
func TestXLSXSharedStringsAreBoundedByTheNameExcelizeReads(t *testing.T) {
	old := maxSharedStrings
	maxSharedStrings = 100
	defer func() { maxSharedStrings = old }()
	var strs strings.Builder
	strs.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for i := range 150 {
		fmt.Fprintf(&strs, "<si><t>学员%03d</t></si>", i)
	}
	strs.WriteString("</sst>")
	// The workbook with its table as member name, which its relation
	// and content type name as target.
	workbook := func(name, target string) string {
		rels := strings.Replace(xlsxRels, `Target="sharedStrings.xml"`, `Target="`+target+`"`, 1)
		types := strings.Replace(xlsxTypes, `PartName="/xl/sharedStrings.xml"`, `PartName="/xl/`+target+`"`, 1)
		return writeTemp(t, "台账.xlsx", zipOf("[Content_Types].xml", types, "_rels/.rels", xlsxRootRels, "xl/workbook.xml", xlsxWorkbook,
			"xl/_rels/workbook.xml.rels", rels,
			"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData></worksheet>`,
			name, strs.String()))
	}
	for _, name := range []string{"xl/sharedStrings.xml", `xl\sharedStrings.xml`, "XL/SharedStrings.XML"} {
		_, err := Extract(context.Background(), FormatXLSX, workbook(name, "sharedStrings.xml"), Limits{})
		wantError(t, "150 strings named "+name+" and one cell", err, catalog.ETOOLARGE, "XLSX 表格的文字表超过 100 条上限")
	}
	res, err := Extract(context.Background(), FormatXLSX, workbook("xl/strings.xml", "strings.xml"), Limits{})
	if err != nil {
		t.Fatalf("a table named xl/strings.xml by its relation: %v, want it read (excelize leaves it unread)", err)
	}
	if text := strings.Join(res.Pages, "\n"); strings.Contains(text, "学员001") {
		t.Errorf("excelize read the table its relation names xl/strings.xml (%q): the shared-strings bound must follow the relation", text)
	}
}
