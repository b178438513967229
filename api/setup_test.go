package api

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// env is a real API on a temp catalog, folder blob store and memory index.
type env struct {
	t      *testing.T
	te     *testenv.Env
	srv    *httptest.Server
	cat    *catalog.Store
	ingest *ingest.Service
	auth   *auth.Authenticator
	tokens map[string]string // role name → bearer token
	deps   Deps
	seq    atomic.Int64
}

const (
	cityA = "330100" // 杭州
	cityB = "510100" // 成都
)

func newEnv(t *testing.T) *env {
	t.Helper()
	te := testenv.New(t)
	e := &env{t: t, te: te, cat: te.Catalog, ingest: te.Ingest, auth: te.Auth, tokens: map[string]string{}}
	e.deps = te.Services(nil)
	e.srv = httptest.NewServer(NewHandler(e.deps))
	t.Cleanup(e.srv.Close)
	for _, u := range []struct{ name, role, city string }{
		{"admin", "admin", ""}, {"coordA", "coordinator", cityA}, {"coordB", "coordinator", cityB},
		{"expert", "expert", ""}, {"reviewer", "reviewer", ""}, {"disabled", "expert", ""}, {"dummy", "expert", ""},
	} {
		e.tokens[u.name] = te.AddUser(u.name, u.role, u.city)
	}
	e.tokens["contribA"] = te.AddUserIn("contribA", "contributor", cityA, "市教育局")
	if err := te.Catalog.SetDisabled(context.Background(), "disabled", true, "test"); err != nil {
		t.Fatal(err)
	}
	e.tokens["bad"] = "ev_not-a-token"
	return e
}

// next returns a number unique within the test, for fresh objects.
func (e *env) next() int64 { return e.seq.Add(1) }

// request builds a request with an optional JSON or multipart body.
func (e *env) request(method, path string, body any) *http.Request {
	e.t.Helper()
	var r io.Reader
	ctype := ""
	switch b := body.(type) {
	case nil:
	case *multipartBody:
		r, ctype = &b.buf, b.ctype
	case string:
		r, ctype = bytes.NewBufferString(b), "application/json"
	default:
		j, _ := json.Marshal(b)
		r, ctype = bytes.NewReader(j), "application/json"
	}
	req, err := http.NewRequest(method, e.srv.URL+path, r)
	if err != nil {
		e.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	return req
}

// do sends req with the role's token ("none" sends no credential).
func (e *env) do(req *http.Request, role string) (*http.Response, map[string]any) {
	e.t.Helper()
	if tok, ok := e.tokens[role]; ok {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var m map[string]any
	json.Unmarshal(raw, &m)
	return resp, m
}

type multipartBody struct {
	buf   bytes.Buffer
	ctype string
}

func uploadBody(fields map[string]string, files map[string][]byte) *multipartBody {
	b := &multipartBody{}
	mw := multipart.NewWriter(&b.buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for name, data := range files {
		w, _ := mw.CreateFormFile("file", name)
		w.Write(data)
	}
	mw.Close()
	b.ctype = mw.FormDataContentType()
	return b
}

// upload stores a text document for city as admin and waits for it to be
// indexed; it returns the document ID.
func (e *env) upload(city, filename, text string) string {
	e.t.Helper()
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		uploadBody(map[string]string{"city": city, "doc_type": "work_summary", "round": "2017"}, map[string][]byte{filename: []byte(text)})), "admin")
	if resp.StatusCode != http.StatusCreated {
		e.t.Fatalf("upload %s: %d %v", filename, resp.StatusCode, body)
	}
	id := body["documents"].([]any)[0].(map[string]any)["id"].(string)
	return e.te.WaitIndexed(id).ID
}

// bareDocument records a document in the catalog only, for tests that
// need a fresh one but not its text.
func (e *env) bareDocument(city string) string {
	e.t.Helper()
	n := e.next()
	d := &catalog.Document{ID: fmt.Sprintf("BARE%06d", n), SHA256: fmt.Sprintf("%064d", n), Size: 1, MIME: "text/plain",
		Format: "txt", Filename: "a.txt", Title: "临时文档", DocType: catalog.DocOther, City: city,
		Status: catalog.StatusStored, UploadedBy: "test"}
	if err := e.cat.CreateDocument(context.Background(), d, catalog.Submission{User: "test"}); err != nil {
		e.t.Fatal(err)
	}
	return d.ID
}

// failedDocument records a document of city that failed to be read.
func (e *env) failedDocument(city string) string {
	e.t.Helper()
	id := e.bareDocument(city)
	err := e.cat.SetStatus(context.Background(), catalog.StatusChange{ID: id, Status: catalog.StatusFailed,
		Error: "本系统未安装读取扫描件所需的程序 tesseract"})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

func (e *env) link(docID, code string) string {
	e.t.Helper()
	l := &catalog.Link{DocumentID: docID, IndicatorCode: code, CreatedBy: "test"}
	if err := e.cat.CreateLinks(context.Background(), []*catalog.Link{l}, false); err != nil {
		e.t.Fatal(err)
	}
	return l.ID
}

func decodeJSON(t *testing.T, resp *http.Response, v any) {
	t.Helper()
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatal(err)
	}
}

// claim stores a pending claim of city A by coordA citing docID.
func (e *env) claim(docID string) string {
	e.t.Helper()
	c, err := e.deps.Claims.Create(context.Background(), &catalog.User{Username: "coordA",
		Role: catalog.RoleCoordinator, City: cityA}, claims.Input{Indicator: "2.3.1", Statement: "杭州市建立了学分银行",
		Citations: []claims.CitationInput{{DocumentID: docID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		e.t.Fatal(err)
	}
	return c.ID
}

// claimWithTwo returns a claim of city A citing docID twice, so that
// one citation may be removed.
func (e *env) claimWithTwo(docID string) string {
	e.t.Helper()
	id := e.claim(docID)
	_, err := e.deps.Claims.AddCitation(context.Background(), &catalog.User{Username: "coordA",
		Role: catalog.RoleCoordinator, City: cityA}, id, claims.CitationInput{DocumentID: docID, Page: 1, Quote: "学分银行"})
	if err != nil {
		e.t.Fatal(err)
	}
	return id
}

// responsibilityTable is city A's table: 市教育局 answers for 2.3.1.
const responsibilityTable = "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n"

// submittedTask returns city A's 市教育局 task for 2.3.1, put back to
// submitted with a document, so that each request may return or accept it.
// department adds a department of city A with a name of its own.
func (e *env) department() string {
	e.t.Helper()
	d, err := e.te.Assignments.AddDepartment(context.Background(), testenv.Admin, cityA, fmt.Sprintf("市第%d局", e.next()))
	if err != nil {
		e.t.Fatal(err)
	}
	return d.ID
}

// mistakenTask returns a task of city A for 1.1.3 given to a department
// of its own by a slip, open: nothing handed in, so it may be deleted.
func (e *env) mistakenTask() string {
	e.t.Helper()
	t, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018,
		Indicator: "1.1.3", Department: fmt.Sprintf("市第%d局", e.next()), Due: "2018-05-01"})
	if err != nil {
		e.t.Fatal(err)
	}
	return t.ID
}

func (e *env) submittedTask() string {
	e.t.Helper()
	ctx := context.Background()
	t, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		e.t.Fatal(err)
	}
	// Read: 确认 asks first of a file still being read.
	doc := e.bareDocument(cityA)
	if err := e.cat.SetStatus(ctx, catalog.StatusChange{ID: doc, Status: catalog.StatusIndexed}); err != nil {
		e.t.Fatal(err)
	}
	err = e.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: t.ID, To: catalog.AssignmentSubmitted, By: "test",
		From: catalog.AssignmentStatuses, Documents: []string{doc}})
	if err != nil {
		e.t.Fatal(err)
	}
	return t.ID
}

