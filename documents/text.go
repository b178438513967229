package documents

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
)

// TextRange is pages From to To of a document's stored text, read from
// its blob as they are sent (ingest.TextPages): serving the text of a
// 40 MB document holds a read buffer and one part of a page, not the
// text. Read it with Next and Chunk, then ask Cut; Close it.
type TextRange struct {
	Document  *catalog.Document
	Extractor string
	// PageCount is the document's number of pages: the catalog's, or,
	// when the text has more (an older extraction counted), the text's,
	// once Cut has been asked. From and To are the range asked for (0 To
	// for every page to the end); Next stops at the text's last page.
	PageCount, From, To int

	tp     *ingest.TextPages
	cut    *index.CutCounter
	shown  bool
	budget *textBudget
	held   int64
	// started: the first page of the range is begun, not yet handed.
	started bool
	// handed: the current page, shown, is handed over whole; what it
	// holds of the budget is given back by Next or Close, once the
	// caller is done with it.
	handed bool
	// indexed, when not nil, says where the text's pages begin and its
	// cut: the range was opened at From. stale forgets it, when the
	// blob does not read as it says.
	indexed *pageIndex
	stale   func()
}

// TextRequest says which pages of a text to read, and how.
type TextRequest struct {
	// From and To are the first and last page, from 1; zero From is the
	// first page, zero To the last.
	From, To int
	// Shown reads each page as the document page shows it, punctuation
	// next to Chinese full-width (catalog.ShownForm): that needs the page
	// whole, so it is read within the server's budget for big texts.
	Shown bool
}

// textChunk is how much of a page a TextRange hands over at a time.
const textChunk = 64 << 10

// OpenText opens pages req.From to req.To of a document's text. A page
// beyond the last is EINVALID saying how many there are; a text not
// extracted (yet) is ECONFLICT, as Text has it.
func (s *Service) OpenText(ctx context.Context, u *catalog.User, id string, req TextRequest) (*TextRange, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := textReady(d); err != nil {
		return nil, err
	}
	if req.From == 0 {
		req.From = 1
	}
	if req.From < 1 || req.To != 0 && req.To < req.From {
		return nil, catalog.FieldErrorf("from", catalog.EINVALID, "页码范围 %d–%d 无效：起始页应从 1 开始，且不大于结束页", req.From, req.To)
	}
	key, err := s.pageIndexKey(ctx, d)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	if ix := s.pageIndexes.get(key); ix != nil && ix.extractor != "" {
		// The document page indexed where its pages begin: no page before
		// From is read, nor any after To.
		tr, err := s.openIndexed(ctx, d, req, ix)
		if err == nil {
			tr.stale = func() { s.pageIndexes.drop(key) }
			return tr, nil
		}
		if code := catalog.ErrorCode(err); code == catalog.EINVALID || code == catalog.ETOOLARGE ||
			code == catalog.EUNAVAILABLE || ctx.Err() != nil {
			return nil, err // the index is not at fault
		}
		// The blob does not read as it was indexed: forget the index and
		// read from the start, which says what is wrong.
		s.pageIndexes.drop(key)
	}
	// The pages are sent as they are read, before the text's end where
	// a text read whole is checked: the text is checked first, once a
	// version (ingest.VerifiedTexts), so that a damaged one is refused
	// whole rather than sent up to where its answer breaks off.
	tp, err := ingest.OpenCheckedTextPages(ctx, s.blobs, d.SHA256)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	tr := &TextRange{Document: d, Extractor: tp.Extractor, PageCount: d.Pages, From: req.From, To: req.To,
		tp: tp, cut: index.NewCutCounter(), shown: req.Shown, budget: s.textBudget.Load()}
	if err := tr.skipTo(req.From); err != nil {
		tp.Close()
		return nil, err
	}
	if tr.PageCount < tr.From {
		// A catalog that counts fewer pages than the text has (an older
		// extraction) does not hide them.
		tr.PageCount = tr.From
	}
	// To is not cut to the catalog's count: Next stops at the text's end.
	return tr, nil
}

