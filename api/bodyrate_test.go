package api

import (
	"bufio"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/bodyrate"
)

// An upload whose body stops moving under the server's body rate
// (bodyrate, as serve wires it) is answered 400 saying the upload
// stopped and to send it again, and nothing is stored.
func TestStalledUploadIsCutWithItsReason(t *testing.T) {
	e := newEnv(t)
	srv := httptest.NewServer(bodyrate.Handler(NewHandler(e.deps), bodyrate.Policy{Window: 300 * time.Millisecond, MinBytes: 1024}))
	defer srv.Close()
	before := e.liveDocuments()
	addr := strings.TrimPrefix(srv.URL, "http://")
	c := holdUpload(t, addr, e.tokens["coordA"])
	fmt.Fprint(c, "--b\r\nContent-Disposition: form-data; name=\"doc_type\"\r\n\r\npolicy\r\n"+
		"--b\r\nContent-Disposition: form-data; name=\"file\"; filename=\"slow.txt\"\r\nContent-Type: text/plain\r\n\r\n杭州市")
	c.SetReadDeadline(time.Now().Add(time.Minute)) // the test's own guard
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("answer to a stalled upload: %v", err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusBadRequest || !strings.Contains(string(body), "上传中止") {
		t.Errorf("stalled upload: %d %s, want 400 saying the upload stopped", resp.StatusCode, body)
	}
	if n := e.liveDocuments(); n != before {
		t.Errorf("documents after a stalled upload: %d, want %d", n, before)
	}
}
