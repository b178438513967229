package ingest

import (
	"context"
	"slices"
	"sync"
	"testing"
)

// citiesHeard records what an IndexWatcher is told.
type citiesHeard struct {
	mu    sync.Mutex
	calls [][]string
}

func (h *citiesHeard) IndexChanged(cities ...string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.calls = append(h.calls, slices.Clone(cities))
}

func (h *citiesHeard) heard() [][]string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return slices.Clone(h.calls)
}

// TestIndexWatcherToldOfEachWrite: the pipeline tells its watcher (the
// search service, which counts each city's common terms again) the
// cities of the documents a batch wrote to the index before they are
// marked indexed, and that documents of cities unknown left it when a
// deleted document is removed by ID.
func TestIndexWatcherToldOfEachWrite(t *testing.T) {
	r := newRig(t)
	svc, done := r.service(t)
	heard := &citiesHeard{}
	svc.UseIndexWatcher(heard)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	a := submitText(t, svc, "学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	submitText(t, svc, "社区教育.txt", "杭州市社区教育工作总结：全年举办市民大讲堂。")
	waitFor(t, done, 2)
	calls := heard.heard()
	if len(calls) == 0 {
		t.Fatal("the watcher was told of no write after two documents were indexed")
	}
	for _, c := range calls {
		if !slices.Equal(c, []string{"330100"}) {
			t.Errorf("the watcher was told of cities %v, want [330100] (the documents' city)", c)
		}
	}

	if err := svc.Unindex(context.Background(), a.Document.ID); err != nil {
		t.Fatal(err)
	}
	calls = heard.heard()
	if last := calls[len(calls)-1]; len(last) != 0 {
		t.Errorf("removing a document by ID told the watcher of cities %v, want none named (cities unknown)", last)
	}
}
