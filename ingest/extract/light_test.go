package extract

import (
	"bytes"
	"context"
	"image"
	"image/png"
	"math"
	"math/rand"
	"os/exec"
	"testing"
)

// unevenlyLit returns g as a phone photographs it: the light falls from
// the top left corner to 55 % at the bottom right, with the sensor's grain.
func unevenlyLit(g *image.Gray, seed int64) *image.Gray {
	rng := rand.New(rand.NewSource(seed))
	w, h := g.Rect.Dx(), g.Rect.Dy()
	out := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			light := 1 - 0.45*(float64(x)/float64(w)+float64(y)/float64(h))/2
			v := float64(g.GrayAt(g.Rect.Min.X+x, g.Rect.Min.Y+y).Y)*light + rng.NormFloat64()*10
			out.Pix[y*out.Stride+x] = uint8(math.Max(0, math.Min(255, v)))
		}
	}
	return out
}

// TestOCRUnevenLight reads page 1 of stamped.pdf rendered at 200 dpi, tilted by 1.5°
// and lit as a phone lights it. Tesseract's single threshold read 37 % of
// its Han characters before flattenLight, 100 % after.
func TestOCRUnevenLight(t *testing.T) {
	needOCR(t)
	lim := Limits{}.withDefaults()
	old := renderLongSide
	renderLongSide = 2339 // A4 at 200 dpi, as phone scanner apps save it
	t.Cleanup(func() { renderLongSide = old })
	data, err := renderPDFPage(context.Background(), lookProgram("pdftoppm"), fixture("stamped.pdf"), 1, renderLongSide, lim)
	if err != nil || data == nil {
		t.Fatalf("render stamped.pdf page 1: %v", err)
	}
	img, err := decodePPM(data)
	if err != nil {
		t.Fatal(err)
	}
	photo := unevenlyLit(deskew(prepareForOCR(img, false).gray, 1.5), 7)
	var buf bytes.Buffer
	if err := png.Encode(&buf, photo); err != nil {
		t.Fatal(err)
	}
	page, err := ocrPage(context.Background(), buf.Bytes(), lim)
	if err != nil {
		t.Fatal(err)
	}
	truth, err := exec.Command(lookPdftotext(), "-f", "1", "-l", "1", fixture("stamped.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	if acc := hanAccuracy(string(truth), Normalize(page.Text)); acc < 0.95 {
		t.Errorf("Han accuracy %.3f on an unevenly lit page, want ≥ 0.95; text %q", acc, Normalize(page.Text))
	}
}

func TestFlattenLight(t *testing.T) {
	// a page of grey paper with a dark stroke across it
	page := func(light func(x, y int) float64) *image.Gray {
		g := image.NewGray(image.Rect(0, 0, 400, 600))
		for y := range 600 {
			for x := range 400 {
				v := 230.0
				if y%40 < 4 && x > 20 && x < 380 {
					v = 20
				}
				g.Pix[y*g.Stride+x] = uint8(v * light(x, y))
			}
		}
		return g
	}
	even := page(func(x, y int) float64 { return 1 })
	if got := flattenLight(even); got != even {
		t.Errorf("an evenly lit page was changed")
	}
	dim := flattenLight(page(func(x, y int) float64 { return 1 - 0.5*float64(y)/600 }))
	for _, p := range []image.Point{{10, 10}, {10, 590}, {390, 590}} {
		if v := dim.GrayAt(p.X, p.Y).Y; v < 245 {
			t.Errorf("paper at %v is %d after flattening, want ≥ 245", p, v)
		}
	}
	if v := dim.GrayAt(200, 562).Y; v > 60 {
		t.Errorf("the stroke in the dim corner is %d after flattening, want ≤ 60", v)
	}
}
