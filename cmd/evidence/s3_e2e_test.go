package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
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
	useS3(t, g.Addr, "evidence-e2e")
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

	// Restore of the catalog's backup: it waits for the bucket to hold
	// the originals (another bucket, empty, does not), and a refused
	// restore leaves no folder behind.
	bk := filepath.Join(t.TempDir(), "backup")
	if out, err := runCLI(t, "backup", "--data", s.dataDir, "--out", bk); err != nil {
		t.Fatalf("backup on S3: %v\n%s", err, out)
	}
	restored := filepath.Join(t.TempDir(), "restored")
	t.Setenv("EVIDENCE_S3_BUCKET", "evidence-e2e-empty")
	if _, err := runCLI(t, "restore", "--from", bk, "--data", restored); err == nil || !strings.Contains(err.Error(), "存储桶") {
		t.Errorf("restore with the originals missing from the bucket: %v; want a refusal naming the bucket", err)
	}
	if _, err := os.Stat(restored); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused restore left %s behind (%v)", restored, err)
	}
	t.Setenv("EVIDENCE_S3_BUCKET", "evidence-e2e")
	if out, err := runCLI(t, "restore", "--from", bk, "--data", restored); err != nil {
		t.Errorf("restore with the bucket whole: %v\n%s", err, out)
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

// TestS3StoppedMidUpload stops the S3 server while an upload is being
// sent and while the pipeline is reading earlier uploads: the upload is
// answered 503 EUNAVAILABLE within seconds and recorded nowhere, no
// earlier document is marked failed, and once the server is back every
// document is indexed without anyone retrying by hand (the pipeline tries
// again every few seconds; README "Faults").
func TestS3StoppedMidUpload(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	useS3(t, g.Addr, "evidence-outage")
	s := startServer(t, "")
	meta := map[string]string{"city": "330200", "doc_type": "policy"}

	late := upload{name: "outage.txt", body: []byte(faultText(1))}
	sending := s.startStreamingUpload(meta, late)
	status, body := s.upload(meta, fixture(t, "ningbo-policy.pdf"), fixture(t, "hangzhou-summary.docx"),
		fixture(t, "wuhan-case.html"), fixture(t, "chengdu-news-gb18030.txt"))
	if status != http.StatusCreated {
		t.Fatalf("upload before the outage: %d %v", status, body)
	}
	stored := uploadedDocuments(t, body)
	before := len(stored)
	policy := stored[0]["id"].(string)
	s.waitDone(policy)
	reader := s.webSession("330200")
	g.Stop()

	// A reviewer opening a document while the store is away still sees
	// which document it is: its page from the catalog, the text's place
	// saying why it is not shown.
	if status, page := reader.get("/documents/" + policy); status != http.StatusOK ||
		!strings.Contains(page, `id="text-out-of-reach"`) || !strings.Contains(page, "对象存储") || !strings.Contains(page, "ningbo-policy") {
		t.Errorf("the page of a document during the outage: %d, want 200 with its details and a note naming the object store:\n%.2000s", status, page)
	}

	start := time.Now()
	status, body = sending.finish()
	took := time.Since(start)
	code, msg := errorOf(body)
	if status != http.StatusServiceUnavailable || code != "EUNAVAILABLE" || !strings.Contains(msg, "对象存储") {
		t.Errorf("upload cut off from S3: %d %s %q, want 503 EUNAVAILABLE naming the object store", status, code, msg)
	}
	if took > 10*time.Second {
		t.Errorf("the upload was answered after %s, want seconds", took)
	}
	time.Sleep(time.Second) // the pipeline meets the outage
	statuses, _ := s.statuses()
	if len(statuses) != before {
		t.Errorf("the catalog has %d documents during the outage, want the %d stored before it", len(statuses), before)
	}
	waiting := 0
	for id, st := range statuses {
		switch st {
		case "failed":
			t.Errorf("document %s marked failed because S3 was away", id)
		case "stored", "extracted":
			waiting++
		}
	}
	t.Logf("503 after %s; %d of %d documents waiting for S3 during the outage", took.Round(time.Millisecond), waiting, before)

	if err := g.Restart(); err != nil {
		t.Fatal(err)
	}
	status, body = s.upload(meta, late)
	if status != http.StatusCreated {
		t.Fatalf("upload after S3 returned: %d %v", status, body)
	}
	for id, st := range s.waitAllDone(60 * time.Second) {
		if st != "indexed" {
			t.Errorf("document %s is %s after S3 returned, want indexed", id, st)
		}
	}
	_, res := s.get("/api/v1/search", url.Values{"q": {"故障演练"}})
	if names := hitNames(res); len(names) != 1 || names[0] != late.name {
		t.Errorf("search after S3 returned: %v, want %s", names, late.name)
	}
}

// streamingUpload is an upload whose file is still being sent.
type streamingUpload struct {
	s    *server
	w    *io.PipeWriter
	mw   *multipart.Writer
	rest []byte
	resp chan *http.Response
	err  chan error
}

// startStreamingUpload sends the form fields and the first half of f and
// returns; finish sends the rest.
func (s *server) startStreamingUpload(fields map[string]string, f upload) *streamingUpload {
	pr, pw := io.Pipe()
	u := &streamingUpload{s: s, w: pw, mw: multipart.NewWriter(pw), resp: make(chan *http.Response, 1), err: make(chan error, 1)}
	req, _ := http.NewRequest("POST", s.base+"/api/v1/documents", pr)
	req.Header.Set("Content-Type", u.mw.FormDataContentType())
	req.Header.Set("Authorization", "Bearer "+s.token)
	go func() {
		resp, err := http.DefaultClient.Do(req)
		u.resp <- resp
		u.err <- err
	}()
	for k, v := range fields {
		u.mw.WriteField(k, v)
	}
	fw, _ := u.mw.CreateFormFile("file", f.name)
	half := len(f.body) / 2
	fw.Write(f.body[:half])
	u.rest = f.body[half:]
	return u
}

// finish sends the rest of the file and returns the response.
func (u *streamingUpload) finish() (int, map[string]any) {
	u.s.t.Helper()
	u.w.Write(u.rest)
	u.mw.Close()
	u.w.Close()
	resp, err := <-u.resp, <-u.err
	if err != nil {
		u.s.t.Fatalf("upload: %v", err)
	}
	defer resp.Body.Close()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		u.s.t.Fatalf("upload: status %d, body not JSON: %v", resp.StatusCode, err)
	}
	return resp.StatusCode, m
}

