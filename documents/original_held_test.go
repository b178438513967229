package documents_test

import (
	"context"
	"database/sql"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestASmallOriginalHoldsItsSlotUntilClosed: a small original read whole
// keeps its place in the bound until the reader handed out is closed (the
// client has it all, or went away), not only while it is read; so a
// download beyond the bound streams, and the memory held is bounded. A
// damaged one, refused, gives its place back at once.
func TestASmallOriginalHoldsItsSlotUntilClosed(t *testing.T) {
	defer documents.SetSmallOriginals(1)()
	e := testenv.New(t)
	ctx := context.Background()
	sound := e.Upload("330100", "杭州总结.txt", "杭州市学分银行建设工作总结。")
	damaged := e.Upload("330100", "杭州规划.txt", "杭州市学习型城市建设规划。")
	if err := e.Blobs.Put(ctx, catalog.OriginalKey(damaged.SHA256), strings.NewReader("杭州市学习型城市建设规划(草稿)。"), -1, ""); err != nil {
		t.Fatal(err)
	}

	_, rc, err := e.Documents.Original(ctx, testenv.Admin, sound.ID)
	if err != nil {
		t.Fatal(err)
	}
	part := make([]byte, 6)
	if _, err := io.ReadFull(rc, part); err != nil {
		t.Fatal(err)
	}
	if n := documents.SmallOriginalsHeld(); n != 1 {
		t.Fatalf("a small original handed out and not yet closed holds %d places, want 1", n)
	}
	// The bound is spent: the damaged one is handed out to be checked as
	// it is sent, not read whole.
	_, rc2, err := e.Documents.Original(ctx, testenv.Admin, damaged.ID)
	if err != nil {
		t.Fatalf("a small original beyond the bound: %v, want it handed out to stream", err)
	}
	rc2.Close()
	rest, err := io.ReadAll(rc)
	if err != nil || string(part)+string(rest) != "杭州市学分银行建设工作总结。" {
		t.Fatalf("the small original read: %q %v", string(part)+string(rest), err)
	}
	if n := documents.SmallOriginalsHeld(); n != 1 {
		t.Fatalf("a small original read to its end but not closed holds %d places, want 1", n)
	}
	rc.Close()
	rc.Close() // a second Close gives back nothing more
	if n := documents.SmallOriginalsHeld(); n != 0 {
		t.Fatalf("a closed small original still holds %d places", n)
	}

	if _, _, err := e.Documents.Original(ctx, testenv.Admin, damaged.ID); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("a damaged small original within the bound: %v, want ECONFLICT", err)
	}
	if n := documents.SmallOriginalsHeld(); n != 0 {
		t.Fatalf("a damaged small original refused still holds %d places", n)
	}
	_, rc, err = e.Documents.Original(ctx, testenv.Admin, sound.ID)
	if err != nil {
		t.Fatalf("the sound original after the damaged one was refused: %v", err)
	}
	rc.Close()
}

// TestADamagedSmallOriginalIsRefusedWithTheFixWhenItsFindIsNotRecorded:
// when the catalog cannot take the find of a damaged small original, the
// download is still refused with how to mend it (409), not a server error;
// the next download hashes it again.
func TestADamagedSmallOriginalIsRefusedWithTheFixWhenItsFindIsNotRecorded(t *testing.T) {
	e := testenv.New(t)
	if e.DBPath == "" {
		t.Skip("the fault is injected with a SQLite trigger; this catalog is PostgreSQL")
	}
	ctx := context.Background()
	d := e.Upload("330100", "杭州规划.txt", "杭州市学习型城市建设规划。")
	if err := e.Blobs.Put(ctx, catalog.OriginalKey(d.SHA256), strings.NewReader("杭州市学习型城市建设规划(草稿)。"), -1, ""); err != nil {
		t.Fatal(err)
	}
	db, err := sql.Open("sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER no_damage_found BEFORE INSERT ON event WHEN NEW.action = '` + ingest.EventOriginalDamaged + `'
		BEGIN SELECT RAISE(ABORT, '磁盘已满'); END`); err != nil {
		t.Fatal(err)
	}
	_, rc, err := e.Documents.Original(ctx, coordA, d.ID)
	if rc != nil {
		rc.Close()
	}
	if want := ingest.OriginalDamagedError(d); err == nil || err.Error() != want.Error() || catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("a damaged small original whose find is not recorded: %v, want %v", err, want)
	}
	if flagged, err := e.Documents.OriginalFlagged(ctx, d); err != nil || flagged {
		t.Fatalf("flagged %v %v: the trigger did not refuse the record", flagged, err)
	}
	if _, err := db.Exec(`DROP TRIGGER no_damage_found`); err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Documents.Original(ctx, coordA, d.ID); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Fatalf("the next download: %v, want ECONFLICT", err)
	}
	if flagged, err := e.Documents.OriginalFlagged(ctx, d); err != nil || !flagged {
		t.Errorf("the next download's find is not recorded: %v %v", flagged, err)
	}
}
