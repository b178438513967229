package extract

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"golang.org/x/sync/semaphore"

	"github.com/lcmonitor/evidence/catalog"
)

// MemoryBudget is the memory all the readings of a sandbox may take at
// once: each sandbox child, and the program it runs (pdftotext,
// tesseract, …), is started with an address-space limit (RLIMIT_AS) of
// its own, which bounds it alone; the budget bounds their sum. A reading
// reserves its share before its child gets the request and gives it back
// when the answer is in, so the limits of the children reading at once
// never add up past Total. Readings that find the budget spent wait in
// turn (the semaphore is first come, first served, so one waiting for the
// whole budget is not passed by smaller ones for ever).
type MemoryBudget struct {
	total int64
	sem   *semaphore.Weighted

	mu   sync.Mutex
	held int64 // reserved now
	peak int64 // the most reserved at once
}

// NewMemoryBudget is a budget of total bytes.
func NewMemoryBudget(total int64) *MemoryBudget {
	return &MemoryBudget{total: total, sem: semaphore.NewWeighted(total)}
}

// Total is the budget's size in bytes.
func (b *MemoryBudget) Total() int64 { return b.total }

// Peak is the most the readings ever held reserved at once.
func (b *MemoryBudget) Peak() int64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.peak
}

// Reserve takes n bytes of the budget (at most all of it) for the
// caller's own use, waiting until they are free or ctx ends, and returns
// the call that gives them back (once; later calls do nothing). The
// sandbox's readings reserve their shares themselves; a test holds the
// budget with it to see what readings do while it is spent.
func (b *MemoryBudget) Reserve(ctx context.Context, n int64) (func(), error) {
	return b.reserve(ctx, n)
}

// reserve takes n bytes of the budget (at most all of it), waiting until
// they are free or ctx ends, and returns the call that gives them back.
func (b *MemoryBudget) reserve(ctx context.Context, n int64) (func(), error) {
	n = min(max(n, 1), b.total)
	if err := b.sem.Acquire(ctx, n); err != nil {
		return nil, fmt.Errorf("wait for reading memory: %w", err)
	}
	b.mu.Lock()
	b.held += n
	b.peak = max(b.peak, b.held)
	b.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			b.mu.Lock()
			b.held -= n
			b.mu.Unlock()
			b.sem.Release(n)
		})
	}, nil
}

// A reading's reservation covers two address spaces: the child's own
// limit and that of the one program it runs at a time, which RunChild
// gives the child's limit too (helperMemory). So a child's limit is half
// its reservation.
const processesPerReading = 2

// reservation is what a child with the address-space limit memory
// reserves of the budget.
func reservation(memory int64) int64 { return processesPerReading * memory }

// aloneMemory is the limit of a child that reads alone with the whole
// budget: one that ran out of its share is read once more this way.
func (s *Sandbox) aloneMemory() int64 {
	return s.Budget.Total() / processesPerReading
}

// reserve takes a child's reservation of the budget; without a budget
// there is nothing to take.
func (s *Sandbox) reserve(ctx context.Context, memory int64) (func(), error) {
	if s.Budget == nil {
		return func() {}, nil
	}
	return s.Budget.reserve(ctx, reservation(memory))
}

// Defaults of Sandbox.ThumbnailWait and of the Retry-After of a page
// image refused for it: a person is looking at a blank picture, so a
// page image waits a few seconds for a share of the budget, not the
// minutes eight big files being read may hold it for; the browser asks
// again a little later.
const (
	DefaultThumbnailWait = 3 * time.Second
	readersBusyRetry     = 5 * time.Second
)

// reserveShare is reserve waiting at most wait (reserveWithin).
func (s *Sandbox) reserveShare(ctx context.Context, memory int64, wait time.Duration) (func(), error) {
	if s.Budget == nil {
		return func() {}, nil
	}
	return s.Budget.reserveWithin(ctx, reservation(memory), wait)
}

// reserveWithin is reserve waiting at most wait for n bytes (wait 0:
// until ctx ends): a budget still spent then is EUNAVAILABLE, with
// Retry-After, saying that other files are being read.
func (b *MemoryBudget) reserveWithin(ctx context.Context, n int64, wait time.Duration) (func(), error) {
	if wait <= 0 {
		return b.reserve(ctx, n)
	}
	wctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	release, err := b.reserve(wctx, n)
	if err != nil && ctx.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
		e := catalog.Errorf(catalog.EUNAVAILABLE, "正在读取其他文件，请稍候再试")
		e.RetryAfter = readersBusyRetry
		return nil, fmt.Errorf("wait %s for reading memory: %w", wait, e)
	}
	return release, err
}

// lastMemory is the limit of the last child a reading that ran out of
// memory had: the whole budget's when it was read again alone.
func (s *Sandbox) lastMemory() int64 {
	if s.Budget != nil {
		return s.aloneMemory()
	}
	return s.memory()
}