// TestStartWithTheObjectStoreOutOfReach: a command started while the S3
// store cannot be reached says where it looked and what to check.
func TestStartWithTheObjectStoreOutOfReach(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	closed := ln.Addr().String()
	ln.Close()
	t.Setenv("EVIDENCE_S3_ENDPOINT", closed)
	t.Setenv("EVIDENCE_S3_BUCKET", "evidence")
	t.Setenv("EVIDENCE_S3_ACCESS_KEY", "k")
	t.Setenv("EVIDENCE_S3_SECRET_KEY", "s")
	_, err = runCLI(t, "user", "add", "--name", "admin", "--role", "admin", "--data", filepath.Join(t.TempDir(), "data"))
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(msg, closed) || !strings.Contains(msg, "EVIDENCE_S3_ENDPOINT") {
		t.Errorf("start with the store out of reach: %q (%v), want EUNAVAILABLE naming %s and EVIDENCE_S3_ENDPOINT", msg, err, closed)
	}
}

// TestS3StoppedDuringASeveralFileUpload: a coordinator's folder sent in
// one request while the S3 server is stopped is answered 503 EUNAVAILABLE
// naming the object store, each file listed with its part and the same
// reason, and none of them recorded; sent again once the server is back,
// each is stored and indexed once.
func TestS3StoppedDuringASeveralFileUpload(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	useS3(t, g.Addr, "evidence-outage-many")
	s := startServer(t, "")
	meta := map[string]string{"city": "330200", "doc_type": "work_summary"}
	status, body := s.upload(meta, fixture(t, "ningbo-policy.pdf"))
	if status != http.StatusCreated {
		t.Fatalf("upload before the outage: %d %v", status, body)
	}
	before := len(uploadedDocuments(t, body))
	folder := []upload{
		{name: "社区学院工作总结.txt", body: []byte("宁波市社区学院二〇二五年工作总结：故障演练之一，开设课程六十门。")},
		{name: "老年大学招生简章.txt", body: []byte("宁波老年大学招生简章：故障演练之二，新设书法、合唱两个班。")},
		{name: "终身学习活动周方案.txt", body: []byte("全民终身学习活动周方案：故障演练之三，全市设主会场一个。")},
	}
	g.Stop()
	status, body = s.upload(meta, folder...)
	code, msg := errorOf(body)
	if status != http.StatusServiceUnavailable || code != "EUNAVAILABLE" || !strings.Contains(msg, "对象存储") {
		t.Errorf("a folder sent with S3 stopped: %d %s %q, want 503 EUNAVAILABLE naming the object store", status, code, msg)
	}
	errs, _ := body["errors"].([]any)
	parts := map[float64]bool{}
	for _, e := range errs {
		m, _ := e.(map[string]any)
		detail, _ := m["error"].(map[string]any)
		if p, ok := m["part"].(float64); ok && detail["code"] == "EUNAVAILABLE" {
			parts[p] = true
		}
	}
	if len(errs) != len(folder) || len(parts) != len(folder) {
		t.Errorf("the files' outcomes: %v, want each of the %d files refused as unavailable, by part", body["errors"], len(folder))
	}
	statuses, _ := s.statuses()
	if len(statuses) != before {
		t.Errorf("the catalog has %d documents after the refused folder, want the %d stored before it", len(statuses), before)
	}

	if err := g.Restart(); err != nil {
		t.Fatal(err)
	}
	status, body = s.upload(meta, folder...)
	if status != http.StatusCreated || len(uploadedDocuments(t, body)) != len(folder) {
		t.Fatalf("the folder sent again after S3 returned: %d %v, want 201 with %d documents", status, body, len(folder))
	}
	for id, st := range s.waitAllDone(60 * time.Second) {
		if st != "indexed" {
			t.Errorf("document %s is %s after S3 returned, want indexed", id, st)
		}
	}
	_, res := s.get("/api/v1/search", url.Values{"q": {"故障演练"}})
	if names := hitNames(res); len(names) != len(folder) {
		t.Errorf("search after S3 returned: %v, want each of the %d files once", names, len(folder))
	}
}

