package ingest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRereadWhileAJobCarriesTheOldText: a document whose job the pipeline
// built from its old text (extracted: a start's requeue, an edit's
// Refresh) while 重新读取 runs is not marked indexed from that text over
// the run's work: the run leaves it (or, sent back, the job's marking
// leaves it stored), and the next run sends it back, so that in the end
// the index holds the new reading and nothing is counted outdated.
func TestRereadWhileAJobCarriesTheOldText(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	waitFor(t, done, 1)
	svc.Close()

	old := readByAnOlderReader(t, r, d.SHA256)
	// The document back in extracted, its job built from the old text.
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusExtracted}); err != nil {
		t.Fatal(err)
	}
	svc, done = r.service(t)
	job, err := svc.prepare(ctx, d.ID, nil, true, nil)
	if err != nil || job == nil || job.pages[0] != old.Pages[0] {
		t.Fatalf("job %+v, %v; want one carrying the old text", job, err)
	}

	queued, _, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	svc.indexBatch(ctx, []indexJob{*job}) // the job ends after the run's first pass
	if c, err := svc.CountOutdated(ctx); err != nil || c.Texts != 1 {
		t.Fatalf("after the job: %+v, %v; want its text still counted outdated", c, err)
	}
	if len(queued) == 0 { // left to the next run, the document being in the pipeline
		if queued, _, err = svc.RereadOutdated(ctx, nil); err != nil {
			t.Fatal(err)
		}
	}
	if !slices.Equal(queued, []string{d.ID}) {
		t.Fatalf("queued %v, want %s", queued, d.ID)
	}
	if err := svc.Start(ctx); err != nil { // starting queues what is stored
		t.Fatal(err)
	}
	if got := waitFor(t, done, 1)[d.ID]; got == nil || got.Status != catalog.StatusIndexed {
		t.Fatalf("the document read again: %+v", got)
	}
	if n := hits(t, r.idx, "1260场"); n != 1 {
		t.Errorf("search for 1260场: %d hits, want 1 (the new reading indexed)", n)
	}
	if c, err := svc.CountOutdated(ctx); err != nil || c != (OutdatedCount{}) {
		t.Errorf("counted %+v, %v; want nothing outdated", c, err)
	}
}

// TestRereadRefusedOnASharedCatalog: a node of several sharing one
// catalog does not start 重新读取 (another node's run could read the same
// texts at once); it says to stop the servers and run repair --outdated.
func TestRereadRefusedOnASharedCatalog(t *testing.T) {
	r := newRig(t)
	svc, _ := r.service(t)
	svc.cfg.Shared = true
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	err := svc.StartReread(admin)
	if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(err.Error(), "evidence repair --outdated") {
		t.Errorf("StartReread on a shared catalog: %v, want ECONFLICT naming evidence repair --outdated", err)
	}
	if run := svc.RereadState(); run != nil {
		t.Errorf("a run was started: %+v", run)
	}
}

// citeOnRead is a blob store that runs cite once, as the original key is
// first read: a claim citing the text while 重新读取 reads it anew.
type citeOnRead struct {
	blob.Store
	key  string
	cite func()
}

func (c *citeOnRead) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if key == c.key && c.cite != nil {
		c.cite()
		c.cite = nil
	}
	return c.Store.Get(ctx, key)
}

// TestRereadKeepsATextCitedWhileItRuns: a claim that finds its passage in
// an old text after the run began (a run can take hours) keeps that text:
// the run asks again just before it would save the new one.
func TestRereadKeepsATextCitedWhileItRuns(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "学分银行.txt", "杭州市学分银行累计存入学分三万余条。").Document
	waitFor(t, done, 1)
	svc.Close()
	old := readByAnOlderReader(t, r, d.SHA256)
	blobs := &citeOnRead{Store: r.blobs, key: catalog.OriginalKey(d.SHA256), cite: func() {
		claim := &catalog.Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "已建成学分银行", CreatedBy: "wang",
			Citations: []catalog.Citation{{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "Be FE", QuoteFound: true, FoundOnPage: 1}}}
		if err := r.cat.CreateClaim(ctx, claim); err != nil {
			t.Error(err)
		}
	}}
	svc = New(r.cat, blobs, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	t.Cleanup(svc.Close)
	queued, kept, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if blobs.cite != nil {
		t.Fatal("the original was not read: the claim was never made")
	}
	if len(queued) != 0 || len(kept) != 1 || kept[0].Document.ID != d.ID || kept[0].Cited != 1 {
		t.Errorf("queued %v, kept %+v; want the text kept for the citation made meanwhile", queued, kept)
	}
	if got, err := LoadText(ctx, r.blobs, d.SHA256); err != nil || got.Pages[0] != old.Pages[0] {
		t.Errorf("its text: %+v, %v; want the old one the claim cites", got, err)
	}
}

