//go:build ignore

// Command damaged writes the PDFs whose text readers give garbage (see
// ../README.md and ../../garbled.go). Run it from the package folder:
//
//	cd ingest/extract && go run testdata/gen/damaged.go
//
// It needs nothing but Go: it rewrites objects of stamped.pdf (a real
// LibreOffice PDF, Noto CJK subset fonts with ToUnicode maps) and writes
// one PDF by hand. The output is the same every time.
package main

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const dir = "testdata"

func main() {
	log.SetFlags(0)
	writeWrongCMap()
	writeScrambledCMap()
	writeSoup()
	writeMojibake()
}

// writeWrongCMap shifts every destination of both fonts' ToUnicode maps by
// one code point: the glyphs are right, so the page renders (and OCR reads
// it) as before, but each character is extracted as its neighbour in
// Unicode, mostly a rare one (杭 → 杮, 州 → 巟).
func writeWrongCMap() {
	doc := readPDF("stamped.pdf")
	bfchar := regexp.MustCompile(`(<[0-9A-F]{2}> )<([0-9A-F]{4})>`)
	for _, n := range doc.refs(`/ToUnicode (\d+) 0 R`) {
		cmap := bfchar.ReplaceAllFunc(doc.stream(n), func(m []byte) []byte {
			sub := bfchar.FindSubmatch(m)
			code, err := strconv.ParseUint(string(sub[2]), 16, 16)
			must(err)
			return fmt.Appendf(nil, "%s<%04X>", sub[1], code+1)
		})
		doc.setStream(n, cmap)
	}
	write("wrongcmap.pdf", doc.bytes())
}

// writeScrambledCMap gives each code of both fonts' ToUnicode maps the
// destination of another code of its map, as a map of another subset of
// the same font would (codes are given in the order of first use, so
// another text's map fits these codes): the text is made of the
// document's own common characters, each standing for another, which
// isGarbled cannot see; the glyphs are right, so OCR reads the pages. The
// code k places on (k coprime with the map's size) stands in for the
// other text's order: the next code would keep this text's own order of
// first use, and with it many of its words.
func writeScrambledCMap() {
	doc := readPDF("stamped.pdf")
	bfchar := regexp.MustCompile(`(<[0-9A-F]{2}> )<([0-9A-F]{4})>`)
	for _, n := range doc.refs(`/ToUnicode (\d+) 0 R`) {
		cmap := doc.stream(n)
		var dests [][]byte
		for _, m := range bfchar.FindAllSubmatch(cmap, -1) {
			dests = append(dests, m[2])
		}
		k := len(dests)/3 + 1
		for gcd(k, len(dests)) != 1 {
			k++
		}
		i := 0
		cmap = bfchar.ReplaceAllFunc(cmap, func(m []byte) []byte {
			sub := bfchar.FindSubmatch(m)
			i++
			return fmt.Appendf(nil, "%s<%s>", sub[1], dests[i*k%len(dests)])
		})
		doc.setStream(n, cmap)
	}
	write("scrambledcmap.pdf", doc.bytes())
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

// writeSoup drops both fonts' ToUnicode maps and declares WinAnsiEncoding,
// as a broken converter may: the subset's one-byte codes (1, 2, 3 … in
// order of first use) are read as ASCII and Latin-1 ("!"#$%&'()*+,-./01").
// The embedded fonts have no glyphs under those names, so the rendered
// page is empty and OCR finds nothing either.
func writeSoup() {
	doc := readPDF("stamped.pdf")
	toUnicode := regexp.MustCompile(`/ToUnicode \d+ 0 R`)
	for n, body := range doc.objects {
		doc.objects[n] = toUnicode.ReplaceAll(body, []byte("/Encoding/WinAnsiEncoding"))
	}
	write("soup.pdf", doc.bytes())
}

// writeMojibake writes by hand a one-page PDF as old Chinese office tools
// did: GBK bytes shown in a non-embedded SimSun declared with
// WinAnsiEncoding and no ToUnicode. Every reader, and the rendered page,
// gives Latin-1 mojibake ("º¼ÖÝÊÐ" for 杭州市). halfmojibake.pdf has a
// page of English in Helvetica before such a page: one page readable, one
// not.
func writeMojibake() {
	write("mojibake.pdf", handPDF([]string{mojibakePage()}))
	english := "BT /F2 12 Tf 72 760 Td 16 TL\n"
	for _, line := range []string{
		"Learning City Monitoring: annual report of the city for 2017.",
		"The credit bank recognised the learning of 12,000 residents.",
	} {
		english += fmt.Sprintf("(%s) Tj T*\n", line)
	}
	write("halfmojibake.pdf", handPDF([]string{english + "ET", mojibakePage()}))
}

// mojibakePage is the content stream of mojibake.pdf's page (font F1).
func mojibakePage() string {
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		must(err)
		return string(escapePDF(b))
	}
	var content bytes.Buffer
	content.WriteString("BT /F1 16 Tf 72 760 Td 22 TL\n")
	for _, line := range []string{
		"杭州市人民政府办公厅关于推进学习型城市建设的实施意见",
		"各区、县（市）人民政府，市政府各部门、各直属单位：",
		"为加快构建服务全民终身学习的教育体系，经市政府同意，",
		"现就推进学习型城市建设提出如下实施意见。",
		"一、建立学分银行。推进各类学习成果的认证、积累和转换。",
		"二、发展社区教育。完善市、区、街道、社区四级社区教育网络。",
	} {
		fmt.Fprintf(&content, "(%s) Tj T*\n", gbk(line))
	}
	content.WriteString("ET")
	return content.String()
}

