package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/testpdf"
	"github.com/ledongthuc/pdf"
)

// fixturePaint is what each page of a fixture draws, its forms looked into
// whatever its text (as they are for a page whose text is short).
func fixturePaint(t *testing.T, name string) []*pageText {
	t.Helper()
	f, r, err := pdf.Open(fixture(name))
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	defer f.Close()
	forms := newFormWalker()
	var pages []*pageText
	for i := 1; i <= r.NumPage(); i++ {
		p := r.Page(i)
		pt := readPageText(p, nil)
		forms.lookIntoForms(p, pt)
		pages = append(pages, pt)
	}
	return pages
}

// TestOutlinedTextIsSeen: pages whose words are outlines (文字转曲) draw
// what OCR must read, whether the outlines are inside forms with resources
// of their own (a certificate made in a design tool) or merged into a fill
// a line (Illustrator, CorelDRAW, 方正飞腾); pages of LibreOffice reports,
// with tables and their borders, rules, a band, or only a heading, draw
// nothing of the kind. The counts in a failure are the measure behind
// outlineFills, glyphOps and outlineSegments.
func TestOutlinedTextIsSeen(t *testing.T) {
	tests := []struct {
		name, file string
		want       bool // every page
	}{
		{"证书：正文转曲，画在自带资源的表单里", "outlined-form.pdf", true},
		{"通知：转曲后每行合并为一个填充", "merged-outlines.pdf", true},
		{"Ghostscript 转曲的盖章公文", "outlined-gs.pdf", true},
		{"LibreOffice 报告：底纹表格、横线、色带、徽标，只有（本章完）的页", "bordered.pdf", false},
		{"LibreOffice 报告：只有章标题的页", "chapters.pdf", false},
		{"LibreOffice 表格", "table.pdf", false},
		{"LibreOffice 小标题与表格", "heading.pdf", false},
	}
	for _, tt := range tests {
		for i, pt := range fixturePaint(t, tt.file) {
			if got := pt.drawsForOCR(); got != tt.want {
				t.Errorf("%s (%s) page %d: draws for OCR %v, want %v (images %d, fills %d, segments of glyph-like fills %d)",
					tt.name, tt.file, i+1, got, tt.want, pt.images, pt.fills, pt.segments)
			}
		}
	}
}

// TestOutlinedPagesAreOCRd: the outlined fixtures, each with a short text
// layer (a certificate number, a page number), go to OCR; LibreOffice's
// report with shaded tables, rules, a band and a logo, whose last page
// says only （本章完）, does not.
func TestOutlinedPagesAreOCRd(t *testing.T) {
	needOCR(t)
	for _, name := range []string{"outlined-form.pdf", "merged-outlines.pdf"} {
		if _, err := Extract(context.Background(), FormatPDF, fixture(name), Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
			t.Errorf("%s: %v, want ErrNeedsOCR (only OCR reads its outlined words)", name, err)
		}
	}
	res, err := Extract(context.Background(), FormatPDF, fixture("bordered.pdf"), Limits{DeferOCR: true})
	if err != nil {
		t.Fatalf("bordered.pdf: %v; want it read from its text layer, no OCR", err)
	}
	if len(res.Pages) != 3 {
		t.Fatalf("bordered.pdf: %d pages, want 3", len(res.Pages))
	}
	for i, want := range []string{"128200", "第2章经费保障", "(本章完)"} {
		src := SourceText // no page OCR'd: no sources written
		if res.PageSources != nil {
			src = res.PageSources[i]
		}
		if !strings.Contains(res.Pages[i], want) || src != SourceText {
			t.Errorf("bordered.pdf page %d: %q from %q, want %q from its text layer", i+1, res.Pages[i], src, want)
		}
	}
}

// TestOutlinedPagesAreRead: tesseract reads the outlined words, which
// replace the page's short text layer and are found by search.
func TestOutlinedPagesAreRead(t *testing.T) {
	needOCR(t)
	tests := []struct {
		file string
		want []string
	}{
		{"outlined-form.pdf", []string{"学习型城市建设监测", "先进个人", "杭州市教育局"}},
		{"merged-outlines.pdf", []string{"学习型城市建设", "学分银行", "社区教育"}},
	}
	for _, tt := range tests {
		res, err := Extract(context.Background(), FormatPDF, fixture(tt.file), Limits{})
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		page := Normalize(res.Pages[0])
		if res.PageSources[0] != SourceOCR {
			t.Errorf("%s: source %q, want %q; text %q", tt.file, res.PageSources[0], SourceOCR, page)
		}
		for _, w := range tt.want {
			if !strings.Contains(page, w) {
				t.Errorf("%s: %q not found in the OCR text %q", tt.file, w, page)
			}
		}
	}
}

