package documents_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A bulk change goes on to every document chosen when the request ends
// after the first (probe s46 #2: an admin moving 24 documents to another
// city closed the page, or the client timed out, and 4 moved, the other
// 20 stayed, and nothing said which). Each document is changed in its
// own transaction, so a change stopped halfway leaves the choice split.
func TestABulkChangeEndedByTheClientIsMadeWhole(t *testing.T) {
	e := testenv.New(t)
	ids := []string{
		e.Upload("330100", "宁波终身学习周.txt", "宁波市举办全民终身学习活动周。").ID,
		e.Upload("330100", "宁波社区教育.txt", "宁波市社区教育工作总结。").ID,
		e.Upload("330100", "宁波学分银行.txt", "宁波市建立学分银行。").ID,
	}
	for _, c := range []struct {
		name   string
		change documents.BulkChange
		done   func(id string) bool
	}{
		{"move to 宁波", documents.BulkChange{IDs: ids, City: "330200"}, func(id string) bool {
			d, err := e.Catalog.Document(context.Background(), id)
			return err == nil && d.City == "330200"
		}},
		{"delete", documents.BulkChange{IDs: ids, Delete: true}, func(id string) bool {
			_, err := e.Catalog.Document(context.Background(), id)
			return err != nil
		}},
	} {
		ctx, cancel := context.WithCancel(context.Background())
		restore := documents.SetBulkChanged(func(string) { cancel() })
		out, err := e.Documents.Bulk(ctx, testenv.Admin, c.change)
		restore()
		cancel()
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for _, o := range out {
			if o.Err != nil || !c.done(o.ID) {
				t.Errorf("%s, the request ended after the first document: %s not changed (%v)", c.name, o.ID, o.Err)
			}
		}
	}
}

// When the request of a bulk change ends before the change is made, its
// outcomes are logged, since nobody reads them in the answer (review s46
// #11): how many changed, and each document not changed with why. A
// change whose request is still there to answer logs nothing.
func TestABulkChangeEndedByTheClientLogsItsOutcomes(t *testing.T) {
	e := testenv.New(t)
	moved := e.Upload("330100", "宁波终身学习周.txt", "宁波市举办全民终身学习活动周。").ID
	const gone = "不存在的文档"
	change := documents.BulkChange{IDs: []string{moved, gone}, City: "330200"}
	var logged bytes.Buffer
	defer slog.SetDefault(slog.Default())
	slog.SetDefault(slog.New(slog.NewTextHandler(&logged, nil)))

	if _, err := e.Documents.Bulk(context.Background(), testenv.Admin, change); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(logged.String(), "bulk change") {
		t.Errorf("a bulk change answered logged its outcomes:\n%s", logged.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	restore := documents.SetBulkChanged(func(string) { cancel() })
	out, err := e.Documents.Bulk(ctx, testenv.Admin, change)
	restore()
	cancel()
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 2 || out[0].Err != nil || out[1].Err == nil {
		t.Fatalf("outcomes %+v, want %s moved and %s not found", out, moved, gone)
	}
	log := logged.String()
	for _, want := range []string{"documents=2 changed=1 partly=0 failed=1", "document=" + gone, out[1].Err.Error()} {
		if !strings.Contains(log, want) {
			t.Errorf("a bulk change whose request ended logged\n%s\nwant %q in it", log, want)
		}
	}
}
