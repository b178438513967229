package neardup

import (
	"slices"
	"strings"
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
	// changeSlack lets a short scan (a notice of a few lines) have a
	// couple of misreads more than one in twenty-five.
	changeSlack = 75
	// ShortShingles is the most shingles of the longer of two texts for
	// the pair to be short: a notice of a few lines, about 200
	// characters.
	ShortShingles = 200
	// ShortOCRFloor is OCRFloor for a short pair. Each misread breaks
	// ShingleSize shingles on each side, and the walk forgives a short
	// scan changeSlack/25 misreads more: five in a notice of 60
	// characters, which leave a Jaccard index near 0.58 (the s43 probe's
	// scan of 上政发〔2022〕18号 read 8.6 FAK. and 184 and scored 0.754
	// against its text, 1 forgiven). Half: a text with more shingles of
	// its own than the other has in all is under it.
	ShortOCRFloor = 0.5
)

// ocrFloor is the least Jaccard index at which a pair of texts of n and
// m shingles, one of them read by OCR, is aligned: ShortOCRFloor for a
// short pair, whose alignment costs little, else OCRFloor.
func ocrFloor(n, m int) float64 {
	if max(n, m) <= ShortShingles {
		return ShortOCRFloor
	}
	return OCRFloor
}

// Text is a text as the near-duplicate decision needs it: its pages, and
// whether any of them was read by OCR.
type Text struct {
	Pages []string
	OCR   bool
}

// Similarity is the similarity of two texts, whose shingle sets are sa and
// sb, that decides whether they are near duplicates (at least Threshold):
// the Jaccard index of the sets; or, when one of the texts was read by
// OCR, the Jaccard index is at least OCRFloor (ShortOCRFloor for a short
// pair) and reaches OCRThreshold once that text's misreads are forgiven
// (Forgiven), that similarity. It does not depend on the order of a and
// b.
func Similarity(a, b Text, sa, sb Set) float64 {
	return decide(Jaccard(sa, sb), ocrFloor(len(sa), len(sb)), a.OCR, b.OCR,
		func() ([]rune, bool) { return normalizePages(a.Pages), true },
		func() ([]rune, bool) { return normalizePages(b.Pages), true })
}

// SetSimilarity is Similarity of two texts, read by OCR as aOCR and bOCR
// say, from their shingle sets alone, when those decide it: ok is false
// for a pair that must be aligned (one of them read by OCR, and their
// Jaccard index from the pair's floor to under Threshold), whose texts
// Similarity then needs. A caller holding sets, not texts, pays for the
// texts only for those few pairs.
func SetSimilarity(sa, sb Set, aOCR, bOCR bool) (sim float64, ok bool) {
	sim = Jaccard(sa, sb)
	if sim >= Threshold || sim < ocrFloor(len(sa), len(sb)) || !aOCR && !bOCR {
		return sim, true
	}
	return sim, false
}

// decide is Similarity once the Jaccard index sim of the texts a and b,
// and the floor of their pair (ocrFloor), are known: runesA and runesB
// give their normalised characters when they are needed (false: too long
// to align, as a text read as a stream may be).
func decide(sim, floor float64, aOCR, bOCR bool, runesA, runesB func() ([]rune, bool)) float64 {
	if sim >= Threshold || sim < floor || !aOCR && !bOCR {
		return sim
	}
	a, okA := runesA()
	b, okB := runesB()
	if !okA || !okB {
		return sim
	}
	var f float64
	if bOCR {
		f = forgiven(a, b)
	}
	if aOCR {
		f = max(f, forgiven(b, a))
	}
	if f >= OCRThreshold {
		return f
	}
	return sim
}

// Forgiven is the Jaccard index of an original and a text read by OCR
// (scan) once the scan's misreads are taken as the original has them.
// The texts are aligned, and each stretch where they differ between
// characters they share is a misread when it is one character on either
// side, or when the scan has no Han character and no numeral there and it
// is at most three characters on either side (lost characters, 号 read as
// d, 市 read as ai). What an author changes is never forgiven: Han
// characters changed two or more at a time, or one character apart (a
// name: 张明华 → 李明强); a number (numerals, Arabic or Chinese, changed
// into others, or a digit added or lost); a negation added, lost or put in
// for another character (同意 → 不同意, 已同意 → 未同意, so a negation
// misread is kept as a difference too); one character changed into the same
// other wherever the original has it (市 → 县, 杭州 → 湖州 throughout). A scan
// differing, forgiven or not, in more than one character in twenty-five,
// or by more than resyncWindow characters in a row (at its start, in the
// middle or at its end), is not forgiven at all.
// Normalised as Shingles does; 0 for texts too long or too different to
// align. The alignment walks both texts once, in time and memory linear
// in their length: a stretch that is not one character is found within
// resyncWindow on each side and aligned there by its longest common
// subsequence, and there may be few of them before the walk stops.
func Forgiven(original, scan []string) float64 {
	return forgiven(normalizePages(original), normalizePages(scan))
}

