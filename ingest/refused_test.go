package ingest

import (
	"bytes"
	"context"
	"database/sql"
	"image/png"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testpdf"
)

// lockedLog keeps a node's log lines for the test to count, and shows
// them in the test's log.
type lockedLog struct {
	mu  sync.Mutex
	buf bytes.Buffer
	t   *testing.T
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.t.Logf("%s", p)
	return l.buf.Write(p)
}

func (l *lockedLog) count(s string) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return strings.Count(l.buf.String(), s)
}

// refusedCatalog is a catalog a test migrates as a newer binary would:
// bump sets its version past this binary's migrations, restore puts it
// back, as a restored backup does; lease says who holds a document's job.
type refusedCatalog struct {
	db       *sql.DB
	version  int
	leaseSQL string
	jobSQL   string
	setSQL   func(int) string
}

func (c *refusedCatalog) set(t *testing.T, v int) {
	t.Helper()
	if _, err := c.db.Exec(c.setSQL(v)); err != nil {
		t.Fatal(err)
	}
}

func (c *refusedCatalog) lease(t *testing.T, id string) string {
	t.Helper()
	var owner sql.NullString
	if err := c.db.QueryRow(c.leaseSQL, id).Scan(&owner); err != nil {
		t.Fatal(err)
	}
	return owner.String
}

// job says how many attempts a document's job counts and who holds it.
func (c *refusedCatalog) job(t *testing.T, id string) (attempts int, owner string) {
	t.Helper()
	if err := c.db.QueryRow(c.jobSQL, id).Scan(&attempts, &owner); err != nil {
		t.Fatal(err)
	}
	return attempts, owner
}

func sqliteVersioned(t *testing.T, path string) *refusedCatalog {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &refusedCatalog{db: db, leaseSQL: `SELECT lease_owner FROM document WHERE id = ?`,
		jobSQL: `SELECT attempts, lease_owner FROM document WHERE id = ?`,
		setSQL: func(v int) string { return "PRAGMA user_version = " + strconv.Itoa(v) }}
	if err := db.QueryRow(`PRAGMA user_version`).Scan(&c.version); err != nil {
		t.Fatal(err)
	}
	return c
}

func pgVersioned(t *testing.T, url string) *refusedCatalog {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	c := &refusedCatalog{db: db, leaseSQL: `SELECT lease_owner FROM document WHERE id = $1`,
		jobSQL: `SELECT attempts, lease_owner FROM document WHERE id = $1`,
		setSQL: func(v int) string { return "UPDATE schema_version SET version = " + strconv.Itoa(v) }}
	if err := db.QueryRow(`SELECT version FROM schema_version`).Scan(&c.version); err != nil {
		t.Fatal(err)
	}
	return c
}

// parkings records where a refused node's loops parked (onParked), and
// when: a check of what the node leaves alone is made once they are
// parked, not after a sleep that proves nothing on a loaded machine.
type parkings struct {
	mu   sync.Mutex
	seen []parking
}

type parking struct {
	loop, id string
	at       time.Time
}

func (p *parkings) add(loop, id string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.seen = append(p.seen, parking{loop, id, time.Now()})
}

func (p *parkings) has(loop, id string, since time.Time) bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.ContainsFunc(p.seen, func(e parking) bool { return e.loop == loop && e.id == id && !e.at.Before(since) })
}

// wait waits until loop parked (with document id) at since or after.
func (p *parkings) wait(t *testing.T, loop, id string, since time.Time) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); !p.has(loop, id, since); time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("the refused node's %s loop did not park (document %q) in a minute", loop, id)
		}
	}
}

// stopsWorkLine is what a node logs once as it stops taking work.
const stopsWorkLine = "不再读取或索引材料"

// waitOutrun waits for svc to notice the catalog's newer migration.
func waitOutrun(t *testing.T, svc *Service) {
	t.Helper()
	for deadline := time.Now().Add(30 * time.Second); svc.Refusal() == nil; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatal("the node did not notice in 30 s that a newer binary migrated its catalog")
		}
	}
}

