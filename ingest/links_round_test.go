package ingest_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// failCarryovers makes every write of a carried object fail, as a full
// disk or a lost connection would between a link and its round.
func failCarryovers(t *testing.T, e *testenv.Env) (restore func()) {
	t.Helper()
	if e.DBPath == "" {
		t.Skip("the fault is injected with a SQLite trigger; this catalog is PostgreSQL")
	}
	db, err := sql.Open("sqlite", "file:"+e.DBPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	if _, err := db.Exec(`CREATE TRIGGER no_carry BEFORE INSERT ON carryover BEGIN SELECT RAISE(ABORT, '磁盘已满'); END`); err != nil {
		t.Fatal(err)
	}
	return func() {
		if _, err := db.Exec(`DROP TRIGGER no_carry`); err != nil {
			t.Fatal(err)
		}
	}
}

// TestLinkForAnotherRoundIsAllOrNothing: linking a document of 2017 for
// 2018 (on its page, or by uploading the same file for 2018) writes the
// link and its use in 2018 together: when the second part fails, no link
// is left behind counting in 2017, which nobody asked for; once the fault
// is gone, the same request does it all.
func TestLinkForAnotherRoundIsAllOrNothing(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	const text = "杭州市发放市民终身学习卡，全市学习卡持卡人数达到12.3万人。"
	d := e.Upload(hangzhou, "终身学习卡.txt", text)
	if d.Round != "2017" {
		t.Fatalf("document's round %q, want 2017", d.Round)
	}
	restore := failCarryovers(t, e)
	links := func() []catalog.Link {
		t.Helper()
		ls, err := e.Catalog.DocumentLinks(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		return ls
	}

	err := e.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2", Page: 1}, 2018)
	if err == nil {
		t.Fatal("linking for 2018 with carried objects unwritable: no error")
	}
	if ls := links(); len(ls) != 0 {
		t.Errorf("linking for 2018 failed, yet the document has links %+v (counting in 2017)", ls)
	}

	st, err := e.Ingest.Stage(strings.NewReader(text), "终身学习卡（2018年报送）.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: hangzhou, DocType: "policy",
		Round: "2018"}, Indicators: []string{"2.3.1"}, Files: []*ingest.Staged{st}})
	if err == nil && out[0].Err == nil {
		t.Fatal("the same file for 2018 with carried objects unwritable: no error")
	}
	if ls := links(); len(ls) != 0 {
		t.Errorf("the upload for 2018 failed, yet the document has links %+v (counting in 2017)", ls)
	}

	restore()
	l := &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2", Page: 1}
	if err := e.Ingest.AddLinkInRound(ctx, testenv.Admin, l, 2018); err != nil {
		t.Fatalf("linking for 2018 again: %v", err)
	}
	counted, err := e.Catalog.RoundLinkedDocuments(ctx, hangzhou, 2018)
	if err != nil {
		t.Fatal(err)
	}
	if len(counted["2.3.2"]) != 1 || l.Page != 1 {
		t.Errorf("2.3.2 in 2018: %v, link %+v; want the document, page 1", counted["2.3.2"], l)
	}
	if own, err := e.Catalog.RoundLinkedDocuments(ctx, hangzhou, 2017); err != nil || len(own["2.3.2"]) != 0 {
		t.Errorf("2.3.2 in 2017: %v %v, want nothing", own["2.3.2"], err)
	}
}