// webClient is a person's browser session on a server.
type webClient struct {
	t      *testing.T
	base   string
	cookie *http.Cookie
}

// webSession adds a coordinator of city and logs them in through the
// web form.
func (s *server) webSession(city string) *webClient {
	s.t.Helper()
	name := "web" + city
	out, err := runCLI(s.t, "user", "add", "--data", s.dataDir, "--json", "--name", name, "--role", "coordinator", "--city", city)
	if err != nil {
		s.t.Fatal(err)
	}
	var u struct{ Password string }
	if err := json.Unmarshal([]byte(out), &u); err != nil {
		s.t.Fatalf("user add: %v: %s", err, out)
	}
	form := url.Values{"username": {name}, "password": {u.Password}, "next": {"/documents"}}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.PostForm(s.base+"/login", form)
	if err != nil {
		s.t.Fatal(err)
	}
	resp.Body.Close()
	cookies := resp.Cookies()
	if resp.StatusCode != http.StatusSeeOther || len(cookies) == 0 {
		s.t.Fatalf("web login: %d, cookies %v", resp.StatusCode, cookies)
	}
	return &webClient{t: s.t, base: s.base, cookie: cookies[len(cookies)-1]}
}

// get fetches a page with the session's cookie.
func (c *webClient) get(path string) (int, string) {
	c.t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.AddCookie(c.cookie)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		c.t.Fatalf("GET %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}
