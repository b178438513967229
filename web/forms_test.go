package web

import (
	"bytes"
	"context"
	"html"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

type site struct {
	t   testing.TB
	env *testenv.Env
	srv *httptest.Server
}

func newSite(t testing.TB) *site {
	t.Helper()
	e := testenv.New(t)
	s := &site{t: t, env: e}
	h, err := NewHandler(s.deps(e.Auth))
	if err != nil {
		t.Fatal(err)
	}
	s.srv = httptest.NewServer(h)
	t.Cleanup(s.srv.Close)
	for _, u := range []struct{ name, role, city string }{
		{"admin", "admin", ""}, {"wang", "coordinator", "330100"}, {"li", "reviewer", ""}, {"zhou", "expert", ""},
	} {
		e.AddUser(u.name, u.role, u.city)
	}
	return s
}

// deps are the environment's services with the given authenticator.
func (s *site) deps(a *auth.Authenticator) Deps { return s.env.Services(a) }

// browser is a logged-in client with its CSRF token.
type browser struct {
	s    *site
	name string
	c    *http.Client
	csrf string
}

var csrfMeta = regexp.MustCompile(`<meta name="csrf-token" content="([^"]+)">`)

func (s *site) login(name string) *browser {
	s.t.Helper()
	jar, _ := cookiejar.New(nil)
	b := &browser{s: s, name: name, c: &http.Client{Jar: jar}}
	resp, body := b.post("/login", url.Values{"username": {name}, "password": {testenv.Password}})
	// Each lands at its home: a contributor at 我的任务, anyone else at search.
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/search" && resp.Request.URL.Path != "/tasks" {
		s.t.Fatalf("login %s: %d at %s: %.300s", name, resp.StatusCode, resp.Request.URL, body)
	}
	m := csrfMeta.FindStringSubmatch(body)
	if m == nil {
		s.t.Fatalf("no CSRF token on the page after login")
	}
	b.csrf = m[1]
	return b
}