// formPDF is a one-page PDF that shows a page number and draws content;
// its XObjects are named by the page's resources (xobjects), and objects
// are numbered from 5.
func formPDF(content, xobjects string, objects ...string) []byte {
	all := append([]string{testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> /XObject << " + xobjects + " >> >> /Contents 4 0 R >>",
		testpdf.Deflated([]byte(content + "\n" + pageNumber))}, objects...)
	return testpdf.Build(all...)
}

// form is a form XObject's stream object with the given resources ("" for
// none: it uses its page's).
func form(content, resources string) string {
	s := testpdf.Deflated([]byte(content))
	if resources != "" {
		resources = "/Resources " + resources + " "
	}
	return strings.Replace(s, "<< ", "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] "+resources, 1)
}

// glyphs is n filled paths of glyphOps segments each, as outlined glyphs.
func glyphs(n int) string {
	var b strings.Builder
	for i := range n {
		x := 60 + i%40*12
		fmt.Fprintf(&b, "%d 700 m", x)
		for k := range glyphOps - 2 {
			fmt.Fprintf(&b, " %d %d l", x+k%10, 700+k)
		}
		b.WriteString(" h f\n")
	}
	return b.String()
}

// pagePaint reads the one page of data with its forms looked into, in at
// most a few seconds (a crafted file must not keep the reader busy).
func pagePaint(t *testing.T, data []byte) *pageText {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan *pageText, 1)
	go func() {
		var pt *pageText
		defer func() { done <- pt }()
		p := r.Page(1)
		pt = readPageText(p, nil)
		newFormWalker().lookIntoForms(p, pt)
	}()
	select {
	case pt := <-done:
		if pt == nil {
			t.Fatal("reading the page panicked")
		}
		return pt
	case <-time.After(10 * time.Second):
		t.Fatal("reading the page's forms still busy after 10 s")
		return nil
	}
}

// TestFormsAreLookedInto: what forms draw counts for the page that draws
// them, as often as it draws them, through forms that draw forms; a form
// that draws itself, forms that draw each other a million times, a broken
// form and one too deep end quickly, the ones that could not be read
// counted in doubt (as an image: the page is OCR'd, never trusted).
func TestFormsAreLookedInto(t *testing.T) {
	rule := "72 720 m 523 720 l 523 722 l 72 722 l h f"
	deep := func(n int) []string { // forms 5, 6, … each drawing the next; the last outlined text
		var objs []string
		for i := range n - 1 {
			objs = append(objs, form("/Fn Do", fmt.Sprintf("<< /XObject << /Fn %d 0 R >> >>", 6+i)))
		}
		return append(objs, form(glyphs(30), "<< >>"))
	}
	tests := []struct {
		name string
		data []byte
		want paint
	}{
		{"表单里的转曲正文", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30), "<< >>")),
			paint{fills: 30, segments: 30 * glyphOps}},
		{"表单里只有一条横线", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(rule, "<< >>")),
			paint{fills: 1}},
		{"一个字形表单画了 25 次", formPDF(strings.Repeat("/Fm1 Do ", 25), "/Fm1 5 0 R", form(glyphs(1), "<< >>")),
			paint{fills: 25, segments: 25 * glyphOps}},
		{"沿用页面资源的表单里的图片", formPDF("/Fm1 Do", "/Fm1 5 0 R /Im1 6 0 R", form("/Im1 Do", ""),
			"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream"),
			paint{images: 1}},
		{"沿用页面资源的表单只画横线", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(rule, "")),
			paint{fills: 1}},
		{"表单画它自己", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30)+"/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")),
			paint{fills: 30, segments: 30 * glyphOps}},
		{"两个表单互相画", formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(glyphs(30)+"/Fm2 Do", "<< /XObject << /Fm2 6 0 R >> >>"), form("/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")),
			paint{fills: 30, segments: 30 * glyphOps}},
		{"一百万次乘一百万次", formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(strings.Repeat("/Fm2 Do ", 1_000_000), "<< /XObject << /Fm2 6 0 R >> >>"),
			form(strings.Repeat("/Fm3 Do ", 1_000_000), "<< /XObject << /Fm3 7 0 R >> >>"),
			form(glyphs(1), "<< >>")),
			paint{fills: maxPaint, segments: maxPaint}},
		{"损坏的表单", formPDF("/Fm1 Do", "/Fm1 5 0 R", strings.Replace(form(glyphs(30), "<< >>"), "/FlateDecode", "/NoSuchDecode", 1)),
			paint{images: 1}},
		{"表单套得太深", formPDF("/Fn Do", "/Fn 5 0 R", deep(maxFormDepth+1)...),
			paint{images: 1}},
		{"表单套得深但在限度内", formPDF("/Fn Do", "/Fn 5 0 R", deep(maxFormDepth)...),
			paint{fills: 30, segments: 30 * glyphOps}},
		{"表单名不存在", formPDF("/Fm9 Do", "/Fm1 5 0 R", form(glyphs(30), "<< >>")),
			paint{images: 1}},
		{"嵌套表单的对象读不出", bytes.Replace(formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(glyphs(30)+"/Fm2 Do", "<< /XObject << /Fm2 6 0 R >> >>"), form(glyphs(30), "<< >>")), []byte("6 0 obj"), []byte("9 0 obj"), 1),
			paint{images: 1, fills: 30, segments: 30 * glyphOps}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := pagePaint(t, tt.data).paint; got != tt.want {
				t.Errorf("paint %+v, want %+v", got, tt.want)
			}
		})
	}
}

