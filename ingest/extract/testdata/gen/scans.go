//go:build ignore

// Command scans makes the OCR fixtures in ../ (see ../README.md): stamped
// scans, a mixed PDF, a phone photo, a PNG, a 3-frame TIFF, a red masthead
// without a seal and a blank scan. Run it from the package folder:
//
//	cd ingest/extract && go run testdata/gen/scans.go
//
// (`go run testdata/gen/scans.go tilted` makes tilted-scan.pdf alone.)
//
// It needs LibreOffice (soffice), poppler-utils (pdftoppm, pdfunite),
// ImageMagick (convert, for the Group 4 TIFF) and fonts-noto-cjk. Every
// random choice comes from a fixed seed, so the images are the same on every
// run; the PDFs made by LibreOffice carry a creation date.
package main

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/jpeg"
	"image/png"
	"log"
	"math"
	"math/rand"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/math/fixed"
)

const dir = "testdata"

var tmp string

func main() {
	log.SetFlags(0)
	var err error
	tmp, err = os.MkdirTemp("", "extract-scans-")
	must(err)
	defer os.RemoveAll(tmp)

	if len(os.Args) > 1 && os.Args[1] == "tilted" {
		writeTilted(rand.New(rand.NewSource(45)))
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "sealed" {
		writeSealed(rand.New(rand.NewSource(2023)))
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "footer" {
		writeFooter()
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "station" {
		writeStation()
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "draft" {
		writeDraft(rand.New(rand.NewSource(2017)))
		return
	}
	if len(os.Args) > 1 && os.Args[1] == "blurred" {
		writeBlurred(rand.New(rand.NewSource(7)), os.Args[2:])
		return
	}
	sealFace := loadFace("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 30)
	rng := rand.New(rand.NewSource(2018))

	// stamped-scan.pdf: two pages at 200 dpi, slight skew, a seal over the
	// issuer and date on page 2.
	pages := render("stamped.html", 200)
	stamp(pages[1], sealFace, "杭州市人民政府办公厅", rng)
	scans := []image.Image{
		scanned(pages[0], 0.6, rng),
		scanned(pages[1], -0.8, rng),
	}
	write("stamped-scan.pdf", imagePDF(scans, 200, 50))

	// mixed.pdf: page 1 keeps LibreOffice's text layer, page 2 is a scan
	// at 150 dpi, page 3 a blank scanned page.
	mixed := render("mixed.html", 150)
	soffice("mixed.html")
	must(run("pdfseparate", "-f", "1", "-l", "1", filepath.Join(tmp, "mixed.pdf"), filepath.Join(tmp, "mixed-text.pdf")))
	scanPDF := filepath.Join(tmp, "mixed-scan.pdf")
	must(os.WriteFile(scanPDF, imagePDF([]image.Image{
		gray(scanned(mixed[1], 0.5, rng)),
		gray(blank(mixed[1].Bounds(), rng)),
	}, 150, 55), 0o644))
	must(run("pdfunite", filepath.Join(tmp, "mixed-text.pdf"), scanPDF, filepath.Join(tmp, "mixed-out.pdf")))
	write("mixed.pdf", readAbs(filepath.Join(tmp, "mixed-out.pdf")))

	// blank-scan.pdf: one blank scanned page (paper texture and specks).
	b := render("blank.html", 150)
	write("blank-scan.pdf", imagePDF([]image.Image{gray(blank(b[0].Bounds(), rng))}, 150, 55))

	// photo.jpg: a phone photo of a page: tinted paper, uneven light,
	// tilt, blur, noise, strong JPEG compression.
	write("photo.jpg", encodeJPEG(photo(render("photo.html", 150)[0], rng), 55))

	// page.png: a clean grey scan at 150 dpi, cropped to the text.
	p := posterize(gray(scanned(render("page.html", 150)[0], 0.3, rng)))
	write("page.png", encodePNG(p.SubImage(image.Rect(0, 0, p.Bounds().Dx(), p.Bounds().Dy()/2))))

	// frames.tif: three pages as bi-level Group 4 frames at 200 dpi.
	var frames []string
	for i, f := range render("frames.html", 200) {
		name := filepath.Join(tmp, fmt.Sprintf("frame-%d.png", i+1))
		must(os.WriteFile(name, encodePNG(gray(scanned(f, 0.4, rng))), 0o644))
		frames = append(frames, name)
	}
	tif := filepath.Join(tmp, "frames.tif")
	args := append(frames, "-threshold", "55%", "-density", "200", "-units", "PixelsPerInch", "-compress", "Group4", tif)
	must(run("convert", args...))
	write("frames.tif", readAbs(tif))

	// masthead.jpg: a 红头文件 with a red masthead, red rule and red title,
	// no seal.
	write("masthead.jpg", encodeJPEG(scanned(render("masthead.html", 150)[0], 0.4, rng), 60))
}

// writeTilted writes tilted-scan.pdf: the two pages of tilted.html
// scanned at 150 dpi, tilted by 3° and −4.5° as a page laid crooked on a
// flatbed or fed askew (for deskew: TestOCRTiltedScan). It is made alone
// with `go run testdata/gen/scans.go tilted`, which needs no ImageMagick.
func writeTilted(rng *rand.Rand) {
	pages := render("tilted.html", 150)
	write("tilted-scan.pdf", imagePDF([]image.Image{
		gray(scanned(pages[0], 3, rng)),
		gray(scanned(pages[0], -4.5, rng)),
	}, 150, 60))
}

// writeDraft writes stamped-draft-scan.pdf: the 征求意见稿 of
// stamped.html (stamped-draft.html: the same text, no 文号, （征求意见稿）
// after the title, 二〇一八年一月, unsealed) scanned as stamped-scan.pdf
// is, two pages at 200 dpi with a slight skew. Read by OCR it is a near
// duplicate of stamped.pdf and still another document, which report's
// TestReportListsAScannedDraftApartFromItsFinal holds. It is made alone
// with `go run testdata/gen/scans.go draft`, which needs no ImageMagick.
func writeDraft(rng *rand.Rand) {
	pages := render("stamped-draft.html", 200)
	write("stamped-draft-scan.pdf", imagePDF([]image.Image{
		scanned(pages[0], 0.5, rng),
		scanned(pages[1], -0.6, rng),
	}, 200, 50))
}

// writeFooter writes footer-scan.pdf: the last page of a 公文 (footer.html:
// a paragraph, the 落款 萧山区人民政府 / 2022年6月1日 in short lines under
// it, the 抄送 and 印发 lines at the page's foot) as a clean grey scan at
// 150 dpi, JPEG quality 80, the way the s41 probe made scanned2.pdf; the
// pipeline renders it at 300 dpi (renderLongSide). tesseract with
// chi_sim+eng read its 落款 as "ot LUI DC A ER BOR" and 抄送 as "PIS"
// (TestOCRFooterLinesReadAsChinese). It is made alone with `go run
// testdata/gen/scans.go footer`, which needs no ImageMagick.
func writeFooter() {
	write("footer-scan.pdf", imagePDF([]image.Image{gray(render("footer.html", 150)[0])}, 150, 80))
}

// writeStation writes station.pdf, LibreOffice's PDF of station.html (a
// short notice of 上城区人民政府, 上政发〔2022〕18号, 全区建成读书驿站36个，
// 年接待读者8.6万人次), and station-scan.pdf, its page as a grey scan at
// 150 dpi, JPEG quality 85, the way the s43 probe made hz-scanned.pdf
// (pdftoppm -r 150 -gray -jpeg -jpegopt quality=85): tesseract with
// chi_sim+eng read 8.6万人次 as "8.6 FAK." and 18号 as 184
// (TestOCRLatinRunInAChineseLine). It is made alone with `go run
// testdata/gen/scans.go station`, which needs no ImageMagick.
func writeStation() {
	src := filepath.Join(tmp, "station.html")
	must(os.WriteFile(src, readAbs(filepath.Join(dir, "src", "station.html")), 0o644))
	must(run("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--convert-to", "pdf", "--outdir", tmp, src))
	pdf := filepath.Join(tmp, "station.pdf")
	prefix := filepath.Join(tmp, "station-page")
	must(run("pdftoppm", "-r", "150", "-gray", "-png", pdf, prefix))
	files, err := filepath.Glob(prefix + "-*.png")
	must(err)
	sort.Strings(files)
	img, err := png.Decode(bytes.NewReader(readAbs(files[len(files)-1])))
	must(err)
	write("station.pdf", readAbs(pdf))
	write("station-scan.pdf", imagePDF([]image.Image{gray(img)}, 150, 85))
}

// writeBlurred writes blurred.jpg: photo.html taken as a shaky phone
// photo, photo() then a box blur of the given radius (default 3) applied
// twice, at JPEG quality 40: what tesseract reads with low confidence.
func writeBlurred(rng *rand.Rand, args []string) {
	radius := 3
	if len(args) > 0 {
		fmt.Sscan(args[0], &radius)
	}
	img := photo(render("photo.html", 150)[0], rng)
	img = boxBlur(boxBlur(img, radius), radius)
	write("blurred.jpg", encodeJPEG(img, 40))
}

// writeSealed writes sealed-scan.pdf and sealed-photo.jpg: the one page
// of sealed.html, a 红头 notice whose 文号 湖政办发〔2023〕12号 has a
// seal pressed over its end, the ring over the 号 (a second seal over
// the signature, as the office stamps it), scanned at 200 dpi and taken as a phone photo at 150
// dpi: OCR reads the 号 under the red ink as a digit. It is made alone
// with `go run testdata/gen/scans.go sealed`, which needs no ImageMagick.
func writeSealed(rng *rand.Rand) {
	face := loadFace("/usr/share/fonts/opentype/noto/NotoSerifCJK-Bold.ttc", 30)
	for _, v := range []struct {
		name string
		dpi  int
	}{{"sealed-scan.pdf", 200}, {"sealed-photo.jpg", 150}} {
		page := render("sealed.html", v.dpi)[0]
		line := darkLine(page)
		r := 21 / 25.4 * float64(page.Bounds().Dx()) / 8.27
		stampAt(page, face, "湖州市人民政府办公室", float64(line.Max.X)+r*0.8, float64(line.Min.Y+line.Max.Y)/2, rng)
		stamp(page, face, "湖州市人民政府办公室", rng)
		if v.dpi == 200 {
			write(v.name, imagePDF([]image.Image{scanned(page, 0.5, rng)}, 200, 50))
		} else {
			write(v.name, encodeJPEG(photo(page, rng), 60))
		}
	}
}

// darkLine is the bounding box of the first line of dark (not red) pixels
// from the top: under a red masthead, the 文号.
func darkLine(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	var box image.Rectangle
	for y := b.Min.Y; y < b.Max.Y; y++ {
		x0, x1 := b.Max.X, -1
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).R < 128 {
				x0, x1 = min(x0, x), max(x1, x)
			}
		}
		if x1 < 0 {
			if !box.Empty() {
				return box
			}
			continue
		}
		box = box.Union(image.Rect(x0, y, x1+1, y+1))
	}
	return box
}

// boxBlur averages every pixel over the square of side 2r+1 around it.
func boxBlur(src *image.RGBA, r int) *image.RGBA {
	b := src.Bounds()
	out := image.NewRGBA(b)
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			var sum [3]int
			n := 0
			for dy := -r; dy <= r; dy++ {
				for dx := -r; dx <= r; dx++ {
					if p := (image.Point{x + dx, y + dy}); p.In(b) {
						c := src.RGBAAt(p.X, p.Y)
						sum[0], sum[1], sum[2] = sum[0]+int(c.R), sum[1]+int(c.G), sum[2]+int(c.B)
						n++
					}
				}
			}
			out.SetRGBA(x, y, color.RGBA{uint8(sum[0] / n), uint8(sum[1] / n), uint8(sum[2] / n), 255})
		}
	}
	return out
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

func readAbs(p string) []byte {
	b, err := os.ReadFile(p)
	must(err)
	return b
}

func run(name string, args ...string) error {
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		return fmt.Errorf("%s: %v\n%s", name, err, out)
	}
	return nil
}

// soffice converts src/NAME.html to tmp/NAME.pdf.
func soffice(name string) {
	src := filepath.Join(tmp, name)
	must(os.WriteFile(src, readAbs(filepath.Join(dir, "src", name)), 0o644))
	must(run("soffice", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
		"--headless", "--infilter=HTML (StarWriter)", "--convert-to", "pdf:writer_pdf_Export", "--outdir", tmp, src))
}

// render converts src/NAME.html to PDF and renders every page at dpi.
func render(name string, dpi int) []*image.RGBA {
	soffice(name)
	base := strings.TrimSuffix(name, ".html")
	prefix := filepath.Join(tmp, base+"-page")
	must(run("pdftoppm", "-r", fmt.Sprint(dpi), "-png", filepath.Join(tmp, base+".pdf"), prefix))
	files, err := filepath.Glob(prefix + "-*.png")
	must(err)
	sort.Strings(files)
	var pages []*image.RGBA
	for _, f := range files {
		img, err := png.Decode(bytes.NewReader(readAbs(f)))
		must(err)
		rgba := image.NewRGBA(img.Bounds())
		draw.Draw(rgba, rgba.Bounds(), img, img.Bounds().Min, draw.Src)
		pages = append(pages, rgba)
	}
	return pages
}

func loadFace(path string, size float64) font.Face {
	coll, err := opentype.ParseCollection(readAbs(path))
	must(err)
	for i := 0; i < coll.NumFonts(); i++ {
		f, err := coll.Font(i)
		must(err)
		name, _ := f.Name(nil, 1) // family
		if strings.HasSuffix(name, " SC") {
			face, err := opentype.NewFace(f, &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
			must(err)
			return face
		}
	}
	log.Fatalf("%s: no SC font", path)
	return nil
}

// signatureBox finds the bounding box of the dark pixels of the last two
// text lines: the issuer and the date of an official document.
func signatureBox(img *image.RGBA) image.Rectangle {
	b := img.Bounds()
	var box image.Rectangle
	lines, inLine := 0, false
	for y := b.Max.Y - 1; y >= b.Min.Y; y-- {
		x0, x1 := b.Max.X, -1
		for x := b.Min.X; x < b.Max.X; x++ {
			if img.RGBAAt(x, y).R < 128 {
				x0, x1 = min(x0, x), max(x1, x)
			}
		}
		if x1 < 0 {
			inLine = false
			continue
		}
		if !inLine {
			inLine = true
			if lines++; lines > 2 {
				break
			}
		}
		box = box.Union(image.Rect(x0, y, x1+1, y+1))
	}
	return box
}

// stamp presses a round red seal centred on the signature block: a ring, the
// issuer's name along the upper arc and a star, in slightly uneven ink that
// multiplies with the paper and the black text under it.
func stamp(img *image.RGBA, face font.Face, issuer string, rng *rand.Rand) {
	box := signatureBox(img)
	cx := float64(box.Min.X+box.Max.X)/2 + rng.Float64()*10
	cy := float64(box.Min.Y+box.Max.Y) / 2
	stampAt(img, face, issuer, cx, cy, rng)
}

// stampAt presses the seal of stamp centred on (cx, cy).
func stampAt(img *image.RGBA, face font.Face, issuer string, cx, cy float64, rng *rand.Rand) {
	dpi := float64(img.Bounds().Dx()) / 8.27
	r := 21 / 25.4 * dpi // a 42 mm seal
	ink := image.NewAlpha(img.Bounds())
	ringW := 1.3 / 25.4 * dpi
	for y := int(cy - r - 2); y <= int(cy+r+2); y++ {
		for x := int(cx - r - 2); x <= int(cx+r+2); x++ {
			d := math.Hypot(float64(x)-cx, float64(y)-cy)
			if d <= r && d >= r-ringW {
				ink.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
	star(ink, cx, cy, r*0.3)
	arcText(ink, face, issuer, cx, cy, r-ringW-0.8/25.4*dpi, dpi)
	red := color.RGBA{218, 32, 44, 255}
	for y := ink.Rect.Min.Y; y < ink.Rect.Max.Y; y++ {
		for x := ink.Rect.Min.X; x < ink.Rect.Max.X; x++ {
			a := ink.AlphaAt(x, y).A
			if a == 0 {
				continue
			}
			strength := float64(a) / 255 * (0.75 + 0.25*rng.Float64())
			if rng.Intn(12) == 0 {
				strength *= 0.4 // worn spots
			}
			p := img.RGBAAt(x, y)
			mul := func(c, k uint8) uint8 {
				v := float64(c) * (1 - strength + strength*float64(k)/255)
				return uint8(v)
			}
			img.SetRGBA(x, y, color.RGBA{mul(p.R, red.R), mul(p.G, red.G), mul(p.B, red.B), 255})
		}
	}
}

func star(ink *image.Alpha, cx, cy, r float64) {
	var pts [10][2]float64
	for i := range pts {
		rad := r
		if i%2 == 1 {
			rad = r * 0.382
		}
		a := -math.Pi/2 + float64(i)*math.Pi/5
		pts[i] = [2]float64{cx + rad*math.Cos(a), cy + rad*math.Sin(a)}
	}
	for y := int(cy - r); y <= int(cy+r); y++ {
		for x := int(cx - r); x <= int(cx+r); x++ {
			if inPolygon(float64(x), float64(y), pts[:]) {
				ink.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
}

func inPolygon(x, y float64, pts [][2]float64) bool {
	in := false
	for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
		xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
		if (yi > y) != (yj > y) && x < (xj-xi)*(y-yi)/(yj-yi)+xi {
			in = !in
		}
	}
	return in
}

// arcText writes text along the upper arc of radius r (its glyph tops
// outward), spread over 240 degrees.
func arcText(ink *image.Alpha, face font.Face, text string, cx, cy, r, dpi float64) {
	runes := []rune(text)
	span := 240.0 * math.Pi / 180
	size := 0.3 * r // glyph height in pixels
	for i, ch := range runes {
		a := -math.Pi/2 - span/2 + span*(float64(i)+0.5)/float64(len(runes))
		glyph := glyphMask(face, ch)
		gw, gh := float64(glyph.Bounds().Dx()), float64(glyph.Bounds().Dy())
		scale := size / gh
		// The glyph's centre sits at radius r - size/2, rotated so that its
		// up points away from the centre.
		gx := cx + (r-size/2)*math.Cos(a)
		gy := cy + (r-size/2)*math.Sin(a)
		rot := a + math.Pi/2
		half := size
		for y := int(gy - half); y <= int(gy+half); y++ {
			for x := int(gx - half); x <= int(gx+half); x++ {
				dx, dy := float64(x)-gx, float64(y)-gy
				// inverse rotation into glyph space
				u := (dx*math.Cos(-rot)-dy*math.Sin(-rot))/scale + gw/2
				v := (dx*math.Sin(-rot)+dy*math.Cos(-rot))/scale + gh/2
				if u < 0 || v < 0 || u >= gw || v >= gh {
					continue
				}
				if al := glyph.AlphaAt(int(u), int(v)).A; al > ink.AlphaAt(x, y).A {
					ink.SetAlpha(x, y, color.Alpha{al})
				}
			}
		}
	}
}

func glyphMask(face font.Face, ch rune) *image.Alpha {
	m := face.Metrics()
	h := (m.Ascent + m.Descent).Ceil()
	adv, _ := face.GlyphAdvance(ch)
	img := image.NewAlpha(image.Rect(0, 0, adv.Ceil(), h))
	d := font.Drawer{Dst: img, Src: image.Opaque, Face: face, Dot: fixed.Point26_6{Y: m.Ascent}}
	d.DrawString(string(ch))
	return img
}

// scanned rotates a page by deg degrees around its centre (white fills the
// corners), greys the paper and adds sensor noise and a few specks.
func scanned(src *image.RGBA, deg float64, rng *rand.Rand) *image.RGBA {
	dst := rotate(src, deg, color.RGBA{246, 246, 244, 255})
	b := dst.Bounds()
	for i := 0; i < len(dst.Pix); i += 4 {
		n := int(rng.NormFloat64() * 4)
		for c := 0; c < 3; c++ {
			v := int(dst.Pix[i+c])*94/100 + n + 8
			dst.Pix[i+c] = uint8(max(0, min(255, v)))
		}
	}
	for s := 0; s < 40; s++ {
		x, y := b.Min.X+rng.Intn(b.Dx()), b.Min.Y+rng.Intn(b.Dy())
		dst.SetRGBA(x, y, color.RGBA{60, 60, 60, 255})
		dst.SetRGBA(x+1, y, color.RGBA{90, 90, 90, 255})
	}
	return dst
}

func rotate(src *image.RGBA, deg float64, bg color.RGBA) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(b)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			sx := cos*dx + sin*dy + cx
			sy := -sin*dx + cos*dy + cy
			dst.SetRGBA(x, y, bilinear(src, sx, sy, bg))
		}
	}
	return dst
}

func bilinear(img *image.RGBA, x, y float64, bg color.RGBA) color.RGBA {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) color.RGBA {
		if !(image.Point{x, y}.In(img.Bounds())) {
			return bg
		}
		return img.RGBAAt(x, y)
	}
	c00, c10, c01, c11 := at(x0, y0), at(x0+1, y0), at(x0, y0+1), at(x0+1, y0+1)
	mix := func(a, b, c, d uint8) uint8 {
		top := float64(a)*(1-fx) + float64(b)*fx
		bot := float64(c)*(1-fx) + float64(d)*fx
		return uint8(top*(1-fy) + bot*fy + 0.5)
	}
	return color.RGBA{mix(c00.R, c10.R, c01.R, c11.R), mix(c00.G, c10.G, c01.G, c11.G), mix(c00.B, c10.B, c01.B, c11.B), 255}
}

// blank is a scanned empty page: grey paper, noise, a few specks and a
// faint fold line.
func blank(b image.Rectangle, rng *rand.Rand) *image.RGBA {
	white := image.NewRGBA(b)
	draw.Draw(white, b, image.White, image.Point{}, draw.Src)
	page := scanned(white, 0, rng)
	y := b.Dy() / 2
	for x := 0; x < b.Dx(); x++ {
		page.SetRGBA(x, y, color.RGBA{215, 215, 213, 255})
	}
	return page
}

// photo makes a phone photo of a page: tinted paper, light falling off
// towards one corner, a tilt, a slight blur and noise.
func photo(src *image.RGBA, rng *rand.Rand) *image.RGBA {
	img := rotate(src, 1.5, color.RGBA{120, 110, 95, 255})
	b := img.Bounds()
	out := image.NewRGBA(b)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			var sum [3]int
			n := 0
			for dy := -1; dy <= 1; dy++ {
				for dx := -1; dx <= 1; dx++ {
					if p := (image.Point{x + dx, y + dy}); p.In(b) {
						c := img.RGBAAt(p.X, p.Y)
						sum[0], sum[1], sum[2] = sum[0]+int(c.R), sum[1]+int(c.G), sum[2]+int(c.B)
						n++
					}
				}
			}
			light := 1 - 0.25*(float64(x)/float64(b.Dx())+float64(y)/float64(b.Dy()))/2
			noise := rng.NormFloat64() * 6
			tint := [3]float64{1, 0.96, 0.86}
			var c [3]uint8
			for i := range c {
				v := float64(sum[i])/float64(n)*light*tint[i] + noise
				c[i] = uint8(max(0, min(255, v)))
			}
			out.SetRGBA(x, y, color.RGBA{c[0], c[1], c[2], 255})
		}
	}
	return out
}

// posterize keeps 8 grey levels, as a scanner's "text" mode does, which
// also keeps the PNG small.
func posterize(g *image.Gray) *image.Gray {
	for i, v := range g.Pix {
		g.Pix[i] = v/32*32 + 16
	}
	return g
}

func gray(img image.Image) *image.Gray {
	g := image.NewGray(img.Bounds())
	draw.Draw(g, g.Bounds(), img, img.Bounds().Min, draw.Src)
	return g
}

func encodeJPEG(img image.Image, q int) []byte {
	var buf bytes.Buffer
	must(jpeg.Encode(&buf, img, &jpeg.Options{Quality: q}))
	return buf.Bytes()
}

func encodePNG(img image.Image) []byte {
	var buf bytes.Buffer
	must((&png.Encoder{CompressionLevel: png.BestCompression}).Encode(&buf, img))
	return buf.Bytes()
}

// imagePDF writes a PDF whose pages are JPEG images and nothing else, the
// way a copier's scan-to-PDF does.
func imagePDF(pages []image.Image, dpi, quality int) []byte {
	var objects []string
	kids := make([]string, len(pages))
	for i, img := range pages {
		b := img.Bounds()
		w, h := float64(b.Dx())*72/float64(dpi), float64(b.Dy())*72/float64(dpi)
		data := encodeJPEG(img, quality)
		cs := "/DeviceRGB"
		if _, ok := img.(*image.Gray); ok {
			cs = "/DeviceGray"
		}
		n := 3 + 3*i // page, content, image
		kids[i] = fmt.Sprintf("%d 0 R", n)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, n+2, n+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace %s /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
				b.Dx(), b.Dy(), cs, len(data), data))
	}
	objects = append([]string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		fmt.Sprintf("<< /Type /Pages /Kids [%s] /Count %d >>", strings.Join(kids, " "), len(pages)),
	}, objects...)
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
	return buf.Bytes()
}
