package ingest

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// unavailableCall is one call of Config.OnUnavailable.
type unavailableCall struct {
	id  string
	err error
}

// TestCatalogOutageIsReported: a document the catalog fails while its job
// is taken or while it is marked indexed is reported to OnUnavailable (so
// a command waiting for it can give up), tried again, and reported as
// past it once the catalog answers; the memory budget for comparing texts
// is not reported as the store's or the catalog's.
func TestCatalogOutageIsReported(t *testing.T) {
	for _, tt := range []struct {
		name    string
		shared  bool
		trigger string // makes the catalog fail the step
	}{
		{"marking indexed", false, `CREATE TRIGGER outage BEFORE UPDATE OF status ON document
			WHEN NEW.status = 'indexed' BEGIN SELECT RAISE(ABORT, '目录数据库不可用(测试)'); END`},
		{"taking the job", true, `CREATE TRIGGER outage BEFORE UPDATE OF lease_owner ON document
			BEGIN SELECT RAISE(ABORT, '目录数据库不可用(测试)'); END`},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			db, err := sql.Open("sqlite", "file:"+filepath.Join(r.dir, "catalog.db")+"?_pragma=busy_timeout(10000)")
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Exec(tt.trigger); err != nil {
				t.Fatal(err)
			}
			calls := make(chan unavailableCall, 1000)
			done := make(chan *catalog.Document, 10)
			svc := New(r.cat, r.blobs, r.idx, Config{
				TempDir: filepath.Join(r.dir, "tmp"), RetryDelay: 20 * time.Millisecond,
				Logger:        slog.New(slog.NewTextHandler(io.Discard, nil)),
				OnDone:        func(d *catalog.Document) { done <- d },
				OnUnavailable: func(id string, err error) { calls <- unavailableCall{id, err} },
				Shared:        tt.shared, Node: "n1", Lease: time.Minute, FollowInterval: 100 * time.Millisecond,
			})
			defer svc.Close()
			id := submitText(t, svc, "总结.txt", "杭州市社区学习共同体建设工作总结。").Document.ID
			if err := svc.Start(context.Background()); err != nil {
				t.Fatal(err)
			}
			first := nextCall(t, calls)
			if first.id != id || first.err == nil {
				t.Fatalf("first report %s %v, want %s with the catalog's error", first.id, first.err, id)
			}
			if _, err := db.Exec(`DROP TRIGGER outage`); err != nil {
				t.Fatal(err)
			}
			if d := waitFor(t, done, 1)[id]; d == nil || d.Status != catalog.StatusIndexed {
				t.Fatalf("once the catalog answers: %v, want %s indexed", d, id)
			}
			if tt.shared { // got past taking the job: said before it finished
				for c := range drain(calls) {
					if c.err == nil {
						return
					}
				}
				t.Errorf("no report that %s got past taking its job", id)
			}
		})
	}

	var got []unavailableCall
	s := New(nil, nil, nil, Config{RetryDelay: time.Hour, Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnUnavailable: func(id string, err error) { got = append(got, unavailableCall{id, err}) }})
	ctx, cancel := context.WithCancel(context.Background())
	cancel() // retried never
	busy := memoryBusy{fmt.Errorf("near duplicates: %w", catalog.Errorf(catalog.EUNAVAILABLE, "服务器用于比对文本的内存正被其他文本占用，相似文档比对稍后自动重试"))}
	s.unavailable(ctx, "D1", atRecord, busy)
	if len(got) != 0 {
		t.Errorf("the memory budget reported as the store: %v", got)
	}
	s.unavailable(ctx, "D1", atRead, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用"))
	s.unavailable(ctx, "D1", atRecord, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用"))
	s.passed("D1", atRead)
	s.passed("D1", atRecord)
	if len(got) != 4 || got[0].err == nil || got[1].err != nil || got[2].err == nil || got[3].err != nil {
		t.Errorf("failed reading, then recording, then past both: reported %v, want err, past, err, past", got)
	}
}

// nextCall is the next report, waiting for it.
func nextCall(t *testing.T, calls chan unavailableCall) unavailableCall {
	t.Helper()
	select {
	case c := <-calls:
		return c
	case <-time.After(30 * time.Second):
		t.Fatal("no document reported to OnUnavailable")
		return unavailableCall{}
	}
}

// drain is what calls holds now.
func drain(calls chan unavailableCall) chan unavailableCall {
	out := make(chan unavailableCall, len(calls))
	for len(calls) > 0 {
		out <- <-calls
	}
	close(out)
	return out
}