// forgiven is Forgiven of normalised texts.
func forgiven(a, b []rune) float64 {
	if len(a) > maxAlignRunes || len(b) > maxAlignRunes {
		return 0
	}
	w := walker{a: a, b: b, maxStretches: len(b)/25 + 2}
	if !w.walk() {
		return 0
	}
	w.unforgiveReplacements()
	repaired := make([]rune, 0, len(b))
	changed := 0
	for _, p := range w.pieces {
		if !p.same {
			changed += max(len(p.orig), len(p.scan))
		}
		if p.forgiven {
			repaired = append(repaired, p.orig...)
		} else {
			repaired = append(repaired, p.scan...)
		}
	}
	if changed*25 > len(b)+changeSlack {
		return 0
	}
	return Jaccard(shingles(a), shingles(repaired))
}

// piece is a stretch of the aligned texts: the same on both sides, or a
// difference, forgiven (a misread) or not.
type piece struct {
	orig, scan     []rune
	same, forgiven bool
}

// walker aligns an original (a) and a scan (b) into pieces.
type walker struct {
	a, b         []rune
	pieces       []piece
	stretches    int // differences looked at by resync
	maxStretches int
	lcs          []int // alignStretch's table, kept from stretch to stretch
}

// walk aligns the texts; false when they are too different to.
func (w *walker) walk() bool {
	a, b := w.a, w.b
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] == b[j] {
			k := 1
			for i+k < len(a) && j+k < len(b) && a[i+k] == b[j+k] {
				k++
			}
			w.add(piece{orig: a[i : i+k], scan: b[j : j+k], same: true})
			i, j = i+k, j+k
			continue
		}
		switch {
		case agree(a, i+1, b, j+1): // misread
			w.difference(a[i:i+1], b[j:j+1])
			i, j = i+1, j+1
		case agree(a, i+1, b, j): // lost
			w.difference(a[i:i+1], nil)
			i++
		case agree(a, i, b, j+1): // added
			w.difference(nil, b[j:j+1])
			j++
		default:
			if w.stretches++; w.stretches > w.maxStretches {
				return false
			}
			ni, nj, ok := resync(a, i, b, j)
			if !ok {
				return false
			}
			w.alignStretch(i, ni, j, nj)
			i, j = ni, nj
		}
	}
	if i < len(a) || j < len(b) {
		// The end differs: a stretch like any other, within the same
		// window.
		if len(a)-i > resyncWindow || len(b)-j > resyncWindow {
			return false
		}
		if w.stretches++; w.stretches > w.maxStretches {
			return false
		}
		w.alignStretch(i, len(a), j, len(b))
	}
	return true
}

func (w *walker) add(p piece) { w.pieces = append(w.pieces, p) }

// difference adds a difference, the original's lost and the scan's added
// characters, forgiven when it can be a misread.
func (w *walker) difference(lost, added []rune) {
	forgiven := misread(lost, added) &&
		// A negation added, lost or put in for another character
		// (同意 → 不同意, 已同意 → 未同意).
		!slices.ContainsFunc(lost, isNegation) && !slices.ContainsFunc(added, isNegation) &&
		// A digit added to or lost from the text: a number changed. Chinese
		// numerals are left out: a seal or a fold loses them as it loses
		// any Han character (二〇一八 read as 二八).
		(changes(lost, added) || !slices.ContainsFunc(lost, isDigit) && !slices.ContainsFunc(added, isDigit))
	w.add(piece{orig: lost, scan: added, forgiven: forgiven})
}

