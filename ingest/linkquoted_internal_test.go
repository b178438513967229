package ingest

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// shasLooked records the texts whose quotes it is asked to look for.
type shasLooked struct {
	mu   sync.Mutex
	shas []string
}

func (q *shasLooked) RecheckQuotes(_ context.Context, sha string) (catalog.QuotesRechecked, error) {
	q.mu.Lock()
	defer q.mu.Unlock()
	q.shas = append(q.shas, sha)
	return catalog.QuotesRechecked{}, nil
}

func (q *shasLooked) RecheckLinkQuotes(ctx context.Context, sha, _ string) (catalog.QuotesRechecked, error) {
	return q.RecheckQuotes(ctx, sha)
}

// TestFirstReadingsAskForLinkQuotesOncePerBatch: the indexer's batch of
// documents read for the first time asks once which have a link with a
// quote, however many documents it has, and has the quotes looked for in
// that one's text only; a document read before (no first reading) is not
// asked about.
func TestFirstReadingsAskForLinkQuotesOncePerBatch(t *testing.T) {
	ctx := context.Background()
	r := newRig(t)
	s, _ := r.service(t)
	if _, err := r.cat.ImportFramework(ctx, catalog.Framework{ID: "demo", Name: "示例", Version: "1"}, []catalog.Indicator{
		{Code: "1", Level: 1, Name: "组织保障"},
		{Code: "1.1", ParentCode: "1", Level: 2, Name: "规划与政策法规"},
		{Code: "1.1.1", ParentCode: "1.1", Level: 3, Name: "终身学习活动", Kind: catalog.Qualitative},
	}, "admin"); err != nil {
		t.Fatal(err)
	}
	stmts := map[int]int64{}
	for _, size := range []int{2, 6} {
		looked := &shasLooked{}
		s.UseQuotes(looked)
		var jobs []indexJob
		for i := range size {
			id := fmt.Sprintf("社区教育年报%d-%d", size, i)
			d := &catalog.Document{ID: id, SHA256: "sha-" + id, Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
				DocType: catalog.DocPolicy, City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
			if err := r.cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
				t.Fatal(err)
			}
			if i <= 1 { // the first not read for the first time: not asked about
				l := &catalog.Link{DocumentID: id, IndicatorCode: "1.1.1", Quote: "开展全民终身学习活动月", CreatedBy: "admin"}
				if err := r.cat.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
					t.Fatal(err)
				}
			}
			jobs = append(jobs, indexJob{doc: d, pages: []string{"杭州市开展全民终身学习活动月。"}, linkQuotes: i != 0})
		}
		before := r.cat.Statements()
		s.lookForLinkQuotes(ctx, jobs)
		stmts[size] = r.cat.Statements() - before
		if want := []string{jobs[1].doc.SHA256}; !slices.Equal(looked.shas, want) {
			t.Errorf("batch of %d: quotes looked for in %v, want only %v (the one with a link quote)", size, looked.shas, want)
		}
	}
	if stmts[2] != 1 || stmts[6] != 1 {
		t.Errorf("statements asking which documents have link quotes: %v by batch size, want 1 for each", stmts)
	}
}
