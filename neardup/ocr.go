package neardup

import (
	"time"

	"github.com/sergi/go-diff/diffmatchpatch"
)

// A text read by OCR differs from its original by misread, lost and extra
// characters, one at a time, and each breaks ShingleSize shingles: a scan
// with 2 % of its characters misread scores 0.87–0.89 against its DOCX.
// Such a pair is looked at again character by character.
const (
	// OCRFloor is the least Jaccard similarity at which a pair with a
	// text read by OCR is looked at again.
	OCRFloor = 0.8
	// OCRThreshold is the least similarity of such a pair once its
	// misreads are forgiven. Well above Threshold: a copy with names
	// changed (two or more characters at a time, as names are) keeps those
	// differences and stays under it.
	OCRThreshold = 0.97
	// maxAlignRunes bounds the texts aligned: longer ones are compared by
	// their shingles only.
	maxAlignRunes = 200_000
	// alignTimeout bounds one alignment; one cut short is coarser, so it
	// forgives less, never more.
	alignTimeout = 250 * time.Millisecond
)

// Text is a text as the near-duplicate decision needs it: its pages, and
// whether any of them was read by OCR.
type Text struct {
	Pages []string
	OCR   bool
}

// Similarity is the similarity of two texts, whose shingle sets are sa and
// sb, that decides whether they are near duplicates (at least Threshold):
// the Jaccard index of the sets; or, when one of the texts was read by
// OCR, the Jaccard index is at least OCRFloor and reaches OCRThreshold once
// the misreads are forgiven (Forgiven), that similarity.
func Similarity(a, b Text, sa, sb Set) float64 {
	sim := Jaccard(sa, sb)
	if sim >= Threshold || sim < OCRFloor || !a.OCR && !b.OCR {
		return sim
	}
	if f := Forgiven(a.Pages, b.Pages); f >= OCRThreshold {
		return f
	}
	return sim
}

// Forgiven is the Jaccard index of two texts once every difference that
// is at most one character on each side (a character misread, lost or
// added, as OCR makes them) is taken as the first text has it; longer
// differences stay, and so does a digit changed into another. Normalised as Shingles does; 0 for texts too long to
// align.
func Forgiven(a, b []string) float64 {
	ra, rb := normalizePages(a), normalizePages(b)
	if len(ra) > maxAlignRunes || len(rb) > maxAlignRunes {
		return 0
	}
	dmp := diffmatchpatch.New()
	dmp.DiffTimeout = alignTimeout
	diffs := dmp.DiffMainRunes(ra, rb, false)
	repaired := make([]rune, 0, len(rb))
	for i := 0; i < len(diffs); {
		if diffs[i].Type == diffmatchpatch.DiffEqual {
			repaired = append(repaired, []rune(diffs[i].Text)...)
			i++
			continue
		}
		var lost, added []rune
		for ; i < len(diffs) && diffs[i].Type != diffmatchpatch.DiffEqual; i++ {
			if diffs[i].Type == diffmatchpatch.DiffDelete {
				lost = append(lost, []rune(diffs[i].Text)...)
			} else {
				added = append(added, []rune(diffs[i].Text)...)
			}
		}
		if len(lost) <= 1 && len(added) <= 1 && !numberChanged(lost, added) {
			repaired = append(repaired, lost...)
		} else {
			repaired = append(repaired, added...)
		}
	}
	return Jaccard(shingles(ra), shingles(repaired))
}

func normalizePages(pages []string) []rune {
	var rs []rune
	for _, p := range pages {
		rs = append(rs, Normalize(p)...)
	}
	return rs
}

// numberChanged says whether a difference of one character is a digit
// changed into another: a number changed, as authors change them (65.2 %
// in one year's statistics, 65.8 % in the next), not forgiven.
func numberChanged(lost, added []rune) bool {
	return len(lost) == 1 && len(added) == 1 && isDigit(lost[0]) && isDigit(added[0])
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }
