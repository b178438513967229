package api

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/auth"
)

// holdUpload opens a connection and sends the headers and the start of a
// 100 KB upload as the account with token, then nothing more: an upload
// under way on a very slow line.
func holdUpload(t *testing.T, addr, token string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	fmt.Fprintf(c, "POST /api/v1/documents HTTP/1.1\r\nHost: %s\r\nAuthorization: Bearer %s\r\n"+
		"Content-Type: multipart/form-data; boundary=b\r\nContent-Length: 100000\r\n\r\n"+
		"--b\r\nContent-Disposition: form-data; name=\"city\"\r\n\r\n330100\r\n", addr, token)
	return c
}

// One account may have auth.MaxUploadsPerAccount uploads under way at
// once: past that an upload is refused 429 with a Chinese reason and
// Retry-After, while another account uploads as usual, and a slot given
// back (an upload that ends) is taken again.
func TestUploadsUnderWayPerAccountAreCapped(t *testing.T) {
	e := newEnv(t)
	addr := strings.TrimPrefix(e.srv.URL, "http://")
	var held []net.Conn
	for range auth.MaxUploadsPerAccount {
		held = append(held, holdUpload(t, addr, e.tokens["coordA"]))
	}
	upload := func(role string) (*http.Response, map[string]any) {
		body := uploadBody(map[string]string{"city": cityA, "doc_type": "policy"},
			map[string][]byte{"a.txt": []byte(fmt.Sprintf("杭州市学分银行建设方案第%d稿。", e.next()))})
		if role == "coordB" {
			body = uploadBody(map[string]string{"city": cityB, "doc_type": "policy"},
				map[string][]byte{"b.txt": []byte("成都市社区教育工作要点。")})
		}
		return e.do(e.request("POST", "/api/v1/documents", body), role)
	}
	// The held uploads take their slots as the server reads their
	// headers: wait until all have, so that no upload of the test's own
	// takes one first and leaves a held one refused.
	for deadline := time.Now().Add(time.Minute); e.auth.UploadsUnderWay("coordA") < auth.MaxUploadsPerAccount; time.Sleep(10 * time.Millisecond) {
		if time.Now().After(deadline) {
			t.Fatalf("held uploads under way: %d, want %d", e.auth.UploadsUnderWay("coordA"), auth.MaxUploadsPerAccount)
		}
	}
	resp, body := upload("coordA")
	msg := fmt.Sprint(body["error"])
	if resp.StatusCode == http.StatusCreated {
		for i, c := range held {
			c.SetReadDeadline(time.Now().Add(time.Second))
			answer, _ := io.ReadAll(io.LimitReader(c, 300))
			t.Logf("held upload %d answered %q", i, answer)
		}
	}
	if resp.StatusCode != http.StatusTooManyRequests || resp.Header.Get("Retry-After") == "" || !strings.Contains(msg, "同时上传的上限") {
		t.Fatalf("upload past %d under way: %d (Retry-After %q) %v; want 429 saying the limit, with Retry-After",
			auth.MaxUploadsPerAccount, resp.StatusCode, resp.Header.Get("Retry-After"), body)
	}
	if resp, body := upload("coordB"); resp.StatusCode != http.StatusCreated {
		t.Errorf("another account's upload while coordA is at its limit: %d %v, want 201", resp.StatusCode, body)
	}

	held[0].Close()
	for deadline := time.Now().Add(time.Minute); ; time.Sleep(10 * time.Millisecond) {
		resp, body = upload("coordA")
		if resp.StatusCode != http.StatusTooManyRequests || time.Now().After(deadline) {
			break
		}
	}
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("upload once one under way ended: %d %v, want 201", resp.StatusCode, body)
	}
}