// takesNothingWhileRefused checks, once parked says the node's loops are
// parked, that the document later stays stored, unleased and out of the
// node's index, which holds indexed (sorted) as before, while the
// document before stays indexed; then that the node takes later once the
// catalog is back at its migration.
func takesNothingWhileRefused(t *testing.T, r *rig, svc *Service, cat *refusedCatalog, logs *lockedLog,
	done chan *catalog.Document, before, later string, indexed []string, parked func()) {
	t.Helper()
	ctx := context.Background()
	parked()
	d, err := r.cat.Document(ctx, later)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != catalog.StatusStored {
		t.Errorf("a document stored after the refusal is %s with the worker that holds it parked, want still stored: the refused node took it", d.Status)
	}
	if owner := cat.lease(t, later); owner != "" {
		t.Errorf("a document stored after the refusal is leased to %q, want no lease", owner)
	}
	if ids, _ := svc.idx.IDs(ctx); !slices.Equal(ids, indexed) {
		t.Errorf("the refused node's index holds %v, want what it held before, %v", ids, indexed)
	}
	if d, _ := r.cat.Document(ctx, before); d.Status != catalog.StatusIndexed {
		t.Errorf("the document indexed before the refusal is %s, want indexed as it was", d.Status)
	}
	if n := logs.count(stopsWorkLine); n != 1 {
		t.Errorf("the node said %d times that it stopped taking work (%q), want once", n, stopsWorkLine)
	}

	// A backup restored: the node serves again and takes what waited.
	cat.set(t, cat.version)
	// A shared node's follower tells of the one before again: waited past.
	for got := map[string]*catalog.Document{}; got[later] == nil; {
		got = waitFor(t, done, 1)
		if d := got[later]; d != nil && d.Status != catalog.StatusIndexed {
			t.Fatalf("after the catalog came back to the node's migration %s is %s, want indexed", later, d.Status)
		}
	}
	if n := logs.count("本节点恢复服务并继续处理材料"); n != 1 {
		t.Errorf("the node said %d times that it takes work again, want once", n)
	}
}

// A node whose SQLite catalog a newer binary migrated takes no document
// queued after it noticed: the upload waits, stored, out of the index,
// while what was indexed before stays as it was.
func TestARefusedNodeTakesNoNewWork(t *testing.T) {
	r := newRig(t)
	logs := &lockedLog{t: t}
	done := make(chan *catalog.Document, 100)
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2, FollowInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
	})
	parks := &parkings{}
	svc.onParked = parks.add
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := submitText(t, svc, "学分银行.txt", "杭州市建立学分银行，推进学习成果认证与转换。").Document.ID
	waitFor(t, done, 1)

	cat := sqliteVersioned(t, filepath.Join(r.dir, "catalog.db"))
	cat.set(t, 999)
	waitOutrun(t, svc)
	// Queued as an upload, a retry or a reread queues one.
	later := submitText(t, svc, "社区教育.txt", "社区教育工作总结：全年举办市民大讲堂四十场。").Document.ID
	// A command waiting for it (evidence ingest, repair) is told why at
	// once, not left waiting for ever.
	wctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if _, err := svc.Wait(wctx, []string{later}, nil); catalog.ErrorCode(err) != catalog.EUNAVAILABLE || wctx.Err() != nil {
		t.Errorf("waiting for a document on a refused node: %v, want the refusal (EUNAVAILABLE) at once", err)
	}
	if err := svc.Settle(wctx, nil); catalog.ErrorCode(err) != catalog.EUNAVAILABLE || wctx.Err() != nil {
		t.Errorf("settling a refused node: %v, want the refusal (EUNAVAILABLE) at once", err)
	}
	// A worker popped it and waits to take its job.
	takesNothingWhileRefused(t, r, svc, cat, logs, done, before, later, []string{before},
		func() { parks.wait(t, "take", later, time.Time{}) })
}

