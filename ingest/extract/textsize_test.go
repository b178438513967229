package extract

import (
	"image"
	"testing"
)

// typedPage draws, on white paper with a few specks, lines of text-like
// blocks glyph pixels high, with line spacing of half a glyph, and a
// ruled line under the first.
func typedPage(w, h, glyph int) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 245
	}
	for i := 0; i < len(g.Pix); i += 7919 {
		g.Pix[i] = 40 // a speck of dust
	}
	for y0 := 100; y0+glyph < h-100; y0 += glyph * 3 / 2 {
		for x := 150; x < w-150; x++ {
			if x%(glyph+glyph/8) >= glyph { // the gap between two characters
				continue
			}
			for y := y0; y < y0+glyph; y++ {
				if (x+y)%4 != 0 {
					g.Pix[y*g.Stride+x] = 20
				}
			}
		}
	}
	for x := 150; x < w-150; x++ {
		g.Pix[(100+glyph+3)*g.Stride+x] = 0 // a rule: not a line of text
	}
	return g
}

// TestBodyGlyphHeight: the height of a page's lines of text is found in
// spite of specks and a rule, and a page of 三号 type scanned at 300 dpi
// (60 pixels) is shrunk to glyphTarget, one at 150 dpi (30) left alone.
func TestBodyGlyphHeight(t *testing.T) {
	for _, glyph := range []int{20, 30, 60} {
		if h, ok := bodyGlyphHeight(typedPage(1240, 1754, glyph)); !ok || h < float64(glyph) || h > float64(glyph)+2 {
			t.Errorf("type %d px high: measured %v (%v), want %d", glyph, h, ok, glyph)
		}
	}
	page := typedPage(2480, 3508, 60)
	scaled := scaleForOCR(page)
	if h, _ := bodyGlyphHeight(scaled); h < glyphTarget-2 || h > glyphTarget+2 {
		t.Errorf("300 dpi page shrunk to %v, type %v px high; want about %v", scaled.Rect, h, glyphTarget)
	}
	if small := typedPage(1240, 1754, 30); scaleForOCR(small) != small {
		t.Error("a page of 30 px type was shrunk: tesseract reads it well as it is")
	}
	blank := image.NewGray(image.Rect(0, 0, 1240, 1754))
	for i := range blank.Pix {
		blank.Pix[i] = 245
		if i%7919 == 0 {
			blank.Pix[i] = 40
		}
	}
	if _, ok := bodyGlyphHeight(blank); ok {
		t.Error("a page of specks has lines of text")
	}
}
