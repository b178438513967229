package claims

import (
	"context"
	"reflect"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// A text read as a stream answers as FindQuote on the whole text because
// each step of FindQuote is taken on a window of pages that holds all
// the step's answer depends on:
//   - a page's folded text depends on the page, the last lines of the
//     pages either side (its foot: index.FootStart) and the number of
//     pages, nothing else;
//   - a match starting on page p ends at most len(q) folded characters
//     past p's last one, and whether it cuts a number depends on the
//     folded character just before it and just after it. So the window
//     holds p, the pages after it until they fold to len(q) characters
//     (a page folding to nothing, blank or a foot only, counts nothing)
//     or the text ends, the last lines of the page after those, and the
//     folded character before p.
//
// FindQuote's steps are taken in order: a match starting on the cited
// page within it and the next folded on their own (near); the first
// match starting on the cited page in the whole text; the first match
// anywhere (scan).

const (
	// tailBytes is how much of a page's end is kept for its foot:
	// index.FootStart reads the last 48 bytes of a page and of the pages
	// beside it.
	tailBytes = 64
	// headBytes is the length from which a page the quote may run onto
	// is held as its opening only, when that holds enough for the quote.
	headBytes = 64 << 10
	// foldMargin is how many folded characters at the end of a page's
	// opening are not taken for the page's: folding a character looks at
	// those after it (a year in Chinese numerals, 零 beside a numeral, a
	// phrase of traditional characters).
	foldMargin = 32
	// contextBytes is how much of a page's opening is kept past the
	// quote's part on it: the context shown after it (contextRunes
	// characters, the punctuation around them: catalog.ShownText) and
	// what a value's unit is read from.
	contextBytes = 4*contextRunes + 256 + 64
)

// textStream is a stored text read page by page for matching a quote.
type textStream struct {
	ct    *CitedText
	q     folded
	n     int            // the pages of the text
	tails map[int]string // by page index: the page's last tailBytes bytes
	cut   map[int]int    // pages held as their opening only: how many of its folded characters are the page's
	folds map[int]folded // pages folded, their foot left out
	pages []string       // for index.FootStart: a page and its neighbours' tails, "" elsewhere
}

// stream finds q in the text as FindQuote does, reading it as a stream.
func (ct *CitedText) stream(ctx context.Context, blobs blob.Store, sha string, page int, q folded) error {
	s := &textStream{ct: ct, q: q, tails: map[int]string{}, cut: map[int]int{}, folds: map[int]folded{}}
	settled, pending, err := s.near(ctx, blobs, sha, page)
	if err != nil || settled {
		return err
	}
	return s.scan(ctx, blobs, sha, page, pending)
}

// near reads the cited page (1-based) whole, the pages after it that the
// quote may run onto (the opening of a long one) and the last lines of
// the pages either side, counts the pages, and takes FindQuote's first
// two steps. Settled when they answer; pending when the second, the first
// match starting on the cited page, depends on the folded character
// before the page, which near does not hold.
func (s *textStream) near(ctx context.Context, blobs blob.Store, sha string, page int) (settled, pending bool, err error) {
	tp, err := ingest.OpenTextPages(ctx, blobs, sha)
	if err != nil {
		return false, false, err
	}
	defer tp.Close()
	// need is how many folded characters of the pages after the cited
	// one are still to read; last the last page read for them.
	need, last := len(s.q.plain), page
	for tp.Next() {
		n := tp.PageNumber()
		s.ct.Pages = append(s.ct.Pages, "")
		switch {
		case page < 1:
		case n == page:
			err = s.readWhole(tp, n-1)
		case n == last+1 && need > 0:
			var kept int
			kept, err = s.readOpening(tp, n-1, need)
			need, last = need-kept, n
		case n == page-1 || n == last+1:
			err = s.readTail(tp, n-1)
		}
		if err != nil {
			return false, false, err
		}
	}
	if err := tp.Err(); err != nil {
		return false, false, err
	}
	s.n = len(s.ct.Pages)
	s.pages = make([]string, s.n)
	if len(s.q.plain) == 0 {
		return true, false, nil
	}
	if page < 1 || page > s.n {
		return false, false, nil
	}
	if m, ok := s.window(page-1, min(page+1, s.n), nil).onPage(s.q, page); ok {
		s.ct.Match = m
		return true, false, nil
	}
	return s.onCitedPage(page, last)
}

// onCitedPage takes FindQuote's second step on the pages read by near,
// the cited page (1-based) to last: the first match starting on the
// cited page in the whole text. Whether a match there cuts a number
// depends on the folded character before the page: when the answer is
// the same whatever that is (nothing, a digit in either form), it is
// settled; else pending.
func (s *textStream) onCitedPage(page, last int) (settled, pending bool, err error) {
	var first Match
	var found bool
	for k, before := range []*[2]rune{nil, {'0', '0'}, {'0', 'a'}, {'a', '0'}} {
		m, ok := s.window(page-1, last, before).onPage(s.q, page)
		if k > 0 && (ok != found || !reflect.DeepEqual(m, first)) {
			return false, true, nil
		}
		first, found = m, ok
	}
	if found {
		s.ct.Match = first
	}
	return found, false, nil
}

// scan reads the text again page by page, holding each page whole with
// the pages after it that the quote may run onto, and takes FindQuote's
// last step: the first place the quote starts, in page order. When the
// second step is pending, it takes it on the cited page first. The cited
// page, held from near, is kept: Context shows its opening when the
// quote is nowhere.
func (s *textStream) scan(ctx context.Context, blobs blob.Store, sha string, page int, pending bool) error {
	tp, err := ingest.OpenTextPages(ctx, blobs, sha)
	if err != nil {
		return err
	}
	defer tp.Close()
	ct := s.ct
	for i := range ct.Pages {
		if i != page-1 {
			ct.drop(i)
		}
	}
	clear(s.cut)
	clear(s.folds)
	r := &pageReader{s: s, tp: tp, sha: sha, page: page}
	keep := map[int]bool{page - 1: true} // pages let go of only at the end
	var before *[2]rune                  // the last folded character before page p
	var first *Match                     // the first match anywhere, while the cited page's is pending
	for p := 0; p < s.n; p++ {
		end, err := s.reach(r, p)
		if err != nil {
			return err
		}
		w := s.window(p, end, before)
		if pending && p == page-1 {
			pending = false
			if m, ok := w.onPage(s.q, page); ok {
				ct.Match = m
				return nil
			}
			if first != nil {
				ct.Match = *first
				return nil
			}
		}
		if i := w.firstOn(s.q, p, w.start()); first == nil && i >= 0 {
			m := w.match(i, len(s.q.plain))
			if !pending {
				ct.Match = m
				return nil
			}
			first = &m
			keep[m.FoundOnPage-1] = true
			for _, n := range m.Next {
				keep[n.Page-1] = true
			}
		}
		if f := s.fold(p); len(f.plain) > 0 {
			before = &[2]rune{f.plain[len(f.plain)-1], f.years[len(f.years)-1]}
		}
		if !keep[p] {
			ct.drop(p)
		}
		delete(s.folds, p)
		delete(s.tails, p-1)
	}
	return nil
}

// reach reads page p (0-based) and the pages after it that a quote
// starting on it may run onto, until they fold to len(q) characters or
// the text ends, with the page after them for the foot of the last; end
// is the first page not in reach.
func (s *textStream) reach(r *pageReader, p int) (end int, err error) {
	if err := r.upTo(p + 2); err != nil {
		return 0, err
	}
	end = p + 1
	for kept := 0; end < s.n && kept < len(s.q.plain); end++ {
		if err := r.upTo(end + 2); err != nil {
			return 0, err
		}
		kept += len(s.fold(end).plain)
	}
	return end, nil
}

// window folds pages [from, to) as one text, after the folded character
// before them (its plain and years forms; nil: none), which is kept at
// index 0 as if on page -1, so that a match cutting a number there is
// none.
func (s *textStream) window(from, to int, before *[2]rune) folded {
	var w folded
	if before != nil {
		w.plain, w.years, w.at = append(w.plain, before[0]), append(w.years, before[1]), append(w.at, place{page: -1})
	}
	for i := from; i < to; i++ {
		f := s.fold(i)
		w.plain = append(w.plain, f.plain...)
		w.years = append(w.years, f.years...)
		w.at = append(w.at, f.at...)
	}
	return w
}

// start is the index of a window's first character of its pages: 1
// past the character before them, which is on page -1.
func (f folded) start() int {
	if len(f.at) > 0 && f.at[0].page < 0 {
		return 1
	}
	return 0
}

// fold is page i folded as foldPages folds it in the whole text: its foot
// left out when a page follows. Of a page held as its opening, only the
// folded characters that are the page's.
func (s *textStream) fold(i int) folded {
	if f, ok := s.folds[i]; ok {
		return f
	}
	text := s.ct.Pages[i]
	var f folded
	if k, ok := s.cut[i]; ok {
		f.add(text, i)
		f = folded{plain: f.plain[:k], years: f.years[:k], at: f.at[:k]}
	} else {
		end := len(text)
		if i+1 < s.n {
			end = s.footStart(i)
		}
		f.add(text[:end], i)
	}
	s.folds[i] = f
	return f
}

// footStart is index.FootStart of page i, which reads the last lines of
// the pages either side: their tails stand for them.
func (s *textStream) footStart(i int) int {
	for _, j := range []int{i - 1, i + 1} {
		if j >= 0 && j < s.n {
			s.pages[j] = s.tails[j]
		}
	}
	s.pages[i] = s.ct.Pages[i]
	at := index.FootStart(s.pages, i)
	for j := max(0, i-1); j <= min(s.n-1, i+1); j++ {
		s.pages[j] = ""
	}
	return at
}

// firstOn is the index in f.at of the first place q starts on page p
// (0-based), as written or with its years read the other way, looking
// from index from on; -1 when it starts on none there.
func (f folded) firstOn(q folded, p, from int) int {
	first := -1
	for _, v := range [][2][]rune{{f.plain, q.plain}, {f.years, q.years}} {
		if i := find(v[0], v[1], from); i >= 0 && f.at[i].page == p && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}
