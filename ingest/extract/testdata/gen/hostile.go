//go:build ignore

// Command hostile writes the small crafted files whose failure reasons
// the tests check (see ../README.md): doctype.xlsx, a real workbook
// whose shared strings declare an external entity, and xrefloop.pdf, a
// one-page PDF whose cross-reference section names itself as /Prev, and
// pagetreeloop.pdf, the same page under a page tree containing itself. Run
// it from the package folder:
//
//	cd ingest/extract && go run testdata/gen/hostile.go
//
// It needs nothing but Go; the output is the same every time.
package main

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"log"
	"os"
	"path/filepath"
	"strings"
	"time"
)

const dir = "testdata"

func main() {
	log.SetFlags(0)
	writeDoctypeXLSX()
	writeXrefLoopPDF()
	writePageTreeLoopPDF()
}

// writeDoctypeXLSX copies ledger.xlsx with a DOCTYPE declaring an
// external entity before the root of xl/sharedStrings.xml, the way in for
// an XXE attack, and the entity used in its first string.
func writeDoctypeXLSX() {
	zr, err := zip.OpenReader(filepath.Join(dir, "ledger.xlsx"))
	must(err)
	defer zr.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range zr.File {
		rc, err := f.Open()
		must(err)
		data, err := io.ReadAll(rc)
		must(err)
		rc.Close()
		if f.Name == "xl/sharedStrings.xml" {
			s := string(data)
			root := strings.Index(s, "<sst")
			s = s[:root] + `<!DOCTYPE sst [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` + s[root:]
			s = strings.Replace(s, `preserve">`, `preserve">&xxe;`, 1)
			data = []byte(s)
		}
		w, err := zw.CreateHeader(&zip.FileHeader{Name: f.Name, Method: zip.Deflate, Modified: time.Date(2026, 12, 3, 0, 0, 0, 0, time.UTC)})
		must(err)
		_, err = w.Write(data)
		must(err)
	}
	must(zw.Close())
	write("doctype.xlsx", buf.Bytes())
}

// writeXrefLoopPDF writes a one-page PDF that draws no image and shows
// its one word in a font it does not define (so no reader finds text),
// whose only cross-reference table names itself as /Prev: the chain
// startxref → /Prev never ends.
func writeXrefLoopPDF() {
	write("xrefloop.pdf", unreadablePDF("<< /Type /Pages /Kids [3 0 R] /Count 1 >>", true))
}

// writePageTreeLoopPDF writes the same page, no image and no text a
// reader finds, under a page tree that lists itself among its kids, as
// the probe of issue 15 crafted it.
func writePageTreeLoopPDF() {
	write("pagetreeloop.pdf", unreadablePDF("<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>", false))
}

// unreadablePDF is a PDF of one page whose word is in an undefined font,
// under the page tree object pages; with loopXref, its one xref section
// names itself as /Prev.
func unreadablePDF(pages string, loopXref bool) []byte {
	objs := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		pages,
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
	}
	content := "BT /F1 12 Tf 72 720 Td (xuexi) Tj ET"
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	var offs []int
	for i, o := range objs {
		offs = append(offs, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	offs = append(offs, b.Len())
	fmt.Fprintf(&b, "4 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n", len(content), content)
	x := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offs)+1)
	for _, o := range offs {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	prev := ""
	if loopXref {
		prev = fmt.Sprintf(" /Prev %d", x)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R%s >>\nstartxref\n%d\n%%%%EOF\n", len(offs)+1, prev, x)
	return b.Bytes()
}

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(name string, data []byte) {
	must(os.WriteFile(filepath.Join(dir, name), data, 0o644))
	fmt.Println("wrote", name, len(data), "bytes")
}
