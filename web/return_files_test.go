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

// returnBoxes are the return form's checkboxes of a task: document id
// and whether it is ticked.
var returnBoxes = regexp.MustCompile(`<input type="checkbox" name="documents" value="([0-9A-Z]+)"( checked)?>`)

// TestReturnOnlyTheFilesTicked: 市教育局 hands in 学分银行通知 and
// 阅读活动总结 for 2.3.1. The board's return form offers both, ticked;
// the coordinator unticks the notice and returns the summary alone. The
// task stays 已提交, the summary is marked returned and the notice not,
// and a form naming a file no longer pending comes back with the reason
// kept and the error, not the error page.
func TestReturnOnlyTheFilesTicked(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	for _, f := range [][2]string{{"学分银行通知.txt", "杭州市学分银行建设通知：杭教成〔2017〕15号。"}, {"阅读活动总结.txt", "2018年杭州市全民阅读活动总结。"}} {
		if resp, page := dept.handIn(task, f[0], f[1]); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
			t.Fatalf("handing in %s: %d %.600s", f[0], resp.StatusCode, textOf(page))
		}
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", a, err)
	}
	notice, summary := a.Documents[0], a.Documents[1]
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, page := wang.get(board)
	boxes := returnBoxes.FindAllStringSubmatch(page, -1)
	if len(boxes) != 2 || boxes[0][2] == "" || boxes[1][2] == "" {
		t.Fatalf("the return form offers %q, want both files ticked", boxes)
	}
	resp, page := wang.post("/assignments/"+task+"/return", url.Values{"reason": {"《阅读活动总结》与学分银行无关"},
		"documents": {summary}, "next": {board}})
	if text := html.UnescapeString(textOf(page)); resp.StatusCode != 200 || !strings.Contains(text, "已退回所选的 1 份文件") {
		t.Fatalf("returning the summary alone: %d %.600s", resp.StatusCode, text)
	}
	a, err = s.env.Catalog.Assignment(context.Background(), task)
	if _, back := a.Returned[summary]; err != nil || a.Status != catalog.AssignmentSubmitted || !back || a.Returned[notice] != (catalog.ReturnedFile{}) {
		t.Fatalf("after returning the summary: %s, returned %v (%v), want 已提交 with the summary alone returned", a.Status, a.Returned, err)
	}
	resp, page = wang.post("/assignments/"+task+"/return", url.Values{"reason": {"请补充文号"}, "documents": {summary}, "next": {board}})
	text := html.UnescapeString(textOf(page))
	if resp.StatusCode != 409 || !strings.Contains(text, "不是该任务待确认的提交材料") || !strings.Contains(page, `value="请补充文号"`) {
		t.Errorf("returning the summary again: %d, want the board with the error and the reason kept: %.600s", resp.StatusCode, text)
	}
}

// TestReturnWithEveryBoxUnticked: 市教育局 hands in two files for 2.3.1 and
// the coordinator unticks both before pressing 退回, meaning to keep them.
// The form says it showed the boxes (choose_files), so nothing ticked is
// an error beside the files, the reason kept, and nothing is returned:
// read as "return all", both files would be sent back and their bytes
// refused when handed in again.
func TestReturnWithEveryBoxUnticked(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	for _, f := range [][2]string{{"学分银行通知.txt", "杭州市学分银行建设通知：杭教成〔2017〕15号。"}, {"阅读活动总结.txt", "2018年杭州市全民阅读活动总结。"}} {
		if resp, page := dept.handIn(task, f[0], f[1]); resp.StatusCode != 200 {
			t.Fatalf("handing in %s: %d %.600s", f[0], resp.StatusCode, textOf(page))
		}
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	if _, page := wang.get(board); !strings.Contains(page, `name="choose_files" value="1"`) {
		t.Fatalf("the return form with two files does not say it shows the boxes: %.600s", textOf(page))
	}
	resp, page := wang.post("/assignments/"+task+"/return", url.Values{"reason": {"材料不全，请补充"}, "choose_files": {"1"}, "next": {board}})
	text := html.UnescapeString(textOf(page))
	if resp.StatusCode != 400 || !strings.Contains(text, "请至少勾选一份要退回的文件") || !strings.Contains(page, `value="材料不全，请补充"`) {
		t.Errorf("returning with no box ticked: %d, want 400 with the error and the reason kept: %.600s", resp.StatusCode, text)
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil || a.Status != catalog.AssignmentSubmitted || len(a.Returned) != 0 || len(a.HandedIn()) != 2 {
		t.Fatalf("after a return with no box ticked: %+v (%v), want 已提交 with both files handed in", a, err)
	}
}
