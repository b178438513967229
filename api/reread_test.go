package api

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRereadCountsAndReadsWhatOlderReadersRead: GET /api/v1/admin/reread
// counts a text an older extraction reader gave and fields an older field
// reader read; POST reads both again in the background (202), a second
// POST while it runs is 409; afterwards the count is 0, the changed
// fields are listed, and the issuer a person typed stays. Others get 403.
func TestRereadCountsAndReadsWhatOlderReadersRead(t *testing.T) {
	e := newEnv(t)
	oldText, oldFields := e.te.OutdatedArchive(cityA, "coordA")
	outdated := func(body map[string]any) map[string]any {
		t.Helper()
		o, _ := body["outdated"].(map[string]any)
		return o
	}

	resp, body := e.do(e.request("GET", "/api/v1/admin/reread", nil), "admin")
	o := outdated(body)
	if resp.StatusCode != http.StatusOK || o["documents"] != 2.0 || o["texts"] != 1.0 || o["fields"] != 1.0 || body["run"] != nil {
		t.Fatalf("count: %d %v, want 2 documents, 1 text, 1 fields, no run", resp.StatusCode, body)
	}
	for _, method := range []string{"GET", "POST"} {
		if resp, _ := e.do(e.request(method, "/api/v1/admin/reread", nil), "coordA"); resp.StatusCode != http.StatusForbidden {
			t.Errorf("a coordinator's %s: %d, want 403", method, resp.StatusCode)
		}
	}

	release := e.te.HoldTextReads()
	defer release()
	resp, body = e.do(e.request("POST", "/api/v1/admin/reread", nil), "admin")
	if run, _ := body["run"].(map[string]any); resp.StatusCode != http.StatusAccepted || run["running"] != true || run["by"] != "admin" {
		t.Fatalf("start: %d %v, want 202 with a running run", resp.StatusCode, body)
	}
	resp, body = e.do(e.request("POST", "/api/v1/admin/reread", nil), "admin")
	apiErr, _ := body["error"].(map[string]any)
	if msg, _ := apiErr["message"].(string); resp.StatusCode != http.StatusConflict || !strings.Contains(msg, "重新读取正在进行") {
		t.Errorf("a second start while it runs: %d %v, want 409 saying it runs", resp.StatusCode, body)
	}
	release()
	e.te.WaitRereadDone(oldText.ID, oldFields.ID)

	resp, body = e.do(e.request("GET", "/api/v1/admin/reread", nil), "admin")
	run, _ := body["run"].(map[string]any)
	changed, _ := run["fields_changed"].([]any)
	queued, _ := run["queued"].([]any)
	if o := outdated(body); resp.StatusCode != http.StatusOK || o["documents"] != 0.0 || run["running"] != false ||
		len(queued) != 1 || queued[0] != oldText.ID || len(changed) != 1 {
		t.Fatalf("after the run: %d %v, want nothing left, %s queued and one document's fields changed", resp.StatusCode, body, oldText.ID)
	}
	if c := changed[0].(map[string]any); c["id"] != oldFields.ID || c["doc_number"] != testenv.OwnNumber || c["issuer"] != testenv.PersonsIssuer {
		t.Errorf("the fields changed: %v, want %s with 文号 %s and the issuer the person typed", c, oldFields.ID, testenv.OwnNumber)
	}
	if d, err := e.te.Catalog.Document(context.Background(), oldFields.ID); err != nil || d.DocNumber != testenv.OwnNumber {
		t.Errorf("the document read again: %+v %v", d, err)
	}
}

// failingQuotes cannot look for quotes: the text store does not answer.
type failingQuotes struct{}

func (failingQuotes) RecheckQuotes(context.Context, string) (catalog.QuotesRechecked, error) {
	return catalog.QuotesRechecked{}, &catalog.Error{Code: catalog.EUNAVAILABLE, Message: "文字存储暂时无法读取，请稍后再试",
		English: "The text store cannot be read just now; try again later"}
}

// RecheckLinkQuotes fails as RecheckQuotes does.
func (f failingQuotes) RecheckLinkQuotes(ctx context.Context, sha, _ string) (catalog.QuotesRechecked, error) {
	return f.RecheckQuotes(ctx, sha)
}

// TestRereadRunCountsTheQuotes: a claim cites the text an older reader
// gave, and looking again for its quote in the text read anew fails. The
// run GET /api/v1/admin/reread answers gives what /admin's line and the
// CLI say: quotes {checked, changed, failed, reasons}, the reason in both
// languages.
func TestRereadRunCountsTheQuotes(t *testing.T) {
	e := newEnv(t)
	oldText, oldFields := e.te.OutdatedArchive(cityA, "coordA")
	e.claim(oldText.ID)
	e.te.Ingest.UseQuotes(failingQuotes{})
	if resp, body := e.do(e.request("POST", "/api/v1/admin/reread", nil), "admin"); resp.StatusCode != http.StatusAccepted {
		t.Fatalf("start: %d %v", resp.StatusCode, body)
	}
	e.te.WaitRereadDone(oldText.ID, oldFields.ID)
	_, body := e.do(e.request("GET", "/api/v1/admin/reread", nil), "admin")
	run, _ := body["run"].(map[string]any)
	quotes, _ := run["quotes"].(map[string]any)
	if quotes == nil || quotes["checked"] != 0.0 || quotes["changed"] != 0.0 || quotes["failed"] != 1.0 || quotes["unmarked_texts"] != 0.0 {
		t.Fatalf("the run's quotes: %v, want 1 failed", run["quotes"])
	}
	reasons, _ := quotes["reasons"].([]any)
	if len(reasons) != 1 {
		t.Fatalf("the run's reasons: %v, want 1", quotes["reasons"])
	}
	if r := reasons[0].(map[string]any); r["reason"] != "文字存储暂时无法读取，请稍后再试" || r["reason_en"] != "The text store cannot be read just now; try again later" {
		t.Errorf("the reason: %v", r)
	}
}
