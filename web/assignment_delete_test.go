package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDeleteAMistakenTaskFromTheBoard: 1.1.3 given to 市统计局 by a slip
// has a 删除任务 button on the board; pressing it asks first, naming the
// task, and confirmed it deletes it and comes back to the board saying
// so, without the task. A task with a file handed in has no such button,
// and asking all the same is refused saying to withdraw or return first.
func TestDeleteAMistakenTaskFromTheBoard(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, handed := departmentWithATask(t, s)
	if resp, page := dept.handIn(handed, "学分银行通知.txt", "杭州市学分银行建设通知。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in: %d %.600s", resp.StatusCode, textOf(page))
	}
	slip, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018, Indicator: "1.1.3",
		Department: "市统计局", Due: "2018-05-01"})
	if err != nil {
		t.Fatal(err)
	}
	const board = "/assignments?city=330100&round=2018"
	wang := s.login("wang")
	_, page := wang.get(board)
	if !strings.Contains(page, `id="delete-`+slip.ID+`"`) || strings.Contains(page, `id="delete-`+handed+`"`) {
		t.Fatalf("the board's 删除任务 buttons: want one on 市统计局's task alone: %.2000s", page)
	}
	resp, page := wang.post("/assignments/"+slip.ID+"/delete", url.Values{"next": {board}})
	text := html.UnescapeString(textOf(page))
	if resp.StatusCode != 200 || !strings.Contains(text, "确定删除这项责任分解任务吗") || !strings.Contains(text, "1.1.3") ||
		!strings.Contains(text, "市统计局，截止 2018-05-01") || !strings.Contains(page, `name="confirm" value="1"`) {
		t.Fatalf("the question before deleting: %d %.800s", resp.StatusCode, text)
	}
	if _, err := s.env.Catalog.Assignment(ctx, slip.ID); err != nil {
		t.Fatalf("asking deleted the task already: %v", err)
	}
	resp, page = wang.post("/assignments/"+slip.ID+"/delete", url.Values{"confirm": {"1"}, "next": {board}})
	text = html.UnescapeString(textOf(page))
	if resp.StatusCode != 200 || !strings.Contains(text, "已删除任务：1.1.3") || strings.Contains(page, `id="task-`+slip.ID+`"`) {
		t.Errorf("after deleting: %d %.800s", resp.StatusCode, text)
	}
	if _, err := s.env.Catalog.Assignment(ctx, slip.ID); !catalog.IsNotFound(err) {
		t.Errorf("the task after deleting: %v, want ENOTFOUND", err)
	}
	resp, page = wang.post("/assignments/"+handed+"/delete", url.Values{"next": {board}})
	if text := html.UnescapeString(textOf(page)); resp.StatusCode != 409 || !strings.Contains(text, "请先由部门撤回这些材料，或由协调员退回后再删除") {
		t.Errorf("deleting the task with a hand-in: %d %.600s", resp.StatusCode, text)
	}
}

// TestADeletedTasksReturnStaysOnTheDocumentPage: 市教育局 hands in 学分银行
// 通知 for its task; the coordinator returns it (缺少文号) and, the task
// being a slip, deletes it. The file's page still says it was returned,
// by whom, why, for which task and that the task was deleted: nothing
// else lists it any more.
func TestADeletedTasksReturnStaysOnTheDocumentPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, handed := departmentWithATask(t, s)
	if resp, page := dept.handIn(handed, "学分银行通知.txt", "杭州市学分银行建设通知。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in: %d %.600s", resp.StatusCode, textOf(page))
	}
	a, err := s.env.Catalog.Assignment(ctx, handed)
	if err != nil || len(a.HandedIn()) != 1 {
		t.Fatalf("the task handed in: %+v %v", a, err)
	}
	doc := a.HandedIn()[0]
	if _, err := s.env.Catalog.ReturnAssignment(ctx, handed, "缺少文号", "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Catalog.DeleteAssignment(ctx, handed, "wang"); err != nil {
		t.Fatal(err)
	}
	_, page := s.login("wang").get("/documents/" + doc)
	text := html.UnescapeString(textOf(page))
	if !strings.Contains(page, `id="past-returns"`) || !strings.Contains(text, "曾被退回：wang 于") || !strings.Contains(text, "原因：缺少文号") ||
		!strings.Contains(text, "该任务已于") {
		t.Errorf("the page of a file returned for a task deleted since: want 曾被退回 with who and why: %.1500s", text)
	}
	// The return reached only the coordinator and the task's 责任单位
	// while the task lived: so after it too (review s37 #5). Another
	// department, the expert zhou and the reviewer li read the document
	// but never its return reason.
	s.env.AddUserIn("renshe", "contributor", "330100", "市人社局")
	for _, tt := range []struct {
		user string
		sees bool
	}{{"jiaoyu", true}, {"admin", true}, {"renshe", false}, {"zhou", false}, {"li", false}} {
		resp, page := s.login(tt.user).get("/documents/" + doc)
		if resp.StatusCode != 200 {
			t.Errorf("%s reads the document: %d", tt.user, resp.StatusCode)
			continue
		}
		if got := strings.Contains(page, `id="past-returns"`) || strings.Contains(page, "缺少文号"); got != tt.sees {
			t.Errorf("%s sees the deleted task's return: %v, want %v", tt.user, got, tt.sees)
		}
	}
}
