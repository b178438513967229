package claims

import (
	"context"
	"reflect"
	"slices"

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
// anywhere (scan). Where none is found, FindQuoteRead's last step, a
// match with a character or two OCR read otherwise, is taken in the same
// pass of scan and on the same windows: such a match starting on page p
// depends on no more than an exact one does (folded.nearOn).

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
	n     int             // the pages of the text
	tails map[int]string  // by page index: the page's last tailBytes bytes
	cut   map[int]opening // pages held as their opening only
	pages []string        // for index.FootStart: a page and its neighbours' tails, "" elsewhere
	folds int             // pages folded so far (each page of the text once in scan)
	// sources are how each page was read (catalog.Reading.PageSources),
	// known once near has passed over every page: where OCR read a page,
	// scan looks for the quote with a character or two read otherwise.
	sources []string
}

// opening is how a page held as its opening only folds: its first k
// folded characters are the page's, folded as if the opening held a
// traditional character when trad (the rest of the page holds one).
type opening struct {
	k    int
	trad bool
}

// stream finds q in the text as FindQuote does, reading it as a stream.
// It lets go of the pages read but the cited page and those the match is
// on.
func (ct *CitedText) stream(ctx context.Context, blobs blob.Store, sha string, page int, q folded) error {
	s := &textStream{ct: ct, q: q, tails: map[int]string{}, cut: map[int]opening{}}
	defer func() { ct.folds = s.folds }()
	settled, pending, err := s.near(ctx, blobs, sha, page)
	if err == nil && !settled {
		err = s.scan(ctx, blobs, sha, page, pending)
	}
	if err != nil {
		return err
	}
	keep := map[int]bool{page - 1: true, ct.Match.FoundOnPage - 1: true}
	for _, n := range ct.Match.Next {
		keep[n.Page-1] = true
	}
	for i := range ct.Pages {
		if !keep[i] {
			ct.drop(i)
		}
	}
	return nil
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
		if err := ctx.Err(); err != nil {
			return false, false, err
		}
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
	// The page sources follow the pages in the blob.
	reading, err := tp.Reading()
	if err != nil {
		return false, false, err
	}
	// Read through, the text is held to the one recorded when it was
	// written before any of it is matched or shown, however big
	// (ingest.VerifiedTexts): scan then reads the version found so.
	if err := tp.Verify(); err != nil {
		return false, false, err
	}
	s.sources = reading.PageSources
	s.n = len(s.ct.Pages)
	s.pages = make([]string, s.n)
	if len(s.q.plain) == 0 {
		return true, false, nil
	}
	if page < 1 || page > s.n {
		return false, false, nil
	}
	// w holds the pages page..last folded, after a place for the folded
	// character before them (onCitedPage), which is on page -1 so that
	// a match cutting a number there is none.
	w := folded{plain: []rune{0}, years: []rune{0}, at: []place{{page: -1}}}
	next, err := s.foldOnto(&w, page-1)
	next++ // the end of the cited page's and the next's
	for i := page; i < last && err == nil; i++ {
		var k int
		if k, err = s.foldOnto(&w, i); i == page {
			next += k
		}
	}
	if err != nil {
		return false, false, err
	}
	if m, ok := w.slice(1, next).onPage(s.q, page); ok {
		s.ct.Match = m
		return true, false, nil
	}
	return s.onCitedPage(w, page)
}

// slice is the folded characters [i, j) of f.
func (f folded) slice(i, j int) folded {
	return folded{plain: f.plain[i:j], years: f.years[i:j], at: f.at[i:j]}
}

