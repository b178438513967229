package bench

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"strings"

	"golang.org/x/image/font"
	"golang.org/x/image/math/fixed"
)

// pressSeal presses a red seal centred at (cx, cy) with radii rx, ry: a
// ring, the issuer along the upper arc and a star, in uneven ink that
// multiplies with the paper and the black text under it.
func pressSeal(img *image.RGBA, face font.Face, issuer string, cx, cy, rx, ry float64, r *rand.Rand) {
	ink := image.NewAlpha(img.Bounds())
	ringW := mm(1.3)
	for y := int(cy - ry - 2); y <= int(cy+ry+2); y++ {
		for x := int(cx - rx - 2); x <= int(cx+rx+2); x++ {
			dx, dy := float64(x)-cx, float64(y)-cy
			d := math.Hypot(dx/rx, dy/ry) // 1 on the outer edge
			if d <= 1 && d >= 1-ringW/min(rx, ry) {
				ink.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
	sealStar(ink, cx, cy, min(rx, ry)*0.3)
	sealArcText(ink, face, issuer, cx, cy, rx-ringW-mm(0.8), ry-ringW-mm(0.8))
	for y := ink.Rect.Min.Y; y < ink.Rect.Max.Y; y++ {
		for x := ink.Rect.Min.X; x < ink.Rect.Max.X; x++ {
			a := ink.AlphaAt(x, y).A
			if a == 0 {
				continue
			}
			strength := float64(a) / 255 * (0.75 + 0.25*r.Float64())
			if r.IntN(12) == 0 {
				strength *= 0.4 // worn spots
			}
			c := img.RGBAAt(x, y)
			mul := func(v, k uint8) uint8 { return uint8(float64(v) * (1 - strength + strength*float64(k)/255)) }
			img.SetRGBA(x, y, color.RGBA{mul(c.R, sealRed.R), mul(c.G, sealRed.G), mul(c.B, sealRed.B), 255})
		}
	}
}

func sealStar(ink *image.Alpha, cx, cy, r float64) {
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
			in := false
			for i, j := 0, len(pts)-1; i < len(pts); j, i = i, i+1 {
				xi, yi, xj, yj := pts[i][0], pts[i][1], pts[j][0], pts[j][1]
				if (yi > float64(y)) != (yj > float64(y)) && float64(x) < (xj-xi)*(float64(y)-yi)/(yj-yi)+xi {
					in = !in
				}
			}
			if in {
				ink.SetAlpha(x, y, color.Alpha{255})
			}
		}
	}
}

// sealArcText writes text along the upper arc inside the ring, glyph tops
// outward, over 240 degrees.
func sealArcText(ink *image.Alpha, face font.Face, text string, cx, cy, rx, ry float64) {
	runes := []rune(text)
	span := 240.0 * math.Pi / 180
	size := 0.3 * min(rx, ry)
	for i, ch := range runes {
		a := -math.Pi/2 - span/2 + span*(float64(i)+0.5)/float64(len(runes))
		glyph := glyphMask(face, ch)
		gw, gh := float64(glyph.Bounds().Dx()), float64(glyph.Bounds().Dy())
		scale := size / gh
		gx, gy := cx+(rx-size/2)*math.Cos(a), cy+(ry-size/2)*math.Sin(a)
		sin, cos := math.Sincos(-(a + math.Pi/2))
		for y := int(gy - size); y <= int(gy+size); y++ {
			for x := int(gx - size); x <= int(gx+size); x++ {
				dx, dy := float64(x)-gx, float64(y)-gy
				u, v := (dx*cos-dy*sin)/scale+gw/2, (dx*sin+dy*cos)/scale+gh/2
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
	adv, _ := face.GlyphAdvance(ch)
	img := image.NewAlpha(image.Rect(0, 0, adv.Ceil(), (m.Ascent + m.Descent).Ceil()))
	d := font.Drawer{Dst: img, Src: image.Opaque, Face: face, Dot: fixed.Point26_6{Y: m.Ascent}}
	d.DrawString(string(ch))
	return img
}

// degrade scans a page: rotated by deg degrees (white fills the corners),
// grey paper, sensor noise and a few specks.
func degrade(src *image.RGBA, deg float64, r *rand.Rand) *image.RGBA {
	b := src.Bounds()
	dst := image.NewRGBA(b)
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(b.Dx())/2, float64(b.Dy())/2
	for y := range b.Dy() {
		for x := range b.Dx() {
			dx, dy := float64(x)-cx, float64(y)-cy
			c := bilinear(src, cos*dx+sin*dy+cx, -sin*dx+cos*dy+cy)
			n := int(r.NormFloat64() * 4)
			i := dst.PixOffset(x, y)
			for k, v := range [3]uint8{c.R, c.G, c.B} {
				dst.Pix[i+k] = uint8(max(0, min(255, int(v)*94/100+n+8)))
			}
			dst.Pix[i+3] = 255
		}
	}
	for range 40 {
		x, y := r.IntN(b.Dx()-1), r.IntN(b.Dy())
		dst.SetRGBA(x, y, color.RGBA{60, 60, 60, 255})
		dst.SetRGBA(x+1, y, color.RGBA{90, 90, 90, 255})
	}
	return dst
}

func bilinear(img *image.RGBA, x, y float64) color.RGBA {
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) color.RGBA {
		if !(image.Point{x, y}.In(img.Bounds())) {
			return color.RGBA{255, 255, 255, 255}
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

func encodeScanJPEG(img image.Image) []byte {
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, &jpeg.Options{Quality: 60}) // cannot fail on a bytes.Buffer
	return buf.Bytes()
}

// imagePDF writes a PDF whose pages are the JPEG scans and nothing else, as
// a copier's scan-to-PDF does.
func imagePDF(pages [][]byte) []byte {
	var objects []string
	kids := make([]string, len(pages))
	w, h := float64(pageW)*72/scanDPI, float64(pageH)*72/scanDPI
	for i, data := range pages {
		n := 3 + 3*i // page, content, image
		kids[i] = fmt.Sprintf("%d 0 R", n)
		content := fmt.Sprintf("q %.2f 0 0 %.2f 0 0 cm /Im0 Do Q", w, h)
		objects = append(objects,
			fmt.Sprintf("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %.2f %.2f] /Resources << /XObject << /Im0 %d 0 R >> >> /Contents %d 0 R >>", w, h, n+2, n+1),
			fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(content), content),
			fmt.Sprintf("<< /Type /XObject /Subtype /Image /Width %d /Height %d /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode /Length %d >>\nstream\n%s\nendstream",
				pageW, pageH, len(data), data))
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
