package main

import (
	"bytes"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/s3gw"
)

// TestArchiveOnS3 runs the archive with its originals and text in a bucket
// of a real S3 server, then takes the server away.
func TestArchiveOnS3(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	t.Setenv("EVIDENCE_S3_ENDPOINT", g.Addr)
	t.Setenv("EVIDENCE_S3_BUCKET", "evidence-e2e")
	t.Setenv("EVIDENCE_S3_ACCESS_KEY", s3gw.AccessKey)
	t.Setenv("EVIDENCE_S3_SECRET_KEY", s3gw.SecretKey)
	s := startServer(t, "")
	meta := map[string]string{"city": "330200", "doc_type": "policy"}

	pdf := fixture(t, "ningbo-policy.pdf")
	status, body := s.upload(meta, pdf)
	if status != http.StatusCreated {
		t.Fatalf("upload to S3: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	if d := s.waitDone(id); d["status"] != "indexed" {
		t.Fatalf("status %v: %v", d["status"], d["error"])
	}
	if _, got := s.raw("/api/v1/documents/" + id + "/original"); !bytes.Equal(got, pdf.body) {
		t.Errorf("original from S3 differs")
	}
	_, res := s.get("/api/v1/search", url.Values{"q": {"学分银行"}})
	if names := hitNames(res); len(names) != 1 {
		t.Errorf("search on S3-backed archive: %v", names)
	}

	g.Stop()
	status, body = s.upload(meta, fixture(t, "wuhan-case.html"))
	code, msg := errorOf(body)
	if status != http.StatusServiceUnavailable || code != "EUNAVAILABLE" || !strings.Contains(msg, "对象存储") {
		t.Errorf("upload with S3 down: %d %s %q, want 503 naming the object store", status, code, msg)
	}
	if _, list := s.get("/api/v1/documents", nil); list["total"] != float64(1) {
		t.Errorf("catalog has %v documents after the failed upload, want 1", list["total"])
	}
}
