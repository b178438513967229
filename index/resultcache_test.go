package index

import (
	"context"
	"errors"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestKeptResultsFollowEveryWrite holds that a kept result never outlives
// a write: after each index or delete the same query sees the change.
func TestKeptResultsFollowEveryWrite(t *testing.T) {
	idx, err := OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	ctx := context.Background()
	q := Query{Clauses: terms("学分银行"), Size: 10, FacetSize: 10, WithText: true}
	doc := func(id, text string) Document {
		return Document{ID: id, Title: id, City: "330100", DocType: "policy", Year: 2024, Pages: []string{text}}
	}
	steps := []struct {
		name  string
		write func() error
		want  []string
	}{
		{"first document", func() error {
			return idx.Index(ctx, []Document{doc("a", "杭州市推进学分银行建设。")})
		}, []string{"a"}},
		{"second document", func() error {
			return idx.Index(ctx, []Document{doc("b", "宁波市学分银行试点工作总结。")})
		}, []string{"a", "b"}},
		{"first one's text replaced", func() error {
			return idx.Index(ctx, []Document{doc("a", "杭州市社区教育工作总结。")})
		}, []string{"b"}},
		{"second one deleted", func() error { return idx.Delete(ctx, "b") }, nil},
	}
	for _, st := range steps {
		if err := st.write(); err != nil {
			t.Fatalf("%s: %v", st.name, err)
		}
		for round := range 2 { // the second from the kept result
			res, err := idx.Search(ctx, q)
			if err != nil {
				t.Fatalf("%s: %v", st.name, err)
			}
			if got := sortedIDs(res); strings.Join(got, ",") != strings.Join(st.want, ",") {
				t.Errorf("%s, search %d: hits %v, want %v", st.name, round+1, got, st.want)
			}
			if res.Total != uint64(len(st.want)) {
				t.Errorf("%s, search %d: total %d, want %d", st.name, round+1, res.Total, len(st.want))
			}
		}
	}
	if s := idx.CacheStats(); s.Hits != uint64(len(steps)) || s.Misses != uint64(len(steps)) {
		t.Errorf("cache stats %+v: want one kept answer and one computed per step", s)
	}
}

func sortedIDs(res *Result) []string {
	out := ids(res)
	slices.Sort(out)
	return out
}

// TestKeptResultIsTheCallersToChange holds that a caller changing its
// result cannot change what the next caller gets.
func TestKeptResultIsTheCallersToChange(t *testing.T) {
	idx := newTestIndex(t)
	ctx := context.Background()
	q := Query{Clauses: terms("学分银行"), Size: 10, FacetSize: 10, WithText: true}
	first, err := idx.Search(ctx, q)
	if err != nil || len(first.Hits) == 0 || len(first.Hits[0].Spans) == 0 {
		t.Fatalf("search: %v, %+v", err, first)
	}
	want := first.clone()
	first.Hits[0].ID = "changed"
	first.Hits[0].Spans[0].Page = 99
	first.Hits = first.Hits[:0]
	for k := range first.Facets {
		first.Facets[k] = nil
	}
	again, err := idx.Search(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if again.Hits[0].ID != want.Hits[0].ID || again.Hits[0].Spans[0] != want.Hits[0].Spans[0] ||
		len(again.Hits) != len(want.Hits) || len(again.Facets["city"]) != len(want.Facets["city"]) {
		t.Errorf("kept result changed by an earlier caller: %+v, want %+v", again, want)
	}
	if idx.CacheStats().Hits != 1 {
		t.Errorf("second search not answered from the kept result: %+v", idx.CacheStats())
	}
}

func TestResultCache(t *testing.T) {
	q := Query{Clauses: terms("社区教育"), Size: 10}
	result := func(id string) *Result { return &Result{Total: 1, Hits: []Hit{{ID: id}}} }

	t.Run("a search overtaken by a write is not kept", func(t *testing.T) {
		var c resultCache
		_, err := c.search(context.Background(), q, func(context.Context) (*Result, error) {
			c.invalidate() // a write finishes while the search runs
			return result("old"), nil
		})
		if err != nil {
			t.Fatal(err)
		}
		res, _ := c.search(context.Background(), q, func(context.Context) (*Result, error) { return result("new"), nil })
		if res.Hits[0].ID != "new" {
			t.Errorf("answered %q from before the write", res.Hits[0].ID)
		}
	})

	t.Run("the same query at the same time runs once", func(t *testing.T) {
		var c resultCache
		var runs atomic.Int32
		release := make(chan struct{})
		run := func(context.Context) (*Result, error) {
			runs.Add(1)
			<-release
			return result("a"), nil
		}
		var wg sync.WaitGroup
		got := make([]*Result, 5)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], _ = c.search(context.Background(), q, run)
			}()
		}
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Shared == 4 })
		close(release)
		wg.Wait()
		if runs.Load() != 1 {
			t.Errorf("ran %d times for 5 callers at once", runs.Load())
		}
		for i, r := range got {
			if r == nil || r.Hits[0].ID != "a" {
				t.Errorf("caller %d got %+v", i, r)
			}
		}
	})

	t.Run("a caller joining after a write runs anew", func(t *testing.T) {
		var c resultCache
		release := make(chan struct{})
		done := make(chan *Result)
		go func() {
			r, _ := c.search(context.Background(), q, func(context.Context) (*Result, error) {
				<-release
				return result("before"), nil
			})
			done <- r
		}()
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Misses == 1 })
		c.invalidate()
		r, _ := c.search(context.Background(), q, func(context.Context) (*Result, error) { return result("after"), nil })
		if r.Hits[0].ID != "after" {
			t.Errorf("joined a search begun before the write: %q", r.Hits[0].ID)
		}
		close(release)
		if r := <-done; r.Hits[0].ID != "before" {
			t.Errorf("first caller got %q", r.Hits[0].ID)
		}
		if r, _ := c.search(context.Background(), q, nil); r.Hits[0].ID != "after" {
			t.Errorf("kept %q, want the result computed after the write", r.Hits[0].ID)
		}
	})

	t.Run("a failed search is not kept; its waiters get its error", func(t *testing.T) {
		var c resultCache
		release := make(chan struct{})
		errBad := errors.New("index unreadable")
		first := make(chan error)
		go func() {
			_, err := c.search(context.Background(), q, func(context.Context) (*Result, error) {
				<-release
				return nil, errBad
			})
			first <- err
		}()
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Misses == 1 })
		second := make(chan error)
		go func() {
			_, err := c.search(context.Background(), q, func(context.Context) (*Result, error) { return result("own"), nil })
			second <- err
		}()
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Shared == 1 })
		close(release)
		if err := <-first; !errors.Is(err, errBad) {
			t.Errorf("first caller: %v", err)
		}
		if err := <-second; !errors.Is(err, errBad) {
			t.Errorf("waiter: %v, want the same error", err)
		}
		if r, _ := c.search(context.Background(), q, func(context.Context) (*Result, error) { return result("later"), nil }); r.Hits[0].ID != "later" {
			t.Errorf("a failure was kept: %+v", r)
		}
	})

	t.Run("when the request running it ends, one waiter runs it for the rest", func(t *testing.T) {
		var c resultCache
		leaderCtx, endLeader := context.WithCancel(context.Background())
		var runs atomic.Int32
		run := func(ctx context.Context) (*Result, error) {
			if runs.Add(1) == 1 {
				<-ctx.Done()
				return nil, ctx.Err()
			}
			time.Sleep(20 * time.Millisecond) // long enough for the others to join
			return result("rerun"), nil
		}
		go c.search(leaderCtx, q, run)
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Misses == 1 })
		var wg sync.WaitGroup
		got := make([]*Result, 6)
		for i := range got {
			wg.Add(1)
			go func() {
				defer wg.Done()
				got[i], _ = c.search(context.Background(), q, run)
			}()
		}
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Shared == 6 })
		endLeader()
		wg.Wait()
		if n := runs.Load(); n != 2 {
			t.Errorf("ran %d times: want the ended one and one more for the six waiting", n)
		}
		for i, r := range got {
			if r == nil || r.Hits[0].ID != "rerun" {
				t.Errorf("waiter %d got %+v", i, r)
			}
		}
	})

	t.Run("a search that panics wakes its waiters and leaves the query free", func(t *testing.T) {
		var c resultCache
		release := make(chan struct{})
		go func() {
			defer func() { recover() }() // as the server's recovery middleware does
			c.search(context.Background(), q, func(context.Context) (*Result, error) {
				<-release
				panic("corrupt segment")
			})
		}()
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Misses == 1 })
		waiter := make(chan error)
		go func() {
			_, err := c.search(context.Background(), q, nil)
			waiter <- err
		}()
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Shared == 1 })
		close(release)
		select {
		case err := <-waiter:
			if !errors.Is(err, errSearchAborted) {
				t.Errorf("waiter: %v", err)
			}
		case <-time.After(time.Minute):
			t.Fatal("waiter still waiting on a search that panicked")
		}
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		defer cancel()
		if r, err := c.search(ctx, q, func(context.Context) (*Result, error) { return result("after"), nil }); err != nil || r.Hits[0].ID != "after" {
			t.Errorf("the same query after the panic: %+v, %v", r, err)
		}
	})

	t.Run("a waiting caller can give up", func(t *testing.T) {
		var c resultCache
		release := make(chan struct{})
		defer close(release)
		go c.search(context.Background(), q, func(context.Context) (*Result, error) { <-release; return result("a"), nil })
		waitFor(t, func() bool { c.mu.Lock(); defer c.mu.Unlock(); return c.stats.Misses == 1 })
		ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
		defer cancel()
		if _, err := c.search(ctx, q, nil); !errors.Is(err, context.DeadlineExceeded) {
			t.Errorf("waiting caller whose request ended: %v", err)
		}
	})

	t.Run("results are kept within their bounds", func(t *testing.T) {
		var c resultCache
		big := &Result{Hits: []Hit{{ID: "big", Pages: []string{strings.Repeat("学", resultCacheMaxEntry)}}}}
		c.search(context.Background(), q, func(context.Context) (*Result, error) { return big, nil })
		if len(c.entries) != 0 {
			t.Errorf("kept a result of %d bytes, over the bound of one", big.size())
		}
		page := strings.Repeat("习", resultCacheMaxEntry/3/2)
		for i := range 2 * resultCacheBytes / (resultCacheMaxEntry / 2) {
			qi := Query{Clauses: terms("社区教育"), Size: 10, From: i}
			c.search(context.Background(), qi, func(context.Context) (*Result, error) {
				return &Result{Hits: []Hit{{ID: "x", Pages: []string{page}}}}, nil
			})
		}
		if c.bytes > resultCacheBytes || len(c.entries) == 0 {
			t.Errorf("%d results of %d bytes kept, bound %d", len(c.entries), c.bytes, resultCacheBytes)
		}
		for i := range 2 * resultCacheEntries {
			qi := Query{Clauses: terms("终身学习"), Size: 10, From: i}
			c.search(context.Background(), qi, func(context.Context) (*Result, error) { return result("s"), nil })
		}
		if len(c.entries) > resultCacheEntries || len(c.order) != len(c.entries) {
			t.Errorf("%d results kept (%d in order), bound %d", len(c.entries), len(c.order), resultCacheEntries)
		}
	})
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("condition not reached in a minute")
		}
		time.Sleep(time.Millisecond)
	}
}

