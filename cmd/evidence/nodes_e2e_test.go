package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// TestTwoNodes runs archives of two `evidence serve` nodes, each on one
// PostgreSQL catalog and one S3 bucket with its own data folder and index.
// The subtests share the Versity gateway and the PostgreSQL cluster (each
// takes a fresh database and bucket), which are the slow parts to start.
func TestTwoNodes(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	useS3(t, g.Addr, "") // each subtest its own bucket (sharedArchive)

	t.Run("ServeOneArchive", testTwoNodesServeOneArchive)
	t.Run("NodeKilledMidOCR", testNodeKilledMidOCR)
	t.Run("SessionsAlternate", testSessionsAlternate)
	t.Run("CheckOnANewNode", testCheckOnANewNode)
}

// evidence check on a node that has not started yet (a data folder of its
// own, the shared catalog and bucket) finds its index lacking every
// document: a start brings them in by itself (it follows the catalog from
// the first change), so check says so rather than asking for reindex, and
// passes.
func testCheckOnANewNode(t *testing.T) {
	sharedArchive(t, "evidence-newnode")
	a := startServer(t, "")
	waitReady(t, "A", a)
	status, body := a.upload(map[string]string{"city": "330200", "doc_type": "policy"}, fixture(t, "ningbo-policy.pdf"))
	if status != http.StatusCreated {
		t.Fatalf("upload on A: %d %v", status, body)
	}
	if d := a.waitDone(uploadedDocuments(t, body)[0]["id"].(string)); d["status"] != "indexed" {
		t.Fatalf("on A the document is %v, want indexed", d["status"])
	}
	out, err := runCLI(t, "check", "--data", filepath.Join(t.TempDir(), "new-node"))
	if err != nil {
		t.Errorf("check on a new node: %v\n%s", err, out)
	}
	if !strings.Contains(out, "还差 1 个文档未跟上目录") || strings.Contains(out, "reindex，") || strings.Contains(out, "发现") {
		t.Errorf("check on a new node does not say a start catches it up:\n%s", out)
	}
}

// sharedArchive points the nodes this test starts (in this process or as
// children, which inherit the environment) at a new PostgreSQL database
// and a new bucket, and returns the database's URL.
func sharedArchive(t *testing.T, bucket string) string {
	t.Helper()
	dbURL := pgtest.DatabaseURL(t)
	t.Setenv("EVIDENCE_DATABASE_URL", dbURL)
	t.Setenv("EVIDENCE_S3_BUCKET", bucket)
	return dbURL
}

