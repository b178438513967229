package main

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRoundAddThroughABusyServer: `round add --server` is sent again
// after a 503 as the other --server commands are. When the 503 came after
// the server had recorded the round (a proxy or catalog that failed the
// answer), the second answer "already exists" is the request's success,
// the round the server holds being the one asked for; when the server
// held a round of that year under another label before, it is still the
// conflict, with what to do.
func TestRoundAddThroughABusyServer(t *testing.T) {
	s := startServer(t, "")
	if out, err := runCLI(t, "round", "add", "--year", "2024", "--label", "2024年度复核", "--server", s.base, "--token", s.token); err != nil {
		t.Fatalf("round add 2024: %q %v", out, err)
	}
	target, err := url.Parse(s.base)
	if err != nil {
		t.Fatal(err)
	}
	proxy := httputil.NewSingleHostReverseProxy(target)
	var mu sync.Mutex
	posts := map[int]int{} // POST /api/v1/rounds by year
	p := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != "POST" || r.URL.Path != "/api/v1/rounds" {
			proxy.ServeHTTP(w, r)
			return
		}
		body, _ := io.ReadAll(r.Body)
		var asked struct{ Year int }
		json.Unmarshal(body, &asked)
		mu.Lock()
		posts[asked.Year]++
		first := posts[asked.Year] == 1
		mu.Unlock()
		r.Body = io.NopCloser(bytes.NewReader(body))
		if !first {
			proxy.ServeHTTP(w, r)
			return
		}
		if asked.Year == 2023 {
			// The server records the round; its answer is lost to a 503.
			proxy.ServeHTTP(httptest.NewRecorder(), r)
		}
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Retry-After", "1")
		w.WriteHeader(http.StatusServiceUnavailable)
		io.WriteString(w, `{"error":{"code":"EUNAVAILABLE","message":"目录数据库正忙于其他写入，请稍后重试"}}`)
	}))
	defer p.Close()
	for _, c := range []struct {
		name     string
		args     []string
		conflict bool
	}{
		{"recorded before the 503", []string{"--year", "2023", "--current"}, false},
		{"refused by the 503", []string{"--year", "2025", "--label", "2025年度监测"}, false},
		{"held before under another label", []string{"--year", "2024"}, true},
	} {
		t.Run(c.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := run(t.Context(), append(append([]string{"round", "add"}, c.args...), "--server", p.URL, "--token", s.token), &out, &errOut)
			if !strings.Contains(errOut.String(), "服务器暂时无法处理请求，等候 1 秒后重试（服务器应答：目录数据库正忙于其他写入") {
				t.Errorf("the wait is not said on stderr:\n%s", errOut.String())
			}
			if c.conflict {
				if catalog.ErrorCode(err) != catalog.ECONFLICT || !strings.Contains(describe(err), "evidence round current --year 2024") {
					t.Errorf("round add %v: %v, want a conflict naming evidence round current", c.args, err)
				}
				return
			}
			if err != nil || !strings.Contains(out.String(), "已添加监测轮次 "+c.args[1]) {
				t.Errorf("round add %v: %v\nstdout: %s\nstderr: %s", c.args, err, out.String(), errOut.String())
			}
		})
	}
	status, body := s.get("/api/v1/rounds", nil)
	got := mustJSON(t, body)
	for _, want := range []string{`{"current":true,"label":"2023年度监测","names_kept":false,"year":2023}`, `"label":"2024年度复核"`, `"label":"2025年度监测"`} {
		if status != 200 || !strings.Contains(got, want) {
			t.Errorf("the server's rounds: %d %s, want %s", status, got, want)
		}
	}
}
