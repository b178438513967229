package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// namedFile is one file part of a request, in the order sent.
type namedFile struct {
	name string
	body []byte
}

// orderedUploadBody is uploadBody with its files in the order given.
func orderedUploadBody(fields map[string]string, files []namedFile) *multipartBody {
	b := &multipartBody{}
	mw := multipart.NewWriter(&b.buf)
	for k, v := range fields {
		mw.WriteField(k, v)
	}
	for _, f := range files {
		w, _ := mw.CreateFormFile("file", f.name)
		w.Write(f.body)
	}
	mw.Close()
	b.ctype = mw.FormDataContentType()
	return b
}

// liveDocuments counts the catalog's live documents.
func (e *env) liveDocuments() int {
	e.t.Helper()
	counts, err := e.cat.CountByStatus(context.Background())
	if err != nil {
		e.t.Fatal(err)
	}
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// A coordinator's folder in one request: each file has its own outcome,
// named by the part it came in. The empty file is refused alone, with a
// Chinese and an English reason; the others are stored, each once — the
// same bytes sent twice in the request are one document, the second a
// duplicate of the first — and indexed.
func TestUploadOfSeveralFilesAnswersEachFile(t *testing.T) {
	e := newEnv(t)
	report := []byte("杭州市学习型城市建设年度报告：社区学院覆盖全部街道，市民终身学习护照发放十二万本。")
	files := []namedFile{
		{"学习型城市建设年度报告.txt", report},
		{"空白材料.txt", nil},
		{"老年大学工作总结.txt", []byte("杭州老年大学二〇二五年工作总结：新开课程四十门，学员八千人。")},
		{"年度报告（副本）.txt", report},
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"}, files)), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload of four files: %d %v, want 201", resp.StatusCode, body)
	}
	docs, _ := body["documents"].([]any)
	if len(docs) != 3 {
		t.Fatalf("documents: %v, want three (parts 0, 2 and 3)", body["documents"])
	}
	byPart := map[int]map[string]any{}
	for _, d := range docs {
		m := d.(map[string]any)
		p, ok := m["part"].(float64)
		if !ok {
			t.Fatalf("document %v names no part", m)
		}
		byPart[int(p)] = m
	}
	for _, p := range []int{0, 2, 3} {
		if byPart[p] == nil || byPart[p]["uploaded_as"] != files[p].name {
			t.Errorf("part %d: %v, want the document of %s", p, byPart[p], files[p].name)
		}
	}
	if byPart[3]["duplicate"] != true || byPart[3]["id"] != byPart[0]["id"] {
		t.Errorf("the second copy of the report: %v, want a duplicate of part 0's document %v", byPart[3], byPart[0]["id"])
	}
	if byPart[0]["duplicate"] != false || byPart[2]["duplicate"] != false {
		t.Errorf("parts 0 and 2 should be new documents: %v / %v", byPart[0]["duplicate"], byPart[2]["duplicate"])
	}
	errs, _ := body["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("errors: %v, want the empty file's alone", body["errors"])
	}
	refused := errs[0].(map[string]any)
	detail, _ := refused["error"].(map[string]any)
	if refused["part"] != float64(1) || refused["filename"] != "空白材料.txt" || !strings.Contains(fmt.Sprint(detail["message"]), "空") ||
		detail["message_en"] == "" || detail["message_en"] == nil {
		t.Errorf("the empty file's outcome: %v, want part 1 refused with a Chinese and an English reason", refused)
	}
	for _, p := range []int{0, 2} {
		e.te.WaitIndexed(byPart[p]["id"].(string))
	}
	if n := e.liveDocuments(); n != 2 {
		t.Errorf("%d documents in the catalog, want 2 (the report once, the summary)", n)
	}
	subs, err := e.cat.Submissions(context.Background(), byPart[0]["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	if len(subs) != 2 || subs[0].Filename != files[0].name || subs[1].Filename != files[3].name {
		t.Errorf("submissions of the report: %+v, want both files sent", subs)
	}
}

// A request of one file is answered as it always was: no part.
func TestUploadOfOneFileNamesNoPart(t *testing.T) {
	e := newEnv(t)
	resp, body := e.do(e.request("POST", "/api/v1/documents", orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"},
		[]namedFile{{"社区教育工作总结.txt", []byte("西湖区社区教育工作总结：全年开展讲座一百二十场。")}})), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	d := body["documents"].([]any)[0].(map[string]any)
	if _, ok := d["part"]; ok {
		t.Errorf("the document of a one-file request names a part: %v", d["part"])
	}
}

// A request of more files than the cap is refused with 413 naming the
// cap, and nothing of it is recorded.
func TestUploadFileCountIsCapped(t *testing.T) {
	e := newEnv(t)
	files := make([]namedFile, maxUploadFiles+1)
	for i := range files {
		files[i] = namedFile{fmt.Sprintf("社区学习点%02d.txt", i), []byte(fmt.Sprintf("第%d个社区学习点的活动记录。", i))}
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"}, files)), "coordA")
	code, msg, en := "", "", ""
	if d, ok := body["error"].(map[string]any); ok {
		code, msg, en = fmt.Sprint(d["code"]), fmt.Sprint(d["message"]), fmt.Sprint(d["message_en"])
	}
	if !strings.Contains(en, "at most 64 files") || !strings.Contains(msg, "（每个请求最多") {
		t.Errorf("the cap's message: %q / %q, want full-width punctuation and an English translation", msg, en)
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge || code != "ETOOLARGE" || !strings.Contains(msg, fmt.Sprint(maxUploadFiles)) ||
		!strings.Contains(msg, "分批") {
		t.Errorf("%d files in one request: %d %s %q, want 413 ETOOLARGE naming the cap of %d", len(files), resp.StatusCode, code, msg, maxUploadFiles)
	}
	if n := e.liveDocuments(); n != 0 {
		t.Errorf("%d documents recorded from a refused request, want none", n)
	}
	// At the cap, the request is taken.
	resp, body = e.do(e.request("POST", "/api/v1/documents",
		orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"}, files[:maxUploadFiles])), "coordA")
	if resp.StatusCode != http.StatusCreated || len(body["documents"].([]any)) != maxUploadFiles {
		t.Errorf("%d files in one request: %d, want 201 with each file's document", maxUploadFiles, resp.StatusCode)
	}
}

// In a request of several files each file may have its own title, type
// and date (field.N for part N): they are that file's alone, the request's
// fields the others'; a file whose own date is wrong is refused alone, on
// that field.
func TestUploadOfSeveralFilesTakesEachFilesOwnFields(t *testing.T) {
	e := newEnv(t)
	files := []namedFile{
		{"学分银行.txt", []byte("杭州市学分银行管理办法全文。")},
		{"讲座记录.txt", []byte("社区讲座记录：全年一百二十场。")},
		{"日期有误.txt", []byte("一份日期填错的材料。")},
	}
	fields := map[string]string{"city": cityA, "doc_type": "work_summary",
		"title.0": "杭州市学分银行管理办法", "doc_type.0": "policy", "issued_on.0": "2025-03-01",
		"issued_on.2": "2025-13-45"}
	resp, body := e.do(e.request("POST", "/api/v1/documents", orderedUploadBody(fields, files)), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload: %d %v", resp.StatusCode, body)
	}
	byPart := map[float64]map[string]any{}
	for _, d := range body["documents"].([]any) {
		m := d.(map[string]any)
		byPart[m["part"].(float64)] = m
	}
	if d := byPart[0]; d == nil || d["title"] != "杭州市学分银行管理办法" || d["doc_type"] != "policy" || d["issued_on"] != "2025-03-01" {
		t.Errorf("part 0 with its own fields: %v", d)
	}
	if d := byPart[1]; d == nil || d["doc_type"] != "work_summary" || d["issued_on"] != "" || d["title"] == "杭州市学分银行管理办法" {
		t.Errorf("part 1 with the request's fields: %v", d)
	}
	errs, _ := body["errors"].([]any)
	if len(errs) != 1 {
		t.Fatalf("errors: %v, want part 2's date alone", body["errors"])
	}
	refused := errs[0].(map[string]any)
	detail, _ := refused["error"].(map[string]any)
	if refused["part"] != float64(2) || detail["field"] != "issued_on" {
		t.Errorf("part 2: %v, want refused on issued_on", refused)
	}
}

// A request of twenty files, each with its own title, type, issuer, date
// and 文号 (five fields a file, past the 100 fields of a plain form), is
// taken whole: each file part may bring its own fields (review s25-cpu #5).
func TestUploadOfManyFilesTakesEachFilesOwnFields(t *testing.T) {
	e := newEnv(t)
	fields := map[string]string{"city": cityA, "doc_type": "other"}
	var files []namedFile
	for i := range 20 {
		files = append(files, namedFile{fmt.Sprintf("通知%02d.txt", i), []byte(fmt.Sprintf("杭州市第%d号社区教育通知，请各街道落实。", i+1))})
		n := fmt.Sprint(i)
		fields["title."+n] = fmt.Sprintf("杭州市社区教育通知（第%d号）", i+1)
		fields["doc_type."+n] = "meeting_notice"
		fields["issuer."+n] = "杭州市教育局"
		fields["issued_on."+n] = "2018-03-20"
		fields["doc_number."+n] = fmt.Sprintf("杭教办〔2018〕%d号", i+1)
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents", orderedUploadBody(fields, files)), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Fatalf("upload of twenty files with their own fields: %d %v, want 201", resp.StatusCode, body)
	}
	docs, _ := body["documents"].([]any)
	if len(docs) != 20 {
		t.Fatalf("%d documents, want 20", len(docs))
	}
	for _, d := range docs {
		m := d.(map[string]any)
		if m["doc_type"] != "meeting_notice" || !strings.HasPrefix(fmt.Sprint(m["doc_number"]), "杭教办〔2018〕") {
			t.Errorf("document %v/%v does not carry its own fields", m["doc_type"], m["doc_number"])
		}
	}
}

// cutAfter reads r and then fails, as a client that sends a request's
// start and no more.
type cutAfter struct{ r io.Reader }

func (c *cutAfter) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	if err == io.EOF {
		return n, errors.New("上传中断")
	}
	return n, err
}

// A coordinator naming another city (403), or a contributor another
// department's task (404, as for a task that does not exist), is refused on the fields sent before the first
// file, before it is read or staged: the body here ends inside that file,
// and the answer is still the refusal (review s25-cpu #9).
func TestUploadIsRefusedForItsCityOrTaskBeforeItsFiles(t *testing.T) {
	e := newEnv(t)
	task, err := e.te.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: cityA, Round: 2018,
		Indicator: "2.3.1", Department: "市人社局", Due: "2018-04-15"})
	if err != nil {
		t.Fatal(err)
	}
	other := task.ID // a task of another department of city A
	for _, tt := range []struct {
		role   string
		fields [][2]string
		status int
		want   string
	}{
		{"coordA", [][2]string{{"city", cityB}, {"doc_type", "policy"}}, http.StatusForbidden, "成都"},
		{"contribA", [][2]string{{"assignment", other}, {"doc_type", "policy"}}, http.StatusNotFound, "不属于您的部门"},
	} {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		for _, f := range tt.fields {
			mw.WriteField(f[0], f[1])
		}
		w, _ := mw.CreateFormFile("file", "杭州市学分银行实施办法.txt")
		w.Write(bytes.Repeat([]byte("杭州市学分银行实施办法，推进学习成果认证。"), 200))
		// Served in the test, so that the cut body fails only the server.
		req := httptest.NewRequest("POST", "/api/v1/documents", &cutAfter{r: bytes.NewReader(buf.Bytes())})
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+e.tokens[tt.role])
		rec := httptest.NewRecorder()
		e.srv.Config.Handler.ServeHTTP(rec, req)
		var body struct {
			Error struct{ Code, Message string }
		}
		json.Unmarshal(rec.Body.Bytes(), &body)
		if rec.Code != tt.status || !strings.Contains(body.Error.Message, tt.want) {
			t.Errorf("%s: %d %s, want %d (%s) before the file is read", tt.role, rec.Code, rec.Body.String(), tt.status, tt.want)
		}
	}
}

// A request over its cap (eight times the per-file limit) is refused with
// 413 naming that cap, not the file that was being read when the body
// went over it: each of nine files is under the per-file limit.
func TestUploadRequestOverItsCapNamesTheCap(t *testing.T) {
	e := newEnv(t)
	const perFile = 1 << 20
	e.deps.Ingest = ingest.New(e.cat, e.te.Blobs, e.te.Index, ingest.Config{TempDir: t.TempDir(), MaxUpload: perFile, Logger: e.te.Logger})
	t.Cleanup(e.deps.Ingest.Close)
	e.srv = httptest.NewServer(NewHandler(e.deps))
	t.Cleanup(e.srv.Close)
	files := make([]namedFile, maxUploadRequest+1)
	for i := range files {
		line := fmt.Sprintf("第%d个社区学习点的活动记录：市民夜校开设书法、摄影和智能手机课程。\n", i)
		body := strings.Repeat(line, perFile/len(line)+1)[:perFile-100]
		body = strings.ToValidUTF8(body, "") // cut in a character
		files[i] = namedFile{fmt.Sprintf("大小%02d.txt", i), []byte(body)}
	}
	resp, body := e.do(e.request("POST", "/api/v1/documents",
		orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"}, files)), "coordA")
	code, msg, en := "", "", ""
	if d, ok := body["error"].(map[string]any); ok {
		code, msg, en = fmt.Sprint(d["code"]), fmt.Sprint(d["message"]), fmt.Sprint(d["message_en"])
	}
	if resp.StatusCode != http.StatusRequestEntityTooLarge || code != "ETOOLARGE" ||
		!strings.Contains(msg, "一个请求的上限 8 MiB（单个文件上限 1 MiB 的 8 倍）") || !strings.Contains(msg, "另一个请求") {
		t.Errorf("%d files of %d bytes: %d %s %q, want 413 naming the request's cap of 8 MiB", len(files), len(files[0].body), resp.StatusCode, code, msg)
	}
	if strings.Contains(msg, "大小") || !strings.Contains(en, "8 times") {
		t.Errorf("the cap's message %q / %q names a file under the limit or lacks its English", msg, en)
	}
	if n := e.liveDocuments(); n != 0 {
		t.Errorf("%d documents recorded from a refused request, want none", n)
	}
	resp, _ = e.do(e.request("POST", "/api/v1/documents",
		orderedUploadBody(map[string]string{"city": cityA, "doc_type": "work_summary"}, files[:maxUploadRequest])), "coordA")
	if resp.StatusCode != http.StatusCreated {
		t.Errorf("%d files at the cap: %d, want 201", maxUploadRequest, resp.StatusCode)
	}
}