// openIndexed is OpenText for a text whose pages ix says where they
// begin: it opens the blob at page req.From.
func (s *Service) openIndexed(ctx context.Context, d *catalog.Document, req TextRequest, ix *pageIndex) (*TextRange, error) {
	if req.From > ix.pageCount() {
		return nil, catalog.FieldErrorf("from", catalog.EINVALID, "本文件共 %d 页，没有第 %d 页", ix.pageCount(), req.From)
	}
	end := int64(-1)
	if req.To != 0 && req.To <= ix.pageCount() {
		end = ix.end(req.To, ix.partCount(req.To))
	}
	off, page, _ := ix.from(req.From, 1)
	tp, err := ingest.OpenTextPagesAt(ctx, s.blobs, d.SHA256, off, end, page, ix.version)
	if err != nil {
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	if err := skipPages(tp, req.From); err != nil {
		tp.Close()
		return nil, fmt.Errorf("text of %s: %w", d.ID, err)
	}
	return &TextRange{Document: d, Extractor: ix.extractor, PageCount: max(d.Pages, req.From), From: req.From, To: req.To,
		tp: tp, cut: index.NewCutCounter(), shown: req.Shown, budget: s.textBudget.Load(), started: true, indexed: ix}, nil
}

// skipPages reads on to the start of page n a text opened at a page
// before it (a sparse index holds where some pages begin, not all).
func skipPages(tp *ingest.TextPages, n int) error {
	var scratch []byte
	for tp.PageNumber() < n {
		var err error
		for err == nil {
			scratch, err = tp.Chunk(scratch[:0], textChunk)
		}
		if err != io.EOF {
			return err
		}
		if !tp.Next() {
			if err := tp.Err(); err != nil {
				return err
			}
			return fmt.Errorf("page %d: %w", n, ingest.ErrBadText) // ended before it
		}
	}
	return nil
}

// skipTo reads up to the start of page n, counting the index cut on the
// way; Next then begins with it.
func (tr *TextRange) skipTo(n int) error {
	for {
		if !tr.tp.Next() {
			if err := tr.tp.Err(); err != nil {
				return fmt.Errorf("text of %s: %w", tr.Document.ID, err)
			}
			return catalog.FieldErrorf("from", catalog.EINVALID, "本文件共 %d 页，没有第 %d 页", tr.tp.PageNumber(), n)
		}
		if tr.tp.PageNumber() == n {
			tr.started = true
			return nil
		}
		if err := tr.drain(); err != nil {
			return err
		}
	}
}

// drain reads the rest of the current page for the index cut only.
func (tr *TextRange) drain() error {
	var buf []byte
	for !tr.cut.Found() {
		var err error
		buf, err = tr.tp.Chunk(buf[:0], textChunk)
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return fmt.Errorf("text of %s: %w", tr.Document.ID, err)
		}
		tr.cut.Add(tr.tp.PageNumber(), buf)
	}
	return nil
}

// Next moves to the next page of the range; false after To or on an
// error (which Chunk and Cut then return).
func (tr *TextRange) Next() bool {
	tr.release()
	tr.handed = false
	if tr.started {
		tr.started = false
		return true
	}
	if tr.To != 0 && tr.tp.PageNumber() >= tr.To || !tr.tp.Next() {
		return false
	}
	tr.PageCount = max(tr.PageCount, tr.tp.PageNumber())
	return true
}

// Page is the current page's number.
func (tr *TextRange) Page() int { return tr.tp.PageNumber() }

// Chunk appends the next part of the current page to buf (whole
// characters, about textChunk bytes; a shown page comes whole); io.EOF
// at the page's end. A shown page stays within the budget until Next or
// Close: the caller is sending it, and copies of it, until then. A shown
// page the server's budget for big texts
// cannot take now is EUNAVAILABLE with a time to retry after.
func (tr *TextRange) Chunk(buf []byte) ([]byte, error) {
	if tr.shown {
		return tr.shownPage(buf)
	}
	start := len(buf)
	buf, err := tr.tp.Chunk(buf, textChunk)
	if err != nil && err != io.EOF {
		return buf, tr.failed(err)
	}
	tr.cut.Add(tr.tp.PageNumber(), buf[start:])
	return buf, err
}

// failed is the error of a reading of the text that failed: a text that
// breaks off or is no text where the index said a page begins was
// written again since (or damaged), and its index is forgotten, so the
// next reading starts from the start and says what is wrong.
func (tr *TextRange) failed(err error) error {
	if tr.stale != nil && errors.Is(err, ingest.ErrBadText) {
		tr.stale()
	}
	return fmt.Errorf("text of %s: %w", tr.Document.ID, err)
}

// shownPage reads the current page whole, within the budget, and hands it
// over shown at once.
func (tr *TextRange) shownPage(buf []byte) ([]byte, error) {
	if tr.handed {
		return buf, io.EOF
	}
	var page []byte
	for {
		var err error
		n := len(page)
		page, err = tr.tp.Chunk(page, textChunk)
		if err == io.EOF {
			break
		}
		if err != nil {
			return buf, tr.failed(err)
		}
		tr.cut.Add(tr.tp.PageNumber(), page[n:])
		// catalog.ShownForm holds each character as a rune and a count:
		// some five times the page's bytes in all.
		if err := tr.hold(int64(len(page)-n) * shownCost); err != nil {
			return buf, err
		}
	}
	buf = append(buf, catalog.ShownForm(string(page))...)
	tr.handed = true
	return buf, nil
}

