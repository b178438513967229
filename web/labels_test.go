package web

import (
	"context"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// TestPagesShowNamesNotCodes finds roles, cities, audit actions and
// verdicts by their names, and times in China time with the zone.
func TestPagesShowNamesNotCodes(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行,推进学习成果认证。")
	admin, wang, li := s.login("admin"), s.login("wang"), s.login("li")
	resp, _ := wang.post("/claims", url.Values{"indicator": {"2.3.1"}, "statement": {"杭州市建立学分银行"},
		"document_id": {doc.ID}, "page": {"1"}, "quote": {"建立学分银行"}})
	claimPath := resp.Request.URL.Path
	li.post(claimPath+"/review", url.Values{"verdict": {"insufficient"}, "comment": {"缺少文号"}})

	_, body := admin.get("/admin")
	users := textOf(body[strings.Index(body, `id="users"`):strings.Index(body, `id="userform"`)])
	// A department's account names its department: an admin tells
	// twenty of them apart.
	for _, want := range []string{"协调员", "杭州", "已启用", "责任单位", "部门联系人 杭州 市教育局"} {
		if !strings.Contains(users, want) {
			t.Errorf("the users table lacks %q: %.400s", want, users)
		}
	}
	for _, code := range []string{"coordinator", "330100", "Enable"} {
		if strings.Contains(users, code) {
			t.Errorf("the users table shows the code %q: %.400s", code, users)
		}
	}
	events := html.UnescapeString(textOf(body[strings.Index(body, `id="events"`):]))
	for _, want := range []string{"上传文档", "审核定性描述", "撰写定性描述", "UTC+8"} {
		if !strings.Contains(events, want) {
			t.Errorf("the audit log lacks %q: %.600s", want, events)
		}
	}
	for _, code := range []string{"document.upload", "claim.create", "claim.review"} {
		if strings.Contains(events, code) {
			t.Errorf("the audit log shows the code %q", code)
		}
	}
	_, body = wang.get(claimPath)
	text := textOf(body)
	if !strings.Contains(text, "审核定性描述 · 证据不足") || strings.Contains(text, "claim.review") || strings.Contains(text, "insufficient") {
		t.Errorf("the claim's history: %.600s", text)
	}
	if strings.Contains(text, "330100") || !strings.Contains(text, "杭州") {
		t.Errorf("the claim page names the city by its code: %.300s", text)
	}
	_, body = wang.get("/indicators/2.3.1?city=330100")
	if head := textOf(body[strings.Index(body, "<h1>"):strings.Index(body, "</p>")]); strings.Contains(head, "330100") || !strings.Contains(head, "杭州") {
		t.Errorf("the indicator page names the city by its code: %.300s", head)
	}
	if got := formatTime(time.Date(2018, 3, 20, 16, 30, 0, 0, time.UTC)); got != "2018-03-21 00:30 UTC+8" {
		t.Errorf("formatTime: %q, want China time with the zone", got)
	}
}

// TestAuditLogNamesObjects names documents by their titles, saved searches
// and departments by their names, and every action in words without its
// code; a failed sign-in is an action too.
func TestAuditLogNamesObjects(t *testing.T) {
	s := newSite(t)
	doc := s.env.Upload("330100", "社区教育工作总结.txt", "杭州市社区教育工作总结,全年举办讲座342场。")
	admin, wang := s.login("admin"), s.login("wang")
	wang.post("/saved-searches", url.Values{"name": {"社区教育检索"}, "q": {"社区教育"}})
	wang.post("/departments", url.Values{"city": {"330100"}, "name": {"市教育局"}})
	if _, err := s.env.Auth.LogIn(context.Background(), "wang", "错误的密码", "127.0.0.1"); err == nil {
		t.Fatal("a wrong password signed in")
	}

	// A claim and a value, each reviewed: a review's event names only its
	// object, which the log looks up.
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	ledger := s.env.Upload("330100", "统计.txt", "杭州市成人年参与学习率达到85.3%。全市建立学分银行。")
	c, err := s.env.Claims.Create(ctx, coord, claims.Input{Indicator: "2.3.1", Statement: "本市已建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: ledger.ID, Page: 1, Quote: "全市建立学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Claims.Review(ctx, reviewer, c.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}
	v, err := s.env.Values.Record(ctx, coord, values.Input{Indicator: "5.1.1", Value: "85.3%",
		Citation: claims.CitationInput{DocumentID: ledger.ID, Page: 1, Quote: "成人年参与学习率达到85.3%"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Values.Review(ctx, reviewer, v.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}

	_, body := admin.get("/admin")
	events := html.UnescapeString(textOf(body[strings.Index(body, `id="events"`):]))
	for _, want := range []string{"文档《" + doc.Title + "》", "保存检索", "保存的检索 社区教育检索",
		"添加责任单位", "责任单位 市教育局", "登录失败", "定性描述 2.3.1 “本市已建立学分银行”", "数值 杭州 2018 5.1.1 85.3%",
		"审核定性描述 · 属实", "审核数值 · 属实"} {
		if !strings.Contains(events, want) {
			t.Errorf("the audit log lacks %q: %.900s", want, events)
		}
	}
	// A percentage is written once: 85.3%, not 85.3%% (its writing and its unit).
	for _, code := range []string{doc.ID, c.ID, v.ID, "search.save", "department.create", "login.fail", "(document", "文档 01", "85.3%%"} {
		if strings.Contains(events, code) {
			t.Errorf("the audit log shows %q: %.900s", code, events)
		}
	}
}

// TestDeniedPagesSayWhyInWords: a page a role may not use says so in
// Chinese with full-width punctuation and role names, never role codes.
func TestDeniedPagesSayWhyInWords(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	wang, zhou, jiaoyu := s.login("wang"), s.login("zhou"), s.login("jiaoyu")
	tests := []struct {
		b          *browser
		method     string
		path, want string
	}{
		{wang, "GET", "/tasks", "“我的任务”是部门联系人的页面\uFF1B协调员请使用“责任分解”页面"},
		{wang, "POST", "/documents/01ARZ3NDEKTSV4RRFFQ69G5FAV/notes", "只有专家、审核专家和管理员可以添加批注"},
		{zhou, "GET", "/claims/new", "只有协调员和管理员可以撰写定性描述"},
		// A department's contributor, on a coordinator's page, is told
		// where its own work is.
		{jiaoyu, "POST", "/upload", "只有协调员和管理员可以上传材料\uFF1B部门联系人请在“我的任务”中查看本部门的任务并提交材料"},
		{jiaoyu, "GET", "/assignments", "只有本市协调员和管理员可以管理责任分解\uFF1B部门联系人请在“我的任务”中"},
		{zhou, "GET", "/upload", "只有协调员和管理员可以上传材料"},
	}
	// A department starts at its tasks, not at a search box.
	if resp, _ := jiaoyu.get("/"); resp.Request.URL.Path != "/tasks" {
		t.Errorf("a contributor's home is %s, want /tasks", resp.Request.URL.Path)
	}
	if resp, _ := zhou.get("/"); resp.Request.URL.Path != "/search" {
		t.Errorf("an expert's home is %s, want /search", resp.Request.URL.Path)
	}
	for _, tt := range tests {
		var resp *http.Response
		var body string
		if tt.method == "GET" {
			resp, body = tt.b.get(tt.path)
		} else {
			resp, body = tt.b.post(tt.path, url.Values{"body": {"批注"}})
		}
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != http.StatusForbidden || !strings.Contains(text, tt.want) {
			t.Errorf("%s %s: %d, want 403 saying %q: %.400s", tt.method, tt.path, resp.StatusCode, tt.want, text)
		}
		for _, code := range []string{"contributor", "coordinator", "expert", "审核员"} {
			if strings.Contains(text, code) {
				t.Errorf("%s %s shows %q: %.400s", tt.method, tt.path, code, text)
			}
		}
		if tt.b == zhou && strings.Contains(text, "我的任务") {
			t.Errorf("%s %s sends an expert to 我的任务: %.400s", tt.method, tt.path, text)
		}
	}
}

// TestEventObjectsInWords: each kind of object an audit event is about
// reads as words; only document events take a bare ID for a document.
func TestEventObjectsInWords(t *testing.T) {
	const id = "01ARZ3NDEKTSV4RRFFQ69G5FAV"
	cities := map[string]string{"330100": "杭州"}
	tests := []struct {
		action, object string
		detail         map[string]any
		title          string
		want, link     string
	}{
		{"document.upload", id, nil, "学分银行实施办法", "文档《学分银行实施办法》", "/documents/" + id},
		{"note.create", id, nil, "学分银行实施办法", "文档《学分银行实施办法》", "/documents/" + id},
		{"search.save", id, map[string]any{"name": "学分银行检索"}, "", "保存的检索 学分银行检索", ""},
		{"search.delete", "search:" + id, nil, "", "保存的检索 " + id, ""},
		{"value.create", "value:" + id, nil, "", "数值 " + id, ""},
		{"round.create", "round:2018", nil, "", "监测轮次 2018", ""},
		{"framework.import", "framework:2018", nil, "", "指标体系 2018", ""},
		{"token.create", "token:" + id, map[string]any{"label": "上报脚本"}, "", "访问令牌 上报脚本", ""},
		{"carryover.confirmed", "carryover:" + id, nil, "", "结转事项 " + id, ""},
		{"department.rename", "department:" + id, map[string]any{"from": "教育局", "to": "市教育局"}, "", "责任单位 市教育局", ""},
		{"assignment.import", "assignments:330100:2018", nil, "", "责任分解表 杭州 2018", ""},
		{"city.create", "city:330100", nil, "", "城市 杭州", ""},
		{"user.create", id, nil, "", id, ""}, // a bare ID of no document event is not a document
		{"claim.create", "claim:" + id, map[string]any{"indicator": "2.3.1", "statement": "本市已建立学分银行，\n累计存入学习成果 12.3 万条，覆盖全市所有区县和街道社区学校。"}, "",
			"定性描述 2.3.1 “本市已建立学分银行，累计存入学习成果 12.3…”", "/claims/" + id},
		{"claim.review", "claim:" + id, map[string]any{"verdict": "verified"}, "", "定性描述 " + id, "/claims/" + id},
		// Named by a lookup (objectNames) when the event does not say.
		{"claim.review", "claim:" + id, map[string]any{"verdict": "verified"}, "2.3.1 “本市已建立学分银行”", "定性描述 2.3.1 “本市已建立学分银行”", "/claims/" + id},
		{"value.review", "value:" + id, nil, "杭州 2018 5.1.1 85.3%", "数值 杭州 2018 5.1.1 85.3%", ""},
		{"assignment.returned", "assignment:" + id, nil, "杭州 市教育局 · 2.3.1", "任务 杭州 市教育局 · 2.3.1", ""},
		// A round's kept name corrected: which indicator, from what to what.
		{"round.correct_name", "round:2018", map[string]any{"code": "2.3.1", "from": "学分银行建役", "to": "建立学分银行制度"}, "",
			"监测轮次 2018 2.3.1 “学分银行建役”→“建立学分银行制度”", "/admin/rounds/2018"},
		// Its English name corrected, alone or with the Chinese one.
		{"round.correct_name", "round:2018", map[string]any{"code": "2.3.1", "from_en": "Credit bank", "to_en": "Credit bank system"}, "",
			"监测轮次 2018 2.3.1 英文名称 “Credit bank”→“Credit bank system”", "/admin/rounds/2018"},
		{"round.correct_name", "round:2018", map[string]any{"code": "2.3.1", "from": "学分银行建役", "to": "建立学分银行制度", "from_en": "", "to_en": "Credit bank system"}, "",
			"监测轮次 2018 2.3.1 “学分银行建役”→“建立学分银行制度” 英文名称 “”→“Credit bank system”", "/admin/rounds/2018"},
		{"round.add", "round:2019", nil, "", "监测轮次 2019", ""},
	}
	for _, tt := range tests {
		label, link := eventObject(Chinese, objectKey(tt.action, tt.object), tt.detail, tt.title, cities)
		if label != tt.want || link != tt.link {
			t.Errorf("%s %s: %q %q, want %q %q", tt.action, tt.object, label, link, tt.want, tt.link)
		}
	}
	for user, want := range map[string]string{"system": "系统", "cli": "命令行", "zhou": "zhou"} {
		if got := actorName(Chinese, user); got != want {
			t.Errorf("actorName(%s) = %q, want %q", user, got, want)
		}
	}
	for action, want := range map[string]string{"value.create": "填报数值", "search.save": "保存检索", "login.throttled": "登录失败次数过多\uFF0C暂缓登录",
		"assignment.returned": "退回任务", "department.delete": "删除责任单位", "carryover.dropped": "结转事项本轮不再使用", "assignment.new_kind": "责任分解任务"} {
		if got := actionName(Chinese, action); got != want {
			t.Errorf("actionName(%s) = %q, want %q", action, got, want)
		}
	}
}

// TestEveryTaskActionSaysWhatHappened: each action the catalog records on
// responsibility tasks has words of its own in the audit log, in Chinese
// and in English, never the bare noun 责任分解任务 (Task) of its kind.
func TestEveryTaskActionSaysWhatHappened(t *testing.T) {
	for _, tt := range []struct{ action, zh, en string }{
		{"assignment.withdraw", "撤回任务材料", "Withdrew a file handed in for a task"},
		{"assignment.copy", "复制责任分解表", "Copied a responsibility table"},
		{"assignment.import", "导入责任分解表", "Imported a responsibility table"},
		{"assignment.edit", "修改任务", "Edited a task"},
		{"assignment.open", "任务重新打开", "Reopened a task"},
		{"assignment.submitted", "提交任务材料", "Handed in for a task"},
		{"assignment.returned", "退回任务", "Returned a task"},
		{"assignment.accepted", "确认任务", "Accepted a task"},
	} {
		if got := actionName(Chinese, tt.action); got != tt.zh {
			t.Errorf("actionName(Chinese, %s) = %q, want %q", tt.action, got, tt.zh)
		}
		if got := actionName(English, tt.action); got != tt.en {
			t.Errorf("actionName(English, %s) = %q, want %q", tt.action, got, tt.en)
		}
	}
}

// TestFieldsReadAgainInWords: the audit log names a document.fields event
// and says which fields the reading changed, from what to what, in the
// page's language; an emptied value is said to be empty.
func TestFieldsReadAgainInWords(t *testing.T) {
	detail := map[string]any{"revision": 1, "doc_number": "", "issued_on": "2018-09-03",
		"from": map[string]any{"doc_number": "浙政发〔2016〕3号", "issued_on": ""}}
	for _, tt := range []struct {
		l           Lang
		did, fields string
	}{
		{Chinese, "重新识别文档字段", "文号 “浙政发〔2016〕3号”→（空） 成文日期 （空）→“2018-09-03”"},
		{English, "Fields read again from the text", "Document number “浙政发〔2016〕3号”→(empty) Date of issue (empty)→“2018-09-03”"},
	} {
		if got := actionName(tt.l, "document.fields"); got != tt.did {
			t.Errorf("actionName(document.fields) = %q, want %q", got, tt.did)
		}
		if got := fieldsRead(tt.l, detail); got != tt.fields {
			t.Errorf("fieldsRead = %q, want %q", got, tt.fields)
		}
	}
	if got, want := fieldsRead(Chinese, map[string]any{"title": "关于开展全民终身学习活动周的通知"}), "标题 “关于开展全民终身学习活动周的通知”"; got != want {
		t.Errorf("fieldsRead of an event without from = %q, want %q", got, want)
	}
}
