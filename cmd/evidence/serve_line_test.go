package main

import (
	"bytes"
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"
)

// TestServeSaysWhereItServesInItsLanguage: the line that gives the
// archive's address is in the language of every other line serve writes
// (it was English alone in a Chinese console), and the address stands
// apart from the Chinese after it, so a terminal links it whole.
func TestServeSaysWhereItServesInItsLanguage(t *testing.T) {
	tests := []struct {
		lang, want, not string
	}{
		{"zh", "已启动，请在浏览器中打开 http://", "serving on"},
		{"en", "evidence: serving on http://", "已启动"},
	}
	for _, tt := range tests {
		addr, out := serveUntilListening(t, tt.lang)
		line := servedLine(out, "http://"+addr)
		if !strings.Contains(line, tt.want) || strings.Contains(line, tt.not) {
			t.Errorf("serve --lang %s said %q, want a line with %q and without %q", tt.lang, line, tt.want, tt.not)
		}
		if got, ok := servedAddress(line); !ok || got != "http://"+addr {
			t.Errorf("serve --lang %s: the address read from %q is %q, want http://%s", tt.lang, line, got, addr)
		}
		if tt.lang == "zh" && strings.ContainsFunc(line, func(r rune) bool { return r == '(' || r == ')' }) {
			t.Errorf("serve --lang zh said %q: half-width brackets beside Chinese", line)
		}
	}
}

// serveUntilListening runs serve on a new data folder until it listens, stops it,
// and returns its address and everything it wrote to stdout.
func serveUntilListening(t *testing.T, lang string) (string, string) {
	t.Helper()
	data := filepath.Join(t.TempDir(), "data")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	ready := make(chan string, 1)
	done := make(chan error, 1)
	var out bytes.Buffer
	go func() {
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--data", data, "--lang", lang}, &out, io.Discard,
			quietLogger(io.Discard), func(addr string) { ready <- addr })
	}()
	var addr string
	select {
	case addr = <-ready:
	case err := <-done:
		t.Fatalf("serve --lang %s exited at start-up: %v", lang, err)
	case <-time.After(2 * time.Minute):
		t.Fatalf("serve --lang %s did not start within 2 minutes", lang)
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve --lang %s returned %v", lang, err)
	}
	return addr, out.String()
}

// servedLine is the line of out that holds s, trimmed.
func servedLine(out, s string) string {
	for line := range strings.Lines(out) {
		if strings.Contains(line, s) {
			return strings.TrimSpace(line)
		}
	}
	return ""
}

// servedAddress reads the address from serve's line that gives it, in
// either language: the run of an address's characters after http://.
func servedAddress(line string) (string, bool) {
	_, rest, ok := strings.Cut(line, "evidence: ")
	if !ok {
		return "", false
	}
	i := strings.Index(rest, "http://")
	if i < 0 {
		return "", false
	}
	end := strings.IndexFunc(rest[i+len("http://"):], func(r rune) bool {
		return !(r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(".:[]-", r)))
	})
	if end < 0 {
		return rest[i:], true
	}
	return rest[i : i+len("http://")+end], true
}