// shownCost is the memory a shown page takes for each byte of it.
const shownCost = 5

func (tr *TextRange) hold(n int64) error {
	if err := tr.budget.take(n, tr.held+n); err != nil {
		return fmt.Errorf("page %d of %s: %w", tr.Page(), tr.Document.ID, err)
	}
	tr.held += n
	return nil
}

func (tr *TextRange) release() {
	if tr.held > 0 {
		tr.budget.give(tr.held)
	}
	tr.held = 0
}

// Cut says where the text leaves the index, reading on past the range
// (only to count, up to the cut at most) when it was not met in it; past
// the catalog's last page it reads on to count the text's pages.
func (tr *TextRange) Cut() (index.IndexCut, error) {
	if ix := tr.indexed; ix != nil {
		// As the reading on would: the text's pages are counted when it
		// reaches the catalog's last page, up to the cut or the end.
		reached := ix.pageCount()
		if ix.cut.Page > 0 {
			reached = ix.cut.Page
		}
		if max(reached, tr.tp.PageNumber()) >= tr.Document.Pages {
			tr.PageCount = max(tr.PageCount, ix.pageCount())
		}
		return ix.cut, nil
	}
	for !tr.cut.Found() {
		if tr.tp.PageNumber() > 0 {
			if err := tr.drain(); err != nil {
				return index.IndexCut{}, err
			}
		}
		if tr.cut.Found() || !tr.tp.Next() {
			break
		}
		tr.PageCount = max(tr.PageCount, tr.tp.PageNumber())
	}
	if tr.tp.PageNumber() >= tr.Document.Pages {
		// The catalog may count fewer pages than the text has (an older
		// extraction): count them, reading no more than the rest.
		for tr.tp.Next() {
			tr.PageCount = max(tr.PageCount, tr.tp.PageNumber())
		}
	}
	if err := tr.tp.Err(); err != nil {
		return index.IndexCut{}, fmt.Errorf("text of %s: %w", tr.Document.ID, err)
	}
	return tr.cut.Cut(), nil
}

// Close releases the blob and the budget held.
func (tr *TextRange) Close() error {
	tr.release()
	return tr.tp.Close()
}

// DefaultTextBudget is how much memory the server lends at once to pages
// of text it must hold whole (shown with full-width punctuation, or
// highlighted on the document page).
const DefaultTextBudget = 256 << 20

// textBudget lends memory for big text loads, server-wide: a load that
// would pass it waits for none, it is told to come back (EUNAVAILABLE,
// 503 with a Retry-After), and one bigger than the whole budget is
// ETOOLARGE. A nil budget lends without bound.
type textBudget struct {
	mu         sync.Mutex
	used, size int64
}

// budgetRetry is how long a load turned away is asked to wait.
const budgetRetry = 5 * time.Second

func newTextBudget(size int64) *textBudget { return &textBudget{size: size} }

// take lends n bytes to a load that will then hold total.
func (b *textBudget) take(n, total int64) error {
	if b == nil {
		return nil
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if total > b.size {
		return catalog.Errorf(catalog.ETOOLARGE, "这一页的文字太长（超过 %d MB），无法整页显示；请下载原件查看", b.size/shownCost>>20)
	}
	if b.used+n > b.size {
		e := catalog.Errorf(catalog.EUNAVAILABLE, "服务器正在显示其他很长的文件，暂时没有余力读取这一页；请 %d 秒后再试", int(budgetRetry/time.Second))
		e.RetryAfter = budgetRetry
		return e
	}
	b.used += n
	return nil
}

func (b *textBudget) give(n int64) {
	if b == nil {
		return
	}
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
}

// LendText takes n bytes of the server's budget for big texts for a load
// that then holds total in all, until the function it returns is called:
// EUNAVAILABLE with a time to retry after when the budget cannot lend
// them now, ETOOLARGE when total is more than all of it (quote checking
// borrows so: claims.TextBudget).
func (s *Service) LendText(n, total int64) (release func(), err error) {
	b := s.textBudget.Load()
	if err := b.take(n, total); err != nil {
		return func() {}, err
	}
	return func() { b.give(n) }, nil
}

// HoldTextBudget takes n bytes of the budget for big texts as another
// load would, until the function it returns is called; for tests. It is
// the budget's error when the budget cannot lend them now.
func (s *Service) HoldTextBudget(n int64) (release func(), err error) {
	b := s.textBudget.Load()
	if err := b.take(n, n); err != nil {
		return func() {}, err
	}
	return func() { b.give(n) }, nil
}
