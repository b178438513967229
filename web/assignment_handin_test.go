package web

import (
	"context"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestCoordinatorHandsTheReturnedFileInOnTheBoard: wang returned 市教育局's
// statistics table; the department may not send it again and is told to
// ask the coordinator, who now has the way on the board: the returned
// task has 为本任务提交文件, and the very file sent there is handed in for
// the task (submitted again, its return mark gone, the hand-in listed as
// 协调员 wang's). Without a file the board comes back with the error
// beside the task's form.
func TestCoordinatorHandsTheReturnedFileInOnTheBoard(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	const table = "杭州市2018年社区教育统计表：社区学校126所，参与人次48.6万。"
	if resp, page := dept.handIn(task, "社区教育统计表.txt", table); resp.StatusCode != 200 {
		t.Fatalf("handing in the table: %d %.800s", resp.StatusCode, textOf(page))
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	if resp, _ := wang.post("/assignments/"+task+"/return", map[string][]string{"reason": {"请提供盖章版统计表"}, "next": {board}}); resp.StatusCode != 200 {
		t.Fatalf("return: %d", resp.StatusCode)
	}
	_, page := wang.get(board)
	if !strings.Contains(page, `action="/assignments/`+task+`/upload"`) || !strings.Contains(textOf(page), "为本任务提交文件") {
		t.Fatalf("the board offers no hand-in for the returned task: %.3000s", textOf(page))
	}
	empty := wang.postFilesBody("/assignments/"+task+"/upload", map[string]string{"doc_type": "statistics", "next": board}, nil)
	if empty.resp.StatusCode != http.StatusBadRequest || !strings.Contains(empty.body, `id="handin-error"`) || !strings.Contains(textOf(empty.body), "请选择要提交的文件") {
		t.Errorf("no file: %d, want 400 with the error beside the task's form: %.3000s", empty.resp.StatusCode, textOf(empty.body))
	}
	done := wang.postFilesBody("/assignments/"+task+"/upload", map[string]string{"doc_type": "statistics", "next": board},
		map[string][]byte{"社区教育统计表.txt": []byte(table)})
	text := html.UnescapeString(textOf(done.body))
	if done.resp.StatusCode != 200 || !strings.Contains(text, "已提交 1 个文件") || !strings.Contains(text, "协调员 wang “社区教育统计表.txt”") {
		t.Errorf("the returned file handed in by the coordinator: %d %.3000s", done.resp.StatusCode, text)
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != catalog.AssignmentSubmitted || len(a.Returned) != 0 || len(a.Documents) != 1 {
		t.Errorf("the task after: %s returned %v documents %v, want submitted, no return mark, the one file", a.Status, a.Returned, a.Documents)
	}
}
