package ingest

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// countingIndex counts the documents written to an index and removed
// from it: a follower that started over writes every document again.
type countingIndex struct {
	inner            index.Index
	written, removed atomic.Int64
}

func (c *countingIndex) Index(ctx context.Context, docs []index.Document) error {
	c.written.Add(int64(len(docs)))
	return c.inner.Index(ctx, docs)
}

func (c *countingIndex) Search(ctx context.Context, q index.Query) (*index.Result, error) {
	return c.inner.Search(ctx, q)
}
func (c *countingIndex) Count() (uint64, error)                    { return c.inner.Count() }
func (c *countingIndex) IDs(ctx context.Context) ([]string, error) { return c.inner.IDs(ctx) }
func (c *countingIndex) Close() error                              { return c.inner.Close() }

func (c *countingIndex) Delete(ctx context.Context, ids ...string) error {
	c.removed.Add(int64(len(ids)))
	return c.inner.Delete(ctx, ids...)
}

// markRig is a writer node indexing files into a SQLite catalog and the
// parts of a follower node on the same file (its own store, as another
// machine's): a blob store that can go down, a counting index and its
// record. The follower is not started: a test runs its rounds itself.
type markRig struct {
	t          *testing.T
	writer     *Service
	writerDone chan *catalog.Document
	writerCat  *catalog.Store
	cat        *catalog.Store
	blobs      *storeOutage
	idx        *countingIndex
	state      string
	runs       int
}

const markNode = "宁波-节点-2"

// newMarkRig is a markRig on SQLite, or on PostgreSQL when pg is set.
func newMarkRig(t *testing.T, pg bool) *markRig {
	var r *rig
	var cat *catalog.Store
	var err error
	if pg {
		var url string
		r, url = pgRigAt(t)
		cat, err = catalog.OpenPostgres(context.Background(), url)
	} else {
		r = newRig(t)
		cat, err = catalog.Open(context.Background(), filepath.Join(r.dir, "catalog.db"))
	}
	if err != nil {
		t.Fatal(err)
	}
	writer, _, done := sharedNode(t, r, "writer")
	if err := writer.Start(context.Background()); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	mem, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { mem.Close() })
	return &markRig{t: t, writer: writer, writerDone: done, writerCat: r.cat, cat: cat,
		blobs: &storeOutage{Store: r.blobs.(blob.Store)}, idx: &countingIndex{inner: mem},
		state: filepath.Join(r.dir, FollowStateName)}
}

// start starts the follower node again (a new process on the same data
// folder), up to its first round.
func (m *markRig) start() *Service {
	m.runs++
	name := "follower-" + string(rune('0'+m.runs))
	svc := New(m.cat, m.blobs, m.idx, Config{
		TempDir: filepath.Join(m.t.TempDir(), "tmp"), Workers: 1,
		Logger: slog.New(slog.NewTextHandler(testWriter{m.t, name}, nil)),
		Shared: true, Node: name, NodeName: markNode, FollowStateFile: m.state,
	})
	m.t.Cleanup(svc.Close)
	svc.beginFollowing()
	return svc
}

// caughtUp runs a round of svc that must leave the index holding the
// catalog's documents.
func (m *markRig) caughtUp(svc *Service, why string) {
	m.t.Helper()
	if err := svc.catchUp(context.Background()); err != nil {
		m.t.Fatalf("%s: follow: %v", why, err)
	}
	want := indexedIDs(m.t, m.writerCat)
	if ids, _ := m.idx.IDs(context.Background()); !slices.Equal(ids, want) {
		m.t.Fatalf("%s: the index holds %v, want %v", why, ids, want)
	}
}

// failingRounds runs n rounds of svc that must fail, and returns the
// node's checkpoint in the catalog after the first and after the last.
func (m *markRig) failingRounds(svc *Service, n int, why string) (first, last catalog.FollowCheckpoint) {
	m.t.Helper()
	for i := range n {
		if err := svc.catchUp(context.Background()); err == nil {
			m.t.Fatalf("%s: round %d followed, want it to fail", why, i+1)
		}
		cp, err := m.cat.FollowCheckpoint(context.Background(), markNode)
		if err != nil {
			m.t.Fatal(err)
		}
		if i == 0 {
			first = cp
		}
		last = cp
	}
	return first, last
}

