package catalog

import (
	"context"
	"reflect"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// A single-machine catalog copied into a new PostgreSQL database keeps its
// documents, ids and change numbers; the copy goes on counting where the
// source stopped (change numbers, the audit log's ids); a second copy into
// the same database is refused.
func TestCopyToPostgres(t *testing.T) {
	ctx := context.Background()
	src := openTestStore(t)
	for _, id := range []string{"D1", "D2", "D3"} {
		if err := src.CreateDocument(ctx, newDoc(id, id), Submission{User: "zhang", Filename: id + ".pdf"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := src.SetStatus(ctx, StatusChange{ID: "D2", Status: StatusFailed, Error: "扫描件无法识别"}); err != nil {
		t.Fatal(err)
	}
	if err := src.CreateUser(ctx, &User{Username: "wang", Role: RoleCoordinator, City: "330100"}, "hash", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := src.CreateSession(ctx, "sessionhash", "wang", "csrf", time.Now().Add(time.Hour), Event{User: "wang", Action: "login"}); err != nil {
		t.Fatal(err)
	}
	if err := src.RecordLoginFailure(ctx, []string{"addr:10.0.0.9"}, time.Now(), time.Now().Add(-time.Hour)); err != nil {
		t.Fatal(err)
	}
	// A link citing two passages: the second, a row of link_quote, is
	// copied after its link.
	importSmallFramework(t, src, "1", "1.1.1")
	link := &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 1, Quote: "建立学分银行制度", CreatedBy: "wang"}
	if err := src.CreateLinks(ctx, []*Link{link}, false); err != nil {
		t.Fatal(err)
	}
	if err := src.AddLinkQuote(ctx, &Link{DocumentID: "D1", IndicatorCode: "1.1.1", Page: 2, Quote: "学分银行为学习者建立终身学习档案", CreatedBy: "wang"}); err != nil {
		t.Fatal(err)
	}
	before, _ := src.Document(ctx, "D2")
	srcEvents, _ := src.Events(ctx, "", 100)

	dst, err := OpenPostgres(ctx, pgtest.DatabaseURL(t))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { dst.Close() })
	counts, err := src.CopyTo(ctx, dst)
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	got := map[string]int64{}
	for _, c := range counts {
		got[c.Table] = c.Rows
	}
	if got["document"] != 3 || got["submission"] != 3 || got["app_user"] != 1 || got["session"] != 1 ||
		got["event"] != int64(len(srcEvents)) || got["city"] < 8 || got["login_failure"] != 1 {
		t.Errorf("copied rows per table: %v", got)
	}
	after, err := dst.Document(ctx, "D2")
	if err != nil || after.Seq != before.Seq || after.Status != StatusFailed || after.Error != before.Error || after.Title != before.Title {
		t.Errorf("D2 on PostgreSQL %+v %v, want %+v", after, err, before)
	}
	if got, want := passagesOf(t, dst, link.ID), passagesOf(t, src, link.ID); len(want) != 2 || !reflect.DeepEqual(got, want) {
		t.Errorf("the link's passages on PostgreSQL %q, want %q", got, want)
	}
	if s, err := dst.SessionByHash(ctx, "sessionhash", time.Now()); err != nil || s.User.Username != "wang" {
		t.Errorf("session after the copy: %+v %v", s, err)
	}
	// Counting goes on: a new document's change comes after the copied ones,
	// and a new audit entry gets a fresh id.
	if err := dst.CreateDocument(ctx, newDoc("D4", "D4"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	if d, _ := dst.Document(ctx, "D4"); d.Seq != 7 {
		t.Errorf("first change on PostgreSQL: seq %d, want 7 (the source ended at 6: three documents, D2 failed, a link, its second quote)", d.Seq)
	}
	if events, _ := dst.Events(ctx, "", 100); len(events) != len(srcEvents)+1 {
		t.Errorf("events after one more: %d, want %d", len(events), len(srcEvents)+1)
	}
	if _, err := src.CopyTo(ctx, dst); ErrorCode(err) != ECONFLICT {
		t.Errorf("copy into a catalog that holds an archive: %v, want ECONFLICT", err)
	}
}
