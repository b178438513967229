package claims

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// TextBudget lends memory to pages of text held whole, one budget per
// server (documents.Service's, which /text and the document page borrow
// from too): a page it cannot take now is EUNAVAILABLE with a time to
// retry after, one bigger than all of it ETOOLARGE.
type TextBudget interface {
	// LendText lends n bytes more to a load that then holds total (n
	// may be 0: whether a load of total could ever be held).
	LendText(n, total int64) (release func(), err error)
}

// foldCost is the memory a page held for quote matching takes for each
// byte of it: the page, its folded copy and the folded runes with their
// places (folded: 32 bytes a character, a Chinese character 3 bytes).
// A page of digits or Latin letters folds to more characters: the stream
// charges what it folds beyond that (foldedCost).
const foldCost = 16

// foldedCost is the memory a folded character takes: its two forms
// (plain and years) and its place.
const foldedCost = 32

// CitedText is a document's text as far as checking a quote needs it:
// Pages has an entry for every page of the text. A text of up to
// wholeTextBytes (every document of a few hundred pages) is held whole;
// one bigger is read from its blob as a stream and Pages holds only the
// cited page and the pages the quote found is on (the others are ""),
// so that a quote in a text of 40 MB costs a few of its pages, not the
// text. A long page the quote runs onto may be held as its opening only,
// enough for the quote and the context shown after it. Close gives back
// the memory held.
type CitedText struct {
	Pages []string
	Match Match

	budget   TextBudget
	releases map[int]func() // by page index, what each held page took
	held     map[int]int64  // by page index, the bytes lent to it
	folds    int            // pages folded by the stream (the tests: each about once)
	sources  []string       // how each page was read, for a text held whole (FindQuoteRead; a stream's are textStream's)
	cited    int            // the cited page (1-based)
	scanning bool           // the stream reads every page for the quote (scan)
	// pageless: the citation was sent without its page and is looked for
	// from page 1 on (ReadCitedTextWherever): a page too long is no page
	// the user cited, so they are asked for the page, not told to cite
	// another one.
	pageless  bool
	heldWhole bool // every page is held (a text up to wholeTextBytes)
}

// Close gives back the budget the pages held.
func (ct *CitedText) Close() {
	for i, r := range ct.releases {
		r()
		delete(ct.releases, i)
	}
}

// drop lets page i (0-based) go.
func (ct *CitedText) drop(i int) {
	ct.Pages[i] = ""
	delete(ct.held, i)
	if r, ok := ct.releases[i]; ok {
		r()
		delete(ct.releases, i)
	}
}

// read reads what is left of tp's current page whole, as page i, within
// the budget.
func (ct *CitedText) read(tp *ingest.TextPages, i int) error {
	var buf []byte
	for {
		n := len(buf)
		var err error
		buf, err = tp.Chunk(buf, 64<<10)
		if err != nil {
			break
		}
		if err := ct.hold(i, len(buf)-n); err != nil {
			return err
		}
	}
	if err := tp.Err(); err != nil {
		return err
	}
	for len(ct.Pages) <= i {
		ct.Pages = append(ct.Pages, "")
	}
	ct.Pages[i] = string(buf)
	return nil
}

// hold takes n more bytes of page i from the budget (none without one).
func (ct *CitedText) hold(i, n int) error {
	return ct.charge(i, int64(n)*foldCost)
}

