package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// eventTable is the admin page's audit log: its header cells, and its
// rows as the text of their cells.
func eventTable(t *testing.T, body string) (head []string, rows [][]string) {
	t.Helper()
	i := strings.Index(body, `<section id="events"`)
	if i < 0 {
		t.Fatalf("no audit log on the admin page: %.300s", textOf(body))
	}
	sec := body[i:]
	sec = sec[:strings.Index(sec, "</section>")]
	for _, m := range regexp.MustCompile(`(?s)<th[^>]*>(.*?)</th>`).FindAllStringSubmatch(sec, -1) {
		head = append(head, html.UnescapeString(textOf(m[1])))
	}
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(sec, -1) {
		var row []string
		for _, td := range regexp.MustCompile(`(?s)<td[^>]*>(.*?)</td>`).FindAllStringSubmatch(tr[1], -1) {
			row = append(row, html.UnescapeString(textOf(td[1])))
		}
		if len(row) > 0 {
			rows = append(rows, row)
		}
	}
	return head, rows
}

// rowsDoing are the rows whose 操作 cell is did.
func rowsDoing(rows [][]string, did string) [][]string {
	var out [][]string
	for _, r := range rows {
		if len(r) == 5 && r[2] == did {
			out = append(out, r)
		}
	}
	return out
}

// TestAuditLogSaysWhoTriedFromWhere: the audit log has column headers in
// both languages; a failed sign-in is not shown as done by the account
// tried but by （未登录） with the address, the account as its object; a
// sign-in refused for a disabled account is its own action, while the
// person is told only 用户名或密码错误.
func TestAuditLogSaysWhoTriedFromWhere(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUser("chen", "expert", "")
	admin := s.login("admin")
	if _, err := s.env.Auth.LogIn(ctx, "zhou", "错误的密码", "127.0.0.2"); err == nil {
		t.Fatal("a wrong password signed in")
	}
	admin.post("/admin/users/chen/disable", url.Values{"confirm": {"1"}})
	resp, body := (&browser{s: s, c: s.srv.Client()}).post("/login", url.Values{"username": {"chen"}, "password": {testenv.Password}})
	if resp.StatusCode != 401 || !strings.Contains(body, "用户名或密码错误") || strings.Contains(body, "停用") {
		t.Errorf("a disabled account's sign-in: %d %.200s; want 401 saying only 用户名或密码错误", resp.StatusCode, textOf(body))
	}
	_, body = admin.get("/admin")
	head, rows := eventTable(t, body)
	if strings.Join(head, "|") != "时间|操作人|操作|对象|详情" {
		t.Errorf("the audit log's headers: %q, want 时间|操作人|操作|对象|详情", head)
	}
	for _, tc := range []struct{ did, who, about, detail string }{
		{"登录失败", "（未登录）", "用户 zhou", "地址 127.0.0.2"},
		{"登录被拒（账户已停用）", "（未登录）", "用户 chen", "地址 127.0.0.1"},
	} {
		got := rowsDoing(rows, tc.did)
		if len(got) != 1 || got[0][1] != tc.who || got[0][3] != tc.about || got[0][4] != tc.detail {
			t.Errorf("%s: rows %q, want one by %s about %s with %s", tc.did, got, tc.who, tc.about, tc.detail)
		}
	}
	admin.english()
	_, body = admin.get("/admin")
	if head, _ := eventTable(t, body); strings.Join(head, "|") != "Time|By|Action|Object|Details" {
		t.Errorf("the English audit log's headers: %q", head)
	}
}

// TestAuditLogFilters: /admin filters its log by 用户, 操作 and 对象, as
// GET /api/v1/events does, and its pages beside keep the filters.
func TestAuditLogFilters(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for i := range eventsPageSize + 5 {
		if err := s.env.Catalog.RecordEvent(ctx, catalog.Event{User: "zhou", Action: "login.fail", Object: "user:zhou",
			Detail: map[string]any{"address": fmt.Sprintf("10.0.0.%d", i%200)}}); err != nil {
			t.Fatal(err)
		}
	}
	s.env.Upload("330100", "社区教育工作总结.txt", "杭州市社区教育工作总结，全年举办讲座342场。")
	admin := s.login("admin")
	for _, tc := range []struct {
		query, did string
		rows       int // on the first page
	}{
		{"action=login.fail", "登录失败", eventsPageSize},
		{"action=document.upload", "上传文档", 1},
		{"user=admin&action=login", "登录", 1},
		{"object=user%3Azhou&action=login.fail", "登录失败", eventsPageSize},
	} {
		_, body := admin.get("/admin?" + tc.query)
		_, rows := eventTable(t, body)
		if got := rowsDoing(rows, tc.did); len(rows) != tc.rows || len(got) != tc.rows {
			t.Errorf("%s: %d rows, %d of them %s; want %d, all %s", tc.query, len(rows), len(got), tc.did, tc.rows, tc.did)
		}
	}
	_, body := admin.get("/admin?action=login.fail")
	if !strings.Contains(body, `<option value="login.fail" selected>登录失败</option>`) {
		t.Error("the 操作 filter does not show the action chosen")
	}
	older := regexp.MustCompile(`href="(/admin\?[^"]*)" rel="next"`).FindStringSubmatch(body)
	if older == nil || !strings.Contains(older[1], "action=login.fail") {
		t.Fatalf("the older page's link %q lost the filter", older)
	}
	_, body = admin.get(html.UnescapeString(older[1]))
	if _, rows := eventTable(t, body); len(rows) != 5 || len(rowsDoing(rows, "登录失败")) != 5 {
		t.Errorf("the older page of login.fail: %q, want the 5 older 登录失败 only", rows)
	}
	_, body = admin.get("/admin?action=claim.withdraw")
	if !strings.Contains(body, `id="events-none"`) {
		t.Error("a filter matching nothing shows no word of it")
	}
}

