package extract

import (
	"image"
	"math"
)

// A page laid crooked on a flatbed, fed askew or photographed by hand is
// tilted by a few degrees, and tesseract reads a tilted page worse, digits
// first: on a 150 dpi scan tilted by 3° and −4.5° it read 甬教办〔2019〕45号
// as "45 8", 86名 as 56名 and 23.8万 as "93.8 Fi" (TestOCRTiltedScan). So the
// tilt is measured before OCR by a projection profile: the ink of a page
// set in lines, counted per row after shearing the page by a trial angle,
// piles up in the fewest, fullest rows when the angle is the tilt. The page
// is then turned back by it. A tilt under a degree is left alone:
// tesseract reads it as well, and levelling the stamped scan's −0.8° page
// (its red seal whitened over the issuer) lost the date under the seal and
// the link to its born-digital original (TestScanIsLinkedToItsOriginal).

const (
	maxSkewDegrees = 8    // tilt looked for, either way; more is no longer a crooked page
	minSkewDegrees = 1    // less is left alone: tesseract copes with it (see below)
	skewSampleSide = 1000 // pixels on the long side of the image the tilt is measured on
	maxSkewPoints  = 200_000
	// minSkewGain is how much fuller the best angle's rows must be than
	// those of the page as it is: a page without lines of text (a photo,
	// a drawing) has no clear best angle and is left alone.
	minSkewGain = 1.05
)

// estimateSkew returns the angle in degrees by which the text lines of g
// fall from left to right (positive: the right end lower, as y grows
// downwards), and false when the page shows no clear tilt.
func estimateSkew(g *image.Gray) (float64, bool) {
	xs, ys := inkPoints(g)
	if len(xs) < 200 {
		return 0, false
	}
	maxX, maxY := 0.0, 0.0
	for i := range xs {
		maxX, maxY = max(maxX, xs[i]), max(maxY, ys[i])
	}
	// a sheared row lies within this margin of the sample's rows
	margin := int(maxX*math.Tan((maxSkewDegrees+1)*math.Pi/180)) + 2
	rows := make([]int, int(maxY)+2*margin+2)
	score := func(deg float64) float64 {
		clear(rows)
		t := math.Tan(deg * math.Pi / 180)
		for i := range xs {
			rows[int(math.Round(ys[i]-xs[i]*t))+margin]++
		}
		s := 0.0
		for _, n := range rows {
			s += float64(n) * float64(n)
		}
		return s
	}
	best, bestScore := 0.0, score(0)
	flat := bestScore
	search := func(from, to, step float64) {
		for d := from; d <= to+step/2; d += step {
			if s := score(d); s > bestScore {
				best, bestScore = d, s
			}
		}
	}
	search(-maxSkewDegrees, maxSkewDegrees, 0.5)
	search(best-0.5, best+0.5, 0.1)
	if bestScore < flat*minSkewGain || math.Abs(best) < minSkewDegrees {
		return 0, false
	}
	return best, true
}

// inkPoints samples g down to about skewSampleSide pixels on its long side
// and returns the coordinates of its dark pixels, at most maxSkewPoints.
func inkPoints(g *image.Gray) (xs, ys []float64) {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	step := max(1, max(w, h)/skewSampleSide)
	for y := 0; y+step <= h; y += step {
		for x := 0; x+step <= w; x += step {
			// the darkest pixel of the cell, so that thin strokes count
			dark := uint8(255)
			for dy := range step {
				row := g.Pix[g.PixOffset(g.Rect.Min.X+x, g.Rect.Min.Y+y+dy):]
				for dx := range step {
					dark = min(dark, row[dx])
				}
			}
			if dark < 128 {
				xs = append(xs, float64(x/step))
				ys = append(ys, float64(y/step))
				if len(xs) >= maxSkewPoints {
					return xs, ys
				}
			}
		}
	}
	return xs, ys
}

// deskew turns g so that text lines falling by deg degrees become level,
// about its centre and at its size; what comes in from outside the page
// is paper white.
func deskew(g *image.Gray, deg float64) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	sin, cos := math.Sincos(deg * math.Pi / 180)
	cx, cy := float64(w-1)/2, float64(h-1)/2
	for y := range h {
		dy := float64(y) - cy
		for x := range w {
			dx := float64(x) - cx
			// the source pixel: (x, y) turned by deg about the centre
			sx := cos*dx - sin*dy + cx
			sy := sin*dx + cos*dy + cy
			out.Pix[y*out.Stride+x] = grayBilinear(g, sx, sy)
		}
	}
	return out
}

func grayBilinear(g *image.Gray, x, y float64) uint8 {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	x0, y0 := int(math.Floor(x)), int(math.Floor(y))
	if x0 < 0 || y0 < 0 || x0+1 >= w || y0+1 >= h {
		return 255
	}
	fx, fy := x-float64(x0), y-float64(y0)
	at := func(x, y int) float64 { return float64(g.Pix[g.PixOffset(g.Rect.Min.X+x, g.Rect.Min.Y+y)]) }
	top := at(x0, y0)*(1-fx) + at(x0+1, y0)*fx
	bot := at(x0, y0+1)*(1-fx) + at(x0+1, y0+1)*fx
	return uint8(top*(1-fy) + bot*fy + 0.5)
}

// level returns g turned level when its lines are tilted, else g.
func level(g *image.Gray) *image.Gray {
	if deg, ok := estimateSkew(g); ok {
		return deskew(g, deg)
	}
	return g
}
