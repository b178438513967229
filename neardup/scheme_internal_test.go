package neardup

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// mutated returns text with n of its Han characters, chosen by rng,
// replaced by others: a shingle set whose Jaccard index with the text's
// falls as n grows.
func mutated(rng *rand.Rand, text string, n int) string {
	rs := []rune(text)
	var han []int
	for i, r := range rs {
		if r >= 0x4e00 && r <= 0x9fff {
			han = append(han, i)
		}
	}
	for range min(n, len(han)) {
		i := han[rng.IntN(len(han))]
		rs[i] = rune(0x4e00 + rng.IntN(0x5000))
	}
	return string(rs)
}

// candidateRates returns, for pairs of a labelled text and a mutation of
// it in a band of Jaccard indexes, the share of pairs whose fingerprints
// share a band, by fp; short pairs alone (both of at most ShortShingles)
// when short, else the others alone.
func candidateRates(t *testing.T, fp func(Set) (Fingerprint, bool), lo, hi float64, short bool) (float64, int) {
	t.Helper()
	rng := rand.New(rand.NewPCG(43, 2026))
	shared, pairs := 0, 0
	var texts []string
	for _, pages := range fingerprintTexts(t)[:59] {
		// Each text whole, and its first 100 characters: a short text
		// leaves most bins empty, where densification decides.
		text := strings.Join(pages, "\n")
		texts = append(texts, text, string([]rune(text)[:min(100, len([]rune(text)))]))
	}
	for _, text := range texts {
		a := Shingles(text)
		if len(a) < MinShingles {
			continue
		}
		fa, _ := fp(a)
		for range 60 {
			// The number of characters changed for a Jaccard index near
			// the middle of [lo, hi]: a changed character changes about
			// ShingleSize shingles.
			j := lo + (hi-lo)*rng.Float64()
			n := max(1, int(float64(len(a))*(1-j)/(1+j)/ShingleSize+0.5))
			b := Shingles(mutated(rng, text, n))
			if jb := Jaccard(a, b); jb < lo || jb >= hi {
				continue
			}
			if isShort := max(len(a), len(b)) <= ShortShingles; isShort != short {
				continue
			}
			fb, ok := fp(b)
			if !ok {
				continue
			}
			pairs++
			if fa.SharesBand(fb) {
				shared++
			}
		}
	}
	return float64(shared) / float64(max(pairs, 1)), pairs
}

// TestBandsFindNearDuplicatesAsBefore: band scheme 2 (one hash a
// shingle) makes candidates of near duplicates as scheme 1 (SignatureSize
// hashes a shingle) did: nearly every pair at or above Threshold and most
// of those between OCRFloor and Threshold that the OCR second look needs,
// and few pairs of half their shingles in common. The rates are printed
// for bench/README.md.
func TestBandsFindNearDuplicatesAsBefore(t *testing.T) {
	ranges := []struct {
		lo, hi      float64
		least, most float64 // the share of pairs scheme 2 must make candidates
	}{
		{Threshold, 1, 0.995, 1},
		{OCRFloor, Threshold, 0.9, 1},
		{0.4, 0.6, 0, 0.2},
	}
	for _, r := range ranges {
		legacy, n1 := candidateRates(t, Set.LegacyFingerprint, r.lo, r.hi, false)
		now, n2 := candidateRates(t, Set.Fingerprint, r.lo, r.hi, false)
		t.Logf("Jaccard %.2f–%.2f: candidates %.4f of %d pairs (scheme 1: %.4f of %d)", r.lo, r.hi, now, n2, legacy, n1)
		if n2 < 500 {
			t.Fatalf("Jaccard %.2f–%.2f: only %d pairs", r.lo, r.hi, n2)
		}
		if now < r.least || now > r.most {
			t.Errorf("Jaccard %.2f–%.2f: %.4f of pairs share a band, want %.3f–%.3f (scheme 1: %.4f)",
				r.lo, r.hi, now, r.least, r.most, legacy)
		}
	}
}

// TestShortPairsNearTheirFloorAreCandidates (review s43 #7): a short pair
// (both texts of at most ShortShingles, where densification fills most
// bins) between ShortOCRFloor and OCRFloor, the misread short scan the
// floor is for, shares a band nearly always; the normal bands alone made
// such a pair a candidate one time in five or less. Short texts far apart
// stay few candidates.
func TestShortPairsNearTheirFloorAreCandidates(t *testing.T) {
	ranges := []struct {
		lo, hi      float64
		least, most float64
	}{
		{Threshold, 1, 0.995, 1},
		{0.55, 0.65, 0.9, 1},
		{ShortOCRFloor, 0.55, 0.75, 1},
		{0.1, 0.3, 0, 0.35},
	}
	for _, r := range ranges {
		now, n := candidateRates(t, Set.Fingerprint, r.lo, r.hi, true)
		long, _ := candidateRates(t, func(s Set) (Fingerprint, bool) {
			fp, ok := s.Fingerprint()
			fp.HasShort = false
			return fp, ok
		}, r.lo, r.hi, true)
		t.Logf("short pairs at Jaccard %.2f–%.2f: candidates %.4f of %d pairs (by the normal bands alone: %.4f)", r.lo, r.hi, now, n, long)
		if n < 200 {
			t.Fatalf("Jaccard %.2f–%.2f: only %d short pairs", r.lo, r.hi, n)
		}
		if now < r.least || now > r.most {
			t.Errorf("short pairs at Jaccard %.2f–%.2f: %.4f share a band, want %.3f–%.3f (normal bands alone: %.4f)",
				r.lo, r.hi, now, r.least, r.most, long)
		}
	}
}
