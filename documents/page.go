package documents

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// PageAt names the page of a text a document page shows, and the part of
// it when it is longer than PartBytes (a text file without page breaks is
// one page, however long).
type PageAt struct {
	Page, Part int
}

// PartBytes is the most of one page a document page shows at once: some
// 85,000 Chinese characters, 40 dense printed pages.
const PartBytes = 256 << 10

// headBytes is how much of a text's start indicator suggestions look at:
// one part. Their word analysis allocates some 300 MB for each MB of
// text (measured: 83 MB for a part), so the whole indexed text of a long
// document cost half a gigabyte a page view.
const headBytes = PartBytes

// PageText is the page of a document's text that its page shows.
type PageText struct {
	// Number and Count are the page shown and the pages in all; Part and
	// Parts the part shown of it and its parts (1 and 1 for a page no
	// longer than PartBytes).
	Number, Count, Part, Parts int
	// Text is the part shown; Before and After are the neighbouring pages
	// (the parts next to it in a long page), for matches across a break.
	Text, Before, After string
	// Cut says where the text leaves the index.
	Cut index.IndexCut
	// PrevParts is how many parts the page before has (0 on the first),
	// so that going back from part 1 leads to its last part.
	PrevParts int
	// FirstLine is the first line of the page's first part, whichever
	// part is shown: a workbook's sheet name.
	FirstLine string
}

// pageRead is a PageText being read, or the text's head for suggestions,
// or both (a first view's page read with its index, headLeft the head
// still to take on the way: the text's first headBytes).
type pageRead struct {
	PageText
	head     []string
	headLeft int
	budget   *textBudget
	// held is what the read holds of the budget, headHeld the part of it
	// the head holds.
	held, headHeld int64
}

// dropHead gives back what the head holds of the budget, once the
// suggestions are ranked from it (or were kept); the page stays.
func (pr *pageRead) dropHead() {
	pr.budget.give(pr.headHeld)
	pr.held -= pr.headHeld
	pr.head, pr.headHeld = nil, 0
}

func (pr *pageRead) release() {
	if pr == nil {
		return
	}
	pr.budget.give(pr.held)
	pr.held = 0
}

// hold lends n bytes held whole (shownCost each: the highlighter and
// catalog.Fullwidth hold them as runes) within the budget.
func (pr *pageRead) hold(n int) error {
	cost := int64(n) * shownCost
	if err := pr.budget.take(cost, pr.held+cost); err != nil {
		return err
	}
	pr.held += cost
	return nil
}

