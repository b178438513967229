package extract

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

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
	forms := newFormWalker(context.Background())
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
// nothing of the kind, nor does a chapter's heading under a smooth vector
// logo (two fills of about 200 curves each, a contour each). The counts in
// a failure are the measure behind outlineFills, glyphSubpaths and
// outlineSubpaths.
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
		{"LibreOffice 报告：矢量徽标（两个各约 200 段曲线的填充）下的章标题", "logo-chapter.pdf", false},
		{"LibreOffice 表格", "table.pdf", false},
		{"LibreOffice 小标题与表格", "heading.pdf", false},
	}
	for _, tt := range tests {
		for i, pt := range fixturePaint(t, tt.file) {
			if got := pt.drawsForOCR(); got != tt.want {
				t.Errorf("%s (%s) page %d: draws for OCR %v, want %v (images %d, fills %d, contours of fills of many %d)",
					tt.name, tt.file, i+1, got, tt.want, pt.images, pt.fills, pt.subpaths)
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

// glyph is one contour of 16 path operators, as a Han glyph's.
func glyph(x int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%d 700 m", x)
	for k := range 14 {
		fmt.Fprintf(&b, " %d %d l", x+k%10, 700+k)
	}
	b.WriteString(" h ")
	return b.String()
}

// glyphs is n filled paths of a contour each, as outlined glyphs filled
// one by one.
func glyphs(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(glyph(60+i%40*12) + "f\n")
	}
	return b.String()
}

// mergedLine is one fill of n contours, as a line of outlined glyphs
// merged into one.
func mergedLine(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString(glyph(60 + i%40*12))
	}
	return b.String() + "f\n"
}

// pagePaint reads the one page of data with its forms looked into.
func pagePaint(t *testing.T, data []byte) *pageText {
	t.Helper()
	return pagePaintWith(t, data, newFormWalker(context.Background()))
}

// pagePaintWith is pagePaint with the walker w.
func pagePaintWith(t *testing.T, data []byte, w *formWalker) *pageText {
	t.Helper()
	r, err := pdf.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	p := r.Page(1)
	pt := readPageText(p, nil)
	w.lookIntoForms(p, pt)
	return pt
}

// TestFormsAreLookedInto: what forms draw counts for the page that draws
// them, as often as it draws them, through forms that draw forms; a form
// that draws itself, forms that draw each other a million times (each
// read once: the operators spent are the forms' own), a broken form and
// one too deep end, the ones that could not be read counted in doubt (as
// an image: the page is OCR'd, never trusted). A form drawn inside a
// cycle that was cut short counts in full when the page draws it.
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
		name   string
		data   []byte
		want   paint
		maxOps int // operators the forms may spend (0: any)
	}{
		{"表单里的转曲正文", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30), "<< >>")),
			paint{fills: 30}, 0},
		{"表单里只有一条横线", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(rule, "<< >>")),
			paint{fills: 1}, 0},
		{"一个字形表单画了 25 次", formPDF(strings.Repeat("/Fm1 Do ", 25), "/Fm1 5 0 R", form(glyphs(1), "<< >>")),
			paint{fills: 25}, 0},
		{"沿用页面资源的表单里的图片", formPDF("/Fm1 Do", "/Fm1 5 0 R /Im1 6 0 R", form("/Im1 Do", ""),
			"<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /ColorSpace /DeviceGray /BitsPerComponent 8 /Length 1 >>\nstream\n\x00\nendstream"),
			paint{images: 1}, 0},
		{"沿用页面资源的表单只画横线", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(rule, "")),
			paint{fills: 1}, 0},
		{"表单画它自己", formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30)+"/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")),
			paint{fills: 30}, 0},
		{"两个表单互相画", formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(glyphs(30)+"/Fm2 Do", "<< /XObject << /Fm2 6 0 R >> >>"), form("/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")),
			paint{fills: 30}, 0},
		{"页面先画甲再画乙，甲乙互相画", formPDF("/Fm1 Do /Fm2 Do", "/Fm1 5 0 R /Fm2 6 0 R",
			form(glyphs(30)+"/Fm2 Do", "<< /XObject << /Fm2 6 0 R >> >>"), form("/Fm1 Do", "<< /XObject << /Fm1 5 0 R >> >>")),
			paint{fills: 60}, 0},
		{"一百万次乘一百万次", formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(strings.Repeat("/Fm2 Do ", 1_000_000), "<< /XObject << /Fm2 6 0 R >> >>"),
			form(strings.Repeat("/Fm3 Do ", 1_000_000), "<< /XObject << /Fm3 7 0 R >> >>"),
			form(mergedLine(glyphSubpaths), "<< >>")),
			paint{fills: maxPaint, subpaths: maxPaint}, 2_000_000 + glyphSubpaths*16 + 1},
		{"损坏的表单", formPDF("/Fm1 Do", "/Fm1 5 0 R", strings.Replace(form(glyphs(30), "<< >>"), "/FlateDecode", "/NoSuchDecode", 1)),
			paint{images: 1}, 0},
		{"表单套得太深", formPDF("/Fn Do", "/Fn 5 0 R", deep(maxFormDepth+1)...),
			paint{images: 1}, 0},
		{"表单套得深但在限度内", formPDF("/Fn Do", "/Fn 5 0 R", deep(maxFormDepth)...),
			paint{fills: 30}, 0},
		{"表单名不存在", formPDF("/Fm9 Do", "/Fm1 5 0 R", form(glyphs(30), "<< >>")),
			paint{images: 1}, 0},
		{"嵌套表单的对象读不出", bytes.Replace(formPDF("/Fm1 Do", "/Fm1 5 0 R",
			form(glyphs(30)+"/Fm2 Do", "<< /XObject << /Fm2 6 0 R >> >>"), form(glyphs(30), "<< >>")), []byte("6 0 obj"), []byte("9 0 obj"), 1),
			paint{images: 1, fills: 30}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := newFormWalker(context.Background())
			if got := pagePaintWith(t, tt.data, w).paint; got != tt.want {
				t.Errorf("paint %+v, want %+v", got, tt.want)
			}
			if spent := maxFormOps - w.ops; tt.maxOps > 0 && spent > tt.maxOps {
				t.Errorf("%d operators of forms read, want at most %d (each form read once)", spent, tt.maxOps)
			}
		})
	}
}

