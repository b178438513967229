package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/lcmonitor/evidence/catalog"
)

// writeXLSX saves a workbook made by fill into a temporary file.
func writeXLSX(t *testing.T, fill func(f *excelize.File)) string {
	t.Helper()
	f := excelize.NewFile()
	fill(f)
	path := filepath.Join(t.TempDir(), "test.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestXLSXHugeDimension(t *testing.T) {
	// One label at A1, one number in the last cell Excel allows: the rows
	// and columns between are not visited one by one.
	path := writeXLSX(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "社区学校数量")
		f.SetCellValue("Sheet1", "B1", 342)
		f.SetCellValue("Sheet1", "XFD1048576", 1)
	})
	start := time.Now()
	res, err := Extract(context.Background(), FormatXLSX, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(res.Pages[0], "社区学校数量 | 342") {
		t.Errorf("page %q", res.Pages[0])
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %s", d)
	}
}

func TestXLSXZipBomb(t *testing.T) {
	path := writeXLSX(t, func(f *excelize.File) {
		for r := 1; r <= 20000; r++ {
			f.SetCellValue("Sheet1", "A"+itoa(r), "学分银行学分银行学分银行")
		}
	})
	_, err := Extract(context.Background(), FormatXLSX, path, Limits{MaxUnzipped: 1 << 20})
	wantError(t, "xlsx bomb", err, catalog.ETOOLARGE, "XLSX 表格解压后超过 1 MiB 上限")
}

func TestTableCellCap(t *testing.T) {
	tt := newTableText(Limits{MaxTextBytes: 1 << 30})
	tt.startPage("表")
	row := make([]string, 1000)
	var err error
	for i := 0; i < maxTableCells/1000+1 && err == nil; i++ {
		err = tt.row(row)
	}
	wantError(t, "cell cap", err, catalog.ETOOLARGE, "表格的单元格超过")
}

func itoa(n int) string {
	b := []byte{}
	for ; n > 0; n /= 10 {
		b = append([]byte{byte('0' + n%10)}, b...)
	}
	return string(b)
}

func TestCSV(t *testing.T) {
	tests := []struct {
		name, text, want string
		gbk              bool
	}{
		{"commas and quotes", "指标,2017\n社区学校数量,342\n\"学分银行开户人数\",\"123,000\"\n", "指标 | 2017\n\n社区学校数量 | 342\n\n学分银行开户人数 | 123,000", false},
		{"tabs", "指标\t2017\n社区学校数量\t342\n", "指标 | 2017\n\n社区学校数量 | 342", false},
		{"semicolons", "指标;2017\n社区学校数量;342\n", "指标 | 2017\n\n社区学校数量 | 342", false},
		{"tabs, a cell starting with a quote", "指标\t说明\n规划\t\"十四五\"规划\n社区学校数量\t342\n", "指标 | 说明\n\n规划 | \"十四五\"规划\n\n社区学校数量 | 342", false},
		{"commas, a quoted cell of lines holding tabs", "指标,说明,2017\n社区学校,\"含老年大学\n分校\t\t\t\t四所\",342\n", "指标 | 说明 | 2017\n\n社区学校 | 含老年大学分校四所 | 342", false},
		{"stray quote and ragged rows", "指标,说明\n社区学校,含\"老年大学\"分校,342\n\n,,\n", "指标 | 说明\n\n社区学校 | 含\"老年大学\"分校 | 342", false},
		{"GBK", "指标,2017\n社区学校数量,342\n", "指标 | 2017\n\n社区学校数量 | 342", true},
		{"CRLF and BOM", "\ufeff指标,2017\r\n社区学校数量,342\r\n", "指标 | 2017\n\n社区学校数量 | 342", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := []byte(tt.text)
			if tt.gbk {
				data, _ = simplifiedchinese.GBK.NewEncoder().Bytes(data)
			}
			path := filepath.Join(t.TempDir(), "t.csv")
			os.WriteFile(path, data, 0o644)
			res, err := Extract(context.Background(), FormatCSV, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 1 || res.Pages[0] != tt.want {
				t.Fatalf("got %q, want %q", res.Pages, tt.want)
			}
		})
	}
}

