package neardup

import (
	"errors"
	"slices"
	"unicode"
	"unicode/utf8"
)

// Held is a text held whole to compare others with: its pages, whether
// it was read by OCR, and its shingle set.
type Held struct {
	Text
	Set Set
}

// A Reader compares a text read part by part (Write, EndPage, End) with
// held texts, as Similarity compares texts held whole, with the same
// results, without holding the text or its shingle set: for each held
// text it keeps a bit per shingle of the held set (those the text shares)
// and the distinct shingles the held set lacks, those only until there are
// too many for the two to be near duplicates (then the text is known not
// to be one of that held text); and, with Align, the text's normalised
// characters while they are few enough to align (Forgiven). So what a Reader holds
// is bounded by the held texts, not by the text read: a candidate of
// 40 MB costs no more than one of the size of the document compared with
// it.
type Reader struct {
	// Hold, when set, is asked before the Reader allocates n bytes more;
	// an error from it stops the reading (Write and End return it). What
	// is allocated is counted once, freed or not, as the garbage stays in
	// the heap until it is collected.
	Hold func(n int64) error
	// Align keeps the text's normalised characters for the OCR alignment
	// (Forgiven), at most 200,000 of them. Without it the Reader holds
	// none, and Similarity is ErrNotAligned for the rare pair that needs
	// them: read the text again with Align.
	Align bool

	meters []meter
	err    error

	// Normalising, as Normalize does page by page.
	prev rune // the character before, ASCII forms made so; 0 at a page's start
	dot  bool // a '.' after a digit, waiting to see whether a digit follows
	// Shingling, across pages as Shingles does.
	last  [ShingleSize - 1]rune
	count int // characters normalised so far

	runes []rune // the normalised text, with Align while it can be aligned
	ended bool
}

// meter is what a Reader knows of the text against one held text.
type meter struct {
	held  *Held
	seen  []uint64 // bit i: the text has held.Set[i]
	inter int      // bits set in seen
	extra []uint64 // shingles held.Set lacks: sorted and distinct up to sorted, then as they came
	sort  int
	limit int // more distinct extra than this: under the pair's floor (tooDifferent)
	// cut: passed limit, extra is let go and no longer kept; lacked is
	// how many distinct shingles it then had.
	cut    bool
	lacked int
}

// ErrNotEnded is Similarity's error for a Reader whose text has not
// ended.
var ErrNotEnded = errors.New("neardup: text not ended")

// ErrNotAligned is Similarity's error when the texts must be aligned
// (one was read by OCR and their Jaccard index is between OCRFloor and
// Threshold) and the Reader did not keep the text's characters (Align).
var ErrNotAligned = errors.New("neardup: text to align read without Align")

// firstExtra is the room first made for the shingles a held text lacks.
const firstExtra = 1 << 10

// NewReader returns a Reader comparing a text with each of held.
func NewReader(held ...*Held) *Reader {
	r := &Reader{meters: make([]meter, len(held))}
	for i, h := range held {
		r.meters[i] = meter{held: h, limit: tooDifferent(len(h.Set))}
	}
	return r
}

// tooDifferent is the most shingles a text may have that a text of n
// shingles lacks for the two to reach their floor (ocrFloor): the Jaccard
// index is at most n/(n+extra), under 4/5 (OCRFloor) when 4·extra > n,
// under 1/2 (ShortOCRFloor) when extra > n. A text of at most
// ShortShingles may make a short pair, whose floor is ShortOCRFloor; with
// a longer text the pair is not short, and a text cut past n shingles of
// its own is under OCRFloor too.
func tooDifferent(n int) int {
	if n <= ShortShingles {
		return n
	}
	return n / 4
}

// Write reads the next part of the current page, whole characters only.
func (r *Reader) Write(p []byte) error {
	if r.err != nil {
		return r.err
	}
	if r.ended {
		return errors.New("neardup: write after End")
	}
	for len(p) > 0 {
		c, size := utf8.DecodeRune(p)
		p = p[size:]
		c = halfWidth(c)
		before := r.prev
		r.prev = c
		if r.dot {
			r.dot = false
			if isDigit(c) {
				r.add('.')
			}
		}
		switch {
		case c >= 0x4e00 && c <= 0x9fff: // the common Han characters, as Shingles has them
			r.add(c)
		case c >= '0' && c <= '9', c >= 'a' && c <= 'z':
			r.add(c)
		case c >= 'A' && c <= 'Z':
			r.add(c + 'a' - 'A')
		case c == '.':
			r.dot = isDigit(before)
		case c >= 0x2e80 && unicode.Is(unicode.Han, c):
			r.add(c)
		}
		if r.err != nil {
			return r.err
		}
	}
	return nil
}

// EndPage ends the current page: the next Write starts another.
func (r *Reader) EndPage() {
	r.prev, r.dot = 0, false
}

