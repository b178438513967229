package web

import (
	"context"
	"net/url"
	"strings"
	"testing"
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
