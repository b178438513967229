package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// server is a real archive started in-process on 127.0.0.1:0.
type server struct {
	t       *testing.T
	base    string
	token   string
	dataDir string
	stop    func()
}

// run invokes the CLI as a user would and returns its stdout and error.
func runCLI(t *testing.T, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := run(t.Context(), args, &out, &errOut)
	if err != nil {
		t.Logf("evidence %s: %v\nstderr: %s", strings.Join(args, " "), err, errOut.String())
	}
	return out.String(), err
}

// addUser creates an account with the CLI and returns its API token.
func addUser(t *testing.T, dataDir string, args ...string) string {
	t.Helper()
	listDepartmentOf(t, dataDir, args)
	out, err := runCLI(t, append([]string{"user", "add", "--data", dataDir, "--json"}, args...)...)
	if err != nil {
		t.Fatalf("user add: %v", err)
	}
	// The keys are DESIGN.md's contract that provisioning scripts read.
	var u map[string]string
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		t.Fatalf("user add --json printed %q: %v", out, err)
	}
	var keys []string
	for k := range u {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if want := []string{"city", "password", "role", "token", "username"}; !slices.Equal(keys, want) {
		t.Fatalf("user add --json printed the keys %q, want %q", keys, want)
	}
	if name := flagValues(args)["--name"]; u["username"] != name {
		t.Fatalf("user add --json printed username %q, want %q", u["username"], name)
	}
	if len(u["password"]) < 10 || !strings.HasPrefix(u["token"], "ev_") {
		t.Fatalf("user add gave password %q token %q", u["password"], u["token"])
	}
	return u["token"]
}

// addAccounts creates, with the CLI, an account of s's archive for each
// of accounts (name, role, then more flags of `user add` such as --city),
// all with password, for a person to log in with.
func (s *server) addAccounts(password string, accounts [][]string) {
	s.t.Helper()
	for _, acc := range accounts {
		args := append([]string{"user", "add", "--data", s.dataDir, "--name", acc[0], "--role", acc[1], "--password", password}, acc[2:]...)
		listDepartmentOf(s.t, s.dataDir, args)
		if _, err := runCLI(s.t, args...); err != nil {
			s.t.Fatalf("add %s: %v", acc[0], err)
		}
	}
}

// startServer runs `evidence serve` on a data folder (a new one when
// dataDir is empty) with an admin account.
func startServer(t *testing.T, dataDir string) *server {
	t.Helper()
	if dataDir == "" {
		dataDir = filepath.Join(t.TempDir(), "data")
	}
	s := &server{t: t, dataDir: dataDir}
	s.token = addUser(t, dataDir, "--name", fmt.Sprintf("admin%d", time.Now().UnixNano()), "--role", "admin")
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan error, 1)
	go func() {
		var out bytes.Buffer
		done <- runServe(ctx, []string{"--addr", "127.0.0.1:0", "--data", dataDir}, &out, io.Discard,
			quietLogger(io.Discard), func(addr string) { ready <- addr })
	}()
	select {
	case addr := <-ready:
		s.base = "http://" + addr
	case err := <-done:
		cancel()
		t.Fatalf("serve exited at start-up: %v", err)
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatal("serve did not start within 60s")
	}
	var once bool
	s.stop = func() {
		if once {
			return
		}
		once = true
		cancel()
		if err := <-done; err != nil {
			t.Errorf("serve returned %v", err)
		}
	}
	t.Cleanup(s.stop)
	return s
}

// upload is one file of a multipart upload.
type upload struct {
	name string
	body []byte
}

func fixture(t *testing.T, name string) upload {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return upload{name: name, body: b}
}

func (s *server) upload(fields map[string]string, files ...upload) (int, map[string]any) {
	s.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for _, f := range files {
		w, err := mw.CreateFormFile("file", f.name)
		if err != nil {
			s.t.Fatal(err)
		}
		w.Write(f.body)
	}
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", s.base+"/api/v1/documents", &buf)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return s.do(req)
}

func (s *server) get(path string, query url.Values) (int, map[string]any) {
	s.t.Helper()
	u := s.base + path
	if query != nil {
		u += "?" + query.Encode()
	}
	req, _ := http.NewRequest("GET", u, nil)
	return s.do(req)
}