func TestFormatNumber(t *testing.T) {
	tests := []struct {
		v    float64
		code string
		want string
	}{
		{342, "General", "342"},
		{12.5, "", "12.5"},
		{123000, "#,##0", "123,000"},
		{1234567.891, "#,##0.00", "1,234,567.89"},
		{0.853, "0.0%", "85.3%"},
		{0.5, "0%", "50%"},
		{-1234, `#,##0;[Red]-#,##0`, "-1,234"},
		{43171, "yyyy-mm-dd", "2018-03-12"},
		{43171, `yyyy"年"m"月"d"日"`, "2018-03-12"},
		{43171.5, "yyyy-mm-dd hh:mm", "2018-03-12 12:00:00"},
		{12300, `0.00E+00`, "1.23E+04"},
		{342, `0"所"`, "342"},
	}
	for _, tt := range tests {
		if got := formatNumber(tt.v, tt.code); got != tt.want {
			t.Errorf("formatNumber(%v, %q) = %q, want %q", tt.v, tt.code, got, tt.want)
		}
	}
}

// A formula's result in General format is read as Excel shows it (15
// significant digits, as excelize gives the XLSX twin), not with the noise
// of binary floating point: a SUM of 0.1 and 0.2 is 0.3.
func TestFormatNumberGeneralRoundsTo15Digits(t *testing.T) {
	a, b, third := 0.1, 0.2, 1.0 // computed at run time, as Excel computes a formula
	for _, tt := range []struct {
		v    float64
		want string
	}{{a + b, "0.3"}, {third / 3, "0.333333333333333"}, {123456789012345678, "123456789012346000"}, {-2.5, "-2.5"}, {342, "342"}} {
		if got := formatNumber(tt.v, "General"); got != tt.want {
			t.Errorf("formatNumber(%v, General) = %q, want %q", tt.v, got, tt.want)
		}
	}
	if VersionOf("xls") <= Version+1 {
		t.Errorf("VersionOf(xls) = %d: the .xls reader's rules changed, its text must be read again by repair --outdated", VersionOf("xls"))
	}
}

func TestRTF(t *testing.T) {
	tests := []struct {
		name, rtf string
		want      []string
	}{
		{"unicode with fallback", `{\rtf1\ansi\uc1 \u23398?\u20998?\u38134?\u34892? 2018\par}`, []string{"学分银行2018"}},
		{"uc2 fallback", `{\rtf1\ansi\uc2 \u23398\'3f\'3f\u20064\'3f\'3f\par}`, []string{"学习"}},
		{"GBK code page", `{\rtf1\ansi\ansicpg936 \'d1\'a7\'b7\'d6\'d2\'f8\'d0\'d0\par}`, []string{"学分银行"}},
		{"escapes", `{\rtf1 a\{b\}c\\d\~e\par}`, []string{`a{b}c\d e`}},
		{"skipped destinations", `{\rtf1{\fonttbl{\f0 Arial;}}{\colortbl;\red0;}{\*\company X}{\pict 0123}{\field{\*\fldinst HYPERLINK "http://x"}{\fldrslt 链接文字}}正文\par}`, []string{"链接文字正文"}},
		{"binary skipped", "{\\rtf1 前\\bin4 \x00\x01{}后\\par}", []string{"前后"}},
		{"pages", `{\rtf1 一\par\page 二\par\pard\pagebb 三\par}`, []string{"一", "二", "三"}},
		{"table", `{\rtf1\trowd\cellx1000\cellx2000 指标\cell 342\cell\row\trowd\cellx1000\cellx2000 学习周\cell 18\cell\row}`, []string{"指标 | 342\n\n学习周 | 18"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "t.rtf")
			os.WriteFile(path, []byte(tt.rtf), 0o644)
			res, err := Extract(context.Background(), FormatRTF, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(res.Pages, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got %q, want %q", res.Pages, tt.want)
			}
		})
	}
}