// TestKeptResultsAreAnsweredWhileSearchesAreComputed holds that searches
// being computed take at most their slots, and a kept result does not
// wait for one.
func TestKeptResultsAreAnsweredWhileSearchesAreComputed(t *testing.T) {
	idx := newTestIndex(t)
	ctx := context.Background()
	kept := Query{Clauses: terms("学分银行"), Size: 10, FacetSize: 10, WithText: true}
	if _, err := idx.Search(ctx, kept); err != nil {
		t.Fatal(err)
	}
	for range cap(idx.computing) { // every slot taken by searches being computed
		idx.computing <- struct{}{}
	}
	defer func() {
		for range cap(idx.computing) {
			<-idx.computing
		}
	}()
	res, err := idx.Search(ctx, kept)
	if err != nil || len(res.Hits) == 0 {
		t.Fatalf("kept result with every slot taken: %v, %+v", err, res)
	}
	wait, cancel := context.WithTimeout(ctx, 100*time.Millisecond)
	defer cancel()
	if _, err := idx.Search(wait, Query{Clauses: terms("社区教育"), Size: 10}); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("search to compute with every slot taken: %v, want it to wait its turn", err)
	}
}

// A search that cannot get a computing slot within computeWait is refused
// as unavailable, with a time to retry after, instead of waiting until
// its client gives up; a slot freed in time lets it run.
func TestSearchWaitsForASlotThenIsRefused(t *testing.T) {
	idx := newIndexOf(t, []Document{{ID: "a", Title: "学分银行", Pages: []string{"学分银行"}}})
	ctx := context.Background()
	idx.computeWait = 50 * time.Millisecond
	for range cap(idx.computing) {
		idx.computing <- struct{}{}
	}
	_, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10})
	after, ok := catalog.RetryAfter(err)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !ok || after <= 0 || !strings.Contains(catalog.ErrorMessage(err), "检索较多") {
		t.Fatalf("search with every slot taken: %v (retry after %v), want EUNAVAILABLE saying the server is busy", err, after)
	}
	idx.computeWait = 5 * time.Second
	go func() {
		time.Sleep(20 * time.Millisecond)
		<-idx.computing
	}()
	res, err := idx.Search(ctx, Query{Clauses: terms("学分银行"), Size: 10})
	if err != nil || res.Total != 1 {
		t.Fatalf("search once a slot is freed: %v, %v", res, err)
	}
}
