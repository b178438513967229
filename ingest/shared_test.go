package ingest

import (
	"context"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/pgtest"
)

// sharedNode is one node of several on a PostgreSQL catalog and a shared
// blob store, with its own index.
func sharedNode(t *testing.T, r *rig, name string) (*Service, index.Index, chan *catalog.Document) {
	t.Helper()
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp-"+name), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(testWriter{t, name}, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
		Shared: true, Node: name, Lease: time.Second, FollowInterval: 100 * time.Millisecond,
	})
	t.Cleanup(svc.Close)
	return svc, idx, done
}

// testWriter logs a node's lines to the test log, prefixed with its name.
type testWriter struct {
	t    *testing.T
	name string
}

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Logf("%s: %s", w.name, p)
	return len(p), nil
}

func pgRig(t *testing.T) *rig {
	t.Helper()
	r, _ := pgRigAt(t)
	return r
}

// pgRigAt is pgRig with its database's URL, for a test that also works
// on the catalog's tables as another node's transaction would.
func pgRigAt(t *testing.T) (*rig, string) {
	t.Helper()
	r := newRig(t)
	url := pgtest.DatabaseURL(t)
	cat, err := catalog.OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	r.cat = cat
	return r, url
}

// A node that took a job and died leaves it to another node once its
// lease has run out; the other node extracts it once, and every node's
// index follows.
func TestSharedJobOfADeadNodeIsTakenOver(t *testing.T) {
	ctx := context.Background()
	t0 := time.Now()
	r := pgRig(t)
	t.Logf("postgres ready after %v", time.Since(t0))
	dead, _, _ := sharedNode(t, r, "dead")
	out := submitText(t, dead, "总结.txt", "杭州市社区学习共同体建设工作总结,学分银行覆盖全市。")
	id := out.Document.ID
	const lease = time.Second
	taken := time.Now() // no later than the lease starts
	if tok, err := r.cat.TakeJob(ctx, id, "dead", lease); tok == "" || err != nil {
		t.Fatalf("the dead node takes the job: %q %v", tok, err)
	}
	// "dead" is never started: it holds the lease and does nothing.
	alive, aliveIdx, done := sharedNode(t, r, "alive")
	if err := alive.Start(ctx); err != nil {
		t.Fatal(err)
	}
	select {
	case d := <-done:
		if d.ID != id || d.Status != catalog.StatusIndexed {
			t.Fatalf("finished %s %s, want %s indexed", d.ID, d.Status, id)
		}
	case <-time.After(time.Minute):
		d, _ := r.cat.Document(ctx, id)
		t.Fatalf("orphaned job not finished by the other node within a minute: %+v", d)
	}
	// Measured from before the lease was taken, not from the other
	// node's start, which a loaded machine reaches late in the lease.
	if waited := time.Since(taken); waited < lease {
		t.Errorf("taken over after %v, before the dead node's lease ran out", waited)
	}
	if ids, _ := aliveIdx.IDs(ctx); len(ids) != 1 || ids[0] != id {
		t.Errorf("the surviving node's index holds %v", ids)
	}
	t.Logf("taken over and indexed after %v", time.Since(t0))
	// A third node joining later catches up from the catalog and the
	// stored text, without extracting again.
	late, lateIdx, _ := sharedNode(t, r, "late")
	if err := late.Start(ctx); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(time.Minute)
	for !late.IndexLag().CaughtUp && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if ids, _ := lateIdx.IDs(ctx); len(ids) != 1 || ids[0] != id {
		t.Errorf("a new node's index after catching up holds %v (lag %+v)", ids, late.IndexLag())
	}
	if d, _ := r.cat.Document(ctx, id); d.Status != catalog.StatusIndexed {
		t.Errorf("status %s after the new node caught up", d.Status)
	}
}

// storeOutage is a node's view of the shared blob store while that store
// is out of reach: every stored text read (or every original read)
// fails EUNAVAILABLE while down.
type storeOutage struct {
	blob.Store
	down  atomic.Bool
	tries atomic.Int32
	// failGets, while positive, fails that many more reads of texts with
	// the store otherwise up, as the first requests after an outage may.
	failGets atomic.Int32
	// watched counts the reads of key while the store is down.
	key     atomic.Value
	watched atomic.Int32
	// originals, when set, fails the reads of originals while down
	// instead of those of texts, as when the store went down between a
	// worker finding no text and its reading the original.
	originals atomic.Bool
}

func (s *storeOutage) Stat(ctx context.Context, key string) (blob.Info, error) {
	if s.down.Load() {
		return blob.Info{}, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用（S3 服务无法连接）")
	}
	return s.Store.Stat(ctx, key)
}

func (s *storeOutage) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") && !s.down.Load() && s.failGets.Add(-1) >= 0 {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储暂时无法处理请求（S3 服务出错）")
	}
	failing := "text/"
	if s.originals.Load() {
		failing = "originals/"
	}
	if s.down.Load() && strings.HasPrefix(key, failing) {
		s.tries.Add(1)
		if w, _ := s.key.Load().(string); w == key {
			s.watched.Add(1)
		}
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用（S3 服务无法连接）")
	}
	return s.Store.Get(ctx, key)
}

