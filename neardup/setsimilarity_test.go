package neardup_test

import (
	"testing"

	"github.com/lcmonitor/evidence/neardup"
)

// TestSetSimilarityDecidesAsSimilarity: on every labelled pair, both ways
// round, SetSimilarity either gives Similarity's value, bit for bit, or
// says the texts are needed; and it says so only for a pair with a text
// read by OCR whose Jaccard index is under Threshold, so a caller holding
// sets reads texts for few pairs. A restore compares long texts by their
// sets alone on the strength of it (ingest rebuildSets).
func TestSetSimilarityDecidesAsSimilarity(t *testing.T) {
	pairs, err := neardup.LoadPairs("testdata")
	if err != nil {
		t.Fatal(err)
	}
	needed := 0
	for _, p := range pairs {
		a := neardup.Text{Pages: []string{p.TextA}, OCR: p.OCRA}
		b := neardup.Text{Pages: []string{p.TextB}, OCR: p.OCRB}
		sa, sb := neardup.Shingles(a.Pages...), neardup.Shingles(b.Pages...)
		type side struct {
			text neardup.Text
			set  neardup.Set
		}
		for _, way := range [][2]side{{{a, sa}, {b, sb}}, {{b, sb}, {a, sa}}} {
			x, y, sx, sy := way[0].text, way[1].text, way[0].set, way[1].set
			want := neardup.Similarity(x, y, sx, sy)
			got, ok := neardup.SetSimilarity(sx, sy, x.OCR, y.OCR)
			switch {
			case !ok && !x.OCR && !y.OCR:
				t.Errorf("%s ~ %s: texts asked for, though neither was read by OCR", p.A, p.B)
			case !ok && got >= neardup.Threshold:
				t.Errorf("%s ~ %s: texts asked for at Jaccard %.3f, past Threshold", p.A, p.B, got)
			case !ok:
				needed++
			case got != want:
				t.Errorf("%s ~ %s: SetSimilarity %v, Similarity %v", p.A, p.B, got, want)
			}
		}
	}
	if needed == 0 || needed == 2*len(pairs) {
		t.Errorf("texts asked for %d times of %d: the labelled pairs should have some to align, and others not", needed, 2*len(pairs))
	}
	t.Logf("texts needed for %d of %d comparisons", needed, 2*len(pairs))
}
