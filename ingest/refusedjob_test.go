package ingest

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// heldOriginals is a node's view of the shared blob store in which each
// read of an original waits until the test lets it go, so that a reading
// is under way when the test refuses the node.
type heldOriginals struct {
	blob.Store
	asked chan string   // the key of each read of an original, as it begins
	let   chan struct{} // closed to let them go
}

func (h *heldOriginals) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "originals/") {
		select {
		case h.asked <- key:
		default:
		}
		select {
		case <-h.let:
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	return h.Store.Get(ctx, key)
}

// sharedRefusalRigs are the catalogs of several nodes, jobs leased
// through them, that a test migrates as a newer binary would.
var sharedRefusalRigs = []struct {
	name string
	open func(t *testing.T) (*rig, *refusedCatalog)
}{
	{"sqlite", func(t *testing.T) (*rig, *refusedCatalog) {
		r := newRig(t)
		return r, sqliteVersioned(t, filepath.Join(r.dir, "catalog.db"))
	}},
	{"postgres", func(t *testing.T) (*rig, *refusedCatalog) {
		r, url := pgRigAt(t)
		return r, pgVersioned(t, url)
	}},
}

// A node of a shared catalog refused while it reads a document drops the
// reading and gives its job back, not counted as an attempt: left to run
// out, the lease counted, and a good document dropped by a refusal and
// then by a crash or two was failed as poison (catalog.MaxJobAttempts).
// Once the node serves again it takes the job, as its first attempt.
func TestARefusedSharedNodeGivesBackTheJobItDropped(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			ctx := context.Background()
			r, cat := rr.open(t)
			held := &heldOriginals{Store: r.blobs, asked: make(chan string, 10), let: make(chan struct{})}
			done := make(chan *catalog.Document, 10)
			const node = "旧版节点"
			svc := New(r.cat, held, r.idx, Config{
				TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
				Logger: slog.New(slog.NewTextHandler(testWriter{t, node}, nil)),
				OnDone: func(d *catalog.Document) { done <- d },
				// A lease that outlasts the test: only a give back frees it.
				Shared: true, Node: node, Lease: time.Hour, FollowInterval: 10 * time.Millisecond,
			})
			t.Cleanup(svc.Close)
			if err := svc.Start(ctx); err != nil {
				t.Fatal(err)
			}
			id := submitText(t, svc, "社区教育.txt", "社区教育工作总结：全年举办市民大讲堂四十场。").Document.ID
			select {
			case <-held.asked:
			case <-time.After(time.Minute):
				t.Fatal("the node did not begin reading the document in a minute")
			}
			if n, owner := cat.job(t, id); n != 1 || owner != node {
				t.Fatalf("while the node reads it: %d attempts, held by %q; want 1, %q", n, owner, node)
			}

			cat.set(t, 999)
			waitOutrun(t, svc)
			close(held.let)
			n, owner := cat.job(t, id)
			for deadline := time.Now().Add(30 * time.Second); owner != ""; n, owner = cat.job(t, id) {
				if time.Now().After(deadline) {
					t.Fatalf("30 s after the refusal the dropped job is still held by %q (%d attempts), want given back", owner, n)
				}
				time.Sleep(10 * time.Millisecond)
			}
			if n != 0 {
				t.Errorf("the job the refusal dropped counts %d attempts, want 0", n)
			}
			if d, _ := r.cat.Document(ctx, id); d.Status != catalog.StatusStored || d.Error != "" {
				t.Errorf("the document whose job was given back is %s (%q), want stored", d.Status, d.Error)
			}

			cat.set(t, cat.version) // a backup restored
			if d := waitFor(t, done, 1)[id]; d == nil || d.Status != catalog.StatusIndexed {
				t.Fatalf("once the node serves again: %+v, want %s indexed", d, id)
			}
			if n, _ := cat.job(t, id); n != 1 {
				t.Errorf("the job taken again once serving counts %d attempts, want 1", n)
			}
		})
	}
}

// A node of a shared catalog refused while an index batch is being
// written lets the batch finish, and keeps renewing the leases of its
// documents till it ends: run out meanwhile, another node could take
// a document and index it a second time (with an attempt counted).
func TestARefusedSharedNodeKeepsTheLeasesOfTheBatchItFinishes(t *testing.T) {
	for _, rr := range sharedRefusalRigs {
		t.Run(rr.name, func(t *testing.T) {
			ctx := context.Background()
			r, cat := rr.open(t)
			done := make(chan *catalog.Document, 10)
			const node, lease = "旧版节点", 900 * time.Millisecond
			svc := New(r.cat, r.blobs, r.idx, Config{
				TempDir: filepath.Join(r.dir, "tmp"), Workers: 1,
				Logger: slog.New(slog.NewTextHandler(testWriter{t, node}, nil)),
				OnDone: func(d *catalog.Document) { done <- d },
				Shared: true, Node: node, Lease: lease, FollowInterval: 10 * time.Millisecond,
			})
			// A batch as slow as the test likes.
			began, let := make(chan struct{}, 1), make(chan struct{})
			svc.batchBegun = func() {
				select {
				case began <- struct{}{}:
				default:
				}
				<-let
			}
			t.Cleanup(svc.Close)
			t.Cleanup(func() {
				select {
				case <-let:
				default:
					close(let)
				}
			})
			if err := svc.Start(ctx); err != nil {
				t.Fatal(err)
			}
			id := submitText(t, svc, "学分银行.txt", "杭州市建立学分银行，推进学习成果认证与转换。").Document.ID
			select {
			case <-began:
			case <-time.After(time.Minute):
				t.Fatal("the node did not begin writing the index batch in a minute")
			}

			cat.set(t, 999)
			waitOutrun(t, svc)
			// Three leases on: a lease not renewed since the reading
			// would have run out twice over.
			for until := time.Now().Add(3 * lease); time.Now().Before(until); time.Sleep(50 * time.Millisecond) {
				if tok, err := r.cat.TakeJob(ctx, id, "新版节点", lease); tok != "" {
					t.Fatalf("another node took the job of a document in the batch being finished (%v): its lease ran out", err)
				}
			}
			close(let)
			if d := waitFor(t, done, 1)[id]; d == nil || d.Status != catalog.StatusIndexed {
				t.Fatalf("the batch begun before the refusal: %+v, want %s indexed", d, id)
			}
			if n, owner := cat.job(t, id); n != 1 || owner != node {
				t.Errorf("the job of the batch finished counts %d attempts, held by %q; want 1, %q", n, owner, node)
			}
		})
	}
}
