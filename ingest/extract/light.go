package extract

import (
	"image"
	"math"
)

// A phone photo of a page, or a scan of a page that did not lie flat, is
// lit unevenly: the paper goes from white to a grey darker than a light
// stroke. Tesseract binarises a page with one threshold, and on such a
// page, with the grain of a phone's sensor, it read a clean 200 dpi page
// whose light fell to 55 % at one corner at 15–23 % of its Han characters
// (37–57 % after the pipeline's seal and tilt steps), against 99–100 % for
// the same page lit evenly. flattenLight divides each pixel by the paper's
// brightness around it, so that the paper is white everywhere and the ink
// keeps its contrast.

const (
	lightBlocks = 40 // blocks along the long side in which the paper's brightness is measured
	// paperPercentile is the share of a block's pixels, in percent, at or
	// above its paper's brightness: text covers far less of a block.
	paperPercentile = 10
	// evenLight is the least ratio of the darkest block's paper to the
	// brightest's at which a page is left as it is.
	evenLight = 0.85
	// minPaperShare bounds a block's paper from below, as a share of the
	// brightest's: a block filled with ink (a black table head, a photo)
	// would else be taken for dark paper and its ink turned white.
	minPaperShare = 0.45
)

// flattenLight returns g with its paper made evenly white (see above), or
// g itself when it is lit evenly enough.
func flattenLight(g *image.Gray) *image.Gray {
	w, h := g.Rect.Dx(), g.Rect.Dy()
	block := max(8, max(w, h)/lightBlocks)
	bw, bh := (w+block-1)/block, (h+block-1)/block
	paper := make([]float64, bw*bh)
	lo, hi := 255.0, 0.0
	for by := range bh {
		for bx := range bw {
			v := blockPaper(g, image.Rect(bx*block, by*block, min(w, (bx+1)*block), min(h, (by+1)*block)))
			paper[by*bw+bx] = v
			lo, hi = math.Min(lo, v), math.Max(hi, v)
		}
	}
	if hi == 0 || lo >= evenLight*hi {
		return g
	}
	floor := minPaperShare * hi
	for i, v := range paper {
		paper[i] = math.Max(v, floor)
	}
	at := func(i, j int) float64 {
		return paper[max(0, min(bh-1, j))*bw+max(0, min(bw-1, i))]
	}
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		fy := (float64(y)+0.5)/float64(block) - 0.5
		y0 := int(math.Floor(fy))
		ay := fy - float64(y0)
		row := g.Pix[g.PixOffset(g.Rect.Min.X, g.Rect.Min.Y+y):]
		for x := range w {
			// the paper's brightness, interpolated between block centres
			fx := (float64(x)+0.5)/float64(block) - 0.5
			x0 := int(math.Floor(fx))
			ax := fx - float64(x0)
			p := (at(x0, y0)*(1-ax)+at(x0+1, y0)*ax)*(1-ay) + (at(x0, y0+1)*(1-ax)+at(x0+1, y0+1)*ax)*ay
			out.Pix[y*out.Stride+x] = uint8(math.Min(255, float64(row[x])*255/p+0.5))
		}
	}
	return out
}

// blockPaper is the brightness that paperPercentile percent of the pixels
// of r (relative to g's origin) reach.
func blockPaper(g *image.Gray, r image.Rectangle) float64 {
	var hist [256]int
	for y := r.Min.Y; y < r.Max.Y; y++ {
		off := g.PixOffset(g.Rect.Min.X+r.Min.X, g.Rect.Min.Y+y)
		for _, v := range g.Pix[off : off+r.Dx()] {
			hist[v]++
		}
	}
	n, seen := r.Dx()*r.Dy(), 0
	for v := 255; v > 0; v-- {
		seen += hist[v]
		if seen*100 >= n*paperPercentile {
			return float64(v)
		}
	}
	return 0
}