// A node of a shared PostgreSQL catalog that a newer binary migrated
// takes no job: neither a document a newer node stored and left (orphan
// adoption) nor one on its own queue is leased, read or indexed, its
// follower leaves its index as it was (a document a newer node deleted
// stays in it), and what was indexed before stays.
func TestARefusedSharedNodeTakesNoJob(t *testing.T) {
	r, url := pgRigAt(t)
	logs := &lockedLog{t: t}
	done := make(chan *catalog.Document, 100)
	idx := r.idx
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
		OnDone: func(d *catalog.Document) { done <- d },
		Shared: true, Node: "旧版节点", Lease: time.Second, FollowInterval: 100 * time.Millisecond,
	})
	parks := &parkings{}
	svc.onParked = parks.add
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	before := submitText(t, svc, "学分银行.txt", "杭州市建立学分银行，推进学习成果认证与转换。").Document.ID
	gone := submitText(t, svc, "旧通知.txt", "关于开展全民终身学习活动周的通知：各街道社区学校按时报送活动安排。").Document.ID
	waitFor(t, done, 2)
	indexed := []string{before, gone}
	slices.Sort(indexed)

	cat := pgVersioned(t, url)
	cat.set(t, 999)
	waitOutrun(t, svc)
	// Stored by another node, never started, as a newer node would leave
	// it; and on this node's queue as a retry puts one.
	newer := New(r.cat, r.blobs, idx, Config{TempDir: filepath.Join(r.dir, "tmp-newer"), Shared: true, Node: "新版节点",
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	later := submitText(t, newer, "社区教育.txt", "社区教育工作总结：全年举办市民大讲堂四十场。").Document.ID
	orphaned := time.Now().Add(orphanGrace) // when adoptOrphans would take it
	svc.queue.push(later)
	// Deleted by a newer node: the follower leaves this node's index as
	// it was until the node serves again.
	if _, err := r.cat.DeleteDocument(context.Background(), gone, "admin"); err != nil {
		t.Fatal(err)
	}
	// A worker holds it, the follower waits, and adoptOrphans passed a
	// tick by when it would have taken it.
	takesNothingWhileRefused(t, r, svc, cat, logs, done, before, later, indexed, func() {
		parks.wait(t, "take", later, time.Time{})
		parks.wait(t, "follow", "", time.Time{})
		parks.wait(t, "orphans", "", orphaned)
	})
	want := []string{before, later}
	slices.Sort(want)
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(50 * time.Millisecond) {
		ids, _ := svc.idx.IDs(context.Background())
		if slices.Equal(ids, want) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("a minute after the node served again its index holds %v, want %v (the deleted one gone)", ids, want)
		}
	}
}

// A node refused while it reads a long scan by OCR drops the reading at
// once, rather than spend the machine on pages it will not write, and
// leaves the scan stored, neither failed nor indexed, for the newer
// version to read.
func TestARefusedNodeDropsTheReadingUnderWay(t *testing.T) {
	for _, p := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is required under CI=true: %v", p, err)
			}
			t.Skipf("%s not installed: %v", p, err)
		}
	}
	ctx := context.Background()
	r := newRig(t)
	logs := &lockedLog{t: t}
	svc := New(r.cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 1, OCRWorkers: 1, FollowInterval: 10 * time.Millisecond,
		Logger: slog.New(slog.NewTextHandler(logs, nil)),
	})
	parks := &parkings{}
	svc.onParked = parks.add
	t.Cleanup(svc.Close)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	// page.png: 武汉市学习型城市建设监测数据说明 …; forty pages of it take
	// OCR a minute or more.
	f, err := os.Open(filepath.Join("extract", "testdata", "page.png"))
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(f)
	f.Close()
	if err != nil {
		t.Fatal(err)
	}
	st, err := svc.Stage(bytes.NewReader(testpdf.ScanWithPageNumbers(40, img)), "统计年鉴扫描件.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := svc.Submit(ctx, st, Meta{City: "330100", DocType: "statistics"}, coordinator)
	if err != nil {
		t.Fatal(err)
	}
	id := out.Document.ID
	for deadline := time.Now().Add(2 * time.Minute); ; time.Sleep(20 * time.Millisecond) {
		if _, _, ok := svc.Progress(id); ok {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("OCR of the scan did not begin in 2 minutes")
		}
	}

	cat := sqliteVersioned(t, filepath.Join(r.dir, "catalog.db"))
	migrated := time.Now()
	cat.set(t, 999)
	waitOutrun(t, svc)
	refused := time.Now()
	for {
		done, total, ok := svc.Progress(id)
		if !ok {
			break
		}
		if time.Since(refused) > 10*time.Second {
			t.Fatalf("OCR of the scan goes on 10 s after the refusal (page %d of %d), want it dropped", done, total)
		}
		time.Sleep(20 * time.Millisecond)
	}
	// Dropped, it is put back on the queue, where a worker takes it and
	// waits: what the reading would write is written by then.
	parks.wait(t, "take", id, migrated)
	d, err := r.cat.Document(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != catalog.StatusStored || d.Error != "" {
		t.Errorf("the scan whose reading the refusal cut is %s (%q), want stored, not failed", d.Status, d.Error)
	}
	if ids, _ := r.idx.IDs(ctx); len(ids) != 0 {
		t.Errorf("the refused node's index holds %v, want nothing", ids)
	}
}
