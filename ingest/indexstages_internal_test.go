package ingest

import (
	"context"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// heldStage starts a service whose indexer stops at stage (record, write
// or finish) of its first batch until the returned function lets it go
// on, and returns once that batch, of the one document submitted, is
// held there.
func heldStage(t *testing.T, r *rig, stage string) (svc *Service, done chan *catalog.Document, first *catalog.Document, let func()) {
	t.Helper()
	svc, done = r.service(t)
	held, release := make(chan []string, 1), make(chan struct{})
	var once sync.Once
	let = func() { once.Do(func() { close(release) }) }
	t.Cleanup(let) // before Close, which waits for the batches in the stages
	var holding sync.Once
	svc.beforeStage = func(s string, ids []string) {
		if s != stage {
			return
		}
		holding.Do(func() {
			held <- ids
			<-release
		})
	}
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	first = submitText(t, svc, "学分银行.txt", "杭州市建立学分银行，推进学习成果认证与转换。").Document
	select {
	case ids := <-held:
		if !slices.Equal(ids, []string{first.ID}) {
			t.Fatalf("first batch %v at %s, want %s", ids, stage, first.ID)
		}
	case <-time.After(time.Minute):
		t.Fatalf("the first batch did not come to %s in a minute", stage)
	}
	return svc, done, first, let
}

// eventually waits up to a minute for ok, and fails the test with what
// when it does not come.
func eventually(t *testing.T, what string, ok func() bool) {
	t.Helper()
	for start := time.Now(); !ok(); time.Sleep(10 * time.Millisecond) {
		if time.Since(start) > time.Minute {
			t.Fatal(what)
		}
	}
}

func status(t *testing.T, r *rig, id string) catalog.Status {
	t.Helper()
	d, err := r.cat.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Status
}

// bothIndexed waits for a and b to finish and checks both are indexed
// and searchable.
func bothIndexed(t *testing.T, r *rig, done chan *catalog.Document, a, b *catalog.Document) {
	t.Helper()
	got := waitFor(t, done, 2)
	for _, id := range []string{a.ID, b.ID} {
		if got[id] == nil || got[id].Status != catalog.StatusIndexed {
			t.Errorf("%s finished as %+v, want indexed", id, got[id])
		}
	}
	if hits(t, r.idx, "学分银行") != 1 || hits(t, r.idx, "大讲堂") != 1 {
		t.Error("not both documents are in the index")
	}
}

// TestNextBatchIsIndexedWhileABatchIsFinished: while the indexer writes
// one batch's links and status, the next batch's documents are written to
// the index, so the index does not wait on the catalog's steps; the first
// batch's document stays extracted until its own batch is finished.
func TestNextBatchIsIndexedWhileABatchIsFinished(t *testing.T) {
	r := newRig(t)
	svc, done, a, let := heldStage(t, r, "finish")
	b := submitText(t, svc, "大讲堂.txt", "社区教育工作总结：全年举办市民大讲堂四十八场。").Document
	eventually(t, "the second batch was not written to the index while the first was being finished",
		func() bool { return hits(t, r.idx, "大讲堂") == 1 })
	if st := status(t, r, a.ID); st != catalog.StatusExtracted {
		t.Fatalf("the first document while its batch is finished: %s, want extracted", st)
	}
	let()
	bothIndexed(t, r, done, a, b)
}

// TestNextBatchIsRecordedWhileABatchIsWritten: while Bleve writes one
// batch, the next batch's extractions are recorded in the catalog; it is
// written to the index only after the first.
func TestNextBatchIsRecordedWhileABatchIsWritten(t *testing.T) {
	r := newRig(t)
	svc, done, a, let := heldStage(t, r, "write")
	b := submitText(t, svc, "大讲堂.txt", "社区教育工作总结：全年举办市民大讲堂四十八场。").Document
	eventually(t, "the second batch's extraction was not recorded while the first batch was written",
		func() bool { return status(t, r, b.ID) == catalog.StatusExtracted })
	if hits(t, r.idx, "大讲堂") != 0 || hits(t, r.idx, "学分银行") != 0 {
		t.Fatal("a document is in the index while the first batch's write is held")
	}
	let()
	bothIndexed(t, r, done, a, b)
}