// GetRange fails as Get does (and counts alike): a page view reads by it.
func (s *storeOutage) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	rc, err := s.Get(ctx, key)
	if err != nil {
		return nil, err
	}
	rc.Close()
	return s.Store.GetRange(ctx, key, off, n, version)
}

// A node whose index follows a document another node indexed while the
// blob store is down indexes it once the store is back, instead of
// passing over it and missing it from its search for good — however long
// the outage (longer than the patience with one unreadable text), and
// though the first reads as the store comes back fail.
func TestSharedFollowerWaitsOutAStoreOutage(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	writer, _, done := sharedNode(t, r, "writer")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	outage := &storeOutage{Store: r.blobs}
	cut := *r
	cut.blobs = outage
	reader, readerIdx, _ := sharedNode(t, &cut, "reader")
	const patience = 200 * time.Millisecond
	reader.cfg.UnreadableTextPatience = patience
	if err := reader.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitIndexed := func(ids ...string) {
		t.Helper()
		slices.Sort(ids)
		for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
			got, _ := readerIdx.IDs(ctx)
			slices.Sort(got)
			if slices.Equal(got, ids) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("the reader's index holds %v, want %v (lag %+v)", got, ids, reader.IndexLag())
			}
		}
	}
	first := indexedOn(t, writer, done, "杭州市老年大学年报.txt", "杭州市老年大学新增办学点十二个。")
	waitIndexed(first.ID) // the reader has read a text: it knows the store answers
	for quiet, deadline := 0, time.Now().Add(time.Minute); quiet < 3; time.Sleep(200 * time.Millisecond) {
		// Until the writer's last change to it (fields read after) is followed too.
		if lag := reader.IndexLag(); lag.Changes == 0 && lag.CaughtUp {
			quiet++
		} else {
			quiet = 0
		}
		if time.Now().After(deadline) {
			t.Fatalf("the reader does not catch up: lag %+v", reader.IndexLag())
		}
	}

	outage.down.Store(true)
	second := indexedOn(t, writer, done, "宁波市学分银行工作总结.txt", "宁波市社区教育学分银行覆盖全部街道，市民学习积分可兑换课程。")
	id := second.ID
	outage.key.Store(catalog.TextKey(second.SHA256))
	// An outage longer than the patience, with more refusals of the text
	// than pass over one the store refuses alone.
	for deadline := time.Now().Add(time.Minute); outage.watched.Load() < 3*unreadableTries; time.Sleep(20 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the reader tried to read the stored text %d times in a minute", outage.watched.Load())
		}
	}
	if lag := reader.IndexLag(); lag.Changes == 0 {
		t.Errorf("while the store is down the reader reports lag %+v, want changes behind", lag)
	}
	outage.failGets.Store(2)
	outage.down.Store(false)
	waitIndexed(first.ID, id)
	if lag := reader.IndexLag(); !lag.CaughtUp || lag.Changes != 0 {
		t.Errorf("after the store came back the reader reports lag %+v, want caught up", lag)
	}
}

// indexedOn submits a text to node and waits until it reports it indexed.
func indexedOn(t *testing.T, node *Service, done chan *catalog.Document, name, text string) *catalog.Document {
	t.Helper()
	id := submitText(t, node, name, text).Document.ID
	for timeout := time.After(time.Minute); ; {
		select {
		case d := <-done:
			if d.ID != id {
				continue // an earlier document, told again
			}
			if d.Status != catalog.StatusIndexed {
				t.Fatalf("%s is %s (%s), want indexed", name, d.Status, d.Error)
			}
			return d
		case <-timeout:
			t.Fatalf("%s was not indexed within a minute", name)
		}
	}
}

// refusedObject is a blob store in reach that refuses one object as
// unavailable, as S3 does an object denied by a key policy or moved to
// archive storage.
type refusedObject struct {
	blob.Store
	key string
}

func (s refusedObject) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if key == s.key {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储拒绝访问该对象")
	}
	return s.Store.Get(ctx, key)
}

func (s refusedObject) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if key == s.key {
		return nil, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储拒绝访问该对象")
	}
	return s.Store.GetRange(ctx, key, off, n, version)
}