// TestEveryAuditActionHasWords: every action the archive can write to the
// audit log (auditActions, checked against the source by
// TestAuditActionsAreEveryActionWritten) has words in Chinese and English
// that are not its code: user.department once showed as its code.
func TestEveryAuditActionHasWords(t *testing.T) {
	for _, a := range auditActions {
		for _, l := range []Lang{Chinese, English} {
			got := actionName(l, a)
			if got == a || got == "" || tr(l, "event."+a) == "event."+a {
				t.Errorf("%s in %s: %q, want words of its own", a, l, got)
			}
		}
	}
}

// TestAuditLogShowsWhatWasTrueThen: renaming a 责任单位 does not rename
// it in events before (a task's event records its department's name);
// the rename goes back to the department's city's list even when the
// form sent none; an admin's 重置密码 is logged as such, not as
// 修改密码; a carry-over decision names its item, not an ID.
func TestAuditLogShowsWhatWasTrueThen(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	task, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.1.1", Department: "市民政局", Due: "2018-04-30"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Catalog.UpdateAssignment(ctx, &task.Assignment, "wang"); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	resp, body := admin.post("/departments/"+task.DepartmentID, url.Values{"name": {"杭州市民政局"}})
	if resp.Request.URL.RawQuery != "city=330100" || !strings.Contains(body, "杭州市民政局") {
		t.Errorf("after 改名: at %s, want /departments?city=330100: %.200s", resp.Request.URL, textOf(body))
	}
	admin.post("/admin/users/wang/password", url.Values{"confirm": {"1"}})
	if err := s.env.Catalog.RecordEvent(ctx, catalog.Event{User: "wang", Action: "carryover.confirmed", Object: "carryover:01M91P3KQSA2PFX3YZ178FA7Q0",
		Detail: map[string]any{"kind": "claim", "object": "01M91P3KQSA2PFX3YZ11AXP68Y", "indicator": "3.1.1", "round": 2019}}); err != nil {
		t.Fatal(err)
	}
	_, body = admin.get("/admin")
	_, rows := eventTable(t, body)
	for _, tc := range []struct{ did, about string }{
		{"修改任务", "任务 杭州 市民政局 · 2.1.1"},
		{"重置密码", "用户 wang"},
		{"确认沿用结转事项", "定性描述 3.1.1（2019年度）"},
	} {
		if got := rowsDoing(rows, tc.did); len(got) != 1 || got[0][3] != tc.about {
			t.Errorf("%s: %q, want one about %s", tc.did, got, tc.about)
		}
	}
	if got := rowsDoing(rows, "修改密码"); len(got) != 0 {
		t.Errorf("an admin's reset is logged as 修改密码: %q", got)
	}
}

