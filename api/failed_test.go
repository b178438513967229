package api

import (
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// brokenPDF is a PDF whose body was cut off: no reader gets text out of it.
const brokenPDF = "%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1"

// TestFailedDocumentGivesItsReasonInBothLanguages: a file that could not
// be read carries why as error (Chinese) and error_en (English); sending
// it again answers previous_error and previous_error_en; a reason recorded
// without English (before it was kept) has no error_en.
func TestFailedDocumentGivesItsReasonInBothLanguages(t *testing.T) {
	e := newEnv(t)
	send := func() map[string]any {
		t.Helper()
		resp, body := e.do(e.request("POST", "/api/v1/documents", uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
			map[string][]byte{"通知.pdf": []byte(brokenPDF)})), "coordA")
		if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
			t.Fatalf("upload: %d %v", resp.StatusCode, body)
		}
		return body["documents"].([]any)[0].(map[string]any)
	}
	id := send()["id"].(string)
	e.te.WaitFinished(id, catalog.StatusFailed)
	resp, doc := e.do(e.request("GET", "/api/v1/documents/"+id, nil), "coordA")
	zh, _ := doc["error"].(string)
	en, _ := doc["error_en"].(string)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(zh, "PDF 文件已损坏或不完整") || !strings.HasPrefix(en, "The PDF is damaged or incomplete") {
		t.Fatalf("failed document: %d, error %q, error_en %q", resp.StatusCode, zh, en)
	}
	// Damaged: only a corrected file mends it, which the upload page's
	// script and the document page tell by error_cause.
	if doc["error_cause"] != "file" {
		t.Errorf("a damaged PDF's error_cause is %v, want file", doc["error_cause"])
	}
	again := send()
	if again["retried"] != true || again["previous_error"] != zh || again["previous_error_en"] != en {
		t.Errorf("the same file sent again: retried %v, previous_error %q, previous_error_en %q",
			again["retried"], again["previous_error"], again["previous_error_en"])
	}

	old := e.failedDocument(cityA)
	_, doc = e.do(e.request("GET", "/api/v1/documents/"+old, nil), "coordA")
	if _, has := doc["error_en"]; has || doc["error"] == "" {
		t.Errorf("a reason without English: error %q, error_en %v", doc["error"], doc["error_en"])
	}
	if doc["error_cause"] != "setup" {
		t.Errorf("a program not installed: error_cause %v, want setup", doc["error_cause"])
	}
	_, doc = e.do(e.request("GET", "/api/v1/documents/"+e.bareDocument(cityA), nil), "coordA")
	if _, has := doc["error_cause"]; has {
		t.Errorf("a document that has not failed has error_cause %v", doc["error_cause"])
	}
}
