//go:build ignore

// Command sandwich writes testdata/sandwich.pdf: page 1 of stamped-scan.pdf
// three times, each time under an invisible text layer (text render mode
// 3), as phone scanner apps and copiers write the result of their own OCR:
//
//  1. Latin junk: what tesseract reads from the page with English only
//     (`tesseract st-000.jpg stdout -l eng --psm 6`), in Helvetica;
//  2. the page's own words, in the non-embedded STSong-Light with
//     /Encoding /UniGB-UCS2-H (a good layer);
//  3. the page's words as UTF-8 bytes read as GBK (mojibake: 鏉窞甯),
//     in the same font.
//
// Run from ingest/extract: go run testdata/gen/sandwich.go
package main

import (
	"fmt"
	"os"
	"regexp"
	"strings"
	"unicode/utf16"

	"github.com/lcmonitor/evidence/internal/testpdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

var junk = []string{
	"MPAA (2018) 125",
	"BUN THT A ERNE D287 THEME Fy SR TT EBS Se HERE",
	"@K. A OH) ARBON, HBOS, @ Em Mfr:",
	"DU RSENMRA 2 RA Se IWC KA, ATH BUMIRLR, BURRESS",
	"LS TIT ETE OT BS HERE,",
	"PORT. HERES CRUE, BRAG, 3) 2020 4",
	"SEIU ERP 5 RTE AE MRT.",
	"RRMA. set, KR. ER, WR Be, RE",
}

var words = []string{
	"杭政办发〔2018〕12号",
	"杭州市人民政府办公厅关于推进学习型城市建设的实施意见",
	"各区、县（市）人民政府，市政府各部门、各直属单位：",
	"为加快构建服务全民终身学习的教育体系，经市政府同意，现就推进学",
	"习型城市建设提出如下实施意见。",
	"一、建立学分银行。推进各类学习成果的认证、积累和转换，到2020年",
	"实现市民学习成果存入学分银行。",
	"二、发展社区教育。完善市、区、街道、社区四级社区教育网络，培育",
	"社区学习共同体。",
}

func main() {
	scan, err := os.ReadFile("testdata/stamped-scan.pdf")
	must(err)
	m := regexp.MustCompile(`(?s)/Width (\d+) /Height (\d+) .*?/Length (\d+) >>\nstream\n`).FindSubmatchIndex(scan)
	if m == nil {
		panic("no image in stamped-scan.pdf")
	}
	var length int
	fmt.Sscan(string(scan[m[6]:m[7]]), &length)
	jpeg := scan[m[1] : m[1]+length]
	w, h := string(scan[m[2]:m[3]]), string(scan[m[4]:m[5]])

	layers := []string{
		layer("F2", junk, func(s string) string { return "(" + escape(s) + ")" }),
		layer("F1", words, ucs2),
		layer("F1", mojibake(words), ucs2),
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"", // the page tree, below
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor << /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >> /DW 1000 >>] >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %s /Height %s /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream", w, h, len(jpeg), jpeg),
	}
	var kids []string
	for _, l := range layers {
		page := len(objects) + 1
		kids = append(kids, fmt.Sprintf("%d 0 R", page))
		content := "q 595.44 0 0 842.04 0 0 cm /Im0 Do Q\n" + l
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.44 842.04] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> /XObject << /Im0 5 0 R >> >> /Contents %d 0 R >>", page+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}
	objects[1] = fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(kids))

	must(os.WriteFile("testdata/sandwich.pdf", testpdf.Build(objects...), 0o644))
}

// layer is an invisible text object with one line per string, placed
// roughly where the scan's lines are.
func layer(font string, lines []string, encode func(string) string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "BT 3 Tr /%s 15 Tf 1 0 0 1 90 700 Tm 30 TL\n", font)
	for _, l := range lines {
		fmt.Fprintf(&b, "%s Tj T*\n", encode(l))
	}
	b.WriteString("ET")
	return b.String()
}

// ucs2 is a hex string of the UTF-16BE code units of s.
func ucs2(s string) string {
	var b strings.Builder
	b.WriteString("<")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

// mojibake reads the UTF-8 bytes of each line as GBK, as a tool that took
// the wrong encoding does.
func mojibake(lines []string) []string {
	out := make([]string, len(lines))
	for i, l := range lines {
		s, err := simplifiedchinese.GBK.NewDecoder().String(l)
		must(err)
		out[i] = s
	}
	return out
}

func escape(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
	return r.Replace(s)
}

func must(err error) {
	if err != nil {
		panic(err)
	}
}
