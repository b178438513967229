package catalog

import (
	"strings"
	"testing"
)

// benchPage is a long page of OCR'd text as the archive stores it: its
// punctuation folded to ASCII, with OCR's spaces beside it.
func benchPage(b *testing.B) string {
	b.Helper()
	var page strings.Builder
	for range 20 {
		page.WriteString(ocrScanPage(b))
		page.WriteString("\n\n")
	}
	return page.String()
}

// BenchmarkShownForm shows a whole long page (the document page) and a
// page of nested parentheses, as the shown form is written now and as
// it was before session 45 (the test oracle), side by side: the machine
// is shared, so the two are timed under the same load.
func BenchmarkShownForm(b *testing.B) {
	for _, page := range []struct{ name, text string }{
		{"page", benchPage(b)},
		{"nested", strings.Repeat("(", 20000) + "a" + strings.Repeat(")", 20000)},
	} {
		for _, f := range []struct {
			name string
			f    func(string) string
		}{{"now", ShownForm}, {"before", oldShownForm}} {
			b.Run(page.name+"/"+f.name, func(b *testing.B) {
				b.SetBytes(int64(len(page.text)))
				b.ReportAllocs()
				for b.Loop() {
					f.f(page.text)
				}
			})
		}
	}
}

// BenchmarkShownTextWindows cuts windows of 120 runes out of a long page,
// every 40 runes, in three pieces each, as a search's fragments do; now
// and before session 45.
func BenchmarkShownTextWindows(b *testing.B) {
	page := benchPage(b)
	type cut struct{ start, mid, end int }
	var cuts []cut
	var at []int
	for i := range page {
		at = append(at, i)
	}
	at = append(at, len(page))
	for i := 0; i < len(at); i += 40 {
		cuts = append(cuts, cut{at[i], at[min(i+50, len(at)-1)], at[min(i+120, len(at)-1)]})
	}
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cuts {
				s := NewShownText(page, c.start, c.end)
				s.Next(c.mid)
				s.Next(c.end)
			}
		}
	})
	b.Run("before", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			for _, c := range cuts {
				oldPieces(page, c.start, c.end, []int{c.mid, c.end})
			}
		}
	})
}
