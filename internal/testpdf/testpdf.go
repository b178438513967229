// Package testpdf builds small PDFs for tests, crafted ones included: a
// page tree that contains itself, a content stream of millions of nested
// arrays. The cross-reference table is always right, so that readers get
// past the parsing to the part under test.
package testpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
)

// Build returns a PDF of the given objects, numbered from 1; object 1 is
// the catalog.
func Build(objects ...string) []byte {
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// Deflated is a stream object holding data compressed with FlateDecode.
func Deflated(data []byte) string {
	var z bytes.Buffer
	w := zlib.NewWriter(&z)
	w.Write(data)
	w.Close()
	return fmt.Sprintf("<< /Length %d /Filter /FlateDecode >>\nstream\n%s\nendstream", z.Len(), z.Bytes())
}

// Catalog is the catalog object whose pages are object 2.
const Catalog = "<< /Type /Catalog /Pages 2 0 R >>"

// SelfContainingPageTree is a PDF whose page tree lists itself among its
// kids: a reader that follows kids without a guard never ends.
func SelfContainingPageTree() []byte {
	return Build(Catalog, "<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>", "<< /Length 0 >>\nstream\n\nendstream")
}

// NestedArrays is a one-page PDF whose content stream is n nested "[".
func NestedArrays(n int) []byte {
	return Build(Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
		Deflated(bytes.Repeat([]byte("["), n)))
}
