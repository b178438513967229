package extract

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestXLSXDoctypeIsRefusedForWhatItIs: a workbook declaring an external
// entity (testdata/gen/hostile.go) is refused for that, as a DOCX or an
// OFD is, not called damaged: exported again by the same tool it would
// fail alike, and the person should know why.
func TestXLSXDoctypeIsRefusedForWhatItIs(t *testing.T) {
	_, err := Extract(context.Background(), FormatXLSX, fixture("doctype.xlsx"), Limits{})
	wantError(t, "XLSX with a DOCTYPE", err, catalog.EINVALID, "XLSX 表格中含有 DOCTYPE 或外部实体声明,出于安全原因拒绝处理")
	wantEnglish(t, "XLSX with a DOCTYPE", err, "contains a DOCTYPE or external entity declaration")
	if res, err := Extract(context.Background(), FormatXLSX, fixture("ledger.xlsx"), Limits{}); err != nil || len(res.Pages) == 0 {
		t.Errorf("the same workbook without the DOCTYPE: %v", err)
	}
}

func TestCheckXrefChain(t *testing.T) {
	for _, tt := range []struct {
		name string
		want error
	}{
		{"xrefloop.pdf", errXrefLoop},
		{"chapters.pdf", nil}, // an incremental save: a /Prev that ends
		{"stamped.pdf", nil},
		{"truncated.pdf", nil}, // no startxref: left to the readers
		{"scan.png", nil},
	} {
		if got := checkXrefChain(fixture(tt.name)); !errors.Is(got, tt.want) && got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestXrefLoopIsDamagedNotABlankScan: a PDF whose cross-reference chain
// loops and which draws no image failed as a blank scan (rescan it),
// which misled: its structure is at fault, and the reason says so and
// what to do, whichever readers are installed. The library, which would
// follow the chain for ever, is not run on it.
func TestXrefLoopIsDamagedNotABlankScan(t *testing.T) {
	needPdftotext(t)
	for _, tt := range []struct {
		name  string
		setup func(*testing.T)
	}{
		{"with OCR", needOCR},
		{"without OCR", withoutOCR},
		{"without pdftotext", func(t *testing.T) { withoutPdftotext(t); withoutOCR(t) }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.setup(t)
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
			defer cancel()
			before := pdfLibraryRuns.Load()
			_, err := Extract(ctx, FormatPDF, fixture("xrefloop.pdf"), Limits{})
			wantError(t, "xref loop", err, catalog.EINVALID, "PDF 文件的结构已损坏（交叉引用表 xref 循环指向自身）")
			wantEnglish(t, "xref loop", err, "it is not a blank scan")
			if n := pdfLibraryRuns.Load(); n > before {
				t.Errorf("%d library goroutines left running on the looping file", n-before)
			}
		})
	}
}

// TestPageTreeLoopIsDamagedNotABlankScan: a PDF whose page tree contains
// itself (issue 15's crafted file) and which draws no image failed as a
// blank scan, asking for a rescan of a file that was never paper: the
// library refuses the tree, OCR reads nothing, and the reason must say
// the structure is at fault.
func TestPageTreeLoopIsDamagedNotABlankScan(t *testing.T) {
	needPdftotext(t)
	needOCR(t)
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	_, err := Extract(ctx, FormatPDF, fixture("pagetreeloop.pdf"), Limits{})
	wantError(t, "page tree loop", err, catalog.EINVALID, "PDF 文件的结构已损坏（页面树循环指向自身）")
	wantEnglish(t, "page tree loop", err, "it is not a blank scan")
}

// A minimal workbook: its parts as excelize needs them to open it.
const xlsxWorkbook = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`

const xlsxRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>` +
	`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`

const xlsxTypes = `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
	`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>` +
	`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`

const xlsxRootRels = `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`

// TestDeeplyNestedXMLFailsAtOnce holds issue 15's DOCX of 5 million nested
// <w:p> (55 MB unzipped, under the unzip limit) and its like in the other
// XML formats: the decoder held every open element, so such a part took a
// reading child a GiB and its whole time limit, and failed with 提取文字超时
// (retry when the server is less busy), or, read in process, as damaged.
// Now it fails at the nesting bound, naming it, as the file's fault; in
// an XLSX whichever part excelize decodes is nested so (a sheet, the
// shared strings).
func TestDeeplyNestedXMLFailsAtOnce(t *testing.T) {
	const ofdRoot = `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
	const ofdDoc = `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`
	for _, tt := range []struct {
		name    string
		format  Format
		members []string
		words   string
	}{
		{"DOCX of 5 million nested paragraphs", FormatDOCX, []string{"word/document.xml",
			`<w:document ` + wordNS + `><w:body>` + strings.Repeat("<w:p>", 5_000_000)}, "DOCX 文件"},
		{"ODT of nested sections", FormatODT, []string{"content.xml",
			`<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"><office:body><office:text>` +
				strings.Repeat("<text:section>", 1_000_000)}, "ODT 文档"},
		{"OFD of nested page blocks", FormatOFD, []string{"OFD.xml", ofdRoot, "Doc_0/Document.xml", ofdDoc, "Doc_0/Pages/Page_0/Content.xml",
			`<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">` + strings.Repeat("<ofd:PageBlock>", 1_000_000)}, "OFD 文件"},
		{"XLSX of a cell nested 5 million runs deep", FormatXLSX, []string{
			"xl/workbook.xml", `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="表1" sheetId="1" r:id="rId1"/></sheets></workbook>`,
			"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
			"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>` +
				strings.Repeat("<r>", 5_000_000)}, "XLSX 表格"},
		// excelize decodes the shared strings whole, as a sheet, with a
		// stack of every open element: a well-formed part nested 5
		// million deep (25 MB) took it 10 s and 750 MB, read in process.
		{"XLSX of shared strings nested a million runs deep", FormatXLSX, []string{
			"[Content_Types].xml", xlsxTypes, "_rels/.rels", xlsxRootRels, "xl/workbook.xml", xlsxWorkbook, "xl/_rels/workbook.xml.rels", xlsxRels,
			"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
			"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>学分银行</t>` +
				strings.Repeat("<r>", 1_000_000) + strings.Repeat("</r>", 1_000_000) + `</si></sst>`}, "XLSX 表格"},
		// A part declaring another encoding is read in it by excelize.
		{"XLSX of a sheet declared GBK nested a million runs deep", FormatXLSX, []string{
			"[Content_Types].xml", xlsxTypes, "_rels/.rels", xlsxRootRels, "xl/workbook.xml", xlsxWorkbook, "xl/_rels/workbook.xml.rels", xlsxRels,
			"xl/worksheets/sheet1.xml", `<?xml version="1.0" encoding="GBK"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>xuefen</t>` +
				strings.Repeat("<r>", 1_000_000) + strings.Repeat("</r>", 1_000_000) + `</is></c></row></sheetData></worksheet>`}, "XLSX 表格"},
		// The workbook named as its relation says (not .xml), nested
		// deep after its sheets.
		{"XLSX of a workbook not named .xml nested a million deep", FormatXLSX, []string{
			"[Content_Types].xml", strings.ReplaceAll(xlsxTypes, "/xl/workbook.xml", "/xl/book"),
			"_rels/.rels", strings.ReplaceAll(xlsxRootRels, "xl/workbook.xml", "xl/book"),
			"xl/book", strings.TrimSuffix(xlsxWorkbook, "</workbook>") + "<extLst>" + strings.Repeat("<ext>", 1_000_000) + strings.Repeat("</ext>", 1_000_000) + "</extLst></workbook>",
			"xl/_rels/book.rels", xlsxRels,
			"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>xuefen</t></is></c></row></sheetData></worksheet>`},
			"XLSX 表格"},
		{"DOCX nested just within the bound", FormatDOCX, []string{"word/document.xml",
			document(strings.Repeat("<w:tbl><w:tr><w:tc>", maxXMLDepth/3-3) + "<w:p><w:r><w:t>学分银行</w:t></w:r></w:p>" +
				strings.Repeat("</w:tc></w:tr></w:tbl>", maxXMLDepth/3-3))}, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := writeTemp(t, "nested."+string(tt.format), zipOf(tt.members...))
			res, err := Extract(context.Background(), tt.format, path, Limits{})
			if tt.words == "" {
				if err != nil || !strings.Contains(strings.Join(res.Pages, ""), "学分银行") {
					t.Fatalf("got %v, want its text", err)
				}
				return
			}
			wantError(t, tt.name, err, catalog.EINVALID, tt.words+"的 XML 结构嵌套超过 10000 层（正常文件不会如此），已停止处理")
			wantEnglish(t, tt.name, err, "more than 10000 levels deep")
			if c := CauseOf(catalog.ErrorMessage(err)); c != CauseFile {
				t.Errorf("cause %q, want the file's", c)
			}
		})
	}
}