// readPage reads a page of a document's text, keeping only the part
// asked for and its neighbours, the count of pages and parts, and the
// index cut: from where its page index (key names it: pageIndexKey) says
// they begin in the blob, the index built first when the text has none
// kept yet, once however many views ask for it at once (pageIndexOf);
// from the text's start when it can have no index. The view that builds
// the index has its page kept as the text is read through for it, and
// reads no part of it again.
func (s *Service) readPage(ctx context.Context, d *catalog.Document, key string, at PageAt) (*pageRead, error) {
	ix, first, err := s.pageIndexOf(ctx, d, key, at)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	if first != nil {
		return first, nil
	}
	if ix != nil {
		pr, err := s.readIndexed(ctx, d, at, ix)
		if err == nil {
			return pr, nil
		}
		if pr != nil {
			pr.release()
		}
		if code := catalog.ErrorCode(err); code == catalog.ETOOLARGE || code == catalog.EUNAVAILABLE || ctx.Err() != nil {
			// Out of budget, or the viewer left: the index is not at fault.
			return nil, fmt.Errorf("text of %s: %w", d.ID, err)
		}
		// The blob is not as it was indexed: forget the index and read
		// from the start, which says what is wrong.
		s.pageIndexes.drop(key)
	}
	pr, _, err := s.scanPages(ctx, d, &at)
	if err == nil && pr.Count > 0 && (pr.Number == 0 || pr.Part == 0) {
		// Past the last page or part: show the first page, or the page's
		// last part, as a link to a text re-extracted shorter would.
		again := PageAt{Page: 1}
		if pr.Number > 0 {
			again = PageAt{Page: pr.Number, Part: pr.Parts}
		}
		pr.release()
		pr, _, err = s.scanPages(ctx, d, &again)
	}
	if err != nil {
		if pr != nil {
			pr.release()
		}
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	return pr, nil
}

// pageIndexOf is the page index of d's text that key names: the one
// kept, else one built by reading the text through, which views asking at
// once wait for rather than each reading the text (a 30 MB text on S3 is
// 30 MB downloaded a view); nil when the text can have none (key "", no
// pages). The view whose page index is built has its page (at) read on
// the way (first; nil when another view began the build).
func (s *Service) pageIndexOf(ctx context.Context, d *catalog.Document, key string, at PageAt) (*pageIndex, *pageRead, error) {
	if ix := s.pageIndexes.get(key); ix != nil {
		return ix, nil, nil
	}
	s.pageIndexes.forgetStale(key, d.SHA256)
	if key == "" {
		return nil, nil, nil
	}
	return s.buildIndex(ctx, d, key, at)
}

// scanPages reads all of d's text, for page at (nil: none, only the
// index), and indexes where its pages and parts begin (pageIndex) on the
// way.
func (s *Service) scanPages(ctx context.Context, d *catalog.Document, at *PageAt) (*pageRead, *pageIndex, error) {
	pr := &pageRead{budget: s.textBudget.Load()}
	ix, err := s.scanInto(ctx, d, at, pr, false)
	return pr, ix, err
}

// scanInto is scanPages keeping page at in pr, which holds what it
// takes of the budget even when reading fails; the caller releases it.
// When spare, the page is kept only as the budget allows: out of it, pr
// gives back what it held and keeps no page (Number 0), and the text is
// read on for its index all the same.
func (s *Service) scanInto(ctx context.Context, d *catalog.Document, at *PageAt, pr *pageRead, spare bool) (*pageIndex, error) {
	tp, err := ingest.OpenTextPages(ctx, s.blobs, d.SHA256)
	if err != nil {
		return nil, err
	}
	defer tp.Close()
	if at != nil {
		at.Page, at.Part = max(at.Page, 1), max(at.Part, 1)
	}
	ix := &pageIndex{}
	cut := index.NewCutCounter()
	var part []byte
	for tp.Next() {
		n := tp.PageNumber()
		pr.Count = n
		for k := 1; ; k++ {
			if err := ctx.Err(); err != nil {
				return nil, err // the viewer left, or the service closed
			}
			off := tp.Offset()
			var err error
			if part, err = tp.Chunk(part[:0], PartBytes); err == io.EOF && k > 1 {
				break
			} else if err != nil && err != io.EOF {
				return nil, err
			}
			// An empty page is one empty part.
			ix.add(n, k, off)
			if k == 2 {
				ix.setFirstLine(n, firstLine(ix.firstPart))
			}
			if k == 1 {
				ix.firstPart = append(ix.firstPart[:0], part[:min(len(part), maxFirstLine+1)]...)
			}
			cut.Add(n, part)
			if at != nil {
				err := pr.keep(n, k, *at, part)
				if err == nil && pr.headLeft > 0 {
					err = pr.addHead(n, part, &pr.headLeft)
				}
				if err != nil && !spare {
					return nil, err
				} else if err != nil {
					pr.release()
					*pr, at = pageRead{budget: pr.budget}, nil
				}
			}
			if err == io.EOF {
				break
			}
		}
	}
	pr.Cut = cut.Cut()
	ix.cut, ix.extractor = pr.Cut, tp.Extractor
	ix.firstPart = nil
	if err := tp.Err(); err != nil {
		return nil, err
	}
	// Read through, the text is held to the one recorded when it was
	// written before its page index is kept (ingest.VerifiedTexts).
	if err := tp.Verify(); err != nil {
		return nil, err
	}
	return ix, nil
}

// addHead adds what of part (of page n) is in the text's head, the first
// headBytes, left counting down what is still to take.
func (pr *pageRead) addHead(n int, part []byte, left *int) error {
	if *left <= 0 {
		return nil
	}
	take := part[:min(len(part), *left)]
	pr.head = append(pr.head, make([]string, n-len(pr.head))...)
	pr.head[n-1] += string(take)
	*left -= len(take)
	if err := pr.hold(len(take)); err != nil {
		return err
	}
	pr.headHeld += int64(len(take)) * shownCost
	return nil
}

// textHead reads the head of a document's text (its first headBytes, as
// the page's suggestions look at it), from its blob, and no further; the
// caller releases it. version is the blob's its ranges are read of (""
// any): a head is never spliced from two.
func (s *Service) textHead(ctx context.Context, d *catalog.Document, version string) (*pageRead, error) {
	// Some 4 headBytes at first: a head escaped in JSON (\uXXXX) is longer.
	tp, err := ingest.OpenTextPages(ctx, windowed{Store: s.blobs, first: 4 * headBytes, version: version}, d.SHA256)
	if err != nil {
		return nil, err
	}
	defer tp.Close()
	pr, left := &pageRead{budget: s.textBudget.Load()}, headBytes
	var part []byte
	for left > 0 && tp.Next() {
		for k := 1; left > 0; k++ {
			if part, err = tp.Chunk(part[:0], PartBytes); err == io.EOF && k > 1 {
				break
			} else if err != nil && err != io.EOF {
				pr.release()
				return nil, err
			}
			if herr := pr.addHead(tp.PageNumber(), part, &left); herr != nil {
				pr.release()
				return nil, herr
			}
			if err == io.EOF {
				break
			}
		}
	}
	if err := tp.Err(); err != nil {
		pr.release()
		return nil, err
	}
	return pr, nil
}

// keep takes part k of page n when the page shown at needs it: the part
// shown, the parts either side of it, the last part of the page before
// and the first of the page after.
func (pr *pageRead) keep(n, k int, at PageAt, part []byte) error {
	var into *string
	switch {
	case n == at.Page:
		pr.Number, pr.Parts = n, k
		if k == 1 {
			pr.FirstLine = firstLine(part)
		}
		switch k {
		case at.Part - 1:
			pr.giveBack(pr.Before)
			pr.Before, into = "", &pr.Before
		case at.Part:
			pr.Part, into = k, &pr.Text
		case at.Part + 1:
			into = &pr.After
		}
	case n == at.Page-1:
		pr.PrevParts = k
		pr.giveBack(pr.Before)
		pr.Before, into = "", &pr.Before
	case n == at.Page+1 && k == 1 && pr.Part == pr.Parts:
		into = &pr.After
	}
	if into == nil {
		return nil
	}
	if err := pr.hold(len(part)); err != nil {
		return err
	}
	*into = string(part)
	return nil
}

// firstLine is part's first line, no longer than maxFirstLine bytes of
// whole characters.
func firstLine(part []byte) string {
	line, _, _ := bytes.Cut(part, []byte("\n"))
	if len(line) > maxFirstLine {
		line = line[:maxFirstLine]
		for len(line) > 0 && !utf8.Valid(line) {
			line = line[:len(line)-1]
		}
	}
	return string(line)
}

// maxFirstLine is the most of a page's first line PageText keeps.
const maxFirstLine = 1 << 10

// giveBack returns what a part no longer kept held of the budget.
func (pr *pageRead) giveBack(part string) {
	cost := int64(len(part)) * shownCost
	pr.budget.give(cost)
	pr.held -= cost
}
