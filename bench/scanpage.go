package bench

import (
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

// scanDPI is the resolution of the generated scans, a copier's default; the
// pipeline renders them at its own resolution (ocrRenderLongSide).
const scanDPI = 200

// A4 at scanDPI, in pixels.
const (
	pageW = 1654
	pageH = 2339
)

// mm converts millimetres to pixels at scanDPI.
func mm(v float64) float64 { return v * scanDPI / 25.4 }

// The kinds of generated page, in the order page i takes them (i % 4). Half
// carry a seal; every page without one still has red ink, so a detector that
// only looks for red fails on them.
const (
	pageSealSignature = iota // a round seal over the issuer and date
	pageMasthead             // 红头文件: red masthead, red rule, red title, no seal
	pageSealOverText         // masthead and a round or oval seal over body text
	pageRedHeadings          // black text, red section headings, no seal
	pageKinds
)

// ScanPage is one generated scanned page: its image and the text drawn on it.
type ScanPage struct {
	Kind  int
	Seal  bool   // a red seal was pressed on it
	Truth string // every line drawn on the page, the seal's own ring text left out
	JPEG  []byte // the degraded scan at scanDPI, as the PDF holds it
}

// scanFonts are the faces a page is drawn with. A face is not safe for
// concurrent use: each goroutine drawing pages makes its own (scanTypeface.faces).
type scanFonts struct {
	body, heading, title, masthead, seal font.Face
}

// scanTypeface is a parsed Chinese font, regular and bold, shared by every
// goroutine.
type scanTypeface struct{ regular, bold *opentype.Font }

// cjkFontFiles are where Debian's fonts-noto-cjk puts the serif and sans
// collections; the first that exists is used.
var cjkFontFiles = [][2]string{
	{"/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc"},
	{"/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc", "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"},
}

// loadScanTypeface loads a Simplified Chinese font (Noto CJK SC); it fails
// with what to install when there is none.
func loadScanTypeface() (*scanTypeface, error) {
	for _, files := range cjkFontFiles {
		regular, err := loadSCFont(files[0])
		if err != nil {
			continue
		}
		bold, err := loadSCFont(files[1])
		if err != nil {
			bold = regular
		}
		return &scanTypeface{regular, bold}, nil
	}
	return nil, fmt.Errorf("no Chinese font (Noto CJK SC) in %s: apt-get install fonts-noto-cjk", filepath.Dir(cjkFontFiles[0][0]))
}

// faces makes the faces of one goroutine. Sizes are those of GB/T 9704
// official documents: body 三号 (16 pt), title 二号 (22 pt); the masthead
// is larger.
func (t *scanTypeface) faces() *scanFonts {
	face := func(f *opentype.Font, pt float64) font.Face {
		fc, err := opentype.NewFace(f, &opentype.FaceOptions{Size: pt, DPI: scanDPI, Hinting: font.HintingNone})
		if err != nil {
			panic(err) // only for a size or DPI out of range, which these are not
		}
		return fc
	}
	return &scanFonts{body: face(t.regular, 16), heading: face(t.bold, 16), title: face(t.bold, 22),
		masthead: face(t.bold, 36), seal: face(t.bold, 30)}
}

func loadSCFont(path string) (*opentype.Font, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	coll, err := opentype.ParseCollection(b)
	if err != nil {
		return nil, err
	}
	for i := range coll.NumFonts() {
		f, err := coll.Font(i)
		if err != nil {
			return nil, err
		}
		if name, _ := f.Name(nil, 1); strings.HasSuffix(name, " SC") {
			return f, nil
		}
	}
	return nil, fmt.Errorf("%s: no SC font", path)
}

var (
	sealRed  = color.RGBA{218, 32, 44, 255}
	printRed = color.RGBA{200, 20, 30, 255}
)

var scanTitles = []string{
	"关于推进学习型城市建设的实施意见", "关于开展全民终身学习活动周的通知", "关于加强社区教育工作的指导意见",
	"关于做好学习型城市监测工作的通知", "关于建立市民学分银行制度的实施办法", "关于表彰百姓学习之星的决定",
}

var scanHeadings = []string{"总体要求", "主要任务", "保障措施", "工作目标", "组织领导", "实施步骤", "经费保障", "督查考核"}

var hanNumerals = []string{"一", "二", "三", "四", "五", "六"}

// scanPage draws page i: a one-page official document of the given kind
// with text from the generator's source sentences, then scans it. A short
// page has one section of body text instead of a full page (for tests:
// tesseract's time grows with the text).
func (g *Generator) scanPage(f *scanFonts, i int, short bool) ScanPage {
	r := rand.New(rand.NewPCG(g.seed, uint64(streamScans)<<40|uint64(i)))
	kind := i % pageKinds
	city := Cities[r.IntN(len(Cities))].Name
	issuer := city + "市" + departments[r.IntN(len(departments))]
	year := 2015 + r.IntN(6)
	p := &pageCanvas{img: image.NewRGBA(image.Rect(0, 0, pageW, pageH)), left: int(mm(28)), right: pageW - int(mm(26)), y: int(mm(37))}
	draw.Draw(p.img, p.img.Bounds(), image.White, image.Point{}, draw.Src)
	titleColor := color.Color(color.Black)
	if kind == pageMasthead || kind == pageSealOverText {
		p.centred(f.masthead, issuer+"文件", printRed, 1.4)
		p.centred(f.body, fmt.Sprintf("%s教发〔%d〕%d号", string([]rune(city)[0]), year, 1+r.IntN(60)), color.Black, 1.3)
		draw.Draw(p.img, image.Rect(p.left, p.y, p.right, p.y+int(mm(1))), image.NewUniform(printRed), image.Point{}, draw.Src)
		p.y += int(mm(10))
		titleColor = printRed
	}
	for _, line := range p.wrap(f.title, scanTitles[r.IntN(len(scanTitles))]) {
		p.centred(f.title, line, titleColor, 1.5)
	}
	p.y += int(mm(4))
	bottom := pageH - int(mm(35)) - 3*lineHeight(f.body)
	if short {
		bottom = p.y + 3*lineHeight(f.body)
	}
	for h := 0; p.y < bottom; h++ {
		headColor := color.Color(color.Black)
		if kind == pageRedHeadings {
			headColor = printRed
		}
		p.left += int(mm(11))
		p.line(f.heading, hanNumerals[h%len(hanNumerals)]+"、"+scanHeadings[r.IntN(len(scanHeadings))], headColor)
		p.left -= int(mm(11))
		var para strings.Builder
		for range 2 + r.IntN(3) {
			para.WriteString(g.sourceSentence(r, city))
		}
		lines := p.wrap(f.body, "　　"+para.String())
		for _, l := range lines {
			if p.y >= bottom {
				break
			}
			p.line(f.body, l, color.Black)
		}
	}
	p.y = pageH - int(mm(35)) - 2*lineHeight(f.body)
	sign := p.rightAligned(f.body, issuer, mm(20))
	sign = sign.Union(p.rightAligned(f.body, chineseDate(year, 1+r.IntN(12), 1+r.IntN(28)), mm(16)))
	page := ScanPage{Kind: kind, Truth: strings.Join(p.drawn, "\n")}
	switch kind {
	case pageSealSignature:
		cx, cy := float64(sign.Min.X+sign.Max.X)/2+r.Float64()*20, float64(sign.Min.Y+sign.Max.Y)/2
		pressSeal(p.img, f.seal, issuer, cx, cy, mm(21), mm(21), r)
		page.Seal = true
	case pageSealOverText:
		rx, ry := mm(21), mm(21)
		if i/pageKinds%2 == 1 {
			rx, ry = mm(22.5), mm(15) // an oval seal, 45 × 30 mm
		}
		cx := float64(p.left) + rx + r.Float64()*(float64(p.right-p.left)-2*rx)
		cy := mm(110) + r.Float64()*(float64(bottom)-mm(110)-ry)
		pressSeal(p.img, f.seal, issuer, cx, cy, rx, ry, r)
		page.Seal = true
	}
	page.JPEG = encodeScanJPEG(degrade(p.img, (r.Float64()-0.5)*2, r))
	return page
}

// sourceSentence is a sentence of the source text as it is, with the pilot
// city names made the page's city: real official prose, which the OCR's
// language model meets in real scans, not the corpus's swapped words.
func (g *Generator) sourceSentence(r *rand.Rand, city string) string {
	var b strings.Builder
	for _, w := range g.sentences[r.IntN(len(g.sentences))] {
		if g.keep[w.Text] && isCityName(w.Text) {
			b.WriteString(strings.Replace(w.Text, strings.TrimSuffix(w.Text, "市"), city, 1))
		} else {
			b.WriteString(w.Text)
		}
	}
	return strings.TrimSpace(b.String())
}

// chineseDate writes a date as official documents sign it: 二〇一九年三月十二日.
func chineseDate(y, m, d int) string {
	digits := []rune("〇一二三四五六七八九")
	var b strings.Builder
	for _, c := range fmt.Sprint(y) {
		b.WriteRune(digits[c-'0'])
	}
	number := func(n int) string {
		switch {
		case n < 10:
			return string(digits[n])
		case n == 10:
			return "十"
		case n < 20:
			return "十" + string(digits[n-10])
		case n%10 == 0:
			return string(digits[n/10]) + "十"
		}
		return string(digits[n/10]) + "十" + string(digits[n%10])
	}
	return b.String() + "年" + number(m) + "月" + number(d) + "日"
}

// pageCanvas lays text out line by line and remembers what it drew.
type pageCanvas struct {
	img         *image.RGBA
	left, right int
	y           int // top of the next line
	drawn       []string
}

func lineHeight(f font.Face) int {
	m := f.Metrics()
	return (m.Ascent + m.Descent).Ceil() * 7 / 5
}

// wrap cuts text into lines that fit between the margins.
func (p *pageCanvas) wrap(f font.Face, text string) []string {
	var lines []string
	var cur []rune
	width := fixed.I(p.right - p.left)
	for _, c := range text {
		if font.MeasureString(f, string(append(cur, c))) > width && len(cur) > 0 {
			lines = append(lines, string(cur))
			cur = cur[:0]
		}
		cur = append(cur, c)
	}
	if len(cur) > 0 {
		lines = append(lines, string(cur))
	}
	return lines
}

// drawAt draws one line with its left edge at x and returns its box.
func (p *pageCanvas) drawAt(f font.Face, s string, c color.Color, x int) image.Rectangle {
	m := f.Metrics()
	d := font.Drawer{Dst: p.img, Src: image.NewUniform(c), Face: f, Dot: fixed.P(x, p.y+m.Ascent.Ceil())}
	w := d.MeasureString(s).Ceil()
	d.DrawString(s)
	p.drawn = append(p.drawn, s)
	return image.Rect(x, p.y, x+w, p.y+(m.Ascent+m.Descent).Ceil())
}

func (p *pageCanvas) line(f font.Face, s string, c color.Color) {
	p.drawAt(f, s, c, p.left)
	p.y += lineHeight(f)
}

func (p *pageCanvas) centred(f font.Face, s string, c color.Color, spacing float64) {
	w := font.MeasureString(f, s).Ceil()
	p.drawAt(f, s, c, (p.left+p.right-w)/2)
	m := f.Metrics()
	p.y += int(float64((m.Ascent + m.Descent).Ceil()) * spacing)
}

func (p *pageCanvas) rightAligned(f font.Face, s string, indent float64) image.Rectangle {
	w := font.MeasureString(f, s).Ceil()
	box := p.drawAt(f, s, color.Black, p.right-int(indent)-w)
	p.y += lineHeight(f)
	return box
}