func (s *server) do(req *http.Request) (int, map[string]any) {
	s.t.Helper()
	if s.token != "" && req.Header.Get("Authorization") == "" {
		req.Header.Set("Authorization", "Bearer "+s.token)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", req.Method, req.URL, err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	var m map[string]any
	if err := json.Unmarshal(body, &m); err != nil {
		s.t.Fatalf("%s %s: status %d, body not JSON: %q", req.Method, req.URL.Path, resp.StatusCode, body)
	}
	return resp.StatusCode, m
}

func (s *server) raw(path string) (*http.Response, []byte) {
	s.t.Helper()
	req, _ := http.NewRequest("GET", s.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+s.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// uploadedDocuments returns the documents of an upload response.
func uploadedDocuments(t *testing.T, body map[string]any) []map[string]any {
	t.Helper()
	list, ok := body["documents"].([]any)
	if !ok {
		t.Fatalf("response has no documents: %v", body)
	}
	out := make([]map[string]any, len(list))
	for i, d := range list {
		out[i] = d.(map[string]any)
	}
	return out
}

// waitDone polls a document until it is indexed or failed.
func (s *server) waitDone(id string) map[string]any {
	s.t.Helper()
	deadline := time.Now().Add(90 * time.Second)
	for time.Now().Before(deadline) {
		_, d := s.get("/api/v1/documents/"+id, nil)
		if st := d["status"]; st == "indexed" || st == "failed" {
			return d
		}
		time.Sleep(50 * time.Millisecond)
	}
	s.t.Fatalf("document %s not indexed or failed within 90s", id)
	return nil
}

func errorOf(body map[string]any) (code, message string) {
	e, _ := body["error"].(map[string]any)
	code, _ = e["code"].(string)
	message, _ = e["message"].(string)
	return code, message
}

// hitIDs lists the hits of a search response by filename.
func hitNames(body map[string]any) []string {
	var out []string
	hits, _ := body["hits"].([]any)
	for _, h := range hits {
		out = append(out, h.(map[string]any)["filename"].(string))
	}
	return out
}

// useS3 points the archives this test opens (in this process or as
// children, which inherit the environment) at the S3 server at addr
// (s3gw's keys), in bucket; "" leaves the bucket to be set later.
func useS3(t *testing.T, addr, bucket string) {
	t.Helper()
	t.Setenv("EVIDENCE_S3_ENDPOINT", addr)
	if bucket != "" {
		t.Setenv("EVIDENCE_S3_BUCKET", bucket)
	}
	t.Setenv("EVIDENCE_S3_ACCESS_KEY", s3gw.AccessKey)
	t.Setenv("EVIDENCE_S3_SECRET_KEY", s3gw.SecretKey)
}

// listDepartmentOf puts the department of a contributor that args of
// `user add` create on its city's list, unless the list has it: an
// account's department must be listed first, as an admin adds it on 责任单位名单
// or by importing the table. Other accounts' args change nothing.
// flagValues is each "--flag value" pair of a command line by its flag.
func flagValues(args []string) map[string]string {
	flag := map[string]string{}
	for i := 0; i+1 < len(args); i++ {
		if strings.HasPrefix(args[i], "--") {
			flag[args[i]] = args[i+1]
		}
	}
	return flag
}

func listDepartmentOf(t testing.TB, dataDir string, args []string) {
	t.Helper()
	flag := flagValues(args)
	city, dept := flag["--city"], flag["--department"]
	if flag["--role"] != "contributor" || city == "" || dept == "" {
		return
	}
	if err := os.MkdirAll(dataDir, 0o755); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(dataDir, "catalog.db"))
	if err != nil {
		t.Fatalf("open the catalog to list %s: %v", dept, err)
	}
	defer cat.Close()
	_, err = cat.DepartmentByName(context.Background(), city, dept)
	if catalog.IsNotFound(err) {
		_, err = cat.AddDepartment(context.Background(), city, dept, "admin")
	}
	if err != nil {
		t.Fatalf("list department %s of city %s: %v", dept, city, err)
	}
}
