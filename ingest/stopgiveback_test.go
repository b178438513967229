package ingest

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"
)

// A node of a shared catalog stopped (Close) while it reads a document
// gives its job back uncounted: the stop is no fault of the document, and
// a lease left to run out counted one attempt more at each rolling
// restart, towards failing a good document as poison.
func TestAStoppedSharedNodeGivesBackTheJobItDropped(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			r, cat := rr.open(t)
			held := &heldOriginals{Store: r.blobs, asked: make(chan string, 10), let: make(chan struct{})}
			const node = "滚动重启的节点"
			svc := New(r.cat, held, r.idx, Config{
				TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
				Logger: slog.New(slog.NewTextHandler(testWriter{t, node}, nil)),
				Shared: true, Node: node, Lease: time.Hour,
			})
			t.Cleanup(svc.Close)
			if err := svc.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			id := submitText(t, svc, "市民学校.txt", "市民学校年度办学情况报告：开设课程一百二十门。").Document.ID
			select {
			case <-held.asked:
			case <-time.After(time.Minute):
				t.Fatal("the node did not begin reading the document in a minute")
			}
			if n, owner := cat.job(t, id); n != 1 || owner != node {
				t.Fatalf("while the node reads it: %d attempts, held by %q; want 1, %q", n, owner, node)
			}
			svc.Close() // waits for its workers
			if n, owner := cat.job(t, id); n != 0 || owner != "" {
				t.Errorf("after the node stopped mid-reading: %d attempts, held by %q; want 0 and free", n, owner)
			}
		})
	}
}