// TestFormBudget: past the operators or the inflated bytes a document may
// read in forms, a form is in doubt rather than read.
func TestFormBudget(t *testing.T) {
	data := formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(100), "<< >>"))
	t.Run("算子", func(t *testing.T) {
		defer func(n int) { maxFormOps = n }(maxFormOps)
		maxFormOps = 1000
		if got, want := pagePaint(t, data).paint, (paint{images: 1}); got != want {
			t.Errorf("a form past the budget of operators: paint %+v, want %+v", got, want)
		}
	})
	t.Run("字节", func(t *testing.T) {
		defer func(n int64) { maxFormBytes = n }(maxFormBytes)
		maxFormBytes = 1000 // glyphs(100) inflates to about 9 KB
		w := newFormWalker(context.Background())
		if got, want := pagePaintWith(t, data, w).paint, (paint{images: 1}); got != want {
			t.Errorf("a form past the budget of bytes: paint %+v, want %+v", got, want)
		}
		if spent := maxFormOps - w.ops; spent != 0 {
			t.Errorf("%d operators read of a form past the budget of bytes, want none", spent)
		}
	})
}

// TestFormsKeptAreBounded: once as many forms as a document keeps are
// kept, a form not kept is in doubt, not read again each time it is
// drawn (4,096 empty forms, then one drawn under many names, took 41 s).
func TestFormsKeptAreBounded(t *testing.T) {
	defer func(n int) { maxKeptForms = n }(maxKeptForms)
	maxKeptForms = 1
	data := formPDF("/Fm1 Do /Fm2 Do", "/Fm1 5 0 R /Fm2 6 0 R", form(glyphs(1), "<< >>"), form(glyphs(2), "<< >>"))
	w := newFormWalker(context.Background())
	if got, want := pagePaintWith(t, data, w).paint, (paint{images: 1, fills: 1}); got != want {
		t.Errorf("paint %+v, want %+v (甲 read and kept, 乙 in doubt)", got, want)
	}
	if len(w.done) != 1 {
		t.Errorf("%d forms kept, want 1", len(w.done))
	}
}