// linkedTask returns city A's 2018 task of 市教育局 for 2.3.1, open, and
// a document of that round the coordinator linked to 2.3.1 (one the task
// can take as its hand-in).
func (e *env) linkedTask() (task, doc string) {
	e.t.Helper()
	ctx := context.Background()
	t, err := e.te.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018, Indicator: "2.3.1",
		Department: "市教育局", Due: "2018-03-31"})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: t.ID, To: catalog.AssignmentOpen, By: "test",
		From: catalog.AssignmentStatuses}); err != nil {
		e.t.Fatal(err)
	}
	n := e.next()
	d := &catalog.Document{ID: fmt.Sprintf("LINKED%06d", n), SHA256: fmt.Sprintf("l%063d", n), Size: 1, MIME: "text/plain",
		Format: "txt", Filename: "a.txt", Title: "学分银行管理办法", DocType: catalog.DocPolicy, City: cityA, Round: "2018",
		Status: catalog.StatusStored, UploadedBy: "wang"}
	if err := e.cat.CreateDocument(ctx, d, catalog.Submission{User: "wang"}); err != nil {
		e.t.Fatal(err)
	}
	e.link(d.ID, "2.3.1")
	return t.ID, d.ID
}

// readLinkedTask is linkedTask with its document read (indexed, a page),
// as submittedTask's is: the authorization matrix hands it in to the task
// its accept row accepts, and 确认 asks first of a file still being read
// (CI, session 47: the rows' order decided). Only where no link follows:
// a link of an indexed document without text rewrites its index entry,
// and the document fails for want of its text.
func (e *env) readLinkedTask() (task, doc string) {
	e.t.Helper()
	task, doc = e.linkedTask()
	if err := e.cat.SetStatus(context.Background(), catalog.StatusChange{ID: doc, Status: catalog.StatusIndexed, Pages: 1}); err != nil {
		e.t.Fatal(err)
	}
	return task, doc
}

// previousTable gives cityA a task in 2017, so that 2018 has a table
// before it to copy.
func (e *env) previousTable() {
	e.t.Helper()
	if _, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2017,
		Indicator: "3.1.1", Department: "市教育局", Due: "2017-10-31"}); err != nil {
		e.t.Fatal(err)
	}
}

// packSearch saves a search into indicator 2.3.1's query pack as the
// expert, which every role sees; it returns its ID.
func (e *env) packSearch() string {
	e.t.Helper()
	s, err := e.te.Saved.Save(context.Background(), &catalog.User{Username: "expert", Role: catalog.RoleExpert},
		savedsearch.Input{Name: fmt.Sprintf("学分银行 %d", e.next()), Query: "学分银行", Indicator: "2.3.1"})
	if err != nil {
		e.t.Fatal(err)
	}
	return s.ID
}