// A document uploaded on A is searchable on B within 10 s, a delete on B
// leaves A's index too, a session opened on A works on B, and /readyz
// reports each node's index lag.
func testTwoNodesServeOneArchive(t *testing.T) {
	sharedArchive(t, "evidence-nodes")
	a, b := startServer(t, ""), startServer(t, "")
	for name, s := range map[string]*server{"A": a, "B": b} {
		waitReady(t, name, s)
	}

	pdf := fixture(t, "ningbo-policy.pdf")
	status, body := a.upload(map[string]string{"city": "330200", "doc_type": "policy"}, pdf)
	if status != http.StatusCreated {
		t.Fatalf("upload on A: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	start := time.Now()
	lag, ok := waitSearch(b, "学分银行", id, true, 10*time.Second)
	if !ok {
		_, d := b.get("/api/v1/documents/"+id, nil)
		t.Fatalf("document uploaded on A not found by search on B within 10 s (status on B: %v %v)", d["status"], d["error"])
	}
	t.Logf("index lag A→B, upload to searchable: %v", lag)
	if d := a.waitDone(id); d["status"] != "indexed" {
		t.Errorf("on A the document is %v, want indexed", d["status"])
	}
	if _, got := b.raw("/api/v1/documents/" + id + "/original"); !bytes.Equal(got, pdf.body) {
		t.Errorf("original read on B differs from the bytes uploaded on A")
	}

	// A session opened on A is good on B.
	cookie := login(t, a, "admin")
	req, _ := http.NewRequest("GET", b.base+"/api/v1/me", nil)
	req.AddCookie(cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil || resp.StatusCode != http.StatusOK {
		t.Errorf("session from A on B: %v %v", resp, err)
	} else {
		resp.Body.Close()
	}

	req, _ = http.NewRequest("DELETE", b.base+"/api/v1/documents/"+id, nil)
	if status, body := b.do(req); status != http.StatusOK && status != http.StatusNoContent {
		t.Fatalf("delete on B: %d %v", status, body)
	}
	if lag, ok := waitSearch(a, "学分银行", id, false, 10*time.Second); !ok {
		t.Errorf("document deleted on B still found on A after 10 s")
	} else {
		t.Logf("index lag B→A, delete to gone: %v (upload started %v ago)", lag, time.Since(start).Round(time.Millisecond))
	}
	for name, s := range map[string]*server{"A": a, "B": b} {
		if r := readyz(t, s); r["ready"] != true || r["lag_changes"] != float64(0) {
			t.Errorf("readyz of %s after the changes settled: %v", name, r)
		}
	}
}

// testLease is the extraction lease of the nodes in the kill test: short,
// so that the surviving node takes the dead node's job within seconds.
const testLease = 3 * time.Second

// Node A, a process of its own, takes the OCR of a two-page stamped scan
// and is killed with SIGKILL while it reads the pages. Node B, started
// after A took the job, leaves it alone while A's lease runs, then takes
// it and finishes it: the document is indexed once (one row, found once
// by search on B, its OCR text searchable), and its job was taken twice.
func testNodeKilledMidOCR(t *testing.T) {
	dbURL := sharedArchive(t, "evidence-kill")
	t.Setenv("EVIDENCE_JOB_LEASE", testLease.String())
	db, err := sql.Open("pgx", dbURL)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()

	dirA := filepath.Join(t.TempDir(), "a")
	token := addUser(t, dirA, "--name", "kill-admin", "--role", "admin")
	begin := time.Now()
	childA := startChild(t, dirA)
	t.Logf("A started in %v", time.Since(begin).Round(time.Millisecond))
	a := &server{t: t, base: childA.base, token: token, dataDir: dirA}

	scan, err := os.ReadFile(filepath.Join("..", "..", "ingest", "extract", "testdata", "stamped-scan.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	status, body := a.upload(map[string]string{"city": "330100", "doc_type": "policy"},
		upload{name: "杭政办发〔2018〕12号扫描件.pdf", body: scan})
	if status != http.StatusCreated {
		t.Fatalf("upload on A: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)

	// Wait until A says it is reading the pages.
	deadline := time.Now().Add(60 * time.Second)
	var progress any
	for progress == nil {
		_, d := a.get("/api/v1/documents/"+id, nil)
		if progress = d["progress"]; progress != nil {
			break
		}
		if d["status"] != "stored" || time.Now().After(deadline) {
			t.Fatalf("A never reported OCR progress: document %v %v", d["status"], d["error"])
		}
		time.Sleep(20 * time.Millisecond)
	}
	job := func() (attempts int, owner string, until time.Time) {
		var u string
		if err := db.QueryRow(`SELECT attempts, lease_owner, lease_until FROM document WHERE id = $1`, id).
			Scan(&attempts, &owner, &u); err != nil {
			t.Fatalf("read the job of %s: %v", id, err)
		}
		until, _ = time.Parse(time.RFC3339Nano, u)
		return attempts, owner, until
	}
	attempts, ownerA, leaseA := job()
	if attempts != 1 || ownerA == "" {
		t.Fatalf("while A reads the pages the job is taken %d times by %q, want once by A", attempts, ownerA)
	}
	killNode(t, childA)
	killed := time.Now()
	t.Logf("A (%s) killed %v after its start while reading pages %v; its lease runs until %v from now", ownerA, killed.Sub(begin).Round(time.Millisecond), progress, leaseA.Sub(killed).Round(time.Millisecond))

	b := startServer(t, "")
	// B must wait for A's lease, then take the job: a second attempt.
	var tookAt time.Time
	for tookAt.IsZero() {
		n, owner, _ := job()
		switch {
		case n >= 2:
			tookAt = time.Now()
			if owner == ownerA {
				t.Errorf("attempt %d is A's again", n)
			}
		case time.Since(killed) > testLease+time.Minute:
			t.Fatalf("nobody took the dead node's job within a minute of its lease (attempts %d, owner %q)", n, owner)
		}
		time.Sleep(20 * time.Millisecond)
	}
	if tookAt.Before(leaseA) {
		t.Errorf("B took the job %v before A's lease ran out", leaseA.Sub(tookAt))
	}
	d := b.waitDone(id)
	if d["status"] != "indexed" {
		t.Fatalf("after A died the document is %v (%v), want indexed by B", d["status"], d["error"])
	}
	t.Logf("B took the job %v after the kill and indexed it %v after the kill",
		tookAt.Sub(killed).Round(time.Millisecond), time.Since(killed).Round(time.Millisecond))
	if n, _, _ := job(); n != 2 {
		t.Errorf("job taken %d times, want 2 (A, then B once)", n)
	}
	if src, _ := d["page_sources"].([]any); len(src) != 2 || src[0] != "ocr" {
		t.Errorf("page sources %v, want two pages read by OCR", d["page_sources"])
	}
	var rows int
	db.QueryRow(`SELECT COUNT(*) FROM document`).Scan(&rows)
	if rows != 1 {
		t.Errorf("%d document rows after the takeover, want 1", rows)
	}
	for _, q := range []string{"学分银行", "社区教育"} {
		_, res := b.get("/api/v1/search", url.Values{"q": {q}})
		hits, _ := res["hits"].([]any)
		if res["total"] != float64(1) || len(hits) != 1 || hits[0].(map[string]any)["id"] != id {
			t.Errorf("search %s on B: total %v, hits %v; want the scan once", q, res["total"], hits)
		}
	}
}

// killNode kills a node with SIGKILL, and with it the extraction reader
// it ran (a process group of its own, which a SIGKILL of the node leaves
// running until its own deadline): a machine that dies takes both.
func killNode(t *testing.T, c *child) {
	t.Helper()
	kids := childrenOf(c.cmd.Process.Pid)
	c.kill()
	for _, pid := range kids {
		syscall.Kill(-pid, syscall.SIGKILL)
	}
}

// childrenOf lists the processes whose parent is pid.
func childrenOf(pid int) []int {
	var out []int
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		n, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		// pid (comm) state ppid …: comm may hold spaces, the rest not.
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) > 1 && f[1] == strconv.Itoa(pid) {
			out = append(out, n)
		}
	}
	return out
}

// A user logs in through the web form on A; the requests that follow
// alternate between the nodes, a form rendered by A is posted to B with
// A's CSRF token, B refuses a form without it, and a logout on B ends the
// session on A.
func testSessionsAlternate(t *testing.T) {
	sharedArchive(t, "evidence-sessions")
	a, b := startServer(t, ""), startServer(t, "")
	status, body := a.upload(map[string]string{"city": "420100", "doc_type": "case"}, fixture(t, "wuhan-case.html"))
	if status != http.StatusCreated {
		t.Fatalf("upload on A: %d %v", status, body)
	}
	id := uploadedDocuments(t, body)[0]["id"].(string)
	a.waitDone(id)

	out, err := runCLI(t, "user", "add", "--data", a.dataDir, "--json", "--name", "zhou", "--role", "coordinator", "--city", "420100")
	if err != nil {
		t.Fatal(err)
	}
	var u struct{ Password string }
	json.Unmarshal([]byte(out), &u)
	web := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	send := func(s *server, method, path string, form url.Values, cookie *http.Cookie) (*http.Response, string) {
		t.Helper()
		var body io.Reader
		if form != nil {
			body = strings.NewReader(form.Encode())
		}
		req, _ := http.NewRequest(method, s.base+path, body)
		if form != nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		}
		if cookie != nil {
			req.AddCookie(cookie)
		}
		resp, err := web.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}

	resp, _ := send(a, "POST", "/login", url.Values{"username": {"zhou"}, "password": {u.Password}, "next": {"/documents"}}, nil)
	var session *http.Cookie
	for _, c := range resp.Cookies() {
		session = c
	}
	if resp.StatusCode != http.StatusSeeOther || session == nil {
		t.Fatalf("web login on A: %d, cookie %v", resp.StatusCode, session)
	}

	docPath := "/documents/" + id
	for i, s := range []*server{b, a, b, a} {
		if resp, page := send(s, "GET", docPath, nil, session); resp.StatusCode != http.StatusOK || !strings.Contains(page, "csrf_token") {
			t.Fatalf("request %d (node %s) with the session from A: %d %s", i+1, map[*server]string{a: "A", b: "B"}[s],
				resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	_, page := send(a, "GET", docPath, nil, session)
	m := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`).FindStringSubmatch(page)
	if m == nil {
		t.Fatal("the document page rendered by A has no CSRF token")
	}
	token := m[1]

	_, d := a.get("/api/v1/documents/"+id, nil)
	title := "武汉市社区教育典型案例\uFF08跨节点修改\uFF09"
	edit := url.Values{"title": {title}}
	for _, f := range []string{"doc_type", "department", "issuer", "issued_on", "doc_number", "round"} {
		edit.Set(f, fmt.Sprint(d[f]))
	}
	withoutToken := url.Values{}
	for k, v := range edit {
		withoutToken[k] = v
	}
	withoutToken.Set("title", "无令牌的修改")
	if resp, _ := send(b, "POST", docPath, withoutToken, session); resp.StatusCode != http.StatusForbidden {
		t.Errorf("form without its CSRF token on B: %d, want 403", resp.StatusCode)
	}
	edit.Set("csrf_token", token)
	if resp, page := send(b, "POST", docPath, edit, session); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), docPath) {
		t.Fatalf("form from A's page posted to B with A's token: %d %s %.300s", resp.StatusCode, resp.Header.Get("Location"), page)
	}
	if _, page := send(a, "GET", docPath, nil, session); !strings.Contains(page, title) {
		t.Errorf("the title saved through B does not show on A's page")
	}
	if _, d := b.get("/api/v1/documents/"+id, nil); d["title"] != title {
		t.Errorf("title on B: %v, want %s", d["title"], title)
	}

	// Logging out on B ends the session on A too.
	if resp, _ := send(b, "POST", "/logout", url.Values{"csrf_token": {token}}, session); resp.StatusCode != http.StatusSeeOther {
		t.Errorf("logout on B: %d", resp.StatusCode)
	}
	if resp, _ := send(a, "GET", "/documents", nil, session); resp.StatusCode != http.StatusSeeOther ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("after logout on B the session still opens A's pages: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
}

// waitSearch polls s's search for q until document id is among the hits
// (present) or not (!present), and says how long that took.
func waitSearch(s *server, q, id string, present bool, limit time.Duration) (time.Duration, bool) {
	start := time.Now()
	for time.Since(start) < limit {
		_, res := s.get("/api/v1/search", url.Values{"q": {q}})
		found := false
		hits, _ := res["hits"].([]any)
		for _, h := range hits {
			if h.(map[string]any)["id"] == id {
				found = true
			}
		}
		if found == present {
			return time.Since(start), true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return limit, false
}

func readyz(t *testing.T, s *server) map[string]any {
	t.Helper()
	resp, err := http.Get(s.base + "/readyz")
	if err != nil {
		t.Fatalf("readyz: %v", err)
	}
	defer resp.Body.Close()
	var m map[string]any
	json.NewDecoder(resp.Body).Decode(&m)
	m["status"] = float64(resp.StatusCode)
	return m
}

func waitReady(t *testing.T, name string, s *server) {
	t.Helper()
	deadline := time.Now().Add(time.Minute)
	for time.Now().Before(deadline) {
		if r := readyz(t, s); r["status"] == float64(200) && r["ready"] == true {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("node %s not ready within a minute: %v", name, readyz(t, s))
}

// login opens an API session for a new account of role and returns its cookie.
func login(t *testing.T, s *server, role string) *http.Cookie {
	t.Helper()
	name := fmt.Sprintf("u%d", time.Now().UnixNano())
	out, err := runCLI(t, "user", "add", "--data", s.dataDir, "--json", "--name", name, "--role", role)
	if err != nil {
		t.Fatalf("user add: %v", err)
	}
	var u struct{ Password string }
	json.Unmarshal([]byte(out), &u)
	body := fmt.Sprintf(`{"username":%q,"password":%q}`, name, u.Password)
	resp, err := http.Post(s.base+"/api/v1/login", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatalf("login: %v", err)
	}
	defer resp.Body.Close()
	for _, c := range resp.Cookies() {
		return c
	}
	t.Fatalf("login on %s: %d, no cookie", s.base, resp.StatusCode)
	return nil
}