// TestFormsStopWithTheDocument: once the document's context is done
// (its deadline passed), a form not yet read is in doubt.
func TestFormsStopWithTheDocument(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	w := newFormWalker(ctx)
	data := formPDF("/Fm1 Do", "/Fm1 5 0 R", form(glyphs(30), "<< >>"))
	if got, want := pagePaintWith(t, data, w).paint, (paint{images: 1}); got != want {
		t.Errorf("paint %+v, want %+v", got, want)
	}
	if spent := maxFormOps - w.ops; spent != 0 {
		t.Errorf("%d operators of forms read after the context was done, want none", spent)
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
		forms := newFormWalker(context.Background())
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
		{"逐字转曲", glyphs(3), paint{fills: 3}},
		{"笔画少的字形只算填充", strings.Repeat("10 10 m 20 10 l 20 12 l 10 12 l h f\n", 3), paint{fills: 3}},
		{"描边不算", strings.Repeat("10 10 m 20 10 l 20 12 l 10 12 l h S\n", 30), paint{}},
		{"裁剪路径不算", strings.Repeat(strings.TrimSuffix(glyphs(1), "f\n")+"W n\n", 30), paint{}},
		{"合并成一个填充的一行字", mergedLine(30), paint{fills: 1, subpaths: 30}},
		{"轮廓不够多的填充", mergedLine(glyphSubpaths - 1), paint{fills: 1}},
		{"平滑的矢量徽标：一个轮廓两百段曲线", "60 700 m " + strings.Repeat("61 701 62 702 63 703 c ", 200) + "h f\n", paint{fills: 1}},
		{"矩形不算轮廓", strings.Repeat("10 10 5 5 re ", 30) + mergedLine(glyphSubpaths-1), paint{fills: 1}},
	}
	for _, tt := range tests {
		if got := pagePaint(t, formPDF(tt.content, "")).paint; got != tt.want {
			t.Errorf("%s: paint %+v, want %+v", tt.name, got, tt.want)
		}
	}
}

