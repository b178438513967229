package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAcceptedFileDeletedIsToldOnMyTasksAndTheBoard: 市教育局's summary
// was accepted and then deleted by the coordinator. 我的任务 and the board
// say the accepted file was deleted, by whom and when, in Chinese and
// English, instead of leaving the task owed with no word why.
func TestAcceptedFileDeletedIsToldOnMyTasksAndTheBoard(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结（盖章版）.txt", "杭州市学分银行建设工作总结（盖章版）"); resp.StatusCode != 200 {
		t.Fatalf("hand-in: %d %.800s", resp.StatusCode, textOf(page))
	}
	ctx := context.Background()
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 1 {
		t.Fatalf("the task: %+v %v", a, err)
	}
	// Read first (确认 asks of a file still being read): its title is then
	// the one its text gives.
	s.env.WaitHandedInRead(task)
	if _, err := s.env.Assignments.Accept(ctx, testenv.Admin, task, ""); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Catalog.DeleteDocument(ctx, a.Documents[0], "wang"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		b       *browser
		path    string
		english bool
		want    []string
	}{
		{dept, "/tasks?round=2018", false, []string{"已确认的材料《", "》已于 ", " UTC+8 由 wang 删除，任务因此重新打开"}},
		{s.login("wang"), "/assignments?city=330100&round=2018", false, []string{"已确认的材料《", " UTC+8 由 wang 删除"}},
		{dept, "/tasks?round=2018", true, []string{"The accepted file “杭州市学分银行建设工作总结” was deleted", " by wang, so the task is open again"}},
	} {
		if tt.english {
			tt.b.english()
		}
		_, page := tt.b.get(tt.path)
		text := html.UnescapeString(textOf(page))
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s (english %v): want %q in %.2500s", tt.path, tt.english, w, text)
			}
		}
	}
}
