package ingest

import (
	"context"
	"log/slog"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/pgtest"
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

// restorableCatalog is a catalog a test can copy and later put back to
// the copy, as an operator restores last night's backup: on SQLite the
// file, on PostgreSQL the database (as pg_dump and pg_restore would,
// identity and all). Nothing may have it open while it is copied or put
// back.
type restorableCatalog struct {
	open    func() *catalog.Store
	backup  func()
	restore func()
}

func sqliteRestorable(t *testing.T, dir string) restorableCatalog {
	path, saved := filepath.Join(dir, "catalog.db"), filepath.Join(dir, "backup.db")
	copyFile := func(from, to string) {
		b, err := os.ReadFile(from)
		if err == nil {
			err = os.WriteFile(to, b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
	return restorableCatalog{
		open: func() *catalog.Store {
			cat, err := catalog.Open(context.Background(), path)
			if err != nil {
				t.Fatal(err)
			}
			return cat
		},
		// A closed SQLite catalog is its one file.
		backup:  func() { copyFile(path, saved) },
		restore: func() { copyFile(saved, path) },
	}
}

func postgresRestorable(t *testing.T) restorableCatalog {
	url := pgtest.DatabaseURL(t)
	var saved string
	return restorableCatalog{
		open: func() *catalog.Store {
			cat, err := catalog.OpenPostgres(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			return cat
		},
		backup:  func() { saved = pgtest.CopyDatabase(t, url) },
		restore: func() { url = saved },
	}
}

// TestSharedFollowerStartsOverWhenARestoredCatalogOvertookIt (review #6):
// a node follows the catalog; the catalog is then put back to a copy
// taken earlier (as pg_restore of last night's dump does, identity and
// all) and takes more changes than the node had seen, so its latest
// change number is past the node's record. At its next start the node
// must still tell, and its index hold exactly the catalog's documents:
// not the ones uploaded after the copy, which the restore took away, and
// every one uploaded since, whose change numbers the node had recorded
// as applied. On SQLite two stores on one file stand in for the nodes'.
func TestSharedFollowerStartsOverWhenARestoredCatalogOvertookIt(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		dir := t.TempDir()
		followerStartsOverAfterRestore(t, dir, sqliteRestorable(t, dir))
	})
	t.Run("postgres", func(t *testing.T) {
		followerStartsOverAfterRestore(t, t.TempDir(), postgresRestorable(t))
	})
}

func followerStartsOverAfterRestore(t *testing.T, dir string, c restorableCatalog) {
	ctx := context.Background()
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	state := filepath.Join(dir, FollowStateName)
	const name = "杭州-节点-1"
	runs := 0
	// nodes starts a writer and the follower on the catalog, has the
	// writer index files, waits for the follower to follow, and stops
	// them and closes the catalog; it returns what the follower's
	// record then says and the catalog's documents indexed.
	nodes := func(files map[string]string) (recorded int64, indexed []string) {
		runs++
		cat := c.open()
		defer cat.Close()
		r := &rig{cat: cat, blobs: blobs, dir: dir}
		writer, _, writerDone := sharedNode(t, r, "writer-"+strconv.Itoa(runs))
		if err := writer.Start(ctx); err != nil {
			t.Fatal(err)
		}
		defer writer.Close()
		follower := followerNode(t, r, idx, state, name, "follower-"+strconv.Itoa(runs))
		defer follower.Close()
		for _, n := range slices.Sorted(maps.Keys(files)) {
			indexedOn(t, writer, writerDone, n, files[n])
		}
		indexed = indexedIDs(t, cat)
		waitIndexHolds(t, idx, indexed, "following the catalog, run "+strconv.Itoa(runs))
		return FollowedSeq(state, idx), indexed
	}

	_, kept := nodes(map[string]string{"总结.txt": "杭州市社区学习共同体建设工作总结，学分银行覆盖全市。"})
	c.backup()
	recorded, _ := nodes(map[string]string{
		"备份后的通知.txt": "关于开展全民终身学习活动周的通知，备份之后才上传。",
		"备份后的方案.txt": "老年教育体系建设实施方案，备份之后才上传。",
	})
	c.restore()
	since := map[string]string{}
	for _, title := range []string{"社区教育", "家庭教育", "职业技能培训", "学习型社区", "数字化学习资源"} {
		since[title+"工作总结.txt"] = "宁波市" + title + "工作总结，恢复之后上传。"
	}
	// The uploads since the restore go to the catalog while the node is
	// stopped; the node then starts on it.
	cat := c.open()
	defer cat.Close()
	r := &rig{cat: cat, blobs: blobs, dir: dir}
	writer, _, writerDone := sharedNode(t, r, "writer-restored")
	if err := writer.Start(ctx); err != nil {
		t.Fatal(err)
	}
	for _, n := range slices.Sorted(maps.Keys(since)) {
		indexedOn(t, writer, writerDone, n, since[n])
	}
	latest, err := cat.LatestSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if latest <= recorded {
		t.Fatalf("the restored catalog's latest change is %d, not past the node's record %d: the case under test needs more uploads", latest, recorded)
	}
	want := indexedIDs(t, cat)
	if len(want) != 6 || !slices.Contains(want, kept[0]) {
		t.Fatalf("the restored catalog holds %v, want the document of before the copy and five since", want)
	}
	followerNode(t, r, idx, state, name, "follower-restored")
	waitIndexHolds(t, idx, want, "after the restore: the catalog's documents, none the restore took away, none passed over")
	if b, _ := os.ReadFile(state); !strings.Contains(string(b), "catalog ") {
		t.Errorf("the node's record names no catalog: %q", b)
	}
}