func (b *browser) get(path string) (*http.Response, string) {
	b.s.t.Helper()
	resp, err := b.c.Get(b.s.srv.URL + path)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func (b *browser) post(path string, form url.Values) (*http.Response, string) {
	b.s.t.Helper()
	if b.csrf != "" && form.Get("csrf_token") == "" {
		form.Set("csrf_token", b.csrf)
	}
	resp, err := b.c.PostForm(b.s.srv.URL+path, form)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func TestLoginFormErrors(t *testing.T) {
	s := newSite(t)
	b := &browser{s: s, c: &http.Client{}}
	if resp, body := b.get("/search"); resp.Request.URL.Path != "/login" || !strings.Contains(body, `name="password"`) {
		t.Errorf("a page without a session did not lead to the login form: %s", resp.Request.URL)
	}
	resp, body := b.post("/login", url.Values{"username": {"wang"}, "password": {"错误的密码"}})
	if resp.StatusCode != http.StatusUnauthorized || !strings.Contains(body, "用户名或密码错误") || !strings.Contains(body, `value="wang"`) {
		t.Errorf("wrong password: %d %.200s", resp.StatusCode, body)
	}
	// A clock that stands still makes the wait exactly the 10-minute window.
	now := time.Now()
	a := auth.NewAuthenticator(s.env.Catalog, 0)
	a.SetClock(func() time.Time { return now })
	h, err := NewHandler(s.deps(a))
	if err != nil {
		t.Fatal(err)
	}
	still := httptest.NewServer(h)
	defer still.Close()
	for i := 0; i < 10; i++ {
		http.PostForm(still.URL+"/login", url.Values{"username": {"wang"}, "password": {"错误的密码"}})
	}
	resp, err = http.PostForm(still.URL+"/login", url.Values{"username": {"wang"}, "password": {testenv.Password}})
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusTooManyRequests || !strings.Contains(string(raw), catalog.Fullwidth("登录失败次数过多,请 10 分钟后再试")) {
		t.Errorf("throttled login: %d %.300s; want 429 saying 10 分钟", resp.StatusCode, textOf(string(raw)))
	}
	if ra := resp.Header.Get("Retry-After"); ra != "600" {
		t.Errorf("throttled login: Retry-After %q, want 600 (whole seconds, rounded up, as the API says)", ra)
	}
	// The next parameter cannot send a user to another site.
	if got := safeNext("//evil.example/x"); got != "/" {
		t.Errorf("safeNext kept %q", got)
	}
}

func TestFormsRefuseBadInput(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	wang, li, zhou := s.login("wang"), s.login("li"), s.login("zhou")
	admin := s.login("admin")
	tests := []struct {
		name   string
		b      *browser
		path   string
		form   url.Values
		status int
		phrase string
	}{
		{"no CSRF token", wang, "/documents/" + doc.ID, url.Values{"csrf_token": {"forged"}, "title": {"x"}}, 403, "data-form-lost>表单已过期"}, // what was typed is kept (ux.js)
		{"bad date", wang, "/documents/" + doc.ID, url.Values{"title": {"方案"}, "doc_type": {"policy"}, "issued_on": {"2017年13月"}}, 400, "日期"},
		{"empty title", wang, "/documents/" + doc.ID, url.Values{"title": {""}, "doc_type": {"policy"}}, 400, "标题"},
		{"edit by an expert", zhou, "/documents/" + doc.ID, url.Values{"title": {"改"}, "doc_type": {"policy"}}, 403, "协调员"},
		{"link to a level-2 indicator", wang, "/documents/" + doc.ID + "/links", url.Values{"indicator": {"2.3"}}, 400, "关键指标"},
		{"link to an unknown indicator", wang, "/documents/" + doc.ID + "/links", url.Values{"indicator": {"9.9.9"}}, 400, "9.9.9"},
		{"empty claim", wang, "/claims", url.Values{"indicator": {"2.3.1"}, "statement": {" "}}, 400, "不能为空"},
		{"claim citing a missing page", wang, "/claims", url.Values{"indicator": {"2.3.1"}, "statement": {"建立学分银行"}, "document_id": {doc.ID}, "page": {"5"}, "quote": {"学分银行"}}, 400, "页码"},
		{"claim by a reviewer", li, "/claims", url.Values{"city": {"330100"}, "indicator": {"2.3.1"}, "statement": {"建立学分银行"}}, 403, "协调员"},
		{"admin form by a coordinator", wang, "/admin/cities", url.Values{"code": {"320100"}, "name": {"南京"}}, 403, "管理员"},
		{"bad city code", admin, "/admin/cities", url.Values{"code": {"abc"}, "name": {"南京"}}, 400, "6 位"},
		{"bad role", admin, "/admin/users", url.Values{"username": {"zhao"}, "role": {"boss"}}, 400, "未知的角色"},
		{"an admin disabling themselves", admin, "/admin/users/admin/disable", url.Values{}, 400, "不能停用自己的账号"},
		{"bad round", admin, "/admin/rounds", url.Values{"year": {"明年"}}, 400, "年份"},
	}
	for _, tt := range tests {
		resp, body := tt.b.post(tt.path, tt.form)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.phrase) {
			t.Errorf("%s: %d, want %d with %q: %.300s", tt.name, resp.StatusCode, tt.status, tt.phrase, textOf(body))
		}
	}
	claimID := ""
	if resp, body := wang.post("/claims", url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立学分银行"},
		"document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}}); resp.StatusCode == 200 {
		claimID = strings.TrimPrefix(resp.Request.URL.Path, "/claims/")
		if !strings.Contains(body, "引文已在该页找到") {
			t.Errorf("claim page lacks the quote check: %.300s", textOf(body))
		}
	} else {
		t.Fatalf("create claim: %d %.300s", resp.StatusCode, textOf(body))
	}
	for _, tt := range []struct {
		name   string
		b      *browser
		form   url.Values
		status int
		phrase string
	}{
		{"verdict by an expert", zhou, url.Values{"verdict": {"verified"}}, 403, "审核专家"},
		{"sending back without a reason", li, url.Values{"verdict": {"insufficient"}}, 400, "理由"},
		{"no verdict", li, url.Values{}, 400, "审核结论"},
	} {
		resp, body := tt.b.post("/claims/"+claimID+"/review", tt.form)
		if resp.StatusCode != tt.status || !strings.Contains(body, tt.phrase) {
			t.Errorf("%s: %d, want %d with %q: %.300s", tt.name, resp.StatusCode, tt.status, tt.phrase, textOf(body))
		}
	}
	if resp, _ := zhou.get("/upload"); resp.StatusCode != 403 {
		t.Errorf("upload page for an expert: %d", resp.StatusCode)
	}
	if resp, _ := zhou.get("/admin"); resp.StatusCode != 403 {
		t.Errorf("admin page for an expert: %d", resp.StatusCode)
	}
	if resp, _ := zhou.get("/search?q=" + url.QueryEscape("学分银行") + "&page=922337203685477581"); resp.StatusCode != 200 && resp.StatusCode != 400 {
		t.Errorf("an absurd page number: %d", resp.StatusCode)
	}
	if resp, body := zhou.get("/search?q=" + url.QueryEscape(`"学分银行`)); resp.StatusCode != 400 || !strings.Contains(body, "引号不配对") {
		t.Errorf("unreadable query page: %d", resp.StatusCode)
	}
}

var tags = regexp.MustCompile(`(?s)<[^>]+>`)

// textOf is a page's text without markup, for failure messages.
func textOf(body string) string {
	if i := strings.Index(body, "<main"); i >= 0 {
		body = body[i:]
	}
	return strings.Join(strings.Fields(tags.ReplaceAllString(body, " ")), " ")
}

func TestPagesEscapeUserText(t *testing.T) {
	s := newSite(t)
	probe := `<script>alert(1)</script>`
	doc := s.env.Upload("330100", probe+".txt", "学分银行"+probe+"学分银行")
	b := s.login("wang")
	for _, path := range []string{"/search?q=" + url.QueryEscape("学分银行"), "/documents/" + doc.ID + "?q=学分银行", "/search?q=" + url.QueryEscape(probe)} {
		_, body := b.get(path)
		if strings.Contains(body, probe) {
			t.Errorf("%s: the probe came back as markup", path)
		}
		if !strings.Contains(body, "&lt;script&gt;") {
			t.Errorf("%s: the probe is not shown escaped", path)
		}
	}
}

func TestSafeNextKeepsRedirectsOnSite(t *testing.T) {
	for in, want := range map[string]string{
		"/documents/01ABC?page=2": "/documents/01ABC?page=2",
		"":                        "/",
		"https://evil.example/":   "/",
		"//evil.example/x":        "/",
		"/\t/evil.example":        "/",
		"/\\evil.example":         "/",
		"/%09/evil.example":       "/%09/evil.example", // stays a path on this site
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestAdminSeesTheNewUsersPasswordAndFlashesSurviveFragments(t *testing.T) {
	s := newSite(t)
	admin := s.login("admin")
	resp, body := admin.post("/admin/users", url.Values{"username": {"zhao"}, "role": {"reviewer"}})
	if resp.StatusCode != 200 || !strings.Contains(body, catalog.Fullwidth("已创建用户 zhao,初始密码:")) {
		t.Fatalf("create user: %d %.300s", resp.StatusCode, textOf(body))
	}
	if strings.Contains(resp.Request.URL.String(), "flash") {
		t.Errorf("the password went into a URL: %s", resp.Request.URL)
	}
	resp, body = admin.post("/admin/rounds", url.Values{"year": {"2019"}, "label": {"2019年度监测"}})
	if !strings.Contains(body, "已添加监测轮次 2019") {
		t.Errorf("flash lost on the way to #rounds: %s", resp.Request.URL)
	}
	// Shown once: a reload does not say it again, and an address cannot
	// put words on the page.
	if _, body := admin.get("/admin"); strings.Contains(body, "已添加监测轮次 2019") && strings.Contains(body, `class="flash"`) {
		t.Errorf("the message came back on reload")
	}
	if _, body := admin.get("/search?flash=" + url.QueryEscape("系统升级，请把密码发给管理员")); strings.Contains(body, "请把密码发给管理员") {
		t.Errorf("a link put its own message on the page")
	}
	if resp, body := admin.get("/no-such-page"); resp.StatusCode != 404 || !strings.Contains(body, "没有这个页面") {
		t.Errorf("unknown page: %d", resp.StatusCode)
	}
}

func TestOversizedFormsAreRefused(t *testing.T) {
	s := newSite(t)
	b := s.login("zhou")
	resp, body := b.post("/documents/x/links", url.Values{"quote": {strings.Repeat("学", 1<<19)}})
	if resp.StatusCode != http.StatusRequestEntityTooLarge && resp.StatusCode != http.StatusBadRequest {
		t.Errorf("a 1.5 MiB form: %d %.200s", resp.StatusCode, textOf(body))
	}
}

func TestUploadFormWithoutScriptReportsEachFile(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	post := func(files map[string]string, fields map[string]string) (*http.Response, string) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		mw.WriteField("csrf_token", wang.csrf)
		for k, v := range fields {
			mw.WriteField(k, v)
		}
		for name, body := range files {
			w, _ := mw.CreateFormFile("file", name)
			w.Write([]byte(body))
		}
		mw.Close()
		resp, err := wang.c.Post(s.srv.URL+"/upload", mw.FormDataContentType(), &buf)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp, string(b)
	}
	if resp, body := post(nil, map[string]string{"doc_type": "policy"}); resp.StatusCode != 400 || !strings.Contains(body, "没有收到文件") {
		t.Errorf("no file: %d %.200s", resp.StatusCode, textOf(body))
	}
	if resp, body := post(map[string]string{"a.txt": "学分银行"}, map[string]string{"doc_type": "policy", "indicators": "2.3"}); resp.StatusCode != 400 || !strings.Contains(body, "关键指标") {
		t.Errorf("level-2 indicator: %d %.200s", resp.StatusCode, textOf(body))
	}
	// A coordinator naming another city is refused, as through the API,
	// naming both cities, and nothing is stored.
	if resp, body := post(map[string]string{"总结.txt": "杭州市建立学分银行。"}, map[string]string{"doc_type": "policy", "city": "510100"}); resp.StatusCode != 403 || !strings.Contains(body, "您是杭州（330100）的协调员，不能为成都（510100）上传材料") {
		t.Errorf("another city: %d %.200s", resp.StatusCode, textOf(body))
	}
	resp, body := post(map[string]string{"通知.pdf": "这不是 PDF", "总结.txt": "杭州市建立学分银行。"}, map[string]string{"doc_type": "policy", "city": "330100"})
	if resp.StatusCode != 200 {
		t.Fatalf("upload: %d %.300s", resp.StatusCode, textOf(body))
	}
	text := textOf(body)
	if i := strings.Index(text, "上传 2 个文件"); i >= 0 {
		text = text[i:]
	}
	if !strings.Contains(text, catalog.Fullwidth("通知.pdf \uFF1A失败:文件“通知.pdf”:文件扩展名是 .pdf")) || !strings.Contains(text, "总结.txt \uFF1A已保存") ||
		!strings.Contains(text, "2 个文件\uFF1A已保存 1\uFF0C重复 0\uFF0C失败 1") {
		t.Errorf("outcomes: %.600s", text)
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{})
	if err != nil || len(docs) != 1 || docs[0].City != "330100" {
		t.Errorf("stored documents %+v %v", docs, err)
	}
}

// halfWidthInChinese finds ASCII punctuation written next to Chinese.
var halfWidthInChinese = regexp.MustCompile(`\p{Han}[,;:()!?]|[,;:()!?]\p{Han}`)

// TestChinesePagesUseFullWidthPunctuation renders every page in Chinese,
// with a failed document's reason and form errors, and finds no ASCII
// comma, colon, semicolon or parenthesis next to a Chinese character.
func TestChinesePagesUseFullWidthPunctuation(t *testing.T) {
	s := newSite(t)
	// Uploaded text is shown as stored (normalised to half width), so it has no punctuation here.
	ok := s.env.Upload("330100", "学分银行实施意见.txt", "杭州市建立学分银行推进学习成果认证")
	st, err := s.env.Ingest.Stage(strings.NewReader("\x00\x01\x02 not text"), "乱码.txt")
	if err == nil {
		st.Remove()
	}
	c, err := s.env.Claims.Create(context.Background(), testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1",
		Statement: "杭州市建立了学分银行", Citations: []claims.CitationInput{{DocumentID: ok.ID, Page: 1, Quote: "建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	pages := []string{"/claims/" + c.ID, "/review?status=verified", "/search?q=" + url.QueryEscape("学分银行"), "/search?q=" + url.QueryEscape("\"未闭合"),
		"/documents/" + ok.ID, "/upload", "/admin", "/review", "/indicators", "/indicators/2.3.1", "/claims/new",
		"/documents/01NOSUCHDOCUMENT0000000000", "/documents", "/documents?sort=issued&status=indexed"}
	for _, path := range pages {
		_, body := admin.get(path)
		text := html.UnescapeString(textOf(body))
		if m := halfWidthInChinese.FindAllString(text, 5); m != nil {
			t.Errorf("%s: half-width punctuation next to Chinese %q in %.300s", path, m, text)
		}
	}
	for _, f := range []struct {
		path string
		form url.Values
	}{
		{"/upload", url.Values{"doc_type": {"policy"}, "city": {"330100"}}},
		{"/documents/" + ok.ID, url.Values{"title": {"方案"}, "doc_type": {"policy"}, "issued_on": {"去年"}}},
		{"/documents/bulk", url.Values{"ids": {ok.ID}, "issued_on": {"去年"}}},
		{"/documents/bulk", url.Values{"ids": {ok.ID}, "action": {"delete"}}},
		{"/documents/" + ok.ID + "/delete", url.Values{}},
		{"/documents/" + ok.ID + "/move", url.Values{"city": {""}}},
		{"/claims", url.Values{"city": {"330100"}, "indicator": {"2.3"}, "statement": {"学分银行"}}},
		{"/claims", url.Values{"city": {"330100"}, "indicator": {"2.3.1"}, "statement": {"学分银行"}, "document_id": {ok.ID}, "page": {"3"}, "quote": {"学分"}}},
		{"/claims/" + c.ID, url.Values{"statement": {""}}},
		{"/claims/" + c.ID + "/citations", url.Values{"document_id": {ok.ID}, "page": {"1"}}},
		{"/claims/" + c.ID + "/citations/1/delete", url.Values{}},
		{"/claims/" + c.ID + "/review", url.Values{"verdict": {"contradicted"}}},
		{"/admin/users", url.Values{"username": {"zhao"}, "role": {"contributor"}, "city": {"330100"}}},
		{"/admin/users", url.Values{"username": {"zhao"}, "role": {"expert"}, "cities": {"330100"}}},
		{"/admin/cities", url.Values{"code": {"3201"}, "name": {"南京"}}},
		{"/admin/rounds", url.Values{"year": {"二〇一九"}}},
		{"/assignments", url.Values{"city": {"330100"}, "round": {"2018"}, "indicator": {"2.3.1"}, "department": {"市人社局"}, "due": {"2018-02-30"}}},
	} {
		_, body := admin.post(f.path, f.form)
		if m := halfWidthInChinese.FindAllString(html.UnescapeString(textOf(body)), 5); m != nil {
			t.Errorf("%s form %v: %q in %.300s", f.path, f.form, m, textOf(body))
		}
	}
}

// TestDocumentPageShowsHowEachPageWasRead uploads a stamped scan and checks
// that its page says it was read by OCR, with what confidence, and that it
// bears a seal, so a reviewer sees it at a glance.
func TestDocumentPageShowsHowEachPageWasRead(t *testing.T) {
	for _, p := range []string{"tesseract", "pdftoppm"} {
		if _, err := exec.LookPath(p); err != nil {
			if os.Getenv("CI") == "true" {
				t.Fatalf("%s is not installed", p)
			}
			t.Skipf("%s is not installed", p)
		}
	}
	s := newSite(t)
	f, err := os.Open("../ingest/extract/testdata/stamped-scan.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	st, err := s.env.Ingest.Stage(f, "盖章扫描件.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "policy"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	d := s.env.WaitIndexed(out[0].Document.ID)
	b := s.login("li")
	_, body := b.get("/documents/" + d.ID + "?page=2")
	text := html.UnescapeString(textOf(body))
	if !regexp.MustCompile(`第 2 页\x{FF1A}识别文字\x{FF08}OCR\x{FF0C}置信度 \d+%\x{FF09} · 有公章`).MatchString(text) {
		t.Errorf("page 2 does not say it was OCR'd with a seal: %.500s", text)
	}
	if !strings.Contains(text, "有公章的页 2") {
		t.Errorf("the seal pages are not listed: %.500s", text)
	}
	if !strings.Contains(body, `id="ocr-numbers"`) || !strings.Contains(text, "扫描件经文字识别\uFF08OCR\uFF09\uFF0C数字请与原件核对") {
		t.Errorf("page 2, read by OCR, does not ask to check its numbers against the original: %.500s", text)
	}
	_, body = b.get("/documents/" + d.ID + "?page=1")
	if text := html.UnescapeString(textOf(body)); strings.Contains(text, "第 1 页\uFF1A识别文字") && strings.Contains(text, "· 有公章") {
		t.Errorf("page 1 claims a seal: %.300s", text)
	}
}

// TestDocumentPageMarksFieldsReadFromTheText uploads a 红头 notice without
// metadata: its page marks the fields read from the text 自动识别, and a
// field corrected through the edit form loses the mark.
func TestDocumentPageMarksFieldsReadFromTheText(t *testing.T) {
	s := newSite(t)
	d := uploadUntypedNotice(t, s)
	wang := s.login("wang")
	_, body := wang.get("/documents/" + d.ID)
	if n := strings.Count(body, `class="auto"`); n != 5 || !strings.Contains(textOf(body), "自动识别") {
		t.Errorf("want 5 fields marked 自动识别 (title, issuer, 文号, date, round), found %d in %.500s", n, textOf(body))
	}
	if !strings.Contains(body, `value="杭教〔2017〕3号"`) || !strings.Contains(body, `value="杭州市教育局关于表彰社区教育先进集体的决定"`) {
		t.Errorf("the edit form does not hold the fields read: %.600s", textOf(body))
	}
	form := url.Values{"title": {d.Title}, "doc_type": {"honor"}, "issuer": {"杭州市教育局办公室"}, "doc_number": {d.DocNumber},
		"issued_on": {d.IssuedOn}, "department": {d.Department}, "round": {d.Round}}
	if resp, body := wang.post("/documents/"+d.ID, form); resp.StatusCode != http.StatusOK {
		t.Fatalf("edit: %d %.300s", resp.StatusCode, textOf(body))
	}
	_, body = wang.get("/documents/" + d.ID)
	if n := strings.Count(body, `class="auto"`); n != 4 || !strings.Contains(body, `value="杭州市教育局办公室"`) {
		t.Errorf("after correcting the issuer: %d marks (want 4), page %.500s", n, textOf(body))
	}
}

// TestChineseCatalogueUsesFullWidthPunctuation scans every Chinese word of
// the UI's catalogue itself, so that a message no test page shows is held
// to full-width punctuation too.
func TestChineseCatalogueUsesFullWidthPunctuation(t *testing.T) {
	for key, m := range messages {
		if bad := halfWidthInChinese.FindAllString(m[Chinese], 3); bad != nil {
			t.Errorf("%s: half-width punctuation next to Chinese %q in %q", key, bad, m[Chinese])
		}
	}
	if len(messages) < 300 {
		t.Errorf("the catalogue has %d words: the word files were not merged in", len(messages))
	}
}

// TestCatalogueSaysNoSideOfTheScreen: no word of the UI points to a side
// of the screen (左侧, on the left), as a phone shows the page's text above
// its forms, not beside them.
func TestCatalogueSaysNoSideOfTheScreen(t *testing.T) {
	sides := regexp.MustCompile(`左侧|右侧|左边|右边|(?i)on the (left|right)`)
	for key, m := range messages {
		for _, s := range []string{m[Chinese], m[English]} {
			if side := sides.FindString(s); side != "" {
				t.Errorf("%s: %q points to a side of the screen (%s), which a phone shows above or below", key, s, side)
			}
		}
	}
}

// An upload sent with an expired form token says its files were not
// uploaded and must be chosen again (a page cannot keep files), while
// what was typed comes back; a form without files says only the latter.
func TestExpiredUploadFormSaysToChooseTheFilesAgain(t *testing.T) {
	s := newSite(t)
	forged := *s.login("wang")
	forged.csrf = "forged"
	a := forged.postFilesBody("/upload", map[string]string{"title": "关于推进学分银行建设的通知"},
		map[string][]byte{"通知.txt": []byte("杭州市建立学分银行。")})
	if a.resp.StatusCode != http.StatusForbidden || !strings.Contains(a.body, "data-form-lost>") ||
		!strings.Contains(textOf(a.body), "文件未上传") || !strings.Contains(textOf(a.body), "重新选择文件") {
		t.Errorf("expired upload form: %d %.300s; want 403 saying the files must be chosen again", a.resp.StatusCode, textOf(a.body))
	}
	resp, body := forged.post("/claims", url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立学分银行"}})
	if resp.StatusCode != http.StatusForbidden || strings.Contains(textOf(body), "文件") || !strings.Contains(textOf(body), "自动恢复") {
		t.Errorf("expired form without files: %d %.300s", resp.StatusCode, textOf(body))
	}
}

// A form's files spooled to disk (past 1 MiB) are removed when the page
// has answered, refused or not: they were left in the temporary folder,
// one copy of every large upload.
func TestFormFilesLeaveNoTemporaryFiles(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	s := newSite(t)
	forged := *s.login("wang")
	forged.csrf = "forged"
	big := bytes.Repeat([]byte("杭州市建立学分银行。"), 200_000) // 6 MB
	for _, b := range []*browser{&forged, s.login("wang")} {
		b.postFilesBody("/upload", map[string]string{"title": "学分银行"}, map[string][]byte{"通知.txt": big})
	}
	left, err := filepath.Glob(filepath.Join(tmp, "multipart-*"))
	if err != nil || len(left) > 0 {
		t.Errorf("temporary files left after the uploads: %v %v", left, err)
	}
}

// uploadUntypedNotice uploads a 红头 notice as text with no metadata but
// its city and type, for its page to show the fields read from the text,
// and waits until it is indexed.
func uploadUntypedNotice(t *testing.T, s *site) *catalog.Document {
	t.Helper()
	st, err := s.env.Ingest.Stage(strings.NewReader("杭州市教育局文件\n\n杭教〔2017〕3号\n\n杭州市教育局关于表彰社区教育先进集体的决定\n\n"+
		"各区、县（市）教育局：\n    现决定表彰先进集体。\n\n杭州市教育局\n2017年1月15日\n"), "扫描件.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: "330100", DocType: "honor"}, Files: []*ingest.Staged{st}})
	if err != nil || out[0].Err != nil {
		t.Fatalf("upload: %v %+v", err, out)
	}
	return s.env.WaitIndexed(out[0].Document.ID)
}
