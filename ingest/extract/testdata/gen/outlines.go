//go:build ignore

// Command outlines writes the fixtures of text converted to outlines
// (文字转曲), drawn with the glyphs of Noto Sans CJK SC (fonts-noto-cjk)
// as path operators, the way design tools export them:
//
//   - outlined-form.pdf: an award certificate (荣誉证书) whose title is
//     drawn, a filled path a glyph, in a form XObject with resources of its
//     own, which draws its body in a second such form; the page itself
//     shows only a certificate number as text;
//   - merged-outlines.pdf: a notice (杭政办发〔2018〕12号) whose glyph
//     outlines are merged into one fill a line, as Illustrator, CorelDRAW
//     and 方正飞腾 write them; the page number stays text;
//   - outlined-gs.pdf, where Ghostscript is installed: stamped.pdf with
//     every glyph made outlines by gs -dNoOutputFonts (its bytes carry a
//     date).
//
// It prints how many path operators each glyph takes (glyphOps in
// pdfpaint.go is chosen from it). The same bytes every time.
//
// Run from ingest/extract: go run testdata/gen/outlines.go
package main

import (
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/internal/testpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const fontFile = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"

// outliner draws text as the glyphs' outlines.
type outliner struct {
	f    *sfnt.Font
	buf  sfnt.Buffer
	upem float64
	ops  []int // path operators of each glyph drawn (Han only)
}

func newOutliner() *outliner {
	data, err := os.ReadFile(fontFile)
	if err != nil {
		log.Fatal(err)
	}
	c, err := sfnt.ParseCollection(data)
	if err != nil {
		log.Fatal(err)
	}
	for i := range c.NumFonts() {
		f, err := c.Font(i)
		if err != nil {
			log.Fatal(err)
		}
		var b sfnt.Buffer
		if name, _ := f.Name(&b, sfnt.NameIDFull); strings.Contains(name, "CJK SC") {
			return &outliner{f: f, upem: float64(f.UnitsPerEm())}
		}
	}
	log.Fatal("no Noto Sans CJK SC in " + fontFile)
	return nil
}

// glyph writes the outline of r at (x, y), size points, to w (no fill
// operator) and returns its advance.
func (o *outliner) glyph(w *strings.Builder, r rune, x, y, size float64) float64 {
	gi, err := o.f.GlyphIndex(&o.buf, r)
	if err != nil || gi == 0 {
		log.Fatalf("no glyph for %q", r)
	}
	ppem := fixed.I(int(o.upem))
	segs, err := o.f.LoadGlyph(&o.buf, gi, ppem, nil)
	if err != nil {
		log.Fatal(err)
	}
	s := size / o.upem
	pt := func(p fixed.Point26_6) string {
		return fmt.Sprintf("%.2f %.2f", x+float64(p.X)/64*s, y-float64(p.Y)/64*s)
	}
	n := 0
	for i, seg := range segs {
		switch seg.Op {
		case sfnt.SegmentOpMoveTo:
			if i > 0 {
				w.WriteString("h\n")
				n++
			}
			fmt.Fprintf(w, "%s m\n", pt(seg.Args[0]))
		case sfnt.SegmentOpLineTo:
			fmt.Fprintf(w, "%s l\n", pt(seg.Args[0]))
		case sfnt.SegmentOpQuadTo: // CFF fonts have none; as a cubic for a TrueType one
			fmt.Fprintf(w, "%s %s %s c\n", pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[1]))
		case sfnt.SegmentOpCubeTo:
			fmt.Fprintf(w, "%s %s %s c\n", pt(seg.Args[0]), pt(seg.Args[1]), pt(seg.Args[2]))
		}
		n++
	}
	if len(segs) > 0 {
		w.WriteString("h\n")
		n++
	}
	if r >= 0x4e00 && r <= 0x9fff {
		o.ops = append(o.ops, n)
	}
	adv, err := o.f.GlyphAdvance(&o.buf, gi, ppem, font.HintingNone)
	if err != nil {
		log.Fatal(err)
	}
	return float64(adv) / 64 * s
}