func TestRTFTooDeep(t *testing.T) {
	path := filepath.Join(t.TempDir(), "deep.rtf")
	os.WriteFile(path, []byte(`{\rtf1 `+strings.Repeat("{", 100000)+"文字"), 0o644)
	_, err := Extract(context.Background(), FormatRTF, path, Limits{})
	wantError(t, "deep rtf", err, catalog.EINVALID, "RTF 文档格式有误")
}

func TestZipFormatsRefuseDoctype(t *testing.T) {
	doctype := `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"/>`
	path := writeDOCX(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": doctype})
	_, err := Extract(context.Background(), FormatODT, path, Limits{})
	wantError(t, "odt doctype", err, catalog.EINVALID, "ODT 文档中含有 DOCTYPE 或外部实体声明")

	path = writeDOCX(t, map[string]string{"ppt/presentation.xml": doctype})
	_, err = Extract(context.Background(), FormatPPTX, path, Limits{})
	wantError(t, "pptx doctype", err, catalog.EINVALID, "PPTX 演示文稿中含有 DOCTYPE")
}

func TestODTStructure(t *testing.T) {
	content := `<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0">
<office:automatic-styles><style:style style:name="P9" style:family="paragraph"><style:paragraph-properties fo:break-before="page"/></style:style></office:automatic-styles>
<office:body><office:text>
<text:tracked-changes><text:changed-region><text:deletion><text:p>删除的字</text:p></text:deletion></text:changed-region></text:tracked-changes>
<text:h text:outline-level="1">标题</text:h><text:p>学分<text:s/>银行<office:annotation><text:p>批注</text:p></office:annotation></text:p>
<table:table><table:table-row><table:table-cell><text:p>指标</text:p></table:table-cell><table:table-cell><text:p>342</text:p></table:table-cell></table:table-row></table:table>
<text:p text:style-name="P9">第二页</text:p></office:text></office:body></office:document-content>`
	path := writeDOCX(t, map[string]string{"content.xml": content})
	res, err := Extract(context.Background(), FormatODT, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"标题\n\n学分银行\n\n指标 | 342", "第二页"}
	if strings.Join(res.Pages, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q, want %q", res.Pages, want)
	}
}

func TestXLSFormulaRecords(t *testing.T) {
	var stream []byte
	rec := func(typ uint16, data ...byte) {
		stream = binary.LittleEndian.AppendUint16(stream, typ)
		stream = binary.LittleEndian.AppendUint16(stream, uint16(len(data)))
		stream = append(stream, data...)
	}
	formula := func(row, col byte, value [8]byte) {
		rec(0x0006, append([]byte{row, 0, col, 0, 15, 0}, append(value[:], 0, 0, 0, 0, 0, 0, 0, 0)...)...)
	}
	var num [8]byte
	binary.LittleEndian.PutUint64(num[:], math.Float64bits(360))
	formula(3, 1, num)
	formula(3, 2, [8]byte{0, 0, 0, 0, 0, 0, 0xFF, 0xFF}) // a string result
	rec(0x0207, 4, 0, 1, 0xbe, 0x8f, 0x07, 0x68)         // STRING "达标" in UTF-16
	formula(4, 1, [8]byte{1, 0, 1, 0, 0, 0, 0xFF, 0xFF}) // TRUE
	rec(0x000A)

	got := map[xlsCell]xlsFormulaValue{}
	if _, err := readSheetFormulas(stream, 0, got, 10); err != nil {
		t.Fatal(err)
	}
	if v := got[xlsCell{3, 1}]; !v.isNum || v.num != 360 {
		t.Errorf("number result %+v", v)
	}
	if v := got[xlsCell{3, 2}]; v.isNum || v.text != "达标" {
		t.Errorf("string result %+v", v)
	}
	if v := got[xlsCell{4, 1}]; v.text != "TRUE" {
		t.Errorf("boolean result %+v", v)
	}
	if _, err := readSheetFormulas(stream, 0, map[xlsCell]xlsFormulaValue{}, 1); catalog.ErrorCode(err) != catalog.ETOOLARGE {
		t.Errorf("formula cap: got %v", err)
	}
}

// TestXLSXMergedRowLabels reads a ledger whose 区县 cell is merged down
// over its rows: each row keeps the label Excel shows beside it, and a
// title merged across the columns stays once.
func TestXLSXMergedRowLabels(t *testing.T) {
	path := writeXLSX(t, func(f *excelize.File) {
		s := "Sheet1"
		f.SetSheetName(s, "社区教育统计")
		s = "社区教育统计"
		f.SetCellValue(s, "A1", "2017年社区教育统计台账")
		f.MergeCell(s, "A1", "C1")
		f.SetSheetRow(s, "A2", &[]any{"区县（市）", "街道", "参与人次"})
		f.SetSheetRow(s, "A3", &[]any{"海曙区", "南门街道", "12.3万人次"})
		f.SetSheetRow(s, "B4", &[]any{"鼓楼街道", "8.6万人次"})
		f.SetSheetRow(s, "B6", &[]any{"西门街道", "3.2万人次"}) // row 5 left empty inside the merge
		f.MergeCell(s, "A3", "A6")
		f.SetSheetRow(s, "A7", &[]any{"鄞州区", "钟公庙街道", "20.5万人次"})
	})
	res, err := Extract(context.Background(), FormatXLSX, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	page := res.Pages[0]
	for _, want := range []string{"海曙区 | 南门街道 | 12.3万人次", "海曙区 | 鼓楼街道 | 8.6万人次", "海曙区 | 西门街道 | 3.2万人次", "鄞州区 | 钟公庙街道 | 20.5万人次"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	if n := strings.Count(page, "2017年社区教育统计台账"); n != 1 {
		t.Errorf("the title merged across columns appears %d times, want once:\n%s", n, page)
	}
	if n := strings.Count(page, "海曙区"); n != 3 {
		t.Errorf("海曙区 appears %d times, want once per row with data (3):\n%s", n, page)
	}
}

// TestMergedRowLabelsInLedgers reads the same 台账 saved as XLSX and as
// Excel 97 (.xls, also what WPS writes as .et): 区县 cells merged down over
// their 街道 rows, one with an empty row inside, a title merged across, a
// number stored as text and a 合计 formula. Every data row keeps its 区县 as
// Excel shows it, in both formats.
func TestMergedRowLabelsInLedgers(t *testing.T) {
	for _, tc := range []struct {
		file   string
		format Format
	}{
		{"ledger.xlsx", FormatXLSX},
		{"ledger.xls", FormatXLS},
	} {
		t.Run(tc.file, func(t *testing.T) {
			res, err := Extract(context.Background(), tc.format, filepath.Join("testdata", tc.file), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			page := res.Pages[0]
			for _, want := range []string{
				"海曙区 | 南门街道 | 12 | 12.3万人次",
				"海曙区 | 鼓楼街道 | 8 | 8.6万人次",
				"海曙区 | 西门街道 | 36 | 3.2万人次",
				"鄞州区 | 钟公庙街道 | 20 | 20.5万人次",
				"鄞州区 | 下应街道 | 7 | 6.1万人次",
				"合计 | | 47",
			} {
				if !strings.Contains(page, want) {
					t.Errorf("%s: page lacks %q:\n%s", tc.file, want, page)
				}
			}
			if n := strings.Count(page, "2019年社区教育统计台账"); n != 1 {
				t.Errorf("%s: the title merged across columns appears %d times, want once", tc.file, n)
			}
		})
	}
}

// TestXLSXStrayCellInLastColumn reads a ledger of two sheets, the second
// with its 区县 merged down, in which someone typed 备注 in column XFD on
// 200 rows: the text keeps each row's values and label with the far cell
// after one gap, not 16,000 separators, and the merges are read without
// excelize's whole-sheet load (720 MB for such a sheet of 17 KB).
func TestXLSXStrayCellInLastColumn(t *testing.T) {
	path := writeXLSX(t, func(f *excelize.File) {
		f.SetCellValue("Sheet1", "A1", "封面")
		f.NewSheet("社区教育统计")
		s := "社区教育统计"
		for r := 1; r <= 200; r++ {
			if r%2 == 1 {
				f.SetCellValue(s, fmt.Sprintf("A%d", r), fmt.Sprintf("第%d区", r))
				f.MergeCell(s, fmt.Sprintf("A%d", r), fmt.Sprintf("A%d", r+1))
			}
			f.SetSheetRow(s, fmt.Sprintf("B%d", r), &[]any{fmt.Sprintf("街道%d", r), r * 3})
			f.SetCellValue(s, fmt.Sprintf("XFD%d", r), "备注")
		}
	})
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	res, err := Extract(context.Background(), FormatXLSX, path, Limits{})
	runtime.ReadMemStats(&after)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 2 {
		t.Fatalf("%d pages, want one per sheet", len(res.Pages))
	}
	page := res.Pages[1]
	for _, want := range []string{"第1区 | 街道1 | 3 | | 备注", "第1区 | 街道2 | 6 | | 备注", "第199区 | 街道200 | 600 | | 备注"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%.400s", want, page)
		}
	}
	if len(page) > 64<<10 {
		t.Errorf("the sheet's text is %d bytes, want the empty columns collapsed (under 64 KiB)", len(page))
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 600<<20 {
		t.Errorf("reading it allocated %d MiB, want under 600 (the merges read as a stream)", alloc>>20)
	}
}

func TestCollapseEmptyRuns(t *testing.T) {
	empties := func(n int) []string { return make([]string, n) }
	for _, tc := range []struct {
		name  string
		cells []string
		want  []string
	}{
		{"no gap", []string{"海曙区", "12"}, []string{"海曙区", "12"}},
		{"a short gap kept", append(append([]string{"海曙区"}, empties(3)...), "12"), append(append([]string{"海曙区"}, empties(3)...), "12")},
		{"a gap of exactly the run kept", append(append([]string{"海曙区"}, empties(maxEmptyRun)...), "12"), append(append([]string{"海曙区"}, empties(maxEmptyRun)...), "12")},
		{"a longer gap made one", append(append([]string{"海曙区"}, empties(maxEmptyRun+1)...), "12"), []string{"海曙区", "", "12"}},
		{"two long gaps", append(append(append(append([]string{"a"}, empties(100)...), "b"), empties(16000)...), "c"), []string{"a", "", "b", "", "c"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := collapseEmptyRuns(tc.cells); !slices.Equal(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}

// TestXLSXMergesOfOtherWriters reads merges from workbooks as other
// writers lay them out: prefixed SpreadsheetML (x:mergeCell) and an
// absolute relationship target, as some .NET libraries write; a workbook
// part not at xl/workbook.xml, found through _rels/.rels; Windows
// separators in a target.
func TestXLSXMergesOfOtherWriters(t *testing.T) {
	const (
		prefixedBook = `<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:sheets><x:sheet name="台账" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>`
		plainBook    = `<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="台账" sheetId="1" r:id="rId7"/></sheets></workbook>`
		sheet        = `<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData/><x:mergeCells count="2"><x:mergeCell ref="A3:A6"/><x:mergeCell ref="B1:D1"/></x:mergeCells></x:worksheet>`
	)
	rels := func(target string) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="` + target + `"/></Relationships>`
	}
	root := func(target string) string {
		return `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="` + target + `"/></Relationships>`
	}
	for _, tc := range []struct {
		name    string
		members map[string]string
	}{
		{"prefixed, absolute target", map[string]string{
			"xl/workbook.xml": prefixedBook, "xl/_rels/workbook.xml.rels": rels("/xl/worksheets/data.xml"), "xl/worksheets/data.xml": sheet}},
		{"workbook named by _rels/.rels", map[string]string{
			"_rels/.rels": root("xl/workbook2.xml"), "xl/workbook2.xml": plainBook, "xl/_rels/workbook2.xml.rels": rels("worksheets/sheet1.xml"), "xl/worksheets/sheet1.xml": sheet}},
		{"Windows separators", map[string]string{
			"xl/workbook.xml": plainBook, "xl/_rels/workbook.xml.rels": rels(`worksheets\sheet1.xml`), "xl/worksheets/sheet1.xml": sheet}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			for name, body := range tc.members {
				w, err := zw.Create(name)
				if err != nil {
					t.Fatal(err)
				}
				io.WriteString(w, body)
			}
			if err := zw.Close(); err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
			if err != nil {
				t.Fatal(err)
			}
			got, err := xlsxMerges(context.Background(), zr)
			if err != nil {
				t.Fatal(err)
			}
			want := []mergeRange{{firstRow: 2, lastRow: 5, firstCol: 0, lastCol: 0}, {firstRow: 0, lastRow: 0, firstCol: 1, lastCol: 3}}
			if !slices.Equal(got["台账"], want) {
				t.Errorf("merges %v, want %v", got, want)
			}
		})
	}
}

// TestXLSXMergesDownEveryColumn reads a crafted sheet of 128 KB: every
// one of its 16,384 columns merged down the whole sheet, a label in row
// 1, one more value 20,000 rows down. Each row once walked every open
// merge, empty or not, and the read ran into the time limit.
func TestXLSXMergesDownEveryColumn(t *testing.T) {
	src := writeXLSX(t, func(f *excelize.File) { f.SetCellValue("Sheet1", "A20000", "海曙区") })
	var row1, merges strings.Builder
	row1.WriteString(`<row r="1">`)
	merges.WriteString(`<mergeCells count="16384">`)
	for c := 1; c <= 16384; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		fmt.Fprintf(&row1, `<c r="%s1" t="inlineStr"><is><t>区</t></is></c>`, name)
		fmt.Fprintf(&merges, `<mergeCell ref="%s1:%s1048576"/>`, name, name)
	}
	row1.WriteString(`</row>`)
	merges.WriteString(`</mergeCells>`)
	path := rewriteZip(t, src, "xl/worksheets/sheet1.xml", func(xml string) string {
		xml = strings.Replace(xml, "<sheetData>", "<sheetData>"+row1.String(), 1)
		return strings.Replace(xml, "</sheetData>", "</sheetData>"+merges.String(), 1)
	})
	start := time.Now()
	res, err := Extract(context.Background(), FormatXLSX, path, Limits{Timeout: 30 * time.Second})
	if err != nil {
		t.Fatalf("after %s: %v", time.Since(start), err)
	}
	if !strings.Contains(res.Pages[0], "海曙区 | 区 | 区") {
		t.Errorf("row 20,000 lacks the labels merged down over it: %.200q", res.Pages[0])
	}
}

// rewriteZip copies the zip at src with member name changed by edit.
func rewriteZip(t *testing.T, src, name string, edit func(string) string) string {
	t.Helper()
	zr, err := zip.OpenReader(src)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	path := filepath.Join(t.TempDir(), "edited"+filepath.Ext(src))
	out, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(out)
	for _, m := range zr.File {
		rc, err := m.Open()
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		if m.Name == name {
			body = []byte(edit(string(body)))
		}
		w, err := zw.Create(m.Name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestSheetText: the texts of the table readers, and a web page's
// uploaded under a workbook's name, are read as spreadsheets; a web page
// or a Word file otherwise is not.
func TestSheetText(t *testing.T) {
	tests := []struct {
		extractor, filename string
		sheet, named        bool
	}{
		{"xlsx", "学分银行台账.xlsx", true, true},
		{"xls", "学分银行台账.et", true, true},
		{"xmlss", "XML表格的责任分解表.xls", true, true},
		{"csv", "社区学校统计.csv", true, false},
		{"html", "台账.XLS", true, false},
		{"html", "导出.xlsx", true, false},
		{"html", "杭州市教育局关于开展活动周的通知.html", false, false},
		{"docx", "责任分解表.xls", false, false},
		{"pdf", "台账.pdf", false, false},
	}
	for _, tt := range tests {
		if sheet, named := SheetText(tt.extractor, tt.filename); sheet != tt.sheet || named != tt.named {
			t.Errorf("SheetText(%q, %q) = %v, %v; want %v, %v", tt.extractor, tt.filename, sheet, named, tt.sheet, tt.named)
		}
	}
}
