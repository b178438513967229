package neardup

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
// is one character on either side (a character misread, lost or added, as
// OCR makes them) is taken as the other text has it; longer differences
// stay, and so does a digit changed into another (a number changed, as
// two years' statistics differ). Misreads a character or two apart count
// one by one. Normalised as Shingles does; 0 for texts too
// long or too different to align. The alignment walks both texts once,
// in time and memory linear in their length (a difference costs at most
// resyncWindow² steps, and there are few before the result falls under
// any useful line), and the smaller of the two directions is returned,
// so the order of the texts does not matter.
func Forgiven(a, b []string) float64 {
	ra, rb := normalizePages(a), normalizePages(b)
	if len(ra) > maxAlignRunes || len(rb) > maxAlignRunes {
		return 0
	}
	return min(forgivenInto(ra, rb), forgivenInto(rb, ra))
}

// forgivenInto is Forgiven with b's misreads taken as a has them.
func forgivenInto(a, b []rune) float64 {
	repaired := make([]rune, 0, len(b))
	// Differences longer than one character are looked at by resync,
	// which is the walk's only costly step; past one in fifty characters
	// the texts are not a scan's misreads of each other (one kept breaks at
	// least ShingleSize+1 shingles), and the walk stops.
	longer, maxLonger := 0, len(b)/50+1
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			repaired = append(repaired, b[j])
			i, j = i+1, j+1
			continue
		}
		switch {
		case !numberChanged(a[i], b[j]) && agree(a, i+1, b, j+1): // misread
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
			if misreads(a[i:ni], b[j:nj]) {
				repaired = append(repaired, a[i:ni]...)
			} else {
				repaired = append(repaired, b[j:nj]...)
			}
			i, j = ni, nj
		}
	}
	repaired = append(repaired, b[j:]...)
	return Jaccard(shingles(a), shingles(repaired))
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

// misreads says whether a stretch of b that differs from the same length
// of a is misreads one character at a time: no two differing characters
// side by side (a name changed differs in a run), and no number changed.
func misreads(a, b []rune) bool {
	if len(a) != len(b) {
		return false
	}
	for k := range a {
		if a[k] == b[k] {
			continue
		}
		if numberChanged(a[k], b[k]) || k > 0 && a[k-1] != b[k-1] {
			return false
		}
	}
	return true
}

// numberChanged says whether a digit was changed into another: a number
// changed, as authors change them (65.2 % in one year's statistics, 65.8 %
// in the next), not a misread to forgive.
func numberChanged(a, b rune) bool { return isDigit(a) && isDigit(b) }

func isDigit(r rune) bool { return r >= '0' && r <= '9' }

func normalizePages(pages []string) []rune {
	var rs []rune
	for _, p := range pages {
		rs = append(rs, Normalize(p)...)
	}
	return rs
}
