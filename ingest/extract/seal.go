package extract

import (
	"image"
	"image/color"
	"math"
)

// ocrInput is a page image prepared for OCR.
type ocrInput struct {
	gray  *image.Gray       // luminance, with the seals' red ink turned white
	seals []image.Rectangle // where round red seals were found, in pixels
	blank bool              // (almost) no dark pixels: nothing to read
}

// prepareForOCR turns a decoded page into the grey image tesseract reads,
// finding red seals on the way and, if whiten (always, but for the
// measurement in ocr_test.go), whitening them.
//
// Inside a seal's box red ink turns white (whitenRed) while black text
// under the ink stays dark: ink multiplies, it does not cover. Elsewhere the
// grey value is the luminance, so that a red masthead or heading, which is
// text, is still read.
func prepareForOCR(img image.Image, whiten bool) ocrInput {
	planes := splitPlanes(img)
	in := ocrInput{gray: planes.gray}
	in.seals = findSeals(planes)
	for _, r := range in.seals {
		if whiten {
			whitenRed(planes, r)
		}
	}
	in.blank = isBlank(in.gray)
	return in
}

// whitenRed removes red ink inside r: a pixel whose red channel stands well
// above its luminance is ink and becomes paper white; any other pixel takes
// its red channel, which keeps black text under the ink dark and fades the
// pink fringes of the ink.
func whitenRed(p planes, r image.Rectangle) {
	r = r.Intersect(p.gray.Rect)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		row := p.gray.Pix[p.gray.PixOffset(r.Min.X, y):p.gray.PixOffset(r.Max.X, y)]
		red := p.red[(y-p.gray.Rect.Min.Y)*p.w+(r.Min.X-p.gray.Rect.Min.X):]
		for i, lum := range row {
			if int(red[i])-int(lum) >= 35 {
				row[i] = 255
			} else {
				row[i] = red[i]
			}
		}
	}
}

// isBlank reports a page with fewer dark pixels than a few characters have:
// a blank scan with paper texture and specks.
func isBlank(g *image.Gray) bool {
	dark := 0
	for _, v := range g.Pix {
		if v < 100 {
			dark++
		}
	}
	return float64(dark) < 0.0003*float64(len(g.Pix))
}

// planes holds the two channels OCR needs, one byte per pixel each, and a
// coarse grid that counts the red pixels of each cell.
type planes struct {
	w, h   int
	gray   *image.Gray
	red    []uint8 // red channel, row-major, w×h
	cell   int     // cell size in pixels
	gw, gh int     // grid size in cells
	redCnt []uint16
}

// isRedInk reports seal-red: strong red well above green and blue. Pale
// pink (worn ink, anti-aliasing) and orange-brown paper stay out.
func isRedInk(r, g, b uint8) bool {
	return r >= 130 && int(r)-int(g) >= 60 && int(r)-int(b) >= 50
}

// splitPlanes reads every pixel once, with fast paths for the image types
// the JPEG, PNG and TIFF decoders return. Transparent pixels count as white
// paper.
func splitPlanes(img image.Image) planes {
	b := img.Bounds()
	p := planes{w: b.Dx(), h: b.Dy(), gray: image.NewGray(b)}
	p.red = make([]uint8, p.w*p.h)
	p.cell = max(2, min(p.w, p.h)/300)
	p.gw, p.gh = (p.w+p.cell-1)/p.cell, (p.h+p.cell-1)/p.cell
	p.redCnt = make([]uint16, p.gw*p.gh)
	set := func(x, y int, r, g, bl uint8) {
		i := y*p.w + x
		p.gray.Pix[i] = uint8((299*int(r) + 587*int(g) + 114*int(bl)) / 1000)
		p.red[i] = r
		if isRedInk(r, g, bl) {
			p.redCnt[(y/p.cell)*p.gw+x/p.cell]++
		}
	}
	switch m := img.(type) {
	case *image.Gray:
		for y := 0; y < p.h; y++ {
			copy(p.gray.Pix[y*p.w:(y+1)*p.w], m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):])
		}
		copy(p.red, p.gray.Pix)
	case *image.YCbCr:
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				yi, ci := m.YOffset(b.Min.X+x, b.Min.Y+y), m.COffset(b.Min.X+x, b.Min.Y+y)
				r, g, bl := color.YCbCrToRGB(m.Y[yi], m.Cb[ci], m.Cr[ci])
				set(x, y, r, g, bl)
			}
		}
	case *image.RGBA:
		for y := 0; y < p.h; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < p.w; x++ {
				c := row[4*x : 4*x+4]
				w := 255 - c[3] // premultiplied: add the white showing through
				set(x, y, c[0]+w, c[1]+w, c[2]+w)
			}
		}
	case *image.NRGBA:
		for y := 0; y < p.h; y++ {
			row := m.Pix[m.PixOffset(b.Min.X, b.Min.Y+y):]
			for x := 0; x < p.w; x++ {
				c := row[4*x : 4*x+4]
				over := func(v uint8) uint8 { return uint8((int(v)*int(c[3]) + 255*(255-int(c[3]))) / 255) }
				set(x, y, over(c[0]), over(c[1]), over(c[2]))
			}
		}
	default:
		for y := 0; y < p.h; y++ {
			for x := 0; x < p.w; x++ {
				r, g, bl, a := img.At(b.Min.X+x, b.Min.Y+y).RGBA()
				w := 0xffff - a
				set(x, y, uint8((r+w)>>8), uint8((g+w)>>8), uint8((bl+w)>>8))
			}
		}
	}
	return p
}

