package web

import (
	"context"
	"html"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestFormsOnOtherPagesKeepWhatWasTyped posts the note, link, return,
// save-search and carry-over forms with mistakes: each comes back on its
// own page with what was typed and the error beside its field (or above
// the form), never on the dead-end error page.
func TestFormsOnOtherPagesKeepWhatWasTyped(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	wang, zhou, admin := s.login("wang"), s.login("zhou"), s.login("admin")
	a, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	dept := &catalog.User{Username: "jiaoyu", Role: catalog.RoleContributor, City: "330100", Department: "市教育局"}
	if err := s.env.Assignments.Submitted(context.Background(), dept, a.ID, []string{doc.ID}); err != nil {
		t.Fatal(err)
	}
	long := strings.Repeat("学", 101)
	for _, tt := range []struct {
		name   string
		b      *browser
		path   string
		form   url.Values
		errID  string
		phrase string
		kept   []string
	}{
		{"a note on a page the document lacks", zhou, "/documents/" + doc.ID + "/notes",
			url.Values{"body": {"学分银行的认证办法值得对照"}, "page": {"9"}, "quote": {"学分银行"}}, "note-page-err", "超出范围",
			[]string{"学分银行的认证办法值得对照</textarea>", `value="9"`, `value="学分银行"`}},
		{"a note with a quote and no page", zhou, "/documents/" + doc.ID + "/notes",
			url.Values{"body": {"待核对"}, "quote": {"学习成果认证"}}, "note-page-err", "页码", []string{"待核对</textarea>", `value="学习成果认证"`}},
		{"a link to a level-2 indicator", wang, "/documents/" + doc.ID + "/links",
			url.Values{"indicator": {"2.3"}, "page": {"1"}, "quote": {"推进学习成果认证"}}, "link-indicator-err", "关键指标",
			[]string{`value="推进学习成果认证"`}},
		{"a link on a page the document lacks", wang, "/documents/" + doc.ID + "/links",
			url.Values{"indicator": {"2.3.1"}, "page": {"7"}, "quote": {"学分银行"}}, "link-page-err", "超出范围",
			[]string{`value="7"`, `value="2.3.1" selected`}},
		{"a link page that is no number", wang, "/documents/" + doc.ID + "/links",
			url.Values{"indicator": {"2.3.1"}, "page": {"第一页"}}, "link-page-err", "页码应为数字", []string{`value="第一页"`}},
		{"a return without a reason", wang, "/assignments/" + a.ID + "/return",
			url.Values{"reason": {"  "}, "next": {"/assignments?city=330100&round=2018&department=" + url.QueryEscape("市教育局")}},
			"return-reason-err", "原因", []string{`name="department" value="市教育局"`}},
		{"a return with too long a reason", wang, "/assignments/" + a.ID + "/return",
			url.Values{"reason": {strings.Repeat("缺少盖章页", 201)}, "next": {"/assignments?city=330100&round=2018"}},
			"return-reason-err", "不能超过", []string{`value="` + strings.Repeat("缺少盖章页", 201) + `"`}},
		{"a saved search without a name or words", zhou, "/saved-searches",
			url.Values{"name": {""}, "city": {"330100"}}, "save-name-err", "名称", []string{`name="city" value="330100"`}},
		{"a saved search with too long a name", zhou, "/saved-searches",
			url.Values{"name": {long}, "q": {"学分银行"}}, "save-name-err", "100", []string{`value="` + long + `"`, `value="学分银行"`}},
		{"a saved search with a bad year", zhou, "/saved-searches",
			url.Values{"name": {"学分银行"}, "q": {"学分银行"}, "year": {"去年"}}, "save-error", "年份", []string{`value="学分银行"`}},
		{"a carry-over to a round that is no number", wang, "/carryovers",
			url.Values{"city": {"330100"}, "round": {"明年"}}, "carry-error", "监测轮次", []string{`id="carry-start"`}},
		{"an admin disabling themselves", admin, "/admin/users/admin/disable", url.Values{}, "users-error", "不能停用自己的账号", nil},
	} {
		resp, body := tt.b.post(tt.path, tt.form)
		beside(t, tt.name, resp, body, http.StatusBadRequest, tt.errID, tt.phrase, tt.kept...)
	}
	// Errors not about the form still end on the error page, which now
	// offers the way back to the page the form was on.
	resp, body := zhou.postFrom("/documents/"+doc.ID+"/links", "/documents/"+doc.ID, url.Values{"indicator": {"2.3.1"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `href="/documents/`+doc.ID+`" id="error-back"`) ||
		!strings.Contains(body, "返回上一页") || !strings.Contains(body, "返回检索") {
		t.Errorf("an expert linking: %d %.600s", resp.StatusCode, body[strings.Index(body, "<main"):])
	}
	resp, body = zhou.postFrom("/documents/"+doc.ID+"/links", "https://evil.example/x", url.Values{"indicator": {"2.3.1"}})
	if resp.StatusCode != http.StatusForbidden || !strings.Contains(body, `href="#" data-back id="error-back"`) {
		t.Errorf("an error reached from another site links back to it: %.600s", body)
	}
}

// TestSuccessMessagesSayWhatWasDone: linking, unlinking, enabling and
// disabling users, adding cities and rounds each say what was done, not
// a bare 已完成.
func TestSuccessMessagesSayWhatWasDone(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	wang, admin := s.login("wang"), s.login("admin")
	flash := func(name string, resp *http.Response, body, want string) {
		t.Helper()
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != 200 || !strings.Contains(text, want) || strings.Contains(text, "已完成") {
			t.Errorf("%s: %d, want %q: %.400s", name, resp.StatusCode, want, text)
		}
	}
	resp, body := wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.1"}, "page": {"1"}})
	flash("link", resp, body, "已把《"+doc.Title+"》关联到指标 2.3.1")
	i := strings.Index(body, `action="/links/`)
	if i < 0 {
		t.Fatalf("no remove button: %.500s", textOf(body))
	}
	linkID := body[i+len(`action="/links/`):]
	linkID = linkID[:strings.Index(linkID, "/")]
	resp, body = wang.post("/links/"+linkID+"/delete", url.Values{"document": {doc.ID}})
	flash("unlink", resp, body, "已取消《"+doc.Title+"》与指标 2.3.1 的关联")
	// A quote whose words are not in the document is saved, and said.
	resp, body = wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.1"}, "page": {"1"}, "quote": {"完全不存在的句子"}})
	flash("link with a quote not in the text", resp, body, "已把《"+doc.Title+"》关联到指标 2.3.1\uFF1B但在文档中没有找到这段引文")
	// A quote typed with ASCII marks is shown with the document's.
	if !strings.Contains(html.UnescapeString(textOf(body)), "“完全不存在的句子”") {
		t.Errorf("the link's quote is not listed: %.300s", textOf(body))
	}
	resp, body = wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.3"}, "page": {"1"}, "quote": {"杭州市建立学分银行,推进学习成果认证"}})
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "“杭州市建立学分银行\uFF0C推进学习成果认证”") {
		t.Errorf("a quote with an ASCII comma is not shown full-width: %.500s", text)
	}
	resp, body = wang.post("/documents/"+doc.ID+"/links", url.Values{"indicator": {"2.3.2"}, "page": {"1"}, "quote": {"推进学习成果认证"}})
	if text := textOf(body); resp.StatusCode != 200 || strings.Contains(text, "没有找到这段引文") || !strings.Contains(text, "关联到指标 2.3.2") {
		t.Errorf("link with a quote on its page: %d %.300s", resp.StatusCode, text)
	}
	resp, body = admin.post("/admin/users/wang/disable", url.Values{"confirm": {"1"}})
	flash("disable", resp, body, "已停用用户 wang")
	resp, body = admin.post("/admin/users/wang/enable", url.Values{})
	flash("enable", resp, body, "已启用用户 wang")
	resp, body = admin.post("/admin/cities", url.Values{"code": {"320100"}, "name": {"南京"}})
	flash("city", resp, body, "已添加城市 南京\uFF08320100\uFF09")
	resp, body = admin.post("/admin/rounds", url.Values{"year": {"2020"}, "current": {"on"}})
	flash("round", resp, body, "已添加监测轮次 2020\uFF08当前轮次\uFF09")
}

// postFrom posts a form as sent from the page at from (a path on the
// site, or a whole address elsewhere): the Referer the browser sends.
func (b *browser) postFrom(path, from string, form url.Values) (*http.Response, string) {
	b.s.t.Helper()
	form.Set("csrf_token", b.csrf)
	if strings.HasPrefix(from, "/") {
		from = b.s.srv.URL + from
	}
	req, err := http.NewRequest(http.MethodPost, b.s.srv.URL+path, strings.NewReader(form.Encode()))
	if err != nil {
		b.s.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Referer", from)
	resp, err := b.c.Do(req)
	if err != nil {
		b.s.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

// TestReviewQueueFiltersByCityAndIndicator: the queue's city and
// indicator menus narrow the claims, the counts of the tabs and the next
// link; the tabs and the next link keep the filters, and the claim page's
// next stays within them.
func TestReviewQueueFiltersByCityAndIndicator(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "coordinator", "510100")
	hz := s.env.Upload("330100", "杭州学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	cd := s.env.Upload("510100", "成都学分银行.txt", "成都市建立学分银行 推进学习成果认证")
	write := func(city, username, indicator string, doc *catalog.Document) string {
		c, err := s.env.Claims.Create(ctx, &catalog.User{Username: username, Role: catalog.RoleCoordinator, City: city},
			claims.Input{Indicator: indicator, Statement: "建立学分银行 " + indicator,
				Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	hz1, hz2 := write("330100", "wang", "2.3.1", hz), write("330100", "wang", "1.1.2", hz)
	cd1 := write("510100", "chen", "2.3.1", cd)
	li := s.login("li")
	_, body := li.get("/review?city=330100")
	for _, want := range []string{`data-status="pending" aria-current="page">待审核 <span class="count">2</span>`,
		`href="/review?status=verified&amp;city=330100&amp;round=2018"`, `id="review-next" href="/claims/` + hz1 + `?city=330100&amp;round=2018"`,
		`<option value="330100" selected>`} {
		if !strings.Contains(body, want) {
			t.Errorf("the queue of 杭州 lacks %s: %.800s", want, textOf(body))
		}
	}
	if strings.Contains(body, cd1) {
		t.Errorf("the queue of 杭州 shows 成都's claim")
	}
	_, body = li.get("/review?indicator=2.3.1")
	if !strings.Contains(body, `<span class="count">2</span>`) || !strings.Contains(body, cd1) || strings.Contains(body, hz2) {
		t.Errorf("the queue of 2.3.1: %.800s", textOf(body))
	}
	_, body = li.get("/review?city=330100&indicator=1.1.2")
	if !strings.Contains(body, `id="review-next" href="/claims/`+hz2+`?city=330100&amp;indicator=1.1.2&amp;round=2018"`) || strings.Contains(body, hz1) {
		t.Errorf("the queue of 杭州 and 1.1.2: %.800s", textOf(body))
	}
	// On 杭州's first claim, next is 杭州's other one, never 成都's.
	if _, body := li.get("/claims/" + hz1 + "?city=330100"); !strings.Contains(body, `href="/claims/`+hz2+`?city=330100" id="next-claim"`) {
		t.Errorf("the next claim within 杭州: %.600s", textOf(body))
	}
	if _, body := li.get("/claims/" + hz2 + "?city=330100&indicator=1.1.2"); strings.Contains(body, `id="next-claim"`) {
		t.Errorf("a next link out of the queue's filters")
	}
}

// TestWithdrawAClaimFromItsPage: the coordinator's 撤回定性描述 asks to
// confirm, then the claim shows as withdrawn with its history and leaves
// the queue; a reviewer has no button and is refused; a verified claim
// cannot be withdrawn.
func TestWithdrawAClaimFromItsPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	wangU := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	var ids []string
	for _, st := range []string{"杭州市建立了学分银行", "杭州市推进学习成果认证"} {
		c, err := s.env.Claims.Create(ctx, wangU, claims.Input{Indicator: "2.3.1", Statement: st,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	wang, li := s.login("wang"), s.login("li")
	if _, body := li.get("/claims/" + ids[0]); strings.Contains(body, `id="withdrawform"`) {
		t.Errorf("a reviewer is offered to withdraw")
	}
	if resp, _ := li.post("/claims/"+ids[0]+"/withdraw", url.Values{"confirm": {"1"}}); resp.StatusCode != http.StatusForbidden {
		t.Errorf("a reviewer withdrawing: %d", resp.StatusCode)
	}
	_, body := wang.get("/claims/" + ids[0])
	if !strings.Contains(body, `id="withdrawform"`) || !strings.Contains(body, "撤回定性描述") {
		t.Fatalf("no withdraw button for the coordinator: %.600s", textOf(body))
	}
	resp, body := wang.post("/claims/"+ids[0]+"/withdraw", url.Values{})
	if resp.StatusCode != 200 || !strings.Contains(body, `id="confirm"`) || !strings.Contains(body, "杭州市建立了学分银行") ||
		!strings.Contains(body, `href="/claims/`+ids[0]+`" data-cancel`) {
		t.Fatalf("the confirmation: %d %.600s", resp.StatusCode, textOf(body))
	}
	if got, _ := s.env.Claims.Get(ctx, wangU, ids[0]); got.Status != catalog.ClaimPending {
		t.Fatalf("withdrawn before confirming: %s", got.Status)
	}
	resp, body = wang.post("/claims/"+ids[0]+"/withdraw", url.Values{"confirm": {"1"}})
	text := textOf(body)
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/claims/"+ids[0] || !strings.Contains(text, "已撤回这条定性描述") ||
		!strings.Contains(body, `data-status="withdrawn">已撤回`) || !strings.Contains(text, "撤回定性描述") ||
		strings.Contains(body, `id="withdrawform"`) || strings.Contains(body, `id="editform"`) {
		t.Fatalf("after withdrawing: %d at %s %.800s", resp.StatusCode, resp.Request.URL, text)
	}
	_, body = li.get("/review")
	if strings.Contains(body, ids[0]) || !strings.Contains(body, ids[1]) {
		t.Errorf("the queue still shows the withdrawn claim: %.600s", textOf(body))
	}
	if strings.Contains(body, `data-status="withdrawn"`) {
		t.Errorf("a reviewer's queue has a withdrawn tab")
	}
	if _, body := wang.get("/review"); strings.Contains(body, `href="/claims/`+ids[0]+`"`) ||
		!strings.Contains(body, `data-status="withdrawn">已撤回 <span class="count">1</span>`) {
		t.Errorf("the coordinator's queue: %.600s", textOf(body))
	}
	if _, body := wang.get("/review?status=withdrawn"); !strings.Contains(body, `href="/claims/`+ids[0]+`?round=2018"`) {
		t.Errorf("the withdrawn tab lacks the claim: %.600s", textOf(body))
	}
	if _, err := s.env.Claims.Review(ctx, &catalog.User{Username: "li", Role: catalog.RoleReviewer}, ids[1], "verified", ""); err != nil {
		t.Fatal(err)
	}
	resp, body = wang.post("/claims/"+ids[1]+"/withdraw", url.Values{})
	beside(t, "withdrawing a verified claim", resp, body, http.StatusConflict, "claim-error", "不能撤回")
}
