package neardup

import (
	"slices"
	"unicode"
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
	// confirmRunes is how many characters must agree after a difference of
	// one character for it to be taken as a misread, lost or added one.
	confirmRunes = 3
	// resyncWindow is how far, on each side, the end of a longer
	// difference is looked for; a text whose differences run longer is not
	// forgiven at all.
	resyncWindow = 48
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
// that text's misreads are forgiven (Forgiven), that similarity. It does
// not depend on the order of a and b.
func Similarity(a, b Text, sa, sb Set) float64 {
	sim := Jaccard(sa, sb)
	if sim >= Threshold || sim < OCRFloor || !a.OCR && !b.OCR {
		return sim
	}
	var f float64
	if b.OCR {
		f = Forgiven(a.Pages, b.Pages)
	}
	if a.OCR {
		f = max(f, Forgiven(b.Pages, a.Pages))
	}
	if f >= OCRThreshold {
		return f
	}
	return sim
}

// Forgiven is the Jaccard index of an original and a text read by OCR
// (scan) once the scan's misreads are taken as the original has them:
// each stretch where the two differ, between characters they share, is a
// misread when it is one character on either side, or when the scan has
// no Han character and no digit there and it is at most three characters
// on either side (lost characters, 号 read as d, 市 read as ai). A stretch
// where Han characters became two or more others (a name changed) stays,
// and so does one where a number changed (digits on both sides).
// Normalised as Shingles does; 0 for texts too long or too different to
// align. The alignment walks both texts once, in time and memory linear
// in their length: a stretch that is not one character is found within
// resyncWindow on each side and aligned there by its longest common
// subsequence, and there may be few of them before the walk stops.
func Forgiven(original, scan []string) float64 {
	a, b := normalizePages(original), normalizePages(scan)
	if len(a) > maxAlignRunes || len(b) > maxAlignRunes {
		return 0
	}
	repaired := make([]rune, 0, len(b))
	// Stretches longer than one character are looked at by resync, the
	// walk's only costly step; past one in twenty-five characters the
	// texts are not a scan's misreads of each other, and the walk stops.
	longer, maxLonger := 0, len(b)/25+2
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			repaired = append(repaired, b[j])
			i, j = i+1, j+1
			continue
		}
		switch {
		case misread(a[i:i+1], b[j:j+1]) && agree(a, i+1, b, j+1): // misread
			repaired = append(repaired, a[i])
			i, j = i+1, j+1
		case agree(a, i+1, b, j): // lost
			repaired = append(repaired, a[i])
			i++
		case agree(a, i, b, j+1): // added
			j++
		default:
			if longer++; longer > maxLonger {
				return 0
			}
			ni, nj, ok := resync(a, i, b, j)
			if !ok {
				return 0
			}
			repaired = repairStretch(repaired, a[i:ni], b[j:nj])
			i, j = ni, nj
		}
	}
	repaired = append(repaired, b[j:]...)
	return Jaccard(shingles(a), shingles(repaired))
}

// misread says whether a stretch the original has as lost and the scan as
// added is the scan's misreading of it (Forgiven).
func misread(lost, added []rune) bool {
	if slices.ContainsFunc(lost, isDigit) && slices.ContainsFunc(added, isDigit) {
		return false
	}
	if slices.ContainsFunc(added, isHan) || slices.ContainsFunc(added, isDigit) {
		return len(lost) <= 1 && len(added) <= 1
	}
	return len(lost) <= 3 && len(added) <= 3
}

// repairStretch appends to repaired the scan's stretch b, which differs
// from the original's a: aligned by their longest common subsequence, each
// run of differences between common characters is taken as a has it when
// it is a misread, as b has it otherwise.
func repairStretch(repaired, a, b []rune) []rune {
	// lcs[x][y] is the length of the longest common subsequence of a[x:]
	// and b[y:].
	lcs := make([][]int, len(a)+1)
	for x := range lcs {
		lcs[x] = make([]int, len(b)+1)
	}
	for x := len(a) - 1; x >= 0; x-- {
		for y := len(b) - 1; y >= 0; y-- {
			if a[x] == b[y] {
				lcs[x][y] = lcs[x+1][y+1] + 1
			} else {
				lcs[x][y] = max(lcs[x+1][y], lcs[x][y+1])
			}
		}
	}
	x, y := 0, 0
	for x < len(a) || y < len(b) {
		if x < len(a) && y < len(b) && a[x] == b[y] {
			repaired = append(repaired, b[y])
			x, y = x+1, y+1
			continue
		}
		// A run of differences: up to the next common character.
		fx, fy := x, y
		for x < len(a) || y < len(b) {
			if x < len(a) && y < len(b) && a[x] == b[y] && lcs[x][y] == lcs[x+1][y+1]+1 {
				break
			}
			if y >= len(b) || x < len(a) && lcs[x+1][y] >= lcs[x][y+1] {
				x++
			} else {
				y++
			}
		}
		if misread(a[fx:x], b[fy:y]) {
			repaired = append(repaired, a[fx:x]...)
		} else {
			repaired = append(repaired, b[fy:y]...)
		}
	}
	return repaired
}

// agree says whether a from i and b from j agree for confirmRunes
// characters, or to both their ends.
func agree(a []rune, i int, b []rune, j int) bool {
	for k := range confirmRunes {
		endA, endB := i+k >= len(a), j+k >= len(b)
		if endA || endB {
			return endA && endB
		}
		if a[i+k] != b[j+k] {
			return false
		}
	}
	return true
}

// resync returns where a and b agree again after a difference that starts
// at i and j, the nearest first, within resyncWindow on each side.
func resync(a []rune, i int, b []rune, j int) (int, int, bool) {
	for d := 1; d <= 2*resyncWindow; d++ {
		for di := max(0, d-resyncWindow); di <= min(d, resyncWindow); di++ {
			if agree(a, i+di, b, j+d-di) {
				return i + di, j + d - di, true
			}
		}
	}
	return 0, 0, false
}

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func normalizePages(pages []string) []rune {
	var rs []rune
	for _, p := range pages {
		rs = append(rs, Normalize(p)...)
	}
	return rs
}