// A stored text the store refuses while it answers everything else holds
// a following node for a while, then is passed over (left to evidence
// check): the documents after it reach that node's search and it catches
// up, instead of waiting at that text for ever.
func TestSharedFollowerPassesOverOneUnreadableText(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	writer, _, done := sharedNode(t, r, "writer")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	first := indexedOn(t, writer, done, "杭州市社区学院简介.txt", "杭州市社区学院开设老年教育课程。")
	refused := indexedOn(t, writer, done, "宁波市学分银行工作总结.txt", "宁波市社区教育学分银行覆盖全部街道。")
	later := indexedOn(t, writer, done, "杭州市老年大学年报.txt", "杭州市老年大学新增办学点十二个，开设课程三百门。")

	cut := *r
	cut.blobs = refusedObject{Store: r.blobs, key: catalog.TextKey(refused.SHA256)}
	reader, readerIdx, _ := sharedNode(t, &cut, "reader")
	const patience = 500 * time.Millisecond
	reader.cfg.UnreadableTextPatience = patience
	start := time.Now()
	if err := reader.Start(ctx); err != nil {
		t.Fatal(err)
	}
	want := []string{first.ID, later.ID}
	slices.Sort(want)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		ids, _ := readerIdx.IDs(ctx)
		slices.Sort(ids)
		if slices.Equal(ids, want) && reader.IndexLag().CaughtUp {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute on, the reader's index holds %v (lag %+v), want %v and caught up", ids, reader.IndexLag(), want)
		}
	}
	if took := time.Since(start); took < patience {
		t.Errorf("the reader passed over the refused text after %s, before its patience of %s", took, patience)
	}
}

// TestMain lets the test binary be the extraction sandbox's child (run with
// EVIDENCE_EXTRACT_CHILD=1), as the evidence binary's extract-child is.
func TestMain(m *testing.M) {
	if os.Getenv("EVIDENCE_EXTRACT_CHILD") == "1" {
		os.Exit(extract.RunChild(os.Stdin, os.Stdout))
	}
	os.Exit(pgtest.Main(m))
}

// evidence repair on a shared catalog (StartFor) reads the documents it
// was asked for, one of them taken over from a node that died holding it,
// and leaves every other unfinished document to serve, even one no node
// has taken for a while.
func TestSharedStartForTakesOverOnlyItsDocuments(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	up, _, _ := sharedNode(t, r, "uploader") // never started: uploads only
	damaged := submitText(t, up, "损坏.txt", "杭州市社区学习共同体建设工作总结,学分银行覆盖全市。").Document.ID
	left := submitText(t, up, "留给服务.txt", "成都市学习型城市建设年度报告,社区教育覆盖全市。").Document.ID
	if tok, err := r.cat.TakeJob(ctx, damaged, "dead", time.Second); tok == "" || err != nil {
		t.Fatalf("the dead node takes the job: %q %v", tok, err)
	}
	time.Sleep(orphanGrace + time.Second) // both are orphans now
	repair, _, _ := sharedNode(t, r, "repair")
	if err := repair.StartFor(ctx, []string{damaged}); err != nil {
		t.Fatal(err)
	}
	wctx, cancel := context.WithTimeout(ctx, time.Minute)
	defer cancel()
	if _, err := repair.Wait(wctx, []string{damaged}, nil); err != nil {
		t.Fatalf("repair of a document a dead node held: %v", err)
	}
	time.Sleep(time.Second) // adoptOrphans looks every 250 ms here
	d, err := r.cat.Document(ctx, left)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != catalog.StatusStored {
		t.Errorf("document left for serve is %s after StartFor([%s]); want it still stored", d.Status, damaged)
	}
}

// A catalog restored from a dump older than a node's index (the operator
// went back to last night's backup) hands out again the seqs the node
// recorded as applied: the node must notice at start, take out of its
// index what the catalog does not hold, and follow from the first
// change — else it would pass over every upload until the catalog's seqs
// overtook its record, and keep serving documents the catalog lacks.
func TestSharedFollowerStartsOverWhenTheCatalogWentBack(t *testing.T) {
	ctx := context.Background()
	r := pgRig(t)
	writer, _, writerDone := sharedNode(t, r, "writer")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	kept := indexedOn(t, writer, writerDone, "总结.txt", "杭州市社区学习共同体建设工作总结，学分银行覆盖全市。")

	// The restored node's index still holds a document of the newer
	// catalog, and its record is far past the restored catalog's seqs.
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	gone := &catalog.Document{ID: "01JZZZZZZZZZZZZZZZZZZZZZZZ", City: "330100", Title: "恢复前上传的通知"}
	if err := idx.Index(ctx, []index.Document{IndexDocument(gone, []string{"恢复前上传的通知，备份之后才有。"})}); err != nil {
		t.Fatal(err)
	}
	latest, err := r.cat.LatestSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	state := filepath.Join(r.dir, "index-follow.seq")
	if err := os.WriteFile(state, []byte(strconv.FormatInt(latest+1000, 10)+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	done := make(chan *catalog.Document, 10)
	restored := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp-restored"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(testWriter{t, "restored"}, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
		Shared: true, Node: "restored", Lease: time.Second, FollowInterval: 100 * time.Millisecond,
		FollowStateFile: state,
	})
	t.Cleanup(restored.Close)
	if err := restored.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// An upload after the restore takes a seq the old record had passed.
	added := indexedOn(t, writer, writerDone, "通知.txt", "关于开展全民终身学习活动周的通知。")
	want := []string{kept.ID, added.ID}
	slices.Sort(want)
	deadline := time.Now().Add(time.Minute)
	var ids []string
	for time.Now().Before(deadline) {
		if ids, _ = idx.IDs(ctx); slices.Equal(ids, want) {
			return
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("the restored node's index holds %v, want %v (the catalog's documents, not the one it lacks)", ids, want)
}