// charge takes cost more bytes of memory for page i from the budget.
func (ct *CitedText) charge(i int, cost int64) error {
	if ct.budget == nil {
		return nil
	}
	// The whole window is held at once: a load whose pages each fit but
	// never all together is ETOOLARGE, not a retry that never succeeds.
	var total int64
	for _, h := range ct.held {
		total += h
	}
	release, err := ct.budget.LendText(cost, total+cost)
	if catalog.ErrorCode(err) == catalog.ETOOLARGE {
		// Lending nothing tells whether the page alone is too long.
		probe, alone := ct.budget.LendText(0, ct.held[i]+cost)
		if alone == nil && probe != nil {
			probe()
		}
		if catalog.ErrorCode(alone) == catalog.ETOOLARGE && ct.pageless {
			// Given the page, the stream reads it before the others: a
			// quote on another page than this one is found without it.
			return catalog.Errorf(catalog.ETOOLARGE, "第 %d 页的文字太长，无法从第 1 页起查找引文；请注明引文所在的页码，或把文件拆分后重新上传", i+1)
		}
		if catalog.ErrorCode(alone) == catalog.ETOOLARGE && ct.scanning && i+1 != ct.cited {
			// A page the user did not cite, read looking for the quote
			// in the whole text: citing another page would not help.
			return catalog.Errorf(catalog.ETOOLARGE, "第 %d 页的文字太长，无法在全文中查找引文；请把文件拆分后重新上传", i+1)
		}
		if catalog.ErrorCode(alone) == catalog.ETOOLARGE {
			return catalog.Errorf(catalog.ETOOLARGE, "第 %d 页的文字太长，无法核对其中的引文；请引用其他页，或把文件拆分后重新上传", i+1)
		}
		return catalog.Errorf(catalog.ETOOLARGE, "第 %d 页和它前后几页的文字合起来太长，无法核对其中的引文；请把文件拆分后重新上传", i+1)
	}
	if err != nil {
		return fmt.Errorf("page %d: %w", i+1, err)
	}
	ct.held[i] += cost
	prev := ct.releases[i]
	ct.releases[i] = func() {
		if prev != nil {
			prev()
		}
		release()
	}
	return nil
}

// ReadCitedText finds quote in the stored text of the document with these
// bytes as FindQuoteRead finds it in pages, first where it starts on page
// (1-based), then anywhere, exactly, else with a character or two OCR
// read otherwise: the same page, place, passage and Read, or none. A
// text of up to wholeTextBytes is read whole and FindQuoteRead answers. A
// bigger one is read as a stream (textStream): the cited page and the
// pages the quote may run onto first, then, when that does not settle
// it, page after page with a window of pages enough for the quote,
// letting each go once it is passed. The pages held are lent memory by
// budget (nil: without bound). The caller closes it.
func ReadCitedText(ctx context.Context, blobs blob.Store, budget TextBudget, sha string, page int, quote string) (*CitedText, error) {
	return readCitedText(ctx, blobs, budget, sha, page, quote, wholeTextBytes)
}

// QuoteStartsOn is the page a citation sent without its page cites: the
// page its quote starts on, found as ReadCitedText finds it from page 1
// on (the first place it is); 0 when it is nowhere in the text. A
// coordinator who copied a sentence from a one-page notice, or from the
// document's text, need not count pages.
func QuoteStartsOn(ctx context.Context, blobs blob.Store, budget TextBudget, sha, quote string) (int, error) {
	ct, err := ReadCitedTextWherever(ctx, blobs, budget, sha, quote)
	if err != nil {
		return 0, err
	}
	ct.Close()
	return ct.Match.FoundOnPage, nil
}

// ReadCitedTextWherever is ReadCitedText for a citation sent without its
// page, in one read of the text: the quote is looked for from page 1 on,
// and where it is found (Match.FoundOnPage, as QuoteStartsOn) is the
// page cited, the match found there (Match.Found); nowhere, FoundOnPage
// is 0. Finding the page and then reading the text again to check the
// quote on it read a text twice, a stream of a text over 2 MB scanned
// twice. The first place the quote is, found from page 1, is the first
// place on its page too, which ReadCitedText of that page would find.
func ReadCitedTextWherever(ctx context.Context, blobs blob.Store, budget TextBudget, sha, quote string) (*CitedText, error) {
	return readCitedTextWherever(ctx, blobs, budget, sha, quote, wholeTextBytes)
}

// readCitedTextWherever is ReadCitedTextWherever reading a text whole up
// to wholeBytes (the tests lower it to read every text as a stream).
func readCitedTextWherever(ctx context.Context, blobs blob.Store, budget TextBudget, sha, quote string, wholeBytes int64) (*CitedText, error) {
	ct, err := readCitedTextAs(ctx, blobs, budget, sha, 1, quote, wholeBytes, true)
	if err != nil {
		return nil, err
	}
	if ct.Match.FoundOnPage > 0 {
		ct.Match.Found, ct.cited = true, ct.Match.FoundOnPage
	}
	return ct, nil
}

