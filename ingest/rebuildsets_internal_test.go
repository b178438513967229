package ingest

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/neardup"
)

// textReads is a real blob store that counts the reads of stored texts.
type textReads struct {
	blob.Store
	n atomic.Int64
}

func (s *textReads) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		s.n.Add(1)
	}
	return s.Store.Get(ctx, key)
}

func (s *textReads) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		s.n.Add(1)
	}
	return s.Store.GetRange(ctx, key, off, n, version)
}

// storeVersionsIndexed stores n versions of a long report, indexed, with
// their bands, as a restored catalog holds them, and returns their ids.
func storeVersionsIndexed(tb testing.TB, r *rig, n, chars int) []string {
	tb.Helper()
	storeBigVersions(tb, r, n, chars) // and one more, never read: no bands, not indexed
	ids := make([]string, n)
	for v := range n {
		ids[v] = fmt.Sprintf("年鉴第%d版", v+1)
		if err := r.cat.SetStatus(context.Background(), catalog.StatusChange{ID: ids[v], Status: catalog.StatusIndexed}); err != nil {
			tb.Fatal(err)
		}
	}
	return ids
}

// TestRebuildReadsEachLongVersionOnce: restoring twelve versions of a
// long report, each a near duplicate of the eleven others and their
// candidate, reads each stored text once, to index it, and compares the
// pairs from the texts' shingle sets: reads grow with the documents, not
// with the pairs. Before, each document read every candidate's text whole,
// N + N·(N−1) reads (144 here; forty reports of 4.5 MB took 4 min 45 s of
// CPU). Every document is still linked to every other, at the same
// similarity from either side.
func TestRebuildReadsEachLongVersionOnce(t *testing.T) {
	defer index.LowerIndexedCharsForTests(2000)() // the reads are counted, not the analysis
	const n = 12
	ctx := context.Background()
	r := storeRig(t)
	ids := storeVersionsIndexed(t, r, n, 40_000)
	counted := &textReads{Store: r.blobs}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if missing, err := Rebuild(ctx, r.cat, counted, idx, 64, nil); err != nil || len(missing) > 0 {
		t.Fatalf("rebuild: missing %v, %v", missing, err)
	}
	if got := counted.n.Load(); got > n {
		t.Errorf("the rebuild read stored texts %d times, want at most %d (once each): comparing %d near duplicates read their texts again", got, n, n)
	}
	sims := map[[2]string]float64{}
	for _, id := range ids {
		nds, err := r.cat.NearDuplicates(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if len(nds) != n-1 {
			t.Errorf("%s: linked to %d near duplicates, want the %d other versions: %v", id, len(nds), n-1, nds)
		}
		for _, nd := range nds {
			sims[[2]string{id, nd.ID}] = nd.Similarity
			if nd.Similarity < 0.9 {
				t.Errorf("%s ~ %s: similarity %.3f, under 0.9", id, nd.ID, nd.Similarity)
			}
		}
	}
	for pair, sim := range sims {
		if back := sims[[2]string{pair[1], pair[0]}]; back != sim {
			t.Errorf("%s ~ %s: %.3f one way, %.3f the other", pair[0], pair[1], sim, back)
		}
	}
}

// TestRebuildSetsStayWithinTheirMemory: with room for the sets of three
// versions alone, a rebuild keeps no more than that room (the oldest let
// go first), reads the texts of the versions whose sets it let go, and
// links every version to every other all the same.
func TestRebuildSetsStayWithinTheirMemory(t *testing.T) {
	defer index.LowerIndexedCharsForTests(2000)()
	const n = 8
	ctx := context.Background()
	r := storeRig(t)
	ids := storeVersionsIndexed(t, r, n, 40_000)
	one := int64(len(neardup.Shingles(bigReport(40_000, 1)))) * 8 // a version's set
	defer func(was int64) { rebuildSetMemory = was }(rebuildSetMemory)
	rebuildSetMemory = 3*one + one/2

	var most int64
	defer func(was func(*rebuildSets)) { keptSets = was }(keptSets)
	keptSets = func(rs *rebuildSets) { most = max(most, rs.size) }
	counted := &textReads{Store: r.blobs}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if _, err := Rebuild(ctx, r.cat, counted, idx, 64, nil); err != nil {
		t.Fatal(err)
	}
	if most > rebuildSetMemory {
		t.Errorf("the kept sets held %d bytes, over their %d", most, rebuildSetMemory)
	}
	if got := counted.n.Load(); got <= n {
		t.Errorf("read stored texts %d times: the sets let go should have been read instead", got)
	}
	for _, id := range ids {
		if nds, err := r.cat.NearDuplicates(ctx, id); err != nil || len(nds) != n-1 {
			t.Errorf("%s: linked to %d near duplicates (%v), want the %d other versions", id, len(nds), err, n-1)
		}
	}
}
