package claims

import (
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// Reading the pages of a text read as a stream: whole, as their opening,
// or their last lines only (textStream).

// pageReader reads a text's pages whole, in order, for scan; the cited
// page (1-based), held from near, is passed over.
type pageReader struct {
	ctx  context.Context
	s    *textStream
	tp   *ingest.TextPages
	sha  string
	page int
	read int // pages read so far
}

// upTo reads pages until k are read (or all of them).
func (r *pageReader) upTo(k int) error {
	for r.read < min(k, r.s.n) {
		if err := r.ctx.Err(); err != nil {
			return err
		}
		if !r.tp.Next() {
			if err := r.tp.Err(); err != nil {
				return err
			}
			return fmt.Errorf("text %s ended at page %d of %d", r.sha, r.read, r.s.n)
		}
		r.read++
		if r.read == r.page && r.s.ct.Pages[r.read-1] != "" {
			continue // held from near
		}
		if err := r.s.readWhole(r.tp, r.read-1); err != nil {
			return err
		}
	}
	return nil
}

// readWhole reads what is left of tp's current page whole, as page i,
// within the budget.
func (s *textStream) readWhole(tp *ingest.TextPages, i int) error {
	if err := s.ct.read(tp, i); err != nil {
		return err
	}
	s.tails[i] = string([]byte(tailOf(s.ct.Pages[i])))
	return nil
}

// readTail reads only the last lines of tp's current page, page i.
func (s *textStream) readTail(tp *ingest.TextPages, i int) error {
	_, tail, _, err := restOf(tp, 0)
	s.tails[i] = tail
	return err
}

// readOpening reads tp's current page, page i, which the quote may run
// onto for need more folded characters: whole, but a long one (headBytes
// and more) whose opening holds them, past the folding margin, and
// contextBytes more: then its opening and its last lines only. It returns
// how many folded characters the page counts for: of one read whole, no
// more than it may have before its foot, which cannot be told yet (a foot
// of 1/3 is one only in a text of 3 pages).
func (s *textStream) readOpening(tp *ingest.TextPages, i, need int) (int, error) {
	var buf []byte
	next := headBytes // the length at which the opening is folded next
	for {
		n := len(buf)
		var err error
		buf, err = tp.Chunk(buf, 64<<10)
		if err == io.EOF {
			break
		}
		if err != nil {
			return 0, err
		}
		if err := s.ct.hold(i, len(buf)-n); err != nil {
			return 0, err
		}
		if len(buf) < next {
			continue
		}
		next = 2 * len(buf)
		var f folded
		f.add(string(buf), i)
		k := len(f.plain) - foldMargin
		if k < need || f.at[need-1].end+contextBytes > len(buf) {
			continue
		}
		rest, tail, trad, err := restOf(tp, headBytes)
		if err != nil {
			return 0, err
		}
		if rest == nil {
			// A traditional character further on makes the whole page
			// fold its phrases (回覆 → 回复): its opening folds so too.
			s.ct.Pages[i], s.tails[i], s.cut[i] = string(buf), tail, opening{k: k, trad: trad}
			return k, nil
		}
		if err := s.ct.hold(i, len(rest)); err != nil {
			return 0, err
		}
		buf = append(buf, rest...)
		break
	}
	if err := tp.Err(); err != nil {
		return 0, err
	}
	text := string(buf)
	s.ct.Pages[i], s.tails[i] = text, string([]byte(tailOf(text)))
	// Its foot, if it has one, is in its last lines and folds to digits,
	// 第, 页 and 共 at most: those there are not counted.
	var f folded
	f.add(text, i)
	kept, tail := len(f.plain), len(text)-len(s.tails[i])
	for k, at := range f.at {
		if r := f.plain[k]; at.start >= tail && (isDigit(plainDigit(r)) || r == '第' || r == '页' || r == '共') {
			kept--
		}
	}
	return kept, nil
}

// restOf reads what is left of tp's current page: all of it when it is
// at most keep bytes, else only its last lines (rest is nil, tail them),
// and whether it holds a traditional character.
func restOf(tp *ingest.TextPages, keep int) (rest []byte, tail string, trad bool, err error) {
	var buf []byte
	long := false
	for {
		n := len(buf)
		buf, err = tp.Chunk(buf, 16<<10)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, "", false, err
		}
		trad = trad || index.HasTraditional(buf[n:])
		long = long || len(buf) > keep
		if long && len(buf) > 2*tailBytes {
			buf = append(buf[:0], buf[len(buf)-2*tailBytes:]...)
		}
	}
	if long {
		return nil, tailOf(string(buf)), trad, nil
	}
	return buf, tailOf(string(buf)), trad, nil
}

// tailOf is the end of a page where index.FootStart looks for its foot
// (its last 48 bytes), from a character's start, with a character more:
// FootStart finds the same foot in it as in the page.
func tailOf(text string) string {
	from := max(0, len(text)-tailBytes)
	for from > 0 && !utf8.RuneStart(text[from]) {
		from--
	}
	return text[from:]
}
