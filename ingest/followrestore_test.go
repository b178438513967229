package ingest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// followerNode is a node of a shared catalog that only follows (nothing is
// uploaded to it), on index idx and the record in state, named name in
// its data folder; run names this start of it.
func followerNode(t *testing.T, r *rig, idx index.Index, state, name, run string) *Service {
	t.Helper()
	svc := New(r.cat, r.blobs, idx, Config{
		TempDir: filepath.Join(r.dir, "tmp-"+run), Workers: 2,
		Logger: slog.New(slog.NewTextHandler(testWriter{t, run}, nil)),
		Shared: true, Node: run, NodeName: name, Lease: time.Second, FollowInterval: 100 * time.Millisecond,
		FollowStateFile: state,
	})
	t.Cleanup(svc.Close)
	if err := svc.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	return svc
}

// indexedIDs are the documents the catalog calls indexed, sorted.
func indexedIDs(t *testing.T, cat *catalog.Store) []string {
	t.Helper()
	var ids []string
	err := cat.DocumentsWithStatus(context.Background(), func(d *catalog.Document) { ids = append(ids, d.ID) }, catalog.StatusIndexed)
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(ids)
	return ids
}

// waitIndexHolds waits a minute at most for idx to hold exactly want.
func waitIndexHolds(t *testing.T, idx index.Index, want []string, why string) {
	t.Helper()
	var ids []string
	for deadline := time.Now().Add(time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		if ids, _ = idx.IDs(context.Background()); slices.Equal(ids, want) {
			return
		}
	}
	t.Fatalf("the node's index holds %v, want %v (%s)", ids, want, why)
}

// TestSharedFollowerStartsOverWhenARestoredCatalogOvertookIt (review #6):
// a node follows the catalog; the catalog is then put back to a copy
// taken earlier (as pg_restore of last night's dump does, identity and
// all) and takes more changes than the node had seen, so its latest
// change number is past the node's record. At its next start the node
// must still tell, and its index hold exactly the catalog's documents:
// not the ones uploaded after the copy, which the restore took away, and
// every one uploaded since, whose change numbers the node had recorded
// as applied. Two stores on one SQLite file stand in for the nodes.
func TestSharedFollowerStartsOverWhenARestoredCatalogOvertookIt(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	path := filepath.Join(dir, "catalog.db")
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	open := func() *rig {
		cat, err := catalog.Open(ctx, path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { cat.Close() })
		return &rig{cat: cat, blobs: blobs, dir: dir}
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	state := filepath.Join(dir, FollowStateName)
	const name = "杭州-节点-1"

	before := open()
	writer, _, writerDone := sharedNode(t, before, "writer-1")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	follower := followerNode(t, before, idx, state, name, "follower-1")
	kept := indexedOn(t, writer, writerDone, "总结.txt", "杭州市社区学习共同体建设工作总结，学分银行覆盖全市。")
	backup := filepath.Join(dir, "backup.db")
	if err := before.cat.Snapshot(ctx, backup); err != nil {
		t.Fatal(err)
	}
	for _, f := range []struct{ name, text string }{
		{"备份后的通知.txt", "关于开展全民终身学习活动周的通知，备份之后才上传。"},
		{"备份后的方案.txt", "老年教育体系建设实施方案，备份之后才上传。"},
	} {
		indexedOn(t, writer, writerDone, f.name, f.text)
	}
	waitIndexHolds(t, idx, indexedIDs(t, before.cat), "following the catalog before the restore")
	recorded := FollowedSeq(state, idx)
	writer.Close()
	follower.Close()
	before.cat.Close()

	// The catalog put back to the copy: the same catalog, earlier.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(path + suffix); err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
	}
	if err := os.Rename(backup, path); err != nil {
		t.Fatal(err)
	}
	after := open()
	writer, _, writerDone = sharedNode(t, after, "writer-2")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, title := range []string{"社区教育", "家庭教育", "职业技能培训", "学习型社区", "数字化学习资源"} {
		indexedOn(t, writer, writerDone, title+"工作总结.txt", "宁波市"+title+"工作总结，恢复之后上传。")
	}
	latest, err := after.cat.LatestSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if latest <= recorded {
		t.Fatalf("the restored catalog's latest change is %d, not past the node's record %d: the case under test needs more uploads", latest, recorded)
	}
	want := indexedIDs(t, after.cat)
	if !slices.Contains(want, kept.ID) || len(want) != 6 {
		t.Fatalf("the restored catalog holds %v, want the document of before the copy and five since", want)
	}
	followerNode(t, after, idx, state, name, "follower-2")
	waitIndexHolds(t, idx, want, "after the restore: the catalog's documents, none the restore took away, none passed over")
	if got := FollowedSeq(state, idx); got < latest {
		t.Errorf("the node's record is at change %d after catching up, want %d", got, latest)
	}
	if b, _ := os.ReadFile(state); !strings.Contains(string(b), "catalog ") {
		t.Errorf("the node's record names no catalog: %q", b)
	}
}