// A cell is red when it holds at least this many red pixels, so that
// JPEG colour fringes and specks do not count.
const minRedPerCell = 2

func (p planes) isRed(cx, cy int) bool {
	if cx < 0 || cy < 0 || cx >= p.gw || cy >= p.gh {
		return false
	}
	return p.redCnt[cy*p.gw+cx] >= minRedPerCell
}

// findSeals returns the boxes (in pixels) of the red blobs that look like a
// round or oval official seal. A seal is a ring, more or less circular, with
// text and often a star inside; a 红头文件's masthead, its red rule and red
// headings are wide flat lines of text and fail the shape tests in isSeal.
func findSeals(p planes) []image.Rectangle {
	var seals []image.Rectangle
	for _, c := range redComponents(p) {
		if isSeal(p, c) {
			pad := max(c.Dx(), c.Dy()) / 20
			r := image.Rect((c.Min.X-pad)*p.cell, (c.Min.Y-pad)*p.cell, (c.Max.X+pad)*p.cell, (c.Max.Y+pad)*p.cell)
			seals = append(seals, r.Add(p.gray.Rect.Min).Intersect(p.gray.Rect))
		}
	}
	return seals
}

// redComponents groups red cells into blobs: cells within one cell of each
// other belong together, so a ring and the text inside it make one blob. It
// returns each blob's box in cells (of its red cells only).
func redComponents(p planes) []image.Rectangle {
	label := make([]int32, p.gw*p.gh)
	var boxes []image.Rectangle
	var stack []int
	for start := range label {
		if label[start] != 0 || p.redCnt[start] < minRedPerCell {
			continue
		}
		id := int32(len(boxes) + 1)
		box := image.Rect(start%p.gw, start/p.gw, start%p.gw+1, start/p.gw+1)
		label[start] = id
		stack = append(stack[:0], start)
		for len(stack) > 0 {
			i := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			x, y := i%p.gw, i/p.gw
			box = box.Union(image.Rect(x, y, x+1, y+1))
			for dy := -2; dy <= 2; dy++ {
				for dx := -2; dx <= 2; dx++ {
					nx, ny := x+dx, y+dy
					if !p.isRed(nx, ny) {
						continue
					}
					if j := ny*p.gw + nx; label[j] == 0 {
						label[j] = id
						stack = append(stack, j)
					}
				}
			}
		}
		boxes = append(boxes, box)
	}
	return boxes
}

// isSeal applies the shape tests to one red blob (its box in cells):
//   - size: at least 8% of the page's shorter side (a 42 mm seal on A4 is
//     20%; a 30 mm one 14%) and at most 60%;
//   - aspect ratio between 0.6 and 1.67 (round or oval, not a text line or
//     a rule);
//   - a ring: walking 72 rays from the centre, at least 85% meet red within
//     the outer band (86–103%) of the inscribed ellipse — a character of a
//     masthead, even a boxy one like 国, touches its box only near the
//     axes;
//   - hollow-ish: red covers at most 55% of the ellipse.
func isSeal(p planes, c image.Rectangle) bool {
	w, h := c.Dx(), c.Dy()
	short := min(p.gw, p.gh)
	if max(w, h) < 12 || float64(max(w, h)) < 0.08*float64(short) || float64(max(w, h)) > 0.6*float64(short) {
		return false
	}
	if aspect := float64(w) / float64(h); aspect < 0.6 || aspect > 1/0.6 {
		return false
	}
	cx, cy := float64(c.Min.X+c.Max.X)/2, float64(c.Min.Y+c.Max.Y)/2
	a, b := float64(w)/2, float64(h)/2
	const rays = 72
	hits := 0
	for i := range rays {
		sin, cos := math.Sincos(2 * math.Pi * float64(i) / rays)
		for f := 0.86; f <= 1.031; f += 0.03 {
			if p.isRed(int(cx+a*f*cos), int(cy+b*f*sin)) {
				hits++
				break
			}
		}
	}
	if hits*100 < 85*rays {
		return false
	}
	red := 0
	for y := c.Min.Y; y < c.Max.Y; y++ {
		for x := c.Min.X; x < c.Max.X; x++ {
			if p.isRed(x, y) {
				red++
			}
		}
	}
	return float64(red) <= 0.55*math.Pi*a*b
}