// TestFormBudget: past the operators a document may read in forms, a form
// is in doubt rather than read.
func TestFormBudget(t *testing.T) {
	defer func(n int) { maxFormOps = n }(maxFormOps)
	maxFormOps = 1000
	data := formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(100), "<< >>"))
	if got, want := pagePaint(t, data).paint, (paint{images: 1}); got != want {
		t.Errorf("a form past the budget: paint %+v, want %+v", got, want)
	}
}

// TestFormsOnlyForShortPages: a page whose text layer is long enough to be
// trusted is not looked into (its forms would decide nothing); one whose
// layer is short is, and goes to OCR.
func TestFormsOnlyForShortPages(t *testing.T) {
	body := "BT /F1 10 Tf 72 760 Td (" + strings.Repeat("Learning city monitoring ", 4) + ") Tj ET"
	for _, tt := range []struct {
		name, content string
		want          bool
	}{
		{"只有页码", "/Fm1 Do", true},
		{"有足够的正文", "/Fm1 Do " + body, false},
	} {
		data := formPDF(tt.content, "/Fm1 5 0 R", form(glyphs(30), "<< >>"))
		r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
		if err != nil {
			t.Fatal(err)
		}
		forms := newFormWalker()
		_, _, images, err := pdfPageText(r, 1, nil, forms)
		if err != nil {
			t.Fatal(err)
		}
		if images != tt.want || len(forms.done) > 0 != tt.want {
			t.Errorf("%s: draws for OCR %v, forms read %d; want %v", tt.name, images, len(forms.done), tt.want)
		}
	}
}

// TestPathsCounted: which painted paths count towards outlined text.
func TestPathsCounted(t *testing.T) {
	tests := []struct {
		name, content string
		want          paint
	}{
		{"表格底纹（re 填充）", strings.Repeat("56.7 627.8 92.7 23.9 re f*\n", 40), paint{}},
		{"一个路径里多个矩形", strings.Repeat("10 10 5 5 re ", 30) + "f", paint{}},
		{"逐字转曲", glyphs(3), paint{fills: 3, segments: 3 * glyphOps}},
		{"笔画少的字形只算填充", strings.Repeat("10 10 m 20 10 l 20 12 l 10 12 l h f\n", 3), paint{fills: 3}},
		{"描边不算", strings.Repeat("10 10 m 20 10 l 20 12 l 10 12 l h S\n", 30), paint{}},
		{"裁剪路径不算", strings.Repeat(strings.TrimSuffix(glyphs(1), "f\n")+"W n\n", 30), paint{}},
		{"合并成一个填充的一行字", strings.Repeat(strings.TrimSuffix(glyphs(1), "f\n"), 30) + "f", paint{fills: 1, segments: 30 * glyphOps}},
	}
	for _, tt := range tests {
		if got := pagePaint(t, formPDF(tt.content, "")).paint; got != tt.want {
			t.Errorf("%s: paint %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// The PDF readers' rules changed (TestOutlinedPagesAreOCRd): what they
// read before must be read again by repair --outdated.
func TestPDFRulesRaiseTheirVersion(t *testing.T) {
	for _, extractor := range []string{"pdf", "pdftotext"} {
		if VersionOf(extractor) <= Version {
			t.Errorf("VersionOf(%s) = %d: outlined pages are OCR'd now, its text must be read again by repair --outdated", extractor, VersionOf(extractor))
		}
	}
}
