package spreadsheet

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/xmlpart"
)

// nested is n elements named name opened, body, and all closed again.
func nested(name string, n int, body string) string {
	return strings.Repeat("<"+name+">", n) + body + strings.Repeat("</"+name+">", n)
}

// An XLSX a responsibility table or ledger is imported from is read in the
// server's process, by excelize, whose decoder holds every open element: a
// part nested far past what any writer makes is refused from its XML
// first, wherever excelize would read it from, with the document
// extractor's bound and message; one nested just within it still reads.
func TestImportRefusesDeeplyNestedXML(t *testing.T) {
	const deep = 200_000
	header := `<row r="1">` + cell("A1", "指标编码") + cell("B1", "责任单位") + `</row>`
	plain := buildXLSX(t, header)
	const sheetNS = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	// A workbook whose officeDocument relation names xl/book, its sheet
	// at xl/sheets/s1.xml: excelize follows the relations.
	renamed := func(book, sheet string) []byte {
		data := withMember(t, plain, "_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/book"/></Relationships>`)
		data = withMember(t, data, "xl/book", book)
		data = withMember(t, data, "xl/_rels/book.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`+
			`<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="sheets/s1.xml"/></Relationships>`)
		return withMember(t, data, "xl/sheets/s1.xml", sheet)
	}
	const book = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="责任分解" sheetId="1" r:id="rId1"/></sheets>`
	var farRows strings.Builder
	for i := 2; i <= 301; i++ {
		fmt.Fprintf(&farRows, `<row r="%d"><c r="XFD%d" s="1"/></row>`, i, i)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want string // the refusal's words; "" when the table reads
	}{
		{"a cell nested 200,000 runs deep", buildXLSX(t, `<row r="1"><c r="A1" t="inlineStr"><is>`+nested("r", deep, "<t>教育局</t>")+`</is></c></row>`),
			"嵌套超过 10000 层"},
		{"shared strings nested 200,000 runs deep", withMember(t, buildXLSX(t, `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), "xl/sharedStrings.xml",
			`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>教育局</t>`+nested("r", deep, "")+`</si></sst>`), "嵌套超过 10000 层"},
		{"a style sheet nested 200,000 deep", withMember(t, buildXLSX(t, `<row r="1"><c r="A1" s="1"><v>43000</v></c></row>`), "xl/styles.xml",
			`<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy年m月d日"/></numFmts><cellXfs count="2"><xf/><xf numFmtId="164"/></cellXfs>`+
				`<extLst>`+nested("ext", deep, "")+`</extLst></styleSheet>`), "嵌套超过 10000 层"},
		{"a sheet declared GBK nested 200,000 runs deep", withMember(t, plain, "xl/worksheets/sheet1.xml",
			`<?xml version="1.0" encoding="GBK"?>`+sheetNS+`<row r="1"><c r="A1" t="inlineStr"><is>`+nested("r", deep, "<t>jiaoyuju</t>")+`</is></c></row></sheetData></worksheet>`),
			"嵌套超过 10000 层"},
		{"a workbook not named .xml nested 200,000 deep", renamed(book+`<extLst>`+nested("ext", deep, "")+`</extLst></workbook>`,
			sheetNS+header+`</sheetData></worksheet>`), "嵌套超过 10000 层"},
		// The first sheet is measured wherever its relation puts it: an
		// empty styled cell in column XFD on 300 rows pads to 4.9 million.
		{"a first sheet outside xl/worksheets with a cell in column XFD on 300 rows", renamed(book+`</workbook>`,
			sheetNS+header+farRows.String()+`</sheetData></worksheet>`),
			"表格的行列过多"},
		{"a sheet nested just within the bound", buildXLSX(t, header, `<extLst>`+nested("ext", xmlpart.MaxDepth-3, "")+`</extLst>`), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			_, rows, err := ReadFirstSheet(tt.data, 10_000)
			if tt.want == "" {
				if err != nil || len(rows) != 1 || rows[0][1] != "责任单位" {
					t.Fatalf("got %v %v, want the heading row", rows, err)
				}
				return
			}
			if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), tt.want) {
				t.Fatalf("got %v (code %q), want EINVALID saying %s", err, catalog.ErrorCode(err), tt.want)
			}
			if strings.Contains(tt.want, "嵌套") && !strings.Contains(catalog.MessageIn(err, true), "more than 10000 levels deep") {
				t.Errorf("English %q does not name the bound", catalog.MessageIn(err, true))
			}
			t.Logf("refused in %v", time.Since(start))
		})
	}
}
