package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// searchingIndex records whether a search was marked running while the
// index computed it.
type searchingIndex struct {
	innerIndex
	searching int64
}

func (s *searchingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	s.searching = lowprio.Searching()
	return s.innerIndex.Search(ctx, q)
}

// TestSearchIsForegroundWork: while the service runs a search, the index's
// background work goes to the low-priority thread (internal/lowprio), and
// once it has answered, no search is left marked.
func TestSearchIsForegroundWork(t *testing.T) {
	cat, idx := openDemoStores(t)
	storeTexts(t, cat, idx, map[string]string{"D01": "杭州市建立学分银行，推进学习成果认证。"}, "学分银行工作总结", "work_summary")
	probe := &searchingIndex{innerIndex: idx}
	res, err := NewService(probe, cat).Search(context.Background(), Request{Query: "学分银行"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 1 {
		t.Errorf("学分银行 found %d documents, want 1", res.Total)
	}
	if probe.searching < 1 {
		t.Errorf("the index computed the search with %d searches marked running, want at least 1", probe.searching)
	}
	if n := lowprio.Searching(); n != 0 {
		t.Errorf("%d searches still marked running after the search answered", n)
	}
}
