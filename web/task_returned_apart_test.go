package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAcceptedTaskListsReturnedFilesApart: 市教育局 hands in 学分银行通知
// and 阅读活动总结 for 2.3.1; the coordinator returns the summary, the
// department hands in 学分银行总结 and the coordinator accepts. On
// 我的任务 and on the board the summary is no longer among 已提交的材料
// but listed apart, under 已退回的文件, with its reason.
func TestAcceptedTaskListsReturnedFilesApart(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	for _, f := range [][2]string{{"学分银行通知.txt", "杭州市学分银行建设通知：杭教成〔2017〕15号。"}, {"阅读活动总结.txt", "2018年杭州市全民阅读活动总结。"}} {
		if resp, page := dept.handIn(task, f[0], f[1]); resp.StatusCode != 200 {
			t.Fatalf("handing in %s: %d %.600s", f[0], resp.StatusCode, textOf(page))
		}
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", a, err)
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	if resp, page := wang.post("/assignments/"+task+"/return", url.Values{"reason": {"《阅读活动总结》与学分银行无关"},
		"documents": {a.Documents[1]}, "next": {board}}); resp.StatusCode != 200 {
		t.Fatalf("returning the summary: %d %.600s", resp.StatusCode, textOf(page))
	}
	if resp, page := dept.handIn(task, "学分银行总结.txt", "2018年杭州市学分银行建设总结：新增学习账户1.2万个。"); resp.StatusCode != 200 {
		t.Fatalf("handing in the correction: %d %.600s", resp.StatusCode, textOf(page))
	}
	s.env.WaitHandedInRead(task)
	if resp, page := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}}); resp.StatusCode != 200 {
		t.Fatalf("accepting: %d %.600s", resp.StatusCode, textOf(page))
	}
	if a, err := s.env.Catalog.Assignment(context.Background(), task); err != nil || a.Status != catalog.AssignmentAccepted {
		t.Fatalf("the task after 确认: %+v %v", a, err)
	}
	handed := regexp.MustCompile(`(?s)<div class="handed-docs">.*?</div>`)
	returned := regexp.MustCompile(`(?s)<div class="returned-docs">.*?</div>`)
	_, tasks := dept.get("/tasks")
	_, boardPage := wang.get(board)
	for name, page := range map[string]string{"/tasks": tasks, "the board": boardPage} {
		kept := handed.FindString(page)
		if name == "the board" {
			kept = regexp.MustCompile(`(?s)<tr id="task-` + task + `".*?<div class="returned-docs">`).FindString(page)
		}
		if kept == "" || strings.Contains(kept, "全民阅读活动总结") || !strings.Contains(kept, "学分银行建设通知") {
			t.Errorf("%s: 已提交的材料 %q, want the notice and the correction without the returned summary", name, html.UnescapeString(textOf(kept)))
		}
		apart := html.UnescapeString(textOf(returned.FindString(page)))
		if !strings.Contains(apart, "已退回的文件") || !strings.Contains(apart, "全民阅读活动总结") || !strings.Contains(apart, "《阅读活动总结》与学分银行无关") {
			t.Errorf("%s: 已退回的文件 %q, want the summary with its reason", name, apart)
		}
	}
}