// onCitedPage takes FindQuote's second step on w, the pages read by near
// folded after a place for the character before them: the first match
// starting on the cited page (1-based) in the whole text. Whether a match
// there cuts a number depends on the folded character before the page:
// when the answer is the same whatever that is (nothing, a digit in
// either form), it is settled; else pending.
func (s *textStream) onCitedPage(w folded, page int) (settled, pending bool, err error) {
	var first Match
	var found bool
	for k, before := range []*[2]rune{nil, {'0', '0'}, {'0', 'a'}, {'a', '0'}} {
		v := w.slice(1, len(w.plain))
		if before != nil {
			w.plain[0], w.years[0], v = before[0], before[1], w
		}
		m, ok := v.onPage(s.q, page)
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
func (s *textStream) scan(ctx context.Context, blobs blob.Store, sha string, page int, pending bool) (err error) {
	tp, err := ingest.OpenTextPages(ctx, blobs, sha)
	if err != nil {
		return err
	}
	defer tp.Close()
	defer func() {
		// near found the text as recorded; one written again since is
		// read to its end and checked before its match is taken (for
		// the version near checked, Verify reads nothing).
		if err == nil {
			err = tp.Verify()
		}
	}()
	ct := s.ct
	for i := range ct.Pages {
		if i != page-1 {
			ct.drop(i)
		}
	}
	clear(s.cut)
	ct.cited, ct.scanning = page, true
	r := &pageReader{ctx: ctx, s: s, tp: tp, sha: sha, page: page}
	w := &slide{start: map[int]int{}}
	keep := map[int]bool{page - 1: true} // pages let go of only at the end
	var first *Match                     // the first match anywhere, while the cited page's is pending
	// near is the match with a character or two OCR read otherwise
	// (FindQuoteRead): the first anywhere, the cited page's once it is
	// passed; the answer when no exact one is found.
	var near *Match
	lookNear := slices.ContainsFunc(s.sources, readByOCR) && nearMisses(len(s.q.plain)) > 0
	for p := 0; p < s.n; p++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		if err := w.reach(s, r, p); err != nil {
			return err
		}
		v, from, to := w.of(p)
		if pending && p == page-1 {
			pending = false
			if m, ok := v.onPage(s.q, page); ok {
				ct.Match = m
				return nil
			}
			if first != nil {
				ct.Match = *first
				return nil
			}
		}
		if i := v.firstOn(s.q, p, from, to); first == nil && i >= 0 {
			m := v.match(i, len(s.q.plain))
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
		if lookNear && (near == nil || p == page-1) {
			if m, ok := v.nearOn(ct.Pages, s.sources, s.q.plain, from, to); ok {
				m.Found = p == page-1
				near = &m
				keep[m.FoundOnPage-1] = true
				for _, n := range m.Next {
					keep[n.Page-1] = true
				}
			}
		}
		if !keep[p] {
			ct.drop(p)
		}
		delete(s.tails, p-1)
	}
	if near != nil {
		ct.Match = *near
	}
	return nil
}

// slide is the text folded as scan passes over it: from the last folded
// character before the page it is on to the end of the pages a quote
// starting there may run onto. Each page is folded once, when the window
// reaches it; a page that folds to nothing takes no place in it.
type slide struct {
	f     folded
	base  int         // the folded characters let go of before f's first
	start map[int]int // by page: where its folded characters start, counting those let go of
	end   int         // the first page not folded
}

// reach folds the pages from p (0-based) on that a quote starting on it
// may run onto, until they fold to len(q) characters past p's or the text
// ends (each page read with the page after it, for its foot), and lets go
// of the characters before p's but the last.
func (w *slide) reach(s *textStream, r *pageReader, p int) error {
	for w.end <= p || w.end < s.n && w.base+len(w.f.plain)-w.startOf(p+1) < len(s.q.plain) {
		if err := r.upTo(w.end + 2); err != nil {
			return err
		}
		w.start[w.end] = w.base + len(w.f.plain)
		if _, err := s.foldOnto(&w.f, w.end); err != nil {
			return err
		}
		w.end++
	}
	if k := w.start[p] - 1 - w.base; k > 0 {
		if k > len(w.f.plain)/2 {
			w.f = folded{plain: slices.Clone(w.f.plain[k:]), years: slices.Clone(w.f.years[k:]), at: slices.Clone(w.f.at[k:])}
		} else {
			w.f = w.f.slice(k, len(w.f.plain))
		}
		w.base += k
	}
	delete(w.start, p-1)
	return nil
}

// startOf is where page i's folded characters start, counting those let
// go of; past the pages folded, the end of them.
func (w *slide) startOf(i int) int {
	if i < w.end {
		return w.start[i]
	}
	return w.base + len(w.f.plain)
}

// of is the window of page p: the folded characters from the last before
// p's to the end of those folded, and where p's start and end in it.
func (w *slide) of(p int) (v folded, from, to int) {
	from = w.start[p] - w.base
	to = w.startOf(p+1) - w.base
	k := max(0, from-1)
	return w.f.slice(k, len(w.f.plain)), from - k, to - k
}

// foldOnto folds page i onto w as foldPages folds it in the whole text:
// its foot left out when a page follows. Of a page held as its opening,
// only the folded characters that are the page's. It returns how many
// it added, having charged the page for them (foldedCost) where its
// bytes held do not cover them (digits, Latin letters).
func (s *textStream) foldOnto(w *folded, i int) (int, error) {
	s.folds++
	n := len(w.plain)
	text := s.ct.Pages[i]
	if c, ok := s.cut[i]; ok {
		w.addText(text, i, c.trad)
		*w = w.slice(0, n+c.k)
	} else {
		end := len(text)
		if i+1 < s.n {
			end = s.footStart(i)
		}
		w.add(text[:end], i)
	}
	added := len(w.plain) - n
	if s.ct.budget == nil {
		return added, nil
	}
	// The page, its copy while read, and its folded characters.
	cost := 2*int64(len(text)) + int64(added)*foldedCost
	if held := s.ct.held[i]; cost > held {
		return added, s.ct.charge(i, cost-held)
	}
	return added, nil
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
// at the places [from, to); -1 when it starts on none there.
func (f folded) firstOn(q folded, p, from, to int) int {
	first := -1
	for _, v := range [][2][]rune{{f.plain, q.plain}, {f.years, q.years}} {
		if i := findBefore(v[0], v[1], from, to); i >= 0 && f.at[i].page == p && (first < 0 || i < first) {
			first = i
		}
	}
	return first
}