// A shared-string table far larger than any cell could use is refused
// while the nesting scan reads it, before excelize decodes every string
// of it at the first text cell (a million strings and one cell, 153 KB
// zipped, cost 9.9 CPU-s).
func TestXLSXTooManySharedStringsFailsAtOnce(t *testing.T) {
	var strs strings.Builder
	strs.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for range 500_001 {
		strs.WriteString("<si><t>学分银行</t></si>")
	}
	strs.WriteString("</sst>")
	path := writeTemp(t, "strings.xlsx", zipOf("[Content_Types].xml", xlsxTypes, "_rels/.rels", xlsxRootRels, "xl/workbook.xml", xlsxWorkbook,
		"xl/_rels/workbook.xml.rels", xlsxRels,
		"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
		"xl/sharedStrings.xml", strs.String()))
	_, err := Extract(context.Background(), FormatXLSX, path, Limits{})
	wantError(t, "a table of 500,001 shared strings", err, catalog.ETOOLARGE, "XLSX 表格的文字表超过 500000 条上限")
	wantEnglish(t, "a table of 500,001 shared strings", err, "more than 500000 strings")
}

// TestXLSXLedgerOfManySharedStringsIsRead: a workbook whose cells use
// more shared strings than maxSharedStrings (a ledger of 200,000 people's
// names and ID numbers has a million) is read; only a table of more
// strings than its cells use is refused. Every such ledger failed (review
// s58), its text neither searchable nor citable. The bound is lowered to
// 100 here: 150 strings used by 150 cells are read, 150 strings and one
// cell refused.
func TestXLSXLedgerOfManySharedStringsIsRead(t *testing.T) {
	old := maxSharedStrings
	maxSharedStrings = 100
	defer func() { maxSharedStrings = old }()
	const n = 150
	var strs, rows strings.Builder
	strs.WriteString(`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
	for i := range n {
		fmt.Fprintf(&strs, "<si><t>学员%03d</t></si>", i)
		fmt.Fprintf(&rows, `<row r="%d"><c r="A%d" t="s"><v>%d</v></c></row>`, i+1, i+1, i)
	}
	strs.WriteString("</sst>")
	workbook := func(name, rows string) string {
		return writeTemp(t, name, zipOf("[Content_Types].xml", xlsxTypes, "_rels/.rels", xlsxRootRels, "xl/workbook.xml", xlsxWorkbook,
			"xl/_rels/workbook.xml.rels", xlsxRels,
			"xl/worksheets/sheet1.xml", `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+rows+`</sheetData></worksheet>`,
			"xl/sharedStrings.xml", strs.String()))
	}
	res, err := Extract(context.Background(), FormatXLSX, workbook("ledger.xlsx", rows.String()), Limits{})
	if err != nil {
		t.Fatalf("a ledger of %d strings its %d cells use: %v", n, n, err)
	}
	if text := strings.Join(res.Pages, "\n"); !strings.Contains(text, "学员000") || !strings.Contains(text, "学员149") {
		t.Errorf("the ledger's text lacks its first or last string:\n%.300s", text)
	}
	_, err = Extract(context.Background(), FormatXLSX, workbook("unused.xlsx", `<row r="1"><c r="A1" t="s"><v>0</v></c></row>`), Limits{})
	wantError(t, "150 shared strings and one cell", err, catalog.ETOOLARGE, "XLSX 表格的文字表超过 100 条上限")
}