// The PDF readers' rules rose twice: first simple fonts read through
// their ToUnicode maps, radicals made ideographs and pages whose words are
// outlines OCR'd (TestOutlinedPagesAreOCRd), in one rise; then ⼾ read as
// 户 (TestBrowserPrintedSimplifiedForms), which the first rise's texts
// wrote 戶, and, in the same second rise, a title set larger than its
// neighbours a paragraph of its own (TestPDFTitleIsAParagraphOfItsOwn;
// the library's reader and OFD's). What they read before must be read
// again by repair --outdated. When a later release changes them again,
// raise their revision and this test with it (the fifth rise: signature
// blocks and heading lines set apart, TestSignaturesAndHeadingsSetApart).
func TestPDFRulesRaiseTheirVersion(t *testing.T) {
	if got, want := VersionOf("pdftotext"), Version+7; got != want {
		t.Errorf("VersionOf(pdftotext) = %d, want %d: ToUnicode maps, radicals and outlined pages OCR'd; then ⼾ as 户 and the title's paragraph; then the 公文's lines set apart by their layout in pdftotext's and OCR's text; then wrapped phrases kept whole; then signature blocks and headings set apart; then page numbers dropped; then a one-page document's 1/1", got, want)
	}
	// The signature and heading rules run only on pdftotext's and OCR's
	// lines: the OFD reader's born-digital text was as revision 4 read
	// it until page numbers were dropped (5). The library PDF reader's
	// rose to 5 for lines measured by their Han characters
	// (TestPDFWrappedWordAcrossMixedSizes), all three with page numbers
	// dropped (TestPDFPageNumbersAreNoText), then a one-page document's
	// 1/1 too (TestDropPageNumbers).
	if got, want := VersionOf("ofd"), Version+6; got != want {
		t.Errorf("VersionOf(ofd) = %d, want %d: page numbers dropped; then a one-page document's 1/1", got, want)
	}
	if got, want := VersionOf("pdf"), Version+7; got != want {
		t.Errorf("VersionOf(pdf) = %d, want %d: lines measured by their Han characters; then page numbers dropped; then a one-page document's 1/1", got, want)
	}
	if got, want := VersionOf("ocr"), Version+12; got != want {
		t.Errorf("VersionOf(ocr) = %d, want %d: the 公文's lines set apart by their layout; then wrapped phrases kept whole; then signature blocks and headings set apart; then spaces inside numbers taken out; then low-confidence pages OSD cannot judge read turned each way; then numbers spaced after a word stating a quantity joined; then pages read with chi_sim alone; then 附件 marks kept and Latin runs in Chinese lines read with chi_sim; then digit groups a thousands separator parted joined; then a quantity word read a character a word; then the space after a per cent sign before a Chinese character taken out; then the space beside a full-width mark taken out", got, want)
	}
}

// TestReaderOfScansOCRd: a text some of whose pages OCR read inside the
// PDF or OFD reader is named pdf+ocr (ofd+ocr), its version rising with
// the OCR reader's rules as with the PDF reader's; a text-layer PDF, a
// photo OCR read itself and a PDF whose damaged page nothing read are
// named by their reader alone.
func TestReaderOfScansOCRd(t *testing.T) {
	for _, tc := range []struct {
		extractor string
		sources   []string
		want      string
	}{
		{"pdf", []string{SourceText, SourceOCR}, "pdf+ocr"},
		{"ofd", []string{SourceOCRLow}, "ofd+ocr"},
		{"pdf", nil, "pdf"},
		{"pdf", []string{SourceText, SourceUnreadable}, "pdf"},
		{"ocr", []string{SourceOCR}, "ocr"},
	} {
		if got := ReaderOf(tc.extractor, tc.sources); got != tc.want {
			t.Errorf("ReaderOf(%s, %v) = %s, want %s", tc.extractor, tc.sources, got, tc.want)
		}
	}
	if got, want := VersionOf("pdf+ocr"), VersionOf("pdf")+readerRevisions["ocr"]; got != want {
		t.Errorf("VersionOf(pdf+ocr) = %d, want %d: the PDF reader's rules and OCR's", got, want)
	}
}

// TestScanPagesVersionTheirText: a PDF with scanned pages among its text
// pages (mixed.pdf) is versioned as its reader's +ocr (pdf+ocr,
// pdftotext+ocr), its scanned pages read by OCR; a PDF of text pages
// alone as its reader.
func TestScanPagesVersionTheirText(t *testing.T) {
	needOCR(t)
	mixed := mustExtract(t, FormatPDF, "mixed.pdf")
	want := mixed.Extractor + "+ocr" // pdftotext's where it is installed
	if got := ReaderOf(mixed.Extractor, mixed.PageSources); got != want || mixed.Version != VersionOf(want) {
		t.Errorf("mixed.pdf (sources %v): %s at version %d, want %s at %d", mixed.PageSources, got, mixed.Version, want, VersionOf(want))
	}
	policy := mustExtract(t, FormatPDF, "policy.pdf")
	if got := ReaderOf(policy.Extractor, policy.PageSources); got != policy.Extractor || policy.Version != VersionOf(policy.Extractor) {
		t.Errorf("policy.pdf (sources %v): %s at version %d, want %s at %d", policy.PageSources, got, policy.Version, policy.Extractor, VersionOf(policy.Extractor))
	}
}
