package ingest

import (
	"context"
	"database/sql"
	"io"
	"log/slog"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/neardup"
)

// shortMeeting is another short notice, not a near duplicate of
// shortNotice.
const shortMeeting = "关于举办全民终身学习活动周开幕式的通知。各街道社区学校：定于10月9日下午2时在市图书馆报告厅举办开幕式，请各校校长准时出席。"

// pgShortTextsReadBefore uploads texts to a PostgreSQL catalog and leaves
// them as read before short bands existed: normal bands alone, the fill's
// mark (migration 049) set up to the last. It returns the rig, the
// database's URL and the documents' IDs, in the order of the texts.
func pgShortTextsReadBefore(t *testing.T, texts ...string) (*rig, string, []string) {
	t.Helper()
	r, url := pgRigAt(t)
	svc, _, done := sharedNode(t, r, "上传节点")
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, text := range texts {
		ids = append(ids, submitText(t, svc, "通知"+string(rune('甲'+i))+".txt", text).Document.ID)
	}
	waitFor(t, done, len(texts))
	svc.Close()
	pgExec(t, url, `DELETE FROM near_duplicate_band WHERE band >= 32`)
	pgExec(t, url, `INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', (SELECT MAX(id) FROM document))`)
	return r, url, ids
}

// pgExec runs q on the database at url, as another session does.
func pgExec(t *testing.T, url, q string) {
	t.Helper()
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(q); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

// openNodeCatalog opens the catalog at url as one more node's.
func openNodeCatalog(t *testing.T, url string) *catalog.Store {
	t.Helper()
	cat, err := catalog.OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	return cat
}

// fillTries counts startShortBands' waits to ask again, on tries.
func fillTries(t *testing.T) chan struct{} {
	tries := make(chan struct{}, 100)
	old := shortBandsWait
	shortBandsWait = func() {
		select {
		case tries <- struct{}{}:
		default:
		}
	}
	t.Cleanup(func() { shortBandsWait = old })
	return tries
}

// waitForTry waits for one try of startShortBands that left the fill to do.
func waitForTry(t *testing.T, tries chan struct{}, what string) {
	t.Helper()
	select {
	case <-tries:
	case <-time.After(time.Minute):
		t.Fatalf("no try of the fill of short bands a minute after %s", what)
	}
}

// waitForFillDone waits until the fill's mark is gone.
func waitForFillDone(t *testing.T, cat *catalog.Store, what string) {
	t.Helper()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(20 * time.Millisecond) {
		left, err := cat.ShortBandFillLeft(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if !left {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("the fill of short bands is not done a minute after %s", what)
		}
	}
}

// A fill stopped short by the object store down lets its lock go (review
// s47 #1): another node of the catalog may then take it up at once.
func TestAFailedShortBandFillLetsItsLockGo(t *testing.T) {
	r, url, _ := pgShortTextsReadBefore(t, shortNotice)
	ctx := context.Background()
	down := &storeOutage{Store: r.blobs}
	down.down.Store(true)
	a := New(openNodeCatalog(t, url), down, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp-甲"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil))})
	if err := a.fillShortBands(ctx); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Fatalf("fill with the object store down: %v; want it stopped short, unavailable", err)
	}
	docs, pending, err := openNodeCatalog(t, url).ShortBandsToFill(ctx, 1)
	if err != nil || !pending || len(docs) != 1 {
		t.Fatalf("another node after the first's fill failed: %d documents, pending %v, %v; want the fill free to it", len(docs), pending, err)
	}
}

// A node whose fill of short bands stopped short (the object store down
// at its start) tries it again while it is left to do, and finishes it
// once the store is back, without a restart (review s47 #1).
func TestAFailedShortBandFillIsTriedAgain(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	d := submitText(t, svc, "推进会通知.txt", shortNotice).Document
	waitFor(t, done, 1)
	svc.Close()
	readBeforeShortBands(t, r, d.ID)

	tries := fillTries(t)
	down := &storeOutage{Store: r.blobs}
	down.down.Store(true)
	svc = New(r.cat, down, r.idx, Config{TempDir: filepath.Join(r.dir, "tmp-2"), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), ShortBandRetry: 20 * time.Millisecond})
	defer svc.Close()
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitForTry(t, tries, "a start with the object store down")
	if down.tries.Load() == 0 {
		t.Fatal("the fill did not read the stored text while the store was down")
	}
	down.down.Store(false)
	waitForFillDone(t, r.cat, "the object store came back")
	var short int
	db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.QueryRow(`SELECT COUNT(*) FROM near_duplicate_band WHERE document_id = ? AND band >= 32`, d.ID).Scan(&short); err != nil || short != neardup.ShortBands {
		t.Fatalf("short bands of the notice after the fill: %d, %v; want %d", short, err, neardup.ShortBands)
	}
}

// A node that dies during the fill (its session ended: killed, the
// network cut) lets its lock go with its session: a node that left the
// fill to it asks again by itself, goes on from the fill's mark, and
// reads none of the texts the first one filled (review s47 #1).
func TestTheFillOfANodeThatDiedGoesOnFromItsMark(t *testing.T) {
	texts := []string{shortNotice, shortMeeting}
	r, url, ids := pgShortTextsReadBefore(t, texts...)
	ctx := context.Background()

	a := openNodeCatalog(t, url)
	docs, pending, err := a.ShortBandsToFill(ctx, 1)
	if err != nil || !pending || len(docs) != 1 || docs[0].ID != ids[0] {
		t.Fatalf("first node's first batch: %v, %v, %v; want %s", docs, pending, err, ids[0])
	}
	_, bands := fingerprint([]string{texts[0]})
	if _, err := a.AddShortBands(ctx, []catalog.NewBands{{ID: ids[0], Bands: bands}}, ids[0]); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var fingerprinted []int
	defer func(f func([]string) (neardup.Set, []int64)) { fillFingerprint = f }(fillFingerprint)
	fillFingerprint = func(pages []string) (neardup.Set, []int64) {
		mu.Lock()
		fingerprinted = append(fingerprinted, len([]rune(pages[0])))
		mu.Unlock()
		return fingerprint(pages)
	}
	tries := fillTries(t)
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	b := New(openNodeCatalog(t, url), r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp-乙"), Workers: 2, Logger: slog.New(slog.NewTextHandler(testWriter{t, "乙"}, nil)),
		Shared: true, Node: "乙", Lease: time.Second, FollowInterval: 100 * time.Millisecond, ShortBandRetry: 50 * time.Millisecond,
	})
	t.Cleanup(b.Close)
	if err := b.Start(ctx); err != nil {
		t.Fatal(err)
	}
	waitForTry(t, tries, "the second node's start")
	mu.Lock()
	early := len(fingerprinted)
	mu.Unlock()
	if early != 0 {
		t.Fatalf("the second node filled while the first held the fill (%d texts)", early)
	}

	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pid int // the lock 0x65766964_0004 as pg_locks shows a bigint key: its high and low 32 bits
	err = db.QueryRow(`SELECT pid FROM pg_locks WHERE locktype = 'advisory'
		AND classid = 25974 AND objid = 1768161284 AND objsubid = 1 AND granted
		AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`).Scan(&pid)
	if err != nil {
		t.Fatalf("the session holding the fill's lock: %v; want the first node's", err)
	}
	var killed bool
	if err := db.QueryRow(`SELECT pg_terminate_backend($1)`, pid).Scan(&killed); err != nil || !killed {
		t.Fatalf("kill the first node's session %d: %v, %v", pid, killed, err)
	}
	waitForFillDone(t, a, "the first node's session was killed")
	mu.Lock()
	defer mu.Unlock()
	if len(fingerprinted) != 1 || fingerprinted[0] != len([]rune(texts[1])) {
		t.Errorf("texts the second node fingerprinted (characters): %v; want the second notice's (%d) alone", fingerprinted, len([]rune(texts[1])))
	}
}
