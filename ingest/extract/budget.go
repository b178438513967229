package extract

import (
	"context"
	"fmt"
	"sync"

	"golang.org/x/sync/semaphore"
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

// lastMemory is the limit of the last child a reading that ran out of
// memory had: the whole budget's when it was read again alone.
func (s *Sandbox) lastMemory() int64 {
	if s.Budget != nil {
		return s.aloneMemory()
	}
	return s.memory()
}