// readCitedText is ReadCitedText reading a text whole up to wholeBytes
// (the tests lower it to read every text as a stream).
func readCitedText(ctx context.Context, blobs blob.Store, budget TextBudget, sha string, page int, quote string, wholeBytes int64) (*CitedText, error) {
	return readCitedTextAs(ctx, blobs, budget, sha, page, quote, wholeBytes, false)
}

// readCitedTextAs is readCitedText for a citation sent with its page, or
// without it (pageless: page is 1, where the quote is looked for from).
func readCitedTextAs(ctx context.Context, blobs blob.Store, budget TextBudget, sha string, page int, quote string, wholeBytes int64, pageless bool) (*CitedText, error) {
	ct := &CitedText{budget: budget, releases: map[int]func(){}, held: map[int]int64{}, pageless: pageless}
	info, err := blobs.Stat(ctx, catalog.TextKey(sha))
	if err != nil {
		return nil, fmt.Errorf("stat %s: %w", catalog.TextKey(sha), err)
	}
	if info.Size <= wholeBytes {
		ok, err := ct.whole(ctx, blobs, sha, info.Size)
		if err != nil {
			ct.Close()
			return nil, err
		}
		if ok {
			ct.heldWhole = true
			ct.Match = ct.Find(page, quote)
			return ct, nil
		}
	}
	q := foldQuote(quote)
	if err := ct.stream(ctx, blobs, sha, page, q); err != nil {
		ct.Close()
		return nil, err
	}
	return ct, nil
}

// wholeTextBytes is the largest stored text (its JSON blob, never
// smaller than the pages it holds) that ReadCitedText reads whole and
// matches with FindQuote itself: every document of a few hundred pages.
// Only bigger ones are read as a stream with a window of pages. Held for
// matching it takes foldCost times that, 32 MB of the default budget.
const wholeTextBytes = 2 << 20

// whole reads every page of the text, whose blob is size bytes, within
// the budget: it borrows at once what matching the whole text may take.
// False, having read nothing, when that is more than all of the budget:
// the stream, holding a few pages, may still do.
func (ct *CitedText) whole(ctx context.Context, blobs blob.Store, sha string, size int64) (bool, error) {
	if ct.budget != nil {
		cost := size * foldCost
		release, err := ct.budget.LendText(cost, cost)
		if catalog.ErrorCode(err) == catalog.ETOOLARGE {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("text %s: %w", sha, err)
		}
		ct.releases[-1] = release
	}
	tp, err := ingest.OpenTextPages(ctx, blobs, sha)
	if err != nil {
		return false, err
	}
	defer tp.Close()
	for tp.Next() {
		text, err := tp.Page(int(size))
		if err != nil {
			return false, err
		}
		ct.Pages = append(ct.Pages, text)
	}
	if err := tp.Err(); err != nil {
		return false, err
	}
	// The page sources follow the pages in the blob: which pages OCR read
	// decides whether a quote may match with a misread character.
	reading, err := tp.Reading()
	if err != nil {
		return false, err
	}
	ct.sources = reading.PageSources
	// Read whole, the text is held to the one recorded when it was
	// written: another text would be matched, and shown, as the cited one.
	if err := tp.Verify(); err != nil {
		return false, err
	}
	return true, nil
}

// Find looks for another quote in the pages ct holds by the one rule
// (FindQuoteRead). Of a text read as a stream (bigger than
// wholeTextBytes) it holds a few pages only, and looks for the quote
// there exactly only: a match with a misread character on a page held
// might stand before an exact one on a page let go. ReadCitedText reads
// such a text for each of its quotes.
func (ct *CitedText) Find(page int, quote string) Match {
	return FindQuoteRead(ct.Pages, ct.sources, page, quote)
}
