package packs_test

import (
	"bytes"
	"io"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/packs"
	"github.com/lcmonitor/evidence/report"
)

// TestPackVerdictsOutliveARestart: in the folder store, what a pack
// found hashing originals is kept in the catalog, so that another process
// (a restart) does not hash them again.
func TestPackVerdictsOutliveARestart(t *testing.T) {
	e := testenv.New(t)
	testPackVerdicts(t, e, e.Blobs)
}

// TestPackVerdictsOutliveARestartOnS3: the same on S3 (a Versity Gateway
// on loopback), where a version is the object's ETag.
func TestPackVerdictsOutliveARestartOnS3(t *testing.T) {
	e := testenv.New(t)
	testPackVerdicts(t, e, s3Store(t, "packverdicts"))
}

// testPackVerdicts: a pack written (as `evidence pack` does, hashing each
// original as it is sent) records each original whole at its stored
// version; a service of another process over the same catalog then
// reuses every one before its first byte. An original the catalog flags
// damaged and that is whole again (put back from a backup) is hashed, its
// flag cleared with an audit entry saying the pack found it whole, and
// reused by the next pack; one flagged and found whole as it is sent has
// its flag cleared the same way.
func testPackVerdicts(t *testing.T, e *testenv.Env, store blob.Store) {
	const n = 8
	addLinkedTo(t, e, store, n, 4096, 13)
	first := packs.NewService(report.NewService(e.Catalog), e.Catalog, store)
	p, err := first.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil || len(p.Docs) != n {
		t.Fatalf("prepare: %v, %d originals, want %d", err, len(p.Docs), n)
	}
	if err := p.WriteTo(ctx, io.Discard); err != nil || p.Unrecorded() != nil {
		t.Fatalf("write the pack: %v (unrecorded: %v)", err, p.Unrecorded())
	}

	cat := restarted(t, e)
	svc := packs.NewService(report.NewService(cat), cat, store)
	check := func() (*packs.Pack, *packs.Check) {
		t.Helper()
		p, c := checkedPack(t, svc, -1)
		if p.Unrecorded() != nil {
			t.Fatalf("verdicts not recorded: %v", p.Unrecorded())
		}
		return p, c
	}
	if _, c := check(); c.Reused != n || c.Hashed != 0 || len(c.Damaged) != 0 {
		t.Fatalf("after a restart: %d reused, %d hashed, %v damaged; want all %d reused as the pack before found them", c.Reused, c.Hashed, ids(c.Damaged), n)
	}

	// A restore: the original flagged damaged, then put back whole.
	restored := p.Docs[2].Document
	original := read(t, store, restored)
	putOriginal(t, store, restored, "损坏的内容")
	if err := ingest.FlagDamagedOriginal(ctx, cat, restored.ID, "check", "admin"); err != nil {
		t.Fatal(err)
	}
	putOriginal(t, store, restored, string(original))
	_, c := check()
	if got := ids(c.Cleared); !slices.Equal(got, []string{restored.ID}) || len(c.Damaged) != 0 || c.Hashed != 1 || c.Reused != n-1 {
		t.Fatalf("a flagged original put back whole: %v cleared, %v damaged, %d hashed, %d reused; want [%s], none, 1, %d",
			got, ids(c.Damaged), c.Hashed, c.Reused, restored.ID, n-1)
	}
	wantCleared(t, cat, restored)
	if _, c := check(); c.Reused != n || len(c.Cleared) != 0 {
		t.Errorf("the check after: %d reused, %v cleared; want all %d reused, none cleared again", c.Reused, ids(c.Cleared), n)
	}

	// Flagged and found whole as it is sent (no check before).
	sent := p.Docs[5].Document
	if err := ingest.FlagDamagedOriginal(ctx, cat, sent.ID, "download", "admin"); err != nil {
		t.Fatal(err)
	}
	p, err = svc.Prepare(ctx, coordA, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if err := p.WriteTo(ctx, io.Discard); err != nil || !slices.Equal(ids(p.Cleared()), []string{sent.ID}) {
		t.Fatalf("write a pack with a flagged original whole: %v, %v cleared; want [%s]", err, ids(p.Cleared()), sent.ID)
	}
	wantCleared(t, cat, sent)
}

// restarted is the environment's catalog as another process opens it:
// a new store on the same SQLite file (on PostgreSQL, the same store).
func restarted(t *testing.T, e *testenv.Env) *catalog.Store {
	t.Helper()
	if e.DBPath == "" {
		return e.Catalog
	}
	cat, err := catalog.Open(ctx, e.DBPath)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	return cat
}

func read(t *testing.T, store blob.Store, d *catalog.Document) []byte {
	t.Helper()
	rc, err := store.Get(ctx, catalog.OriginalKey(d.SHA256))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	var buf bytes.Buffer
	if _, err := io.Copy(&buf, rc); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// wantCleared checks that d's original is no longer flagged damaged, the
// newest word about it an audit entry by the pack's user saying a pack
// found it whole.
func wantCleared(t *testing.T, cat *catalog.Store, d *catalog.Document) {
	t.Helper()
	if flagged, err := ingest.OriginalFlagged(ctx, cat, d.ID); err != nil || flagged {
		t.Errorf("%s's original still flagged damaged: %v %v", d.ID, flagged, err)
	}
	evs, err := cat.FindEvents(ctx, catalog.EventFilter{Object: d.ID, Action: "document.original.", Limit: 1})
	if err != nil || len(evs) != 1 || evs[0].Action != ingest.EventOriginalIntact || evs[0].User != coordA.Username || evs[0].Detail["what"] != "pack" {
		t.Errorf("%s's newest audit entry on its original: %+v %v; want %s by %s, what: pack", d.ID, evs, err, ingest.EventOriginalIntact, coordA.Username)
	}
}
