package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestShortPageWithoutPictureIsNotOCRd reads a report made by LibreOffice
// whose chapters open on a page holding only their heading and close on a
// page holding only a note: with nothing drawn but text, those pages are
// trusted as they are, and the file never waits for OCR. The same heading
// over a picture is OCR'd.
func TestShortPageWithoutPictureIsNotOCRd(t *testing.T) {
	needOCR(t)
	res, err := Extract(context.Background(), FormatPDF, fixture("chapters.pdf"), Limits{DeferOCR: true})
	if err != nil {
		t.Fatalf("chapters.pdf: %v; want its short pages without pictures read from their text layer, no OCR", err)
	}
	if len(res.Pages) != 9 {
		t.Fatalf("chapters.pdf: %d pages, want 9", len(res.Pages))
	}
	for i, want := range []string{"第1章区县统计", "128.6万人次", "(本章完)", "第2章经费保障"} {
		if !strings.Contains(res.Pages[i], want) {
			t.Errorf("chapters.pdf page %d: %q, want it to hold %q", i+1, res.Pages[i], want)
		}
	}
	for i, src := range res.PageSources {
		if src != SourceText {
			t.Errorf("chapters.pdf page %d: source %q, want %q", i+1, src, SourceText)
		}
	}
	if _, err := Extract(context.Background(), FormatPDF, fixture("chapter-picture.pdf"), Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Fatalf("chapter-picture.pdf (a heading over a picture): %v, want ErrNeedsOCR", err)
	}
}

// onePagePDF writes a one-page PDF with the given content stream, the
// page's XObject resources (xobjects, "" for none) and more objects,
// numbered from 5.
func onePagePDF(t *testing.T, content, xobjects string, more ...string) string {
	t.Helper()
	var b bytes.Buffer
	var offsets []int
	obj := func(s string) {
		offsets = append(offsets, b.Len())
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", len(offsets), s)
	}
	b.WriteString("%PDF-1.4\n")
	obj("<< /Type /Catalog /Pages 2 0 R >>")
	obj("<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
	obj("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> " + xobjects + " >> >>")
	obj(fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content))
	for _, o := range more {
		obj(o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(offsets)+1)
	for _, o := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", o)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(offsets)+1, xref)
	path := filepath.Join(t.TempDir(), "page.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// pageNumber is a real page number, the only text of the pages below.
const pageNumber = "BT /F1 10 Tf 280 40 Td (- 3 -) Tj ET"

// TestOutlinedBodyIsOCRd: a page whose body was converted to outlines
// (文字转曲: a filled path a glyph) and whose page number stayed text is
// OCR'd, or its body would be lost to search. A few filled paths (a rule
// under a heading) do not make a page OCR'd.
func TestOutlinedBodyIsOCRd(t *testing.T) {
	needOCR(t)
	fills := func(n int) string {
		var body strings.Builder
		for i := range n {
			fmt.Fprintf(&body, "%d 700 m %d 700 l %d 712 l %d 712 l h f\n", 60+i*12, 70+i*12, 70+i*12, 60+i*12)
		}
		return body.String()
	}
	outlined := onePagePDF(t, fills(40)+pageNumber, "")
	if _, err := Extract(context.Background(), FormatPDF, outlined, Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Errorf("正文转曲、只有页码是文字的页: %v, want ErrNeedsOCR (only OCR reads its body)", err)
	}
	ruled := onePagePDF(t, fills(2)+"BT /F1 10 Tf 100 720 Td (Chapter 3) Tj ET "+pageNumber, "")
	res, err := Extract(context.Background(), FormatPDF, ruled, Limits{DeferOCR: true})
	if err != nil || !strings.Contains(res.Pages[0], "Chapter 3") {
		t.Errorf("a heading over a rule: %v, %v; want it read from its text layer", res, err)
	}
}

// TestFormInheritingResourcesIsOCRd: a scan drawn through a form XObject
// without resources of its own (it uses the page's, as PDF 1.1 allowed)
// is OCR'd, not trusted with its page number.
func TestFormInheritingResourcesIsOCRd(t *testing.T) {
	needOCR(t)
	content := "q 595 0 0 842 0 0 cm /Fm1 Do Q " + pageNumber
	img := "<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 4 >>\nstream\n\x00\xff\xff\x00\nendstream"
	form := "<< /Type /XObject /Subtype /Form /BBox [0 0 1 1] /Length 8 >>\nstream\n/Im1 Do\n\nendstream"
	p := onePagePDF(t, content, "/XObject << /Fm1 5 0 R /Im1 6 0 R >>", form, img)
	if _, err := Extract(context.Background(), FormatPDF, p, Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
		t.Errorf("扫描图在沿用页面资源的表单里: %v, want ErrNeedsOCR", err)
	}
}

func TestWeakTextLayer(t *testing.T) {
	tests := []struct {
		name   string
		text   string
		images bool
		want   bool
	}{
		{"只有标题的页", "第 44 章 区县统计", false, false},
		{"扫描页上只有页码", "— 3 —", true, true},
		{"不知道有没有图", "第 44 章 区县统计", true, true},
		{"空页", " \n", false, true},
		{"有图但文字够多", strings.Repeat("学习型城市建设监测", 4), true, false},
		{"乱码", "º¼ÖÝÊÐÈËÃñÕþ¸®°ì¹«Ìü", false, true},
	}
	for _, tt := range tests {
		if got := weakTextLayer(tt.text, tt.images); got != tt.want {
			t.Errorf("%s (%q, images %v): weak %v, want %v", tt.name, tt.text, tt.images, got, tt.want)
		}
	}
}

func TestLargestListedImage(t *testing.T) {
	const head = "page   num  type   width height color comp bpc  enc interp  object ID x-ppi y-ppi size ratio\n" +
		"--------------------------------------------------------------------------------------------\n"
	tests := []struct {
		name, list string
		want       int
	}{
		{"一张竖拍照片", head + "   1     0 image    1241  1754  rgb     3   8  jpeg   no         5  0   150   150  117K 1.8%\n", 1754},
		{"横图取长边", head + "   3     2 image    4000  3000  rgb     3   8  jpeg   no        13  0   342   342  2.1M 6%\n", 4000},
		{"取面积最大的图", head + "   1     0 image      40   900  gray    1   8  image  no         5  0    10    10    1K 1%\n" +
			"   1     1 image    1200  1600  gray    1   8  image  no         6  0   150   150  100K 5%\n", 1600},
		{"蒙版不算", head + "   1     0 smask    5000  5000  gray    1   8  image  no         5  0    10    10    1K 1%\n", 0},
		{"没有图片", head, 0},
		{"乱码", "不是列表\n1 2 image x y\n", 0},
	}
	for _, tt := range tests {
		if got := largestListedImage(tt.list); got != tt.want {
			t.Errorf("%s: %d, want %d", tt.name, got, tt.want)
		}
	}
}
