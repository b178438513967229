package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// progressReturned is the progress table's 已退回 cell of 市教育局's row.
var progressReturned = regexp.MustCompile(`(?s)<table id="progress">.*?市教育局</a>.*?<td>[0-9]+</td><td>[0-9]+</td><td>([^<]*(?:<br><small class="partly-returned">[^<]*</small>)?)</td>`)

// TestBoardShowsPartlyReturnedTasks: 市教育局 hands in 学分银行通知 and
// 阅读活动总结 for 2.3.1 and the coordinator returns the summary alone.
// The task stays 已提交, so the board's 已退回 column, which counts whole
// tasks, says 0; beside it the board counts 部分退回 1, and the task's row
// says one of its files was returned, in Chinese and English, until the
// department hands a file in for the task after the return.
func TestBoardShowsPartlyReturnedTasks(t *testing.T) {
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
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	if resp, page := wang.post("/assignments/"+task+"/return", url.Values{"reason": {"《阅读活动总结》与学分银行无关"},
		"documents": {a.Documents[1]}, "next": {board}}); resp.StatusCode != 200 {
		t.Fatalf("returning the summary alone: %d %.600s", resp.StatusCode, textOf(page))
	}
	_, page := wang.get(board)
	cell := progressReturned.FindStringSubmatch(page)
	if cell == nil || cell[1] != `0<br><small class="partly-returned">部分退回 1</small>` {
		t.Errorf("市教育局's 已退回 cell: %q, want 0 and 部分退回 1", cell)
	}
	if text := html.UnescapeString(textOf(page)); !strings.Contains(strings.ReplaceAll(text, " （", "（"), "已提交（其中 1 份文件已被退回，待部门处理）") {
		t.Errorf("the task's row on the board: %.900s, want 已提交（其中 1 份文件已被退回，待部门处理）", text)
	}
	wang.english()
	_, page = wang.get(board)
	if text := html.UnescapeString(textOf(page)); !strings.Contains(text, "partly returned: 1") || !strings.Contains(text, "(1 file was returned, waiting for the department)") {
		t.Errorf("the English board: %.1200s, want partly returned: 1 and the row's note", text)
	}

	if resp, page := dept.handIn(task, "阅读活动总结（更正）.txt", "2018年杭州市学分银行建设总结。"); resp.StatusCode != 200 {
		t.Fatalf("handing in the correction: %d %.600s", resp.StatusCode, textOf(page))
	}
	_, page = wang.get(board)
	if strings.Contains(page, "partly-returned") || strings.Contains(page, "returned-unanswered") {
		t.Errorf("the board after the correction still says partly returned: %.900s", html.UnescapeString(textOf(page)))
	}
}