// TestAdminRevokesAnAccountsToken: /admin lists every account's API
// tokens with 撤销, which asks first and, confirmed, ends the token (not
// the account's sessions) and is logged by its label.
func TestAdminRevokesAnAccountsToken(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	zhou, err := s.env.Catalog.User(ctx, "zhou")
	if err != nil {
		t.Fatal(err)
	}
	tok, err := s.env.Accounts.CreateToken(ctx, zhou, "上报脚本")
	if err != nil {
		t.Fatal(err)
	}
	admin, session := s.login("admin"), s.login("zhou")
	_, body := admin.get("/admin")
	sec := body[strings.Index(body, `<section id="tokens"`):]
	sec = sec[:strings.Index(sec, "</section>")]
	action := "/admin/tokens/" + tok.ID + "/revoke"
	if text := textOf(sec); !strings.Contains(text, "zhou 上报脚本") || !strings.Contains(text, "从未使用") || !strings.Contains(sec, `action="`+action+`"`) {
		t.Errorf("the admin's token list: %.400s", text)
	}
	_, body = admin.post(action, url.Values{})
	if text := html.UnescapeString(textOf(body)); !strings.Contains(text, "确定撤销 zhou 的访问令牌“上报脚本”吗") || !strings.Contains(body, `name="confirm" value="1"`) {
		t.Errorf("撤销 on /admin asks nothing: %.300s", text)
	}
	if _, err := s.env.Catalog.UserByToken(ctx, tok.Token); err != nil {
		t.Errorf("the token asked about no longer works: %v", err)
	}
	resp, body := admin.post(action, url.Values{"confirm": {"1"}})
	if resp.Request.URL.Path != "/admin" || !strings.Contains(html.UnescapeString(body), "已撤销 zhou 的访问令牌“上报脚本”") {
		t.Errorf("revoked: at %s: %.300s", resp.Request.URL, textOf(body))
	}
	if _, err := s.env.Catalog.UserByToken(ctx, tok.Token); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
		t.Errorf("a revoked token: %v, want EUNAUTHORIZED", err)
	}
	if resp, _ := session.get("/account"); resp.StatusCode != 200 || resp.Request.URL.Path != "/account" {
		t.Errorf("revoking a token ended the account's session: %d at %s", resp.StatusCode, resp.Request.URL)
	}
	_, rows := eventTable(t, body)
	if got := rowsDoing(rows, "撤销访问令牌"); len(got) != 1 || got[0][1] != "admin" || got[0][3] != "访问令牌 上报脚本" {
		t.Errorf("the revocation's log: %q, want admin revoking 访问令牌 上报脚本", got)
	}
}

// TestConfirmationsNeverFocusTheDangerousButton: no template puts
// autofocus on a danger button (a second Enter would delete or disable),
// the confirmation page focuses 取消, and no page says 按 Enter 确认.
func TestConfirmationsNeverFocusTheDangerousButton(t *testing.T) {
	buttons := regexp.MustCompile(`(?s)<button[^>]*>`)
	files, err := templateFS.ReadDir("templates")
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		raw, err := templateFS.ReadFile("templates/" + f.Name())
		if err != nil {
			t.Fatal(err)
		}
		for _, b := range buttons.FindAllString(string(raw), -1) {
			if strings.Contains(b, "danger") && strings.Contains(b, "autofocus") {
				t.Errorf("%s: %s has the focus: Enter would act", f.Name(), b)
			}
		}
		if strings.Contains(string(raw), "Enter 确认") {
			t.Errorf("%s says Enter confirms", f.Name())
		}
	}
	s := newSite(t)
	doc := s.env.Upload("330100", "学分银行.txt", "杭州市建立学分银行，推进学习成果认证。")
	admin := s.login("admin")
	for _, path := range []string{"/documents/" + doc.ID + "/delete", "/admin/users/wang/disable", "/admin/users/wang/password"} {
		_, body := admin.post(path, url.Values{})
		if !regexp.MustCompile(`<a href="[^"]*" data-cancel autofocus>`).MatchString(body) || strings.Contains(textOf(body), "Enter") {
			t.Errorf("%s: the confirmation does not focus 取消: %.400s", path, textOf(body))
		}
	}
}

// TestCarryoversReadOnlyForThoseWhoCannotAct: a department contact or an
// expert reads /carryovers without being asked to confirm anything; the
// round is chosen from a list, as on other pages.
func TestCarryoversReadOnlyForThoseWhoCannotAct(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("mz", "contributor", "330100", "市民政局")
	for _, tc := range []struct {
		who    string
		canAct bool
	}{{"wang", true}, {"mz", false}, {"zhou", false}} {
		_, body := s.login(tc.who).get("/carryovers?city=330100&round=2018")
		intro := textOf(regexp.MustCompile(`(?s)<p class="muted" id="carry-intro">.*?</p>`).FindString(body))
		if asks := strings.Contains(intro, "请逐项确认"); asks != tc.canAct || (!tc.canAct && !strings.Contains(intro, "仅供查看")) {
			t.Errorf("%s: the intro %q; asks to act %v, want %v", tc.who, intro, asks, tc.canAct)
		}
		if !regexp.MustCompile(`<select id="k-round" name="round">.*<option value="2018" selected>`).MatchString(body) {
			t.Errorf("%s: 监测轮次 is not a list with 2018 chosen", tc.who)
		}
	}
}

// TestRoundNamesTitleHasNoSpaceInChinese: /admin/rounds/{year}'s title
// runs the round's label into 的指标名称 without an ASCII space.
func TestRoundNamesTitleHasNoSpaceInChinese(t *testing.T) {
	s := newSite(t)
	_, body := s.login("admin").get("/admin/rounds/2018")
	h1 := textOf(regexp.MustCompile(`<h1>.*?</h1>`).FindString(body))
	if strings.Contains(h1, " 的") || !strings.HasSuffix(h1, "的指标名称") {
		t.Errorf("the title: %q", h1)
	}
}