// line draws a line of text from (x, y): a fill a glyph, or one fill for
// the whole line (merged).
func (o *outliner) line(w *strings.Builder, text string, x, y, size float64, merged bool) {
	for _, r := range text {
		if r == ' ' {
			x += size / 2
			continue
		}
		x += o.glyph(w, r, x, y, size)
		if !merged {
			w.WriteString("f\n")
		}
	}
	if merged {
		w.WriteString("f\n")
	}
}

func main() {
	o := newOutliner()
	writeCertificate(o)
	writeMergedNotice(o)
	outlineWithGhostscript()
	ops := slices.Sorted(slices.Values(o.ops))
	fmt.Printf("path operators a Han glyph: min %d, median %d, max %d over %d glyphs\n", ops[0], ops[len(ops)/2], ops[len(ops)-1], len(ops))
}

const page = "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> %s >> >>"

func writeCertificate(o *outliner) {
	var title, body strings.Builder
	title.WriteString("0.55 0.05 0.05 rg\n")
	o.line(&title, "荣誉证书", 201, 690, 48, false)
	title.WriteString("0 g\n/Fm1 Do\n")
	lines := []string{
		"张明同志：",
		"　　在2023年度学习型城市建设监测工作中表现",
		"突出，成绩显著，被评为先进个人。",
		"　　特发此证，以资鼓励。",
	}
	for i, l := range lines {
		o.line(&body, l, 90, 580-float64(i)*34, 20, false)
	}
	o.line(&body, "杭州市教育局", 370, 380, 20, false)
	o.line(&body, "二〇二三年十二月", 350, 346, 20, false)
	content := "q /Fm0 Do Q\nBT /F1 9 Tf 250 60 Td (No. HZ-2023-018) Tj ET\n"
	form := func(content, resources string) string {
		s := testpdf.Deflated([]byte(content))
		return strings.Replace(s, "<< ", "<< /Type /XObject /Subtype /Form /BBox [0 0 595 842] /Resources "+resources+" ", 1)
	}
	data := testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf(page, "/XObject << /Fm0 5 0 R >>"),
		testpdf.Deflated([]byte(content)),
		form(title.String(), "<< /XObject << /Fm1 6 0 R >> >>"),
		form(body.String(), "<< /ProcSet [/PDF] >>"))
	write("testdata/outlined-form.pdf", data)
}

func writeMergedNotice(o *outliner) {
	var b strings.Builder
	o.line(&b, "杭政办发〔2018〕12号", 220, 740, 16, true)
	o.line(&b, "杭州市人民政府办公厅关于推进", 160, 690, 20, true)
	o.line(&b, "学习型城市建设的实施意见", 180, 662, 20, true)
	lines := []string{
		"各区、县（市）人民政府，市政府各部门、各直属单位：",
		"　　为加快构建服务全民终身学习的教育体系，经市政府",
		"同意，现就推进学习型城市建设提出如下实施意见。",
		"　　一、建立学分银行。推进各类学习成果的认证、积累",
		"和转换，到2020年实现市民学习成果存入学分银行。",
		"　　二、发展社区教育。完善市、区、街道、社区四级社",
		"区教育网络，培育社区学习共同体。",
	}
	for i, l := range lines {
		o.line(&b, l, 72, 610-float64(i)*28, 16, true)
	}
	content := b.String() + "BT /F1 10 Tf 286 40 Td (- 1 -) Tj ET\n"
	data := testpdf.Build(testpdf.Catalog, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		fmt.Sprintf(page, ""),
		testpdf.Deflated([]byte(content)))
	write("testdata/merged-outlines.pdf", data)
}

func write(path string, data []byte) {
	if err := os.WriteFile(path, data, 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: %d bytes\n", path, len(data))
}

// outlineWithGhostscript writes outlined-gs.pdf, Ghostscript's outlines
// of a real LibreOffice PDF, where gs is installed.
func outlineWithGhostscript() {
	if _, err := exec.LookPath("gs"); err != nil {
		fmt.Println("gs not installed: outlined-gs.pdf left as it is")
		return
	}
	out, err := exec.Command("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite", "-dNoOutputFonts",
		"-sOutputFile=testdata/outlined-gs.pdf", "testdata/stamped.pdf").CombinedOutput()
	if err != nil {
		log.Fatalf("gs: %v\n%s", err, out)
	}
	fmt.Println("testdata/outlined-gs.pdf: from stamped.pdf")
}
