//go:build ignore

// Command gen regenerates the fixtures in ../ (see ../README.md). Run it from
// the package folder:
//
//	cd ingest/extract && go run testdata/gen/main.go
//
// It needs LibreOffice (soffice) for the PDF and DOCX files and uses
// pdftotext, when installed, to pick a corruption it can partly recover.
package main

import (
	"bytes"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
	"unicode"

	"github.com/ledongthuc/pdf"
	"golang.org/x/text/encoding/simplifiedchinese"
)

const dir = "testdata"

func main() {
	log.SetFlags(0)
	writePNG()
	convertWithLibreOffice()
	writeEncodings()
	writeBadFiles()
	writeCorruptPDF()
	writeNoToUnicodePDF()
}

func path(name string) string { return filepath.Join(dir, name) }

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(name string, data []byte) {
	must(os.WriteFile(path(name), data, 0o644))
	log.Printf("wrote %s (%d bytes)", name, len(data))
}

func read(name string) []byte {
	b, err := os.ReadFile(path(name))
	must(err)
	return b
}

// writePNG draws a small grey "scanned page": a real PNG without text.
func writePNG() {
	img := image.NewGray(image.Rect(0, 0, 64, 32))
	for y := 0; y < 32; y++ {
		for x := 0; x < 64; x++ {
			c := uint8(230)
			if y%6 == 2 && x > 4 && x < 60 {
				c = 40 // lines that look like text from afar
			}
			img.SetGray(x, y, color.Gray{c})
		}
	}
	var buf bytes.Buffer
	must(png.Encode(&buf, img))
	write("scan.png", buf.Bytes())
}

// convertWithLibreOffice makes the real PDF and DOCX files from the HTML
// sources in src/. "HTML (StarWriter)" imports into Writer proper, which
// honours page-break-before.
func convertWithLibreOffice() {
	tmp, err := os.MkdirTemp("", "extract-gen-")
	must(err)
	defer os.RemoveAll(tmp)
	for _, name := range []string{"policy.html", "summary.html", "secret.html", "scan.html", "stamped.html", "oddorder.html", "table.html", "wrapped-table.html", "chapters.html", "chapter-picture.html", "bordered.html", "logo.svg", "logo-chapter.html", "logo-curves.svg", "fullwidth-title.html", "line-ends.html"} {
		must(os.WriteFile(filepath.Join(tmp, name), read("src/"+name), 0o644))
	}
	must(os.WriteFile(filepath.Join(tmp, "scan.png"), read("scan.png"), 0o644))

	const encrypt = `pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"mima123"}}`
	jobs := []struct{ src, filter, out, dst string }{
		{"policy.html", "pdf:writer_pdf_Export", "policy.pdf", "policy.pdf"},
		{"summary.html", "docx:MS Word 2007 XML", "summary.docx", "summary.docx"},
		{"secret.html", encrypt, "secret.pdf", "encrypted.pdf"},
		{"scan.html", "pdf:writer_pdf_Export", "scan.pdf", "scan.pdf"},
		// The born-digital original of stamped-scan.pdf (scans.go), for
		// the near duplicates of a real OCR reading.
		{"stamped.html", "pdf:writer_pdf_Export", "stamped.pdf", "stamped.pdf"},
		// A page of common characters in no order, drawn as written
		// (TestOddOrderPageKeepsItsText).
		{"oddorder.html", "pdf:writer_pdf_Export", "oddorder.pdf", "oddorder.pdf"},
		// A statistics table whose rows keep their cells apart
		// (TestPDFTableRowsKeepTheirCells).
		{"table.html", "pdf:writer_pdf_Export", "table.pdf", "table.pdf"},
		{"wrapped-table.html", "pdf:writer_pdf_Export", "wrapped-table.pdf", "wrapped-table.pdf"},
		// Pages holding only a heading or a note, no picture: trusted
		// without OCR; the same heading over a picture is OCR'd
		// (TestShortPageWithoutPictureIsNotOCRd).
		{"chapters.html", "pdf:writer_pdf_Export", "chapters.pdf", "chapters.pdf"},
		{"chapter-picture.html", "pdf:writer_pdf_Export", "chapter-picture.pdf", "chapter-picture.pdf"},
		// Shaded tables, rules, bands and a vector logo, a heading page
		// and a page of only （本章完）: nothing drawn that is text as
		// outlines (TestOutlinedTextIsSeen).
		{"bordered.html", "pdf:writer_pdf_Export", "bordered.pdf", "bordered.pdf"},
		// A chapter's heading under a smooth vector logo: two fills of
		// about 200 curves each, one subpath each, which are not text
		// as outlines (TestOutlinedTextIsSeen).
		{"logo-chapter.html", "pdf:writer_pdf_Export", "logo-chapter.pdf", "logo-chapter.pdf"},
		// A notice in 公文 layout, its title larger than its text and
		// wrapped over two lines (TestPDFTitleIsAParagraphOfItsOwn).
		{"titled-notice.html", "pdf:writer_pdf_Export", "titled-notice.pdf", "titled-notice.pdf"},
		// A notice whose title writes full-width （试行）, kept in the
		// stored title (TestTitleKeepsItsFullWidthMarks in ingest).
		{"fullwidth-title.html", "pdf:writer_pdf_Export", "fullwidth-title.pdf", "fullwidth-title.pdf"},
		{"fullwidth-title.html", "docx:MS Word 2007 XML", "fullwidth-title.docx", "fullwidth-title.docx"},
		// Paragraphs that end after 。 and ; on page 2, searched across
		// those ends (TestLineEndsAfterMarksAreSearchedThrough in ingest).
		{"line-ends.html", "pdf:writer_pdf_Export", "line-ends.pdf", "line-ends.pdf"},
		{"line-ends.html", "docx:MS Word 2007 XML", "line-ends.docx", "line-ends.docx"},
	}
	for _, j := range jobs {
		cmd := exec.Command("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
			"--headless", "--infilter=HTML (StarWriter)", "--convert-to", j.filter, "--outdir", tmp, filepath.Join(tmp, j.src))
		out, err := cmd.CombinedOutput()
		if err != nil {
			log.Fatalf("soffice %s: %v\n%s", j.src, err, out)
		}
		write(j.dst, readAbs(filepath.Join(tmp, j.out)))
	}
}

