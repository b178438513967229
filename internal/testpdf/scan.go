package testpdf

import (
	"bytes"
	"compress/zlib"
	"fmt"
	"image"
	"image/draw"
	"strings"
)

// pageNumberCMap maps the codes of ScanWithPageNumbers' text layer to
// Unicode: A is 第, B is 页, the digits are themselves.
const pageNumberCMap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap " +
	"1 begincodespacerange <00> <FF> endcodespacerange " +
	"2 beginbfchar <41> <7B2C> <42> <9875> endbfchar " +
	"1 beginbfrange <30> <39> <0030> endbfrange endcmap CMapName currentdict /CMap defineresource pop end end"

// ScanWithPageNumbers returns a PDF of n pages, as a scanner that stamps
// page numbers makes them: each page draws img over its upper half (one
// image object all pages share, so that the file stays small) and has a
// text layer of its page number alone, 第k页, at its foot, through a
// simple font whose ToUnicode map gives the Chinese.
func ScanWithPageNumbers(n int, img image.Image) []byte {
	b := img.Bounds()
	grey := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(grey, grey.Bounds(), img, b.Min, draw.Src)
	var pixels bytes.Buffer
	z := zlib.NewWriter(&pixels)
	z.Write(grey.Pix) // a bytes.Buffer does not fail
	z.Close()

	kids := make([]string, n)
	for k := range n {
		kids[k] = fmt.Sprintf("%d 0 R", 6+2*k)
	}
	objects := []string{Catalog,
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), n),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding << /Type /Encoding /Differences [65 /A /B] >> /ToUnicode 4 0 R >>",
		Deflated([]byte(pageNumberCMap)),
		fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length %d >>\nstream\n%s\nendstream",
			grey.Rect.Dx(), grey.Rect.Dy(), pixels.Len(), pixels.Bytes()),
	}
	height := 595 * grey.Rect.Dy() / max(grey.Rect.Dx(), 1)
	for k := range n {
		content := fmt.Sprintf("q 595 0 0 %d 0 %d cm /Im1 Do Q BT /F1 10 Tf 280 30 Td (A%dB) Tj ET", height, 842-height, k+1)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 3 0 R >> /XObject << /Im1 5 0 R >> >> >>", 7+2*k),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	}
	return Build(objects...)
}
