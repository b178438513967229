package extract

import (
	"image"
	"slices"

	"golang.org/x/image/draw"
)

// tesseract reads Chinese best when a line's Han characters stand about
// 20–30 pixels high. At 300 dpi a 公文's body type (三号, 16 pt) stands
// about 60, and on such a clean scan the fast chi_sim model took the 萧 of
// 萧山区人民政府 for 珊 or 肃, 自 for 目, 培 for 塔, 常 for 章; the same
// page shrunk to 0.35–0.45 of its size read every one right, as did the
// page photographed at 110 dpi (tesseract's --dpi changed nothing). So a
// page whose lines of text stand taller than maxGlyphHeight is shrunk
// until they stand glyphTarget high, never below minOCRScale of its size
// (scaleForOCR), unless a red seal was whitened on it (ocrPage).
//
// Measured (tesseract 5.3, chi_sim 4.1, psm 6), Han and digit accuracy as
// rendered / shrunk to 24 px / to 28 px (26 is used: at 24 px the footer's
// 抄送 line was read as "DIE:" with the English model beside chi_sim; at
// 0.45 of its size, 27 px, every line of it reads right): footer-scan.pdf 0.952 / 0.981 /
// 1.000; stamped-scan.pdf page 1 0.977 / 1.000 / 1.000; tilted-scan.pdf
// 0.988 / 0.996 / 0.969 and 0.988 / 0.988 / 0.977; the bench's generated
// pages without a seal (masthead, red headings) 0.986 / 0.996 / 0.968 and
// 0.960 / 0.997 / 0.987. Pages with a seal went both ways: the stamped
// scan's page 2, its seal over the issuer and date, 0.914 / 0.857, the
// bench's seal over a signature 0.985 / 0.969, where sealed-scan.pdf
// gained (0.972 / 0.994): the white halo left where the seal is taken
// out cuts strokes, and a cut stroke shrunk is thinner still.
const (
	glyphTarget    = 26.0
	maxGlyphHeight = 36.0
	minOCRScale    = 0.35
)

const (
	// inkLevel is the grey under which a pixel is ink.
	inkLevel = 128
	// minBand and maxBand bound the height of a band of inked rows
	// counted as a line of text: thinner is a rule or a lone stroke
	// (一), taller is lines joined by a table's or a border's upright
	// rules, or a picture.
	minBand, maxBand = 8, 250
	// minBands is the fewest lines of text a page must show for their
	// height to be trusted.
	minBands = 2
)

// glyphStrips is the number of upright strips in which the page's lines
// are found: a line tilted by half a degree (left so by level) spans 15
// more rows across an A4 page at 300 dpi, and a quarter of that in a strip.
const glyphStrips = 4

// bodyGlyphHeight estimates the height in pixels of the page's Han
// characters: the median height of its lines of text, found in each of
// glyphStrips upright strips as bands of rows with ink in them (a Han
// line's characters fill its height; a row inked by a few specks is not a
// line). ok is false when the page shows fewer than minBands such bands.
func bodyGlyphHeight(g *image.Gray) (h float64, ok bool) {
	var bands []int
	w := g.Rect.Dx() / glyphStrips
	for s := range glyphStrips {
		x0 := g.Rect.Min.X + s*w
		bands = inkBands(g, x0, x0+w, bands)
	}
	if len(bands) < minBands {
		return 0, false
	}
	slices.Sort(bands)
	return float64(bands[len(bands)/2]), true
}

// inkBands appends to bands the heights of the bands of inked rows of g
// between x0 and x1 that are between minBand and maxBand high.
func inkBands(g *image.Gray, x0, x1 int, bands []int) []int {
	minInk := max(3, (x1-x0)/100)
	run, gap := 0, 0
	end := func() {
		if minBand <= run && run <= maxBand {
			bands = append(bands, run)
		}
		run, gap = 0, 0
	}
	for y := g.Rect.Min.Y; y < g.Rect.Max.Y; y++ {
		ink := 0
		for _, p := range g.Pix[g.PixOffset(x0, y):][:x1-x0] {
			if p < inkLevel {
				ink++
			}
		}
		switch {
		case ink >= minInk:
			run += gap + 1
			gap = 0
		case run > 0 && gap < 2: // a row between two strokes of one line
			gap++
		case run > 0:
			end()
		}
	}
	if run > 0 {
		end()
	}
	return bands
}

// scaleForOCR returns g shrunk so that its text stands glyphTarget high
// when it stands taller than maxGlyphHeight, else g.
func scaleForOCR(g *image.Gray) *image.Gray {
	h, ok := bodyGlyphHeight(g)
	if !ok || h <= maxGlyphHeight {
		return g
	}
	f := max(glyphTarget/h, minOCRScale)
	w, ht := int(float64(g.Rect.Dx())*f+0.5), int(float64(g.Rect.Dy())*f+0.5)
	out := image.NewGray(image.Rect(0, 0, w, ht))
	draw.CatmullRom.Scale(out, out.Rect, g, g.Rect, draw.Src, nil)
	return out
}