func readAbs(p string) []byte {
	b, err := os.ReadFile(p)
	must(err)
	return b
}

// writeEncodings derives the other encodings of the news text and the GBK
// web page.
func writeEncodings() {
	utf8Text := read("news.utf8.txt")
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(utf8Text)
	must(err)
	write("news.gb18030.txt", gb)
	write("news.bom.txt", append([]byte("\xef\xbb\xbf"), utf8Text...))

	page, err := simplifiedchinese.GBK.NewEncoder().Bytes(read("src/news.gbk.src.html"))
	must(err)
	write("news.gbk.html", page)
}

// writeBadFiles writes inputs that must be rejected.
func writeBadFiles() {
	rng := rand.New(rand.NewSource(2019))
	random := make([]byte, 2048)
	for i := range random {
		random[i] = byte(0x80 + rng.Intn(0x80)) // high bytes only: neither UTF-8 nor Chinese
	}
	write("random.txt", random)
	write("empty.txt", nil)
	write("png-named.pdf", read("scan.png"))
	write("notzip.docx", []byte("这不是 DOCX 文件,只是改了扩展名的纯文本。\n"))
	policy := read("policy.pdf")
	write("truncated.pdf", policy[:len(policy)/2])
}

// writeCorruptPDF flips 200 bytes of policy.pdf at random positions between
// the header and the trailer (most land in the font and content streams),
// trying seeds until ledongthuc/pdf panics outside its own recover and, if
// pdftotext is installed, pdftotext still recovers some Han text.
func writeCorruptPDF() {
	orig := read("policy.pdf")
	for seed := int64(1); seed < 500; seed++ {
		data := append([]byte(nil), orig...)
		rng := rand.New(rand.NewSource(seed))
		for n := 0; n < 200; n++ {
			p := 16 + rng.Intn(len(data)-16-200)
			data[p] ^= byte(1 + rng.Intn(255))
		}
		if !panicsRaw(data) || !pdftotextRecovers(data) {
			continue
		}
		write("corrupt.pdf", data)
		log.Printf("corrupt.pdf: seed %d", seed)
		return
	}
	log.Fatal("no seed produced a panicking PDF")
}

// panicsRaw reports whether reading every page with the library, without
// any recover of ours, panics.
func panicsRaw(data []byte) bool {
	done := make(chan bool, 1)
	go func() {
		defer func() { done <- recover() != nil }()
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			return
		}
		for i := 1; i <= r.NumPage(); i++ {
			r.Page(i).GetPlainText(nil)
		}
	}()
	select {
	case p := <-done:
		return p
	case <-time.After(5 * time.Second):
		return false
	}
}

func pdftotextRecovers(data []byte) bool {
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		return true
	}
	f, err := os.CreateTemp("", "corrupt-*.pdf")
	must(err)
	defer os.Remove(f.Name())
	_, err = f.Write(data)
	must(err)
	must(f.Close())
	out, _ := exec.Command(tool, "-enc", "UTF-8", f.Name(), "-").Output()
	han := 0
	for _, r := range string(out) {
		if unicode.Is(unicode.Han, r) {
			han++
		}
	}
	return han >= 10 && !strings.Contains(string(out), "\ufffd")
}

// writeNoToUnicodePDF writes a two-page PDF by hand, the way older office
// tools do: page 1 in Helvetica (ASCII), page 2 in the non-embedded
// STSong-Light with the GBK-EUC-H CMap and no ToUnicode map. ledongthuc/pdf
// cannot map page 2 to Unicode; pdftotext can, with poppler-data.
func writeNoToUnicodePDF() {
	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		must(err)
		return strings.ToUpper(hex.EncodeToString(b))
	}
	page1 := "BT /F1 18 Tf 72 760 Td (Learning City Monitoring 2017) Tj 0 -28 Td (Page one is plain ASCII text.) Tj ET"
	page2 := "BT /F2 18 Tf 72 760 Td <" + gbk("太原市全民终身学习大讲堂") + "> Tj 0 -28 Td <" +
		gbk("二〇一七年共举办三百四十二场") + "> Tj 0 -28 Td <" + gbk("学分银行建设稳步推进") + "> Tj ET"
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 9 0 R >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F2 6 0 R >> >> /Contents 10 0 R >>",
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
		"<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /GBK-EUC-H /DescendantFonts [7 0 R] >>",
		"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 8 0 R /DW 1000 >>",
		"<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page1)+1, page1),
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(page2)+1, page2),
	}
	var buf bytes.Buffer
	buf.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = buf.Len()
		fmt.Fprintf(&buf, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := buf.Len()
	fmt.Fprintf(&buf, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&buf, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&buf, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	write("notounicode.pdf", buf.Bytes())
}
