package bodyrate

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// serve starts a real server whose handler reads the whole body, answers
// 200 with the bytes read or 400 with the error's message, and records
// whether the request's context was still alive a while after the body.
func serve(t *testing.T, p Policy, after time.Duration, alive chan<- bool) string {
	t.Helper()
	srv := httptest.NewServer(Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, catalog.ErrorMessage(err))
			return
		}
		if alive != nil {
			time.Sleep(after)
			alive <- r.Context().Err() == nil
		}
		fmt.Fprintf(w, "%d", n)
	}), p))
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// send writes the headers of a POST of size bytes, then chunks of chunk
// bytes every pause, count of them, and returns the answer's status line
// and body.
func send(t *testing.T, addr string, size, chunk, count int, pause time.Duration) (string, string) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	fmt.Fprintf(c, "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: %d\r\n\r\n", size)
	for i := 0; i < count; i++ {
		if i > 0 {
			time.Sleep(pause)
		}
		if _, err := c.Write([]byte(strings.Repeat("a", chunk))); err != nil {
			t.Fatalf("send chunk %d: %v", i, err)
		}
	}
	c.SetReadDeadline(time.Now().Add(time.Minute)) // the test's own guard
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("read the answer: %v", err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.Status, string(b)
}

// A body that stops (half sent, then nothing) is cut and answered 400
// saying why and what to do, instead of being held for as long as the
// client keeps the connection.
func TestStalledBodyIsCut(t *testing.T) {
	addr := serve(t, Policy{Window: 300 * time.Millisecond, MinBytes: 1024}, 0, nil)
	status, body := send(t, addr, 100000, 300, 1, 0)
	if !strings.HasPrefix(status, "400") || !strings.Contains(body, "上传中止") || !strings.Contains(body, "重新上传") {
		t.Errorf("stalled body: %s %q, want 400 saying the upload stopped and to send it again", status, body)
	}
}

// A slow body that keeps bringing MinBytes per window arrives whole
// however long it takes in all, and the handler's work after it is not
// cut by the deadline the body had.
func TestMovingBodyIsNotCut(t *testing.T) {
	alive := make(chan bool, 1)
	window := 2 * time.Second
	addr := serve(t, Policy{Window: window, MinBytes: 1024}, window+500*time.Millisecond, alive)
	// 20 KiB a window at the least, twenty times the policy's least,
	// for longer than one window in all.
	status, body := send(t, addr, 30*1024, 1024, 30, 100*time.Millisecond)
	if !strings.HasPrefix(status, "200") || body != "30720" {
		t.Errorf("slow but moving body: %s %q, want 200 with all 30720 bytes", status, body)
	}
	if !<-alive {
		t.Error("the handler's request ended while it worked after reading the body, want it alive")
	}
}

// The server's own work between reads (a ZIP unpacked, a busy catalog,
// an fsync) does not count against the client: a body sent at once whole
// is read in full though the handler pauses for three windows between
// its parts.
func TestServerPausesDoNotCountAgainstTheClient(t *testing.T) {
	window := 100 * time.Millisecond
	srv := httptest.NewServer(Handler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		first := make([]byte, 1000)
		if _, err := io.ReadFull(r.Body, first); err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, catalog.ErrorMessage(err))
			return
		}
		time.Sleep(3 * window)
		n, err := io.Copy(io.Discard, r.Body)
		if err != nil {
			w.WriteHeader(http.StatusBadRequest)
			fmt.Fprint(w, catalog.ErrorMessage(err))
			return
		}
		fmt.Fprintf(w, "%d", 1000+n)
	}), Policy{Window: window, MinBytes: 1 << 20}))
	t.Cleanup(srv.Close)
	status, body := send(t, strings.TrimPrefix(srv.URL, "http://"), 60000, 60000, 1, 0)
	if !strings.HasPrefix(status, "200") || body != "60000" {
		t.Errorf("a whole body read with the server's pauses between its parts: %s %q, want 200 and all 60000 bytes", status, body)
	}
}
