package ingest

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
	"golang.org/x/sync/errgroup"
)

// TextBudget lends memory to texts held for a while, one budget per
// server: documents.Service lends so to pages shown whole and to quote
// checking (claims.TextBudget), and the near-duplicate comparison borrows
// from the same (Service.SetTextBudget).
type TextBudget interface {
	// LendText lends n bytes more to a load that then holds total, until
	// release is called: EUNAVAILABLE (with a time to retry after) when
	// it cannot lend them now, ETOOLARGE when total is more than it ever
	// lends.
	LendText(n, total int64) (release func(), err error)
}

// DefaultCompareMemory is how much memory comparing texts with their
// stored candidates may hold at once when no budget of the server's is
// given (the reindex and repair commands, a Service without
// SetTextBudget).
const DefaultCompareMemory = 256 << 20

// compareBudgetWait is how long the candidates' texts of one index batch
// wait in all for the budget to lend to them (Config.CompareWait unless
// set): past it, the batch's documents that still need a candidate are
// tried again later (EUNAVAILABLE, Config.RetryDelay), so that indexing
// does not stop for a budget lent out to others and no link is lost.
const compareBudgetWait = 10 * time.Second

// streamCost is what reading a stored text as a stream holds whatever
// its size: TextPages' buffer, the decoder's and the chunk read.
const streamCost = 3 * textReadBuffer

// comparer compares held texts with candidates' stored texts, read as
// streams (neardup.Reader; read again keeping the characters for the few
// pairs that must be aligned for OCR): what it holds of a candidate is
// bounded by the held texts it is compared with, not by the candidate,
// and is lent by budget. A candidate the budget cannot lend enough to,
// even whole, is skipped with a logged reason: it matches nothing, the
// documents compared with it are still linked to the others, and the
// pair is linked only by repair or reindex. One it has not lent to within
// wait (for all the reads of one readAll) is EUNAVAILABLE: the documents
// compared with it are tried again later.
type comparer struct {
	blobs  blob.Store
	budget TextBudget
	log    *slog.Logger
	wait   time.Duration // compareBudgetWait unless set
}

// textRead is one stored text to compare with held texts (those of the
// documents ids): after readAll, sims has the similarity to each (nil for
// a text that is missing, damaged or skipped: it matches nothing), or err
// says why the store did not give it.
type textRead struct {
	sha  string
	held []*neardup.Held
	ids  []string
	sims []float64
	err  error
}

// readAll reads reads' stored texts, maxTextReads at a time, and
// returns them; all of them wait for the budget until one deadline, so
// that a batch never waits longer than c.wait for it.
func (c *comparer) readAll(ctx context.Context, reads []*textRead) []*textRead {
	wait := c.wait
	if wait <= 0 {
		wait = compareBudgetWait
	}
	deadline := time.Now().Add(wait)
	var g errgroup.Group
	g.SetLimit(maxTextReads)
	for _, r := range reads {
		g.Go(func() error {
			r.sims, r.err = c.read(ctx, r, deadline)
			return nil
		})
	}
	g.Wait()
	return reads
}

// budgetError is an error of the budget's, so that it is not taken for
// the store's (both may be EUNAVAILABLE); need is what the read would
// then have held.
type budgetError struct {
	err  error
	need int64
}

func (e budgetError) Error() string { return "memory budget: " + e.err.Error() }
func (e budgetError) Unwrap() error { return e.err }

// read compares r's stored text with its held texts; nil similarities for
// a text that is missing or damaged (repair reads it again, which links
// the pair then: the documents compared with it are not to blame), or
// more than the budget ever lends. A read the budget turns away for now
// is given back whole and read again once the budget may lend, asking at
// once for what it had reached: what a text needs is the same every time,
// so a read goes further each time, and two reads never hold parts each
// waiting for the other's. Past deadline it is EUNAVAILABLE.
func (c *comparer) read(ctx context.Context, r *textRead, deadline time.Time) ([]float64, error) {
	need := int64(streamCost)
	align := false
	for {
		sims, err := c.readOnce(ctx, r, need, align)
		var be budgetError
		switch {
		case err == nil:
			return sims, nil
		case errors.Is(err, neardup.ErrNotAligned) && !align:
			// A text read by OCR, or compared with one, close enough to
			// be looked at character by character: read it again keeping
			// its characters, as few pairs need.
			align = true
			continue
		case catalog.IsNotFound(err) || errors.Is(err, ErrBadText):
			return nil, nil
		case !errors.As(err, &be):
			return nil, err
		case !budgetBusy(be.err) && len(r.held) > 1:
			return c.readSplit(ctx, r, deadline)
		case !budgetBusy(be.err):
			c.log.Warn("near duplicates: a candidate's text needs more memory than the budget lends; not compared",
				"text", catalog.TextKey(r.sha), "documents", r.ids, "need", be.need, "err", be.err)
			return nil, nil
		}
		need = max(need, be.need)
		pause, _ := catalog.RetryAfter(be.err)
		if pause <= 0 {
			pause = time.Second
		}
		if time.Now().Add(pause).After(deadline) {
			return nil, memoryBusy{fmt.Errorf("near duplicates: text %s needs %d bytes: %v: %w", catalog.TextKey(r.sha), need, be.err,
				catalog.Errorf(catalog.EUNAVAILABLE, "服务器用于比对文本的内存正被其他文本占用，相似文档比对稍后自动重试"))}
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(pause):
		}
	}
}

