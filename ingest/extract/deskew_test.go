package extract

import (
	"image"
	"math"
	"testing"
)

// linedPage draws dark text-like lines falling by deg degrees on white.
func linedPage(w, h int, deg float64) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, w, h))
	for i := range g.Pix {
		g.Pix[i] = 235
	}
	t := math.Tan(deg * math.Pi / 180)
	for y0 := 100; y0 < h-100; y0 += 60 {
		for x := 80; x < w-80; x++ {
			if (x/25)%4 == 3 { // gaps between words
				continue
			}
			for k := range 14 {
				y := y0 + int(math.Round(float64(x)*t)) + k
				if y >= 0 && y < h && (x+k)%3 != 0 {
					g.Pix[y*g.Stride+x] = 30
				}
			}
		}
	}
	return g
}

func TestEstimateSkew(t *testing.T) {
	for _, deg := range []float64{-5, -3.2, -1.5, 0, 0.8, 2, 4.5} {
		got, ok := estimateSkew(linedPage(1240, 1754, deg))
		if math.Abs(deg) < minSkewDegrees {
			if ok {
				t.Errorf("level page: found a tilt of %.1f°", got)
			}
			continue
		}
		if !ok || math.Abs(got-deg) > 0.25 {
			t.Errorf("page tilted %.1f°: got %.2f° (found %v)", deg, got, ok)
		}
		if ok {
			if again, ok := estimateSkew(deskew(linedPage(1240, 1754, deg), got)); ok {
				t.Errorf("page tilted %.1f° and turned back by %.2f°: still tilted %.2f°", deg, got, again)
			}
		}
	}
	if _, ok := estimateSkew(image.NewGray(image.Rect(0, 0, 800, 1000))); ok {
		t.Error("a page without ink: found a tilt")
	}
}

func BenchmarkEstimateSkew(b *testing.B) {
	g := linedPage(2480, 3508, 3)
	for b.Loop() {
		estimateSkew(g)
	}
}

func BenchmarkDeskew(b *testing.B) {
	g := linedPage(2480, 3508, 3)
	for b.Loop() {
		deskew(g, 3)
	}
}