// wrote checks that since the counters were reset the index got exactly
// want documents written and none removed: a node that started over
// writes every one again.
func (m *markRig) wrote(want int64, why string) {
	m.t.Helper()
	if got, removed := m.idx.written.Load(), m.idx.removed.Load(); got != want || removed != 0 {
		m.t.Errorf("%s: %d documents written to the index and %d removed, want %d and none (the node started over?)", why, got, removed, want)
	}
	m.idx.written.Store(0)
	m.idx.removed.Store(0)
}

func (m *markRig) upload(name, text string) {
	indexedOn(m.t, m.writer, m.writerDone, name, text)
}

// A node restarted on the catalog it followed goes on from its record,
// never from the first change: after a plain stop, after stopping
// between recording its mark in the catalog and keeping it in its record
// (here: its record could not be written, as on a full disk, for several
// rounds and a restart), and after rounds whose changes could not be
// applied (the blob store down) — which record one mark in the catalog,
// not one a round.
func TestSharedFollowerRestartDoesNotStartOver(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) { followerRestartsWhereItStopped(t, newMarkRig(t, false)) })
	t.Run("postgres", func(t *testing.T) { followerRestartsWhereItStopped(t, newMarkRig(t, true)) })
}

func followerRestartsWhereItStopped(t *testing.T, m *markRig) {
	m.upload("总结.txt", "杭州市社区学习共同体建设工作总结，学分银行覆盖全市。")
	m.upload("通知.txt", "关于开展全民终身学习活动周的通知。")
	m.caughtUp(m.start(), "first start")
	m.wrote(2, "first start")

	m.caughtUp(m.start(), "plain restart")
	m.wrote(0, "plain restart")

	// The data folder cannot be written: the record's new copy is a
	// folder in the way.
	m.upload("方案.txt", "老年教育体系建设实施方案，数据盘写满之后上传。")
	if err := os.Mkdir(m.state+".tmp", 0o755); err != nil {
		t.Fatal(err)
	}
	first, last := m.failingRounds(m.start(), 3, "record not writable")
	if last.Mark != first.Mark {
		t.Errorf("rounds that could not keep their mark recorded new ones in the catalog (%s, then %s/%s): the kept mark is pushed out", first.Mark, last.Mark, last.PrevMark)
	}
	m.failingRounds(m.start(), 2, "record not writable, restarted")
	if err := os.Remove(m.state + ".tmp"); err != nil {
		t.Fatal(err)
	}
	m.idx.written.Store(0)
	m.caughtUp(m.start(), "restart once the record can be written")
	m.wrote(1, "restart once the record can be written")

	// The blob store is down: the change is read every round, and never
	// applied.
	m.upload("台账.txt", "社区教育学习点台账，对象存储中断时上传。")
	m.blobs.down.Store(true)
	first, last = m.failingRounds(m.start(), 5, "store down")
	if last.Mark != first.Mark || last.Seq != first.Seq {
		t.Errorf("rounds that could not apply the same changes recorded a new mark each (%s at %d, then %s at %d), want one", first.Mark, first.Seq, last.Mark, last.Seq)
	}
	m.blobs.down.Store(false)
	m.idx.written.Store(0)
	m.caughtUp(m.start(), "restart with the store back")
	m.wrote(1, "restart with the store back")
}

// An idle node asks the catalog only its latest change each round, not
// its identity and the node's checkpoint as well: those are compared at
// start, before applying changes, when the latest change moved, and
// every identityEvery rounds.
func TestSharedIdleFollowerAsksLittle(t *testing.T) {
	m := newMarkRig(t, false)
	m.upload("总结.txt", "杭州市社区学习共同体建设工作总结，学分银行覆盖全市。")
	svc := m.start()
	m.caughtUp(svc, "first round")
	const rounds = 10
	before := m.cat.Statements()
	for range rounds {
		if err := svc.catchUp(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	// One statement for the latest change, another for the changes after
	// the last applied; one comparison (two more) at most.
	if got := m.cat.Statements() - before; got > 2*rounds+2 {
		t.Errorf("%d idle rounds sent %d statements to the catalog, want at most %d", rounds, got, 2*rounds+2)
	}
	m.upload("通知.txt", "关于开展全民终身学习活动周的通知。")
	m.caughtUp(svc, "after an upload")
}