// readSplit reads r's stored text once for each half of its held texts,
// for a budget that cannot lend to all of them together: what a read
// holds is summed over its held texts, so each half needs less, down to
// one held text, the only one logged as not compared. A half not
// compared has similarities 0 (it links nothing), as nil does for all.
func (c *comparer) readSplit(ctx context.Context, r *textRead, deadline time.Time) ([]float64, error) {
	half := len(r.held) / 2
	sims := make([]float64, 0, len(r.held))
	for _, part := range []*textRead{
		{sha: r.sha, held: r.held[:half], ids: r.ids[:half]},
		{sha: r.sha, held: r.held[half:], ids: r.ids[half:]},
	} {
		got, err := c.read(ctx, part, deadline)
		if err != nil {
			return nil, err
		}
		if got == nil {
			got = make([]float64, len(part.held))
		}
		sims = append(sims, got...)
	}
	return sims, nil
}

// budgetBusy says whether the budget refused for now (to retry), rather
// than for good.
func budgetBusy(err error) bool {
	return errors.Is(err, errLimitBusy) || catalog.ErrorCode(err) == catalog.EUNAVAILABLE
}

// loan is what one read of a text has borrowed from the budget: lent in
// all, of which used so far.
type loan struct {
	budget     TextBudget
	lent, used int64
	releases   []func()
}

// take uses n bytes more, borrowing what the loan does not have yet.
func (l *loan) take(n int64) error {
	if l.budget == nil || l.used+n <= l.lent {
		l.used += n
		return nil
	}
	more := l.used + n - l.lent
	release, err := l.budget.LendText(more, l.lent+more)
	if err != nil {
		return budgetError{err: err, need: l.used + n}
	}
	l.lent += more
	l.used += n
	l.releases = append(l.releases, release)
	return nil
}

// giveBack returns all that was lent.
func (l *loan) giveBack() {
	for _, release := range l.releases {
		release()
	}
	l.releases = nil
}

// readOnce reads r's stored text once through a neardup.Reader (keeping
// its characters to align with align), first borrowing upfront bytes and
// more as it needs, and giving all back before it returns.
func (c *comparer) readOnce(ctx context.Context, r *textRead, upfront int64, align bool) ([]float64, error) {
	l := &loan{budget: c.budget}
	defer l.giveBack()
	if err := l.take(upfront); err != nil {
		return nil, err
	}
	l.used = streamCost
	tp, err := OpenTextPages(ctx, c.blobs, r.sha)
	if err != nil {
		return nil, err
	}
	defer tp.Close()
	rd := neardup.NewReader(r.held...)
	rd.Hold, rd.Align = l.take, align
	ocr, err := readPages(tp, rd)
	if err != nil {
		return nil, err
	}
	if err := rd.End(); err != nil {
		return nil, err
	}
	sims := make([]float64, len(r.held))
	for i := range r.held {
		if sims[i], err = rd.Similarity(i, ocr); err != nil {
			return nil, err
		}
	}
	return sims, nil
}

// readPages writes tp's pages to rd and says whether the text was read
// by OCR; it stops early once rd is settled (too different from every
// held text, whatever the OCR: a 40 MB unrelated candidate is not read to
// its end).
func readPages(tp *TextPages, rd *neardup.Reader) (ocr bool, err error) {
	buf := make([]byte, 0, textReadBuffer)
	for tp.Next() {
		for {
			if buf, err = tp.Chunk(buf[:0], textReadBuffer); err != nil {
				break
			}
			if err := rd.Write(buf); err != nil {
				return false, err
			}
			if rd.Settled() {
				return false, nil
			}
		}
		if err != io.EOF {
			return false, err
		}
		rd.EndPage()
	}
	reading, err := tp.Reading()
	if err != nil {
		return false, err
	}
	return reading.ByOCR(), nil
}

// memoryLimit is a TextBudget of its own: it lends up to size bytes at
// once.
type memoryLimit struct {
	mu         sync.Mutex
	used, size int64
}

var (
	errLimitBusy  = errors.New("lent out to other texts for now")
	errLimitWhole = errors.New("more than the whole budget")
)

func newMemoryLimit(size int64) *memoryLimit { return &memoryLimit{size: size} }

// LendText lends n bytes to a load that then holds total.
func (l *memoryLimit) LendText(n, total int64) (func(), error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if total > l.size {
		return func() {}, fmt.Errorf("%d bytes: %w", total, errLimitWhole)
	}
	if l.used+n > l.size {
		return func() {}, errLimitBusy
	}
	l.used += n
	return func() {
		l.mu.Lock()
		l.used -= n
		l.mu.Unlock()
	}, nil
}

var _ TextBudget = (*memoryLimit)(nil)
