package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnAndWithdrawSayWhatWent: the coordinator's 退回 of 市教育局's
// hand-in for 2.3.1 says the file's link to 2.3.1 went with it; on 我的任务
// the department has 撤回 beside a file it handed in, asked to confirm
// with the file named, and is then told what went: the file, its link to
// 2.3.1, the file itself (used for nothing else), and that the task is
// 未提交 again.
func TestReturnAndWithdrawSayWhatWent(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	if resp, body := dept.handIn(task, "工作总结.txt", "2018年杭州市社区教育工作总结：新建社区学校12所。"); resp.StatusCode != 200 {
		t.Fatalf("hand-in: %d %.500s", resp.StatusCode, textOf(body))
	}
	wang := s.login("wang")
	_, page := wang.post("/assignments/"+task+"/return", url.Values{"reason": {"工作总结不是学分银行制度文件，请补交学分银行管理办法"},
		"next": {"/assignments?city=330100&round=2018"}})
	if !strings.Contains(page, "已退回，并取消其对指标 2.3.1 的关联（1 份文件）") {
		t.Errorf("the board after 退回 does not say the link went:\n%.1500s", textOf(page))
	}

	_, page = dept.handIn(task, "学分银行管理办法.txt", "杭州市学分银行管理办法：建立市民终身学习账户。")
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("task after the second hand-in: %+v %v", a, err)
	}
	doc := a.Documents[1]
	if !strings.Contains(page, `action="/tasks/`+task+`/withdraw"`) || !strings.Contains(page, `name="document_id" value="`+doc+`"`) {
		t.Fatalf("我的任务 has no 撤回 beside the file handed in:\n%.3000s", page)
	}
	_, page = dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {doc}})
	for _, want := range []string{"撤回提交的文件", "<li>学分银行管理办法</li>", "不再关联指标 2.3.1", "确认撤回"} {
		if !strings.Contains(page, want) {
			t.Errorf("the confirmation lacks %q:\n%.1500s", want, textOf(page))
		}
	}
	if a, _ := s.env.Catalog.Assignment(ctx, task); len(a.Documents) != 2 {
		t.Fatalf("asking to confirm withdrew the file: %v", a.Documents)
	}
	_, page = dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {doc}, "confirm": {"1"}})
	if !strings.Contains(page, "，并取消其对指标 2.3.1 的关联；该文件没有其他用途，已从档案中删除") {
		t.Errorf("我的任务 after 撤回 does not say what went:\n%.2000s", textOf(page))
	}
	if _, err := s.env.Catalog.Document(ctx, doc); err == nil {
		t.Errorf("the file withdrawn, used for nothing else, is still in the archive")
	}
}

// TestWithdrawingALinkedHandInSaysTheLinkStays: 市教育局 hands in, by
// 确认以此提交, the notice the coordinator linked to 2.3.1. Asked to
// confirm 撤回, it reads that the coordinator's link to 2.3.1 stays and
// the file too — not that the file is no longer linked to 2.3.1 — and so
// it goes: after 撤回 the link is there and the file in the archive.
// The title, which holds 《》 itself, is not nested inside another 《》
// (〈〉 inside). Once the coordinator returns it instead, 撤回 is refused, naming the
// return, and the file stays marked 已退回 with the reason on 我的任务.
func TestWithdrawingALinkedHandInSaysTheLinkStays(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	notice := s.env.Upload("330100", "关于印发《杭州市学分银行管理办法》的通知.txt", "关于印发《杭州市学分银行管理办法》的通知\n杭州市教育局关于推进学分银行建设的通知。")
	if !strings.Contains(notice.Title, "《") {
		t.Fatalf("the notice's title %q holds no 《》 to quote", notice.Title)
	}
	if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: notice.ID, IndicatorCode: "2.3.1", Page: 1}, 2018); err != nil {
		t.Fatal(err)
	}
	handInNotice := func() {
		t.Helper()
		if resp, page := dept.post("/tasks/"+task+"/hand-in-linked", url.Values{"document_id": {notice.ID}}); resp.StatusCode != 200 {
			t.Fatalf("确认以此提交: %d %.800s", resp.StatusCode, textOf(page))
		}
	}
	handInNotice()
	_, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {notice.ID}})
	text := textOf(page)
	if strings.Contains(text, "不再关联指标") || !strings.Contains(text, "它与指标 2.3.1 的关联不是这次提交建立的") || strings.Contains(text, "将从档案中删除") {
		t.Errorf("the confirmation of withdrawing the coordinator's notice promises what will not happen:\n%.1500s", text)
	}
	_, page = dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {notice.ID}, "confirm": {"1"}})
	if !strings.Contains(page, "已撤回"+catalog.BookTitle(notice.Title)+"；文件仍保留在档案中") || strings.Contains(page, "已撤回《"+notice.Title+"》") {
		t.Errorf("我的任务 after 撤回 does not say the file stays:\n%.1500s", textOf(page))
	}
	links, err := s.env.Catalog.DocumentLinks(ctx, notice.ID)
	if err != nil || len(links) != 1 || links[0].IndicatorCode != "2.3.1" {
		t.Errorf("the coordinator's link after 撤回: %+v %v, want the link to 2.3.1", links, err)
	}

	handInNotice()
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, task, "这份通知不是部门的年度工作材料"); err != nil {
		t.Fatal(err)
	}
	resp, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {notice.ID}})
	if text := textOf(page); resp.StatusCode != 409 || !strings.Contains(text, "退回") || !strings.Contains(text, "这份通知不是部门的年度工作材料") {
		t.Errorf("撤回 of the returned notice: %d, want 409 naming the return:\n%.1500s", resp.StatusCode, text)
	}
	_, page = dept.get("/tasks")
	if text := strings.Join(strings.Fields(html.UnescapeString(textOf(page))), " "); !strings.Contains(text, "原因：这份通知不是部门的年度工作材料") {
		t.Errorf("我的任务 no longer shows the return of the notice:\n%.2500s", text)
	}
}