// holdKey is a blob store whose Gets of key wait until release closes.
type holdKey struct {
	blob.Store
	key     string
	release chan struct{}
}

func (h *holdKey) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if key == h.key {
		select {
		case <-h.release:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return h.Store.Get(ctx, key)
}

// TestRereadQueuesTextsBeforeFields: a document whose text a run read
// anew is indexed from it while the run is still reading fields (held
// here on another document's text, once the text phase loaded it), not
// only once the run ends.
func TestRereadQueuesTextsBeforeFields(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	f := submitText(t, svc, "活动周通知.txt", "杭州市教育局关于开展2018年全民终身学习活动周的通知").Document
	waitFor(t, done, 2)
	svc.Close()
	readByAnOlderReader(t, r, d.SHA256)
	// f's fields as an older field reader (revision 0) read them.
	if err := r.cat.SetStatus(ctx, catalog.StatusChange{ID: f.ID, Status: catalog.StatusIndexed,
		Fill: &catalog.FieldFill{Title: f.Title}}); err != nil {
		t.Fatal(err)
	}
	if c, err := (&Service{cat: r.cat}).CountOutdated(ctx); err != nil || c.Texts != 1 || c.Fields < 1 {
		t.Fatalf("before the run: %+v, %v; want d's text and f's fields outdated", c, err)
	}

	held := &holdKey{Store: r.blobs, key: catalog.TextKey(f.SHA256), release: make(chan struct{})}
	defer close(held.release)
	done = make(chan *catalog.Document, 10)
	svc = New(r.cat, held, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), OnDone: func(d *catalog.Document) { done <- d }})
	t.Cleanup(svc.Close)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	if err := svc.StartReread(&catalog.User{Username: "admin", Role: catalog.RoleAdmin}); err != nil {
		t.Fatal(err)
	}
	// f's text is held (the text phase does not load it: today's reader
	// gave it): the run cannot end before d is indexed anew.
	if got := waitFor(t, done, 1)[d.ID]; got == nil || got.Status != catalog.StatusIndexed {
		t.Fatalf("finished: %+v; want %s indexed anew", got, d.ID)
	}
	if run := svc.RereadState(); run == nil || !run.Running || run.Phase != "fields" {
		t.Errorf("the run: %+v; want it still reading fields", run)
	}
}

// readByAnOlderReader stores, as the text of sha, what an older revision
// of its reader made of it (a garbled page), records that reader and
// returns that text.
func readByAnOlderReader(t *testing.T, r *rig, sha string) *StoredText {
	t.Helper()
	ctx := context.Background()
	text, err := LoadText(ctx, r.blobs, sha)
	if err != nil {
		t.Fatal(err)
	}
	old := &StoredText{Extractor: text.Extractor, Version: extract.VersionOf(text.Extractor) - 1, Pages: []string{"x 8 «es 7 a | Be FE"}}
	saveOlderText(t, r, sha, old)
	return old
}

// saveOlderText stores old as the text of sha and records its reader, as
// the pipeline did when an older reader read it.
func saveOlderText(t *testing.T, r *rig, sha string, old *StoredText) {
	t.Helper()
	ctx := context.Background()
	if _, err := SaveText(ctx, r.blobs, sha, old); err != nil {
		t.Fatal(err)
	}
	if err := r.cat.RecordTextReader(ctx, sha, catalog.TextReader{Name: old.Extractor, Version: old.Version}); err != nil {
		t.Fatal(err)
	}
}

// forgetReaders makes the catalog forget the readers of the documents ids,
// as for texts extracted before it recorded them (migration 022).
func forgetReaders(t *testing.T, r *rig, ids ...string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, id := range ids {
		if _, err := db.Exec(`UPDATE document SET reader = '', reader_version = NULL WHERE id = ?`, id); err != nil {
			t.Fatal(err)
		}
	}
}

// indexBatch records the jobs' extractions and writes them to the index,
// the indexer's two steps one after the other, as runIndexer does.
func (s *Service) indexBatch(ctx context.Context, jobs []indexJob) {
	if jobs = s.recordExtractions(ctx, jobs); len(jobs) > 0 {
		s.writeBatch(ctx, jobs)
	}
}
