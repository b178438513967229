package ingest

import (
	"context"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/pgtest"
)

// A node whose PostgreSQL is down says so when the outage begins, not at
// every round of following: at one round a second a long outage buried
// the log (probe s53: 219 warnings a node in three minutes).
func TestAFollowerLogsACatalogOutageOnceNotEveryRound(t *testing.T) {
	pg, url := pgtest.StartOwn(t)
	r := newRig(t)
	cat, err := catalog.OpenPostgres(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	var log lockedBuffer
	svc := New(cat, r.blobs, r.idx, Config{
		TempDir: filepath.Join(r.dir, "tmp"), Workers: 1, Logger: slog.New(slog.NewTextHandler(&log, nil)),
		Shared: true, Node: "杭州一号", Lease: time.Second, FollowInterval: 10 * time.Millisecond,
	})
	defer svc.Close()
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	pg.Stop()
	time.Sleep(2 * time.Second) // about 200 rounds of following
	if n := strings.Count(log.String(), `msg="index follower`); n < 1 || n > 2 {
		t.Fatalf("a catalog out of reach for 2 s at 100 rounds a second: %d warnings of the follower, want the outage said once; log:\n%.2000s", n, log.String())
	}
}
