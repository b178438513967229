package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// child is `evidence serve` in a process of its own: this test binary run
// as the evidence binary (TestMain, asEvidence), so it can be killed with
// SIGKILL as an operator's kill -9 or the kernel's OOM killer would.
type child struct {
	cmd    *exec.Cmd
	base   string // http://127.0.0.1:port
	stderr *bytes.Buffer
	exited chan struct{}
	err    error // the process's exit, once exited is closed
}

// startChild runs `evidence serve` on dataDir in a child process and
// waits until it listens; it fails the test when the child exits first.
func startChild(t *testing.T, dataDir string) *child {
	t.Helper()
	c, err := spawnServe(t, dataDir)
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-c.exited:
		t.Fatalf("evidence serve exited at start-up (%v): %s", c.err, c.stderr)
	default:
	}
	return c
}

// spawnServe starts the child and returns once it prints its address or
// exits, whichever comes first (within a minute).
func spawnServe(t *testing.T, dataDir string) (*child, error) {
	t.Helper()
	c := &child{stderr: &bytes.Buffer{}, exited: make(chan struct{})}
	c.cmd = exec.Command(os.Args[0], "serve", "--addr", "127.0.0.1:0", "--data", dataDir)
	c.cmd.Env = append(os.Environ(), asEvidence+"=1")
	c.cmd.Stderr = c.stderr
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start evidence serve: %w", err)
	}
	t.Cleanup(func() { c.cmd.Process.Kill(); <-c.exited })
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := servedAddress(sc.Text()); ok {
				addr <- a
			}
		}
		c.err = c.cmd.Wait()
		close(c.exited)
	}()
	select {
	case a := <-addr:
		c.base = a
	case <-c.exited:
	case <-time.After(time.Minute):
		return nil, errors.New("evidence serve neither listened nor exited within a minute")
	}
	return c, nil
}

// kill ends the child with SIGKILL and waits for it.
func (c *child) kill() {
	c.cmd.Process.Kill()
	<-c.exited
}