// alignStretch adds the pieces of a[i:ni] → b[j:nj], a stretch where the
// texts differ by more than one character: aligned by their longest
// common subsequence, each run of differences between shared characters
// is a difference of its own, but two changed runs one shared character
// apart are one (a name, a number).
func (w *walker) alignStretch(i, ni, j, nj int) {
	a, b := w.a[i:ni], w.b[j:nj]
	cols := len(b) + 1
	need := (len(a) + 1) * cols
	if cap(w.lcs) < need {
		w.lcs = make([]int, need)
	}
	// lcs[x*cols+y] is the length of the longest common subsequence of
	// a[x:] and b[y:].
	lcs := w.lcs[:need]
	clear(lcs)
	for x := len(a) - 1; x >= 0; x-- {
		for y := len(b) - 1; y >= 0; y-- {
			if a[x] == b[y] {
				lcs[x*cols+y] = lcs[(x+1)*cols+y+1] + 1
			} else {
				lcs[x*cols+y] = max(lcs[(x+1)*cols+y], lcs[x*cols+y+1])
			}
		}
	}
	type run struct{ x, nx, y, ny int }
	var runs []run
	x, y := 0, 0
	for x < len(a) || y < len(b) {
		if x < len(a) && y < len(b) && a[x] == b[y] {
			x, y = x+1, y+1
			continue
		}
		r := run{x: x, y: y}
		for (x < len(a) || y < len(b)) && !(x < len(a) && y < len(b) && a[x] == b[y]) {
			if y >= len(b) || x < len(a) && lcs[(x+1)*cols+y] >= lcs[x*cols+y+1] {
				x++
			} else {
				y++
			}
		}
		r.nx, r.ny = x, y
		// Two changes one shared character apart are one change.
		if n := len(runs); n > 0 && r.x-runs[n-1].nx == 1 && r.y-runs[n-1].ny == 1 &&
			changes(a[runs[n-1].x:runs[n-1].nx], b[runs[n-1].y:runs[n-1].ny]) && changes(a[r.x:r.nx], b[r.y:r.ny]) {
			runs[n-1].nx, runs[n-1].ny = r.nx, r.ny
			continue
		}
		runs = append(runs, r)
	}
	at, bt := 0, 0
	for _, r := range runs {
		if r.x > at {
			w.add(piece{orig: a[at:r.x], scan: b[bt:r.y], same: true})
		}
		w.difference(a[r.x:r.nx], b[r.y:r.ny])
		at, bt = r.nx, r.ny
	}
	if at < len(a) {
		w.add(piece{orig: a[at:], scan: b[bt:], same: true})
	}
}

// changes says whether a run of differences changes characters into
// others (rather than only losing or adding them).
func changes(lost, added []rune) bool { return len(lost) > 0 && len(added) > 0 }

// unforgiveReplacements keeps, as differences, one character changed into
// the same other at least twice where the original never has it read
// as itself: a replacement made throughout (市 → 县), not misreads, which
// leave the character read rightly elsewhere.
func (w *walker) unforgiveReplacements() {
	type change struct{ from, to rune }
	count := map[change]int{}
	for _, p := range w.pieces {
		if p.forgiven && len(p.orig) == 1 && len(p.scan) == 1 {
			count[change{p.orig[0], p.scan[0]}]++
		}
	}
	if len(count) == 0 {
		return
	}
	readRightly := map[rune]bool{}
	for _, p := range w.pieces {
		if p.same {
			for _, r := range p.orig {
				readRightly[r] = true
			}
		}
	}
	for k, p := range w.pieces {
		if p.forgiven && len(p.orig) == 1 && len(p.scan) == 1 {
			c := change{p.orig[0], p.scan[0]}
			if count[c] >= 2 && !readRightly[c.from] {
				w.pieces[k].forgiven = false
			}
		}
	}
}

// misread says whether a difference the original has as lost and the scan
// as added can be the scan's misreading of it.
func misread(lost, added []rune) bool {
	if slices.ContainsFunc(lost, isNumeral) && slices.ContainsFunc(added, isNumeral) {
		return false
	}
	if slices.ContainsFunc(added, isHan) || slices.ContainsFunc(added, isNumeral) {
		return len(lost) <= 1 && len(added) <= 1
	}
	return len(lost) <= 3 && len(added) <= 3
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

// isNumeral says whether r writes a number: an Arabic digit or a Chinese
// numeral (二〇一八年, 第十二届).
func isNumeral(r rune) bool {
	return isDigit(r) || strings.ContainsRune("〇零一二两三四五六七八九十百千万亿", r)
}

// isNegation says whether r turns a statement into its opposite.
func isNegation(r rune) bool { return strings.ContainsRune("不未无非没否勿禁莫", r) }

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

func normalizePages(pages []string) []rune {
	var rs []rune
	for _, p := range pages {
		rs = append(rs, Normalize(p)...)
	}
	return rs
}