// End ends the text; Similarity may then be asked.
func (r *Reader) End() error {
	r.EndPage()
	if r.err != nil {
		return r.err
	}
	r.ended = true
	for i := range r.meters {
		if m := &r.meters[i]; !m.cut {
			r.compact(m)
		}
	}
	return r.err
}

// add takes the next normalised character.
func (r *Reader) add(c rune) {
	if r.Align && r.count < maxAlignRunes {
		r.runes = r.appendRune(r.runes, c)
	} else if r.runes != nil {
		r.runes = nil // too long to align
	}
	r.count++
	if r.count >= ShingleSize {
		var sh [ShingleSize]rune
		copy(sh[:], r.last[:])
		sh[ShingleSize-1] = c
		h := shingleHash3(sh)
		for i := range r.meters {
			r.measure(&r.meters[i], h)
		}
	}
	copy(r.last[:], r.last[1:])
	r.last[len(r.last)-1] = c
}

// appendRune appends c to rs, growing it within maxAlignRunes.
func (r *Reader) appendRune(rs []rune, c rune) []rune {
	if len(rs) == cap(rs) {
		n := min(max(2*cap(rs), 1<<10), maxAlignRunes)
		if !r.hold(int64(n) * 4) {
			return rs
		}
		rs = append(make([]rune, 0, n), rs...)
	}
	return append(rs, c)
}

// measure takes a shingle of the text into m.
func (r *Reader) measure(m *meter, h uint64) {
	if m.cut {
		return
	}
	set := m.held.Set
	if i, ok := slices.BinarySearch(set, h); ok {
		if m.seen == nil {
			if !r.hold(int64((len(set)+63)/64) * 8) {
				return
			}
			m.seen = make([]uint64, (len(set)+63)/64)
		}
		if bit := uint64(1) << (i % 64); m.seen[i/64]&bit == 0 {
			m.seen[i/64] |= bit
			m.inter++
		}
		return
	}
	if len(m.extra) == cap(m.extra) {
		r.compact(m)
		if m.cut || r.err != nil {
			return
		}
		if cap(m.extra) == 0 || len(m.extra) > cap(m.extra)/2 {
			// Half full once compacted: room for as many again, but no
			// more than the limit needs (past it the meter is cut).
			n := min(max(2*cap(m.extra), firstExtra), 2*(m.limit+1))
			if !r.hold(int64(n) * 8) {
				return
			}
			m.extra = append(make([]uint64, 0, n), m.extra...)
		}
	}
	m.extra = append(m.extra, h)
}

// compact sorts m's extra shingles and drops repeats, and cuts m when
// they are too many.
func (r *Reader) compact(m *meter) {
	if m.sort < len(m.extra) {
		slices.Sort(m.extra)
		m.extra = slices.Compact(m.extra)
		m.sort = len(m.extra)
	}
	if len(m.extra) > m.limit {
		m.cut, m.lacked = true, len(m.extra)
		m.extra, m.sort = nil, 0
	}
}

// hold asks Hold for n bytes; false (and the error kept) when refused.
func (r *Reader) hold(n int64) bool {
	if r.err != nil {
		return false
	}
	if r.Hold != nil {
		if err := r.Hold(n); err != nil {
			r.err = err
			return false
		}
	}
	return true
}

// Settled says whether the text is known too different from every held
// text to be a near duplicate of any, whatever its OCR: what Similarity
// gives then stays the same to the text's end, so the rest of it need
// not be read (End may be called at once).
func (r *Reader) Settled() bool {
	for i := range r.meters {
		if !r.meters[i].cut {
			return false
		}
	}
	return true
}

// Similarity is Similarity(text, held[i]) for the text read, which was
// read by OCR when ocr is set: the same value, bit for bit, that the two
// texts held whole would have; but for a text found too different to be a
// near duplicate of held[i] while it was read, a bound of its Jaccard
// index under the pair's floor (ocrFloor; so under Threshold as its
// Similarity is).
func (r *Reader) Similarity(i int, ocr bool) (float64, error) {
	if !r.ended {
		return 0, ErrNotEnded
	}
	m := &r.meters[i]
	n := len(m.held.Set)
	if m.cut {
		return float64(n) / float64(n+m.lacked), nil
	}
	if n+len(m.extra) == 0 {
		return 0, nil
	}
	sim := float64(m.inter) / float64(n+len(m.extra))
	floor := ocrFloor(n, m.inter+len(m.extra))
	held := m.held
	long := r.count > maxAlignRunes
	if !r.Align && !long && sim >= floor && sim < Threshold && (ocr || held.OCR) &&
		len(normalizePages(held.Pages)) <= maxAlignRunes {
		// (A held text too long to align is compared by its Jaccard
		// index: reading this one again would change nothing.)
		return 0, ErrNotAligned
	}
	return decide(sim, floor, held.OCR, ocr,
		func() ([]rune, bool) { return normalizePages(held.Pages), true },
		func() ([]rune, bool) { return r.runes, !long }), nil
}
