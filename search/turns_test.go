package search

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// heldIndex holds every search until released, counting how many it
// holds at once.
type heldIndex struct {
	innerIndex
	release      chan struct{}
	now, most    atomic.Int64
	entered      chan struct{}
	enteredCount atomic.Int64
}

func (h *heldIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	n := h.now.Add(1)
	for {
		m := h.most.Load()
		if n <= m || h.most.CompareAndSwap(m, n) {
			break
		}
	}
	h.enteredCount.Add(1)
	h.entered <- struct{}{}
	<-h.release
	h.now.Add(-1)
	return h.innerIndex.Search(ctx, q)
}

// TestSearchesTakeTurns: with two turns, ten searches at once are
// computed two at a time, and every one is answered.
func TestSearchesTakeTurns(t *testing.T) {
	cat, idx := openDemoStores(t)
	storeTexts(t, cat, idx, map[string]string{"D01": "杭州市建立学分银行，推进学习成果认证。"}, "学分银行工作总结", "work_summary")
	held := &heldIndex{innerIndex: idx, release: make(chan struct{}), entered: make(chan struct{}, 1024)}
	svc := NewService(held, cat)
	svc.SetTurns(2)
	const searches = 10
	var wg sync.WaitGroup
	errs := make(chan error, searches)
	for range searches {
		wg.Go(func() {
			res, err := svc.Search(context.Background(), Request{Query: "学分银行"})
			if err == nil && res.Total != 1 {
				err = errors.New("学分银行 not found")
			}
			errs <- err
		})
	}
	// Two searches reach the index; the others wait their turn.
	for range 2 {
		<-held.entered
	}
	time.Sleep(100 * time.Millisecond)
	if n := held.enteredCount.Load(); n != 2 {
		t.Errorf("%d searches reached the index with 2 turns, want 2 (the rest waiting)", n)
	}
	close(held.release)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
	if m := held.most.Load(); m > 2 {
		t.Errorf("the index computed %d searches at once with 2 turns, want at most 2", m)
	}
}

// TestASearchInItsCallersTurnTakesNoOther: a handler that takes the turn
// and then searches in it is not kept waiting for a second turn, which
// with every turn held by such callers would never come.
func TestASearchInItsCallersTurnTakesNoOther(t *testing.T) {
	cat, idx := openDemoStores(t)
	storeTexts(t, cat, idx, map[string]string{"D01": "杭州市建立学分银行，推进学习成果认证。"}, "学分银行工作总结", "work_summary")
	svc := NewService(idx, cat)
	svc.SetTurns(1)
	ctx, done, err := svc.Turn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	answered := make(chan error, 1)
	go func() {
		_, err := svc.Search(ctx, Request{Query: "学分银行"})
		answered <- err
	}()
	select {
	case err := <-answered:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("a search in its caller's turn waited for another turn")
	}
}

// TestASearchWaitingPastItsTurnIsRefused: a search that does not get its
// turn in time is refused as unavailable with a time to try again, and
// one whose client has left stops waiting.
func TestASearchWaitingPastItsTurnIsRefused(t *testing.T) {
	cat, idx := openDemoStores(t)
	svc := NewService(idx, cat)
	svc.SetTurns(1)
	svc.turns.wait = 50 * time.Millisecond
	_, done, err := svc.Turn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer done()
	_, err = svc.Search(context.Background(), Request{Query: "学分银行"})
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Code != catalog.EUNAVAILABLE || ce.RetryAfter <= 0 {
		t.Errorf("a search waiting past its turn: %v, want EUNAVAILABLE with a Retry-After", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	svc.turns.wait = time.Hour
	if _, err := svc.Search(ctx, Request{Query: "学分银行"}); !errors.Is(err, context.Canceled) {
		t.Errorf("a search whose client left while it waited: %v, want context.Canceled", err)
	}
}

// TestATurnEndsOnce: the function that ends a turn ends it once, however
// often it is called, so that a caller may defer it (a panic then gives
// the turn back) and also call it early: called again, it neither waits
// nor gives back another search's turn.
func TestATurnEndsOnce(t *testing.T) {
	cat, idx := openDemoStores(t)
	svc := NewService(idx, cat)
	svc.SetTurns(1)
	svc.turns.wait = 50 * time.Millisecond
	_, done, err := svc.Turn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	ended := make(chan struct{})
	go func() {
		done()
		done()
		close(ended)
	}()
	select {
	case <-ended:
	case <-time.After(10 * time.Second):
		t.Fatal("a turn ended a second time waited")
	}
	_, held, err := svc.Turn(context.Background())
	if err != nil {
		t.Fatalf("the one turn, given back: %v", err)
	}
	defer held()
	done()
	if _, _, err := svc.Turn(context.Background()); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("a second search while another holds the one turn, after an ended turn ended again: %v, want EUNAVAILABLE", err)
	}
}