// handPDF is a PDF of A4 pages with these content streams, whose fonts are
// F1 (mojibake's SimSun) and F2 (Helvetica).
func handPDF(contents []string) []byte {
	first := 5 // the first page's object; each page is followed by its content
	var kids []string
	for i := range contents {
		kids = append(kids, fmt.Sprintf("%d 0 R", first+2*i))
	}
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(contents)),
		"<< /Type /Font /Subtype /TrueType /BaseFont /SimSun /FirstChar 32 /LastChar 255 /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
	}
	for i, c := range contents {
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 4 0 R >> >> /Contents %d 0 R >>", first+2*i+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(c)+1, c))
	}
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	writeXref(&buf, offsets, "/Root 1 0 R")
	return buf.Bytes()
}

// escapePDF escapes the bytes of a PDF literal string.
func escapePDF(b []byte) []byte {
	var out []byte
	for _, c := range b {
		if c == '(' || c == ')' || c == '\\' {
			out = append(out, '\\')
		}
		out = append(out, c)
	}
	return out
}

// pdfFile is a PDF with a classic cross-reference table, cut into its
// numbered objects so that some can be replaced and the file written again
// with a new table.
type pdfFile struct {
	header  []byte
	order   []int
	objects map[int][]byte // the body between "N 0 obj" and "endobj"
	trailer []byte         // the trailer dictionary's entries but /Size
}

var (
	objectRE  = regexp.MustCompile(`(?s)(?:^|[\r\n])(\d+) 0 obj(.*?)endobj`)
	trailerRE = regexp.MustCompile(`(?s)trailer\s*<<(.*?)>>\s*startxref`)
	sizeRE    = regexp.MustCompile(`/Size \d+`)
	lengthRE  = regexp.MustCompile(`/Length (\d+)( 0 R)?`)
	streamRE  = regexp.MustCompile(`stream\r?\n`)
)

func readPDF(name string) *pdfFile {
	data, err := os.ReadFile(filepath.Join(dir, name))
	must(err)
	f := &pdfFile{objects: map[int][]byte{}}
	f.header = data[:bytes.IndexByte(data[9:], '\n')+10]
	for _, m := range objectRE.FindAllSubmatch(data, -1) {
		n, err := strconv.Atoi(string(m[1]))
		must(err)
		if _, dup := f.objects[n]; !dup {
			f.order = append(f.order, n)
		}
		f.objects[n] = m[2]
	}
	t := trailerRE.FindAllSubmatch(data, -1)
	f.trailer = sizeRE.ReplaceAll(t[len(t)-1][1], nil)
	return f
}

// refs returns the object numbers that pattern's first group names, in
// object order, each once.
func (f *pdfFile) refs(pattern string) []int {
	re := regexp.MustCompile(pattern)
	seen := map[int]bool{}
	var out []int
	for _, n := range f.order {
		for _, m := range re.FindAllSubmatch(f.objects[n], -1) {
			r, err := strconv.Atoi(string(m[1]))
			must(err)
			if !seen[r] {
				seen[r] = true
				out = append(out, r)
			}
		}
	}
	return out
}

// stream returns the inflated data of a FlateDecode stream object.
func (f *pdfFile) stream(n int) []byte {
	body := f.objects[n]
	dict, data := f.split(body)
	if !bytes.Contains(dict, []byte("FlateDecode")) {
		return data
	}
	r, err := zlib.NewReader(bytes.NewReader(data))
	must(err)
	out, err := io.ReadAll(r)
	must(err)
	return out
}

// setStream replaces a stream object's data, deflated, with a direct
// /Length.
func (f *pdfFile) setStream(n int, data []byte) {
	dict, _ := f.split(f.objects[n])
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	_, err := w.Write(data)
	must(err)
	must(w.Close())
	dict = lengthRE.ReplaceAll(dict, fmt.Appendf(nil, "/Length %d", z.Len()))
	f.objects[n] = append(append(dict, "stream\n"...), append(z.Bytes(), "\nendstream\n"...)...)
}

func (f *pdfFile) split(body []byte) (dict, data []byte) {
	loc := streamRE.FindIndex(body)
	dict = body[:loc[0]]
	m := lengthRE.FindSubmatch(dict)
	length, err := strconv.Atoi(string(m[1]))
	must(err)
	if len(m[2]) > 0 { // an indirect length: the object holds the number
		length, err = strconv.Atoi(string(bytes.TrimSpace(f.objects[length])))
		must(err)
	}
	return dict, body[loc[1] : loc[1]+length]
}

func (f *pdfFile) bytes() []byte {
	var buf bytes.Buffer
	buf.Write(f.header)
	size := 0
	for _, n := range f.order {
		size = max(size, n)
	}
	offsets := make([]int, size)
	for _, n := range f.order {
		offsets[n-1] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj%sendobj\n", n, f.objects[n])
	}
	writeXref(&buf, offsets, string(bytes.TrimSpace(f.trailer)))
	return buf.Bytes()
}

// writeXref ends a PDF with the table of offsets (object i+1 at
// offsets[i], 0 for a free entry) and the trailer.
func writeXref(buf *bytes.Buffer, offsets []int, trailer string) {
	xref := buf.Len()
	fmt.Fprintf(buf, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, off := range offsets {
		if off == 0 {
			buf.WriteString("0000000000 65535 f \n")
			continue
		}
		fmt.Fprintf(buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(buf, "trailer\n<< /Size %d %s >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, trailer, xref)
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(name string, data []byte) {
	must(os.WriteFile(filepath.Join(dir, name), data, 0o644))
	log.Printf("wrote %s (%d bytes)", name, len(data))
}
