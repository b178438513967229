package neardup

import (
	"strings"
	"testing"
)

// hostilePair is a pair built to make an aligner slow (found in review:
// 19.8 s in go-diff): a few hundred distinct characters, the first thirty
// of them other on one side, then a long run of one character, of
// different lengths on the two sides; its Jaccard index is over OCRFloor.
func hostilePair() (a, b []string) {
	var head, other strings.Builder
	for r := rune(0x4e00); r < 0x4e00+300; r++ {
		head.WriteRune(r)
		if r < 0x4e00+30 {
			other.WriteRune(r + 0x1000)
		} else {
			other.WriteRune(r)
		}
	}
	return []string{head.String() + strings.Repeat("口", 198_000)}, []string{other.String() + strings.Repeat("口", 99_000)}
}

// TestForgivenWalksOnce: the alignment advances on every step and stops
// at its budget of longer differences, so a hostile pair costs a walk of
// its length, not its square (BenchmarkForgivenHostile measures it), and
// is not forgiven.
func TestForgivenWalksOnce(t *testing.T) {
	a, b := hostilePair()
	if j := Jaccard(Shingles(a...), Shingles(b...)); j < OCRFloor || j >= Threshold {
		t.Fatalf("Jaccard %.3f: the pair must be looked at again (%.2f to %.2f) to test the walk", j, OCRFloor, Threshold)
	}
	if f := Forgiven(a, b); f >= OCRThreshold {
		t.Errorf("texts thirty characters apart in a run forgiven at %.3f", f)
	}
	for _, tt := range []struct{ a, b string }{{"", ""}, {"口", ""}, {"", "学习"}, {"学习型城市", "学习型城巿"}} {
		Forgiven([]string{tt.a}, []string{tt.b}) // must not panic
	}
}

func BenchmarkForgivenHostile(b *testing.B) {
	x, y := hostilePair()
	for b.Loop() {
		Forgiven(x, y)
	}
}