// uploadMany sends the files (names[i] holding texts[i]) in one request
// and returns its status and, when it was answered 201 with a document
// for each file, their IDs in the order sent; err is a transport error
// (the server died).
func uploadMany(ctx context.Context, base, token string, names, texts []string) (int, []string, error) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("city", "330100")
	mw.WriteField("doc_type", "work_summary")
	for i, name := range names {
		w, _ := mw.CreateFormFile("file", name)
		io.WriteString(w, texts[i])
	}
	mw.Close()
	req, _ := http.NewRequestWithContext(ctx, "POST", base+"/api/v1/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	var body struct {
		Documents []struct{ ID string } `json:"documents"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || resp.StatusCode != http.StatusCreated || len(body.Documents) != len(names) {
		// A cut-off response is not an accepted upload.
		return resp.StatusCode, nil, err
	}
	ids := make([]string, len(names))
	for i, d := range body.Documents {
		ids[i] = d.ID
	}
	return resp.StatusCode, ids, nil
}

// faultText is the text of upload n: distinct bytes, so no two uploads are
// the same document.
func faultText(n int) string {
	return fmt.Sprintf("故障演练材料第 %d 号\n市社区教育学院开展学分银行试点，全年举办学习活动 %d 场，参与市民 %d 人次。\n", n, 300+n, 12000+n)
}

// TestKillDuringConcurrentIngest kills `evidence serve` with SIGKILL while
// several uploaders send files (a file a request, or four) and the
// pipeline reads them, restarts it on
// the same data folder, and requires every upload that was answered 201
// to end indexed, once: no accepted document lost, none twice, and the
// index agreeing with the catalog (`evidence check`).
func TestKillDuringConcurrentIngest(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	token := addUser(t, dataDir, "--name", "uploader", "--role", "admin")
	c := startChild(t, dataDir)
	base := c.base

	const uploaders, killAfter = 6, 40
	var (
		mu       sync.Mutex
		accepted = map[string]int{} // document id → upload number
		next     atomic.Int64
		killOnce sync.Once
		wg       sync.WaitGroup
		backlog  int // documents not yet indexed when the kill came
	)
	kill := func() {
		backlog = notIndexed(t, base, token)
		c.kill()
	}
	for u := range uploaders {
		// Half the uploaders send a folder, four files a request, as the
		// web page and evidence ingest --server do.
		per := 1 + 3*(u%2)
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				last := int(next.Add(int64(per)))
				var names, texts []string
				for n := last - per + 1; n <= last; n++ {
					names, texts = append(names, fmt.Sprintf("fault-%03d.txt", n)), append(texts, faultText(n))
				}
				status, ids, err := uploadMany(t.Context(), base, token, names, texts)
				if err != nil || last > 20*killAfter {
					mu.Lock()
					if len(accepted) == 0 {
						t.Logf("upload %d: %v", last, err)
					}
					mu.Unlock()
					return // the server is gone (or never died: checked below)
				}
				if status != http.StatusCreated || len(ids) != per {
					t.Errorf("upload %d: status %d", last, status)
					return
				}
				mu.Lock()
				for k, id := range ids {
					accepted[id] = last - per + 1 + k
				}
				enough := len(accepted) >= killAfter
				mu.Unlock()
				if enough {
					killOnce.Do(kill)
				}
			}
		}()
	}
	wg.Wait()
	select {
	case <-c.exited:
	default:
		t.Fatalf("the server was never killed: %d uploads accepted", len(accepted))
	}
	t.Logf("killed with %d uploads accepted, %d of the archive's documents not yet indexed, %d uploads attempted",
		len(accepted), backlog, next.Load())

	s := startServer(t, dataDir)
	all := s.waitAllDone(90 * time.Second)
	for id, n := range accepted {
		if all[id] != "indexed" {
			_, d := s.get("/api/v1/documents/"+id, nil)
			t.Errorf("accepted upload %d (%s) is %q after the restart, want indexed: %v", n, id, all[id], d)
		}
	}
	if len(all) > int(next.Load()) {
		t.Errorf("%d documents from %d uploads: some were recorded twice", len(all), next.Load())
	}
	_, res := s.get("/api/v1/search", url.Values{"q": {"故障演练"}})
	if res["total"] != float64(len(all)) {
		t.Errorf("search finds %v documents, the catalog has %d: the index lost or doubled some", res["total"], len(all))
	}
	s.stop()
	if out, err := runCLI(t, "check", "--data", dataDir); err != nil {
		t.Errorf("evidence check after the restart: %v\n%s", err, out)
	}
}

// notIndexed counts the archive's documents that are not indexed yet.
func notIndexed(t *testing.T, base, token string) int {
	req, _ := http.NewRequest("GET", base+"/api/v1/documents?size=200", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Logf("list documents before the kill: %v", err)
		return -1
	}
	defer resp.Body.Close()
	var body struct {
		Documents []struct{ Status string } `json:"documents"`
	}
	json.NewDecoder(resp.Body).Decode(&body)
	n := 0
	for _, d := range body.Documents {
		if d.Status != "indexed" {
			n++
		}
	}
	return n
}

// waitAllDone waits until no document of the archive is stored or
// extracted any more, and returns every document's status by id.
func (s *server) waitAllDone(limit time.Duration) map[string]string {
	s.t.Helper()
	deadline := time.Now().Add(limit)
	for {
		all, busy := s.statuses()
		if busy == 0 {
			return all
		}
		if time.Now().After(deadline) {
			s.t.Fatalf("%d documents still not indexed or failed after %s", busy, limit)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// statuses returns every document's status by id and how many are still
// on their way (stored or extracted).
func (s *server) statuses() (all map[string]string, busy int) {
	s.t.Helper()
	all = map[string]string{}
	for page := 1; ; page++ {
		_, body := s.get("/api/v1/documents", url.Values{"page": {fmt.Sprint(page)}, "size": {"100"}})
		docs, _ := body["documents"].([]any)
		for _, d := range docs {
			m := d.(map[string]any)
			st := m["status"].(string)
			all[m["id"].(string)] = st
			if st != "indexed" && st != "failed" {
				busy++
			}
		}
		if len(docs) < 100 {
			return all, busy
		}
	}
}
