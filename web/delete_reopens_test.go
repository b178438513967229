package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDeleteConfirmationNamesTheTasksItReopens: 市教育局 handed in its
// summary for task 2.3.1 and wang accepted it. Deleting the summary —
// from its page or from the list — would leave the task with nothing,
// owed again; the question before the delete names it (2.3.1 市教育局，
// 2018年度，当前状态：已确认), in English too, and a document handed in for no
// task names none. Nothing is deleted by asking.
func TestDeleteConfirmationNamesTheTasksItReopens(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市学分银行建设工作总结：新增学分银行账户3.2万个。"); resp.StatusCode != 200 {
		t.Fatalf("hand-in: %d %.800s", resp.StatusCode, textOf(page))
	}
	ctx := context.Background()
	s.env.WaitHandedInRead(task)
	if _, err := s.env.Assignments.Accept(ctx, testenv.Admin, task, ""); err != nil {
		t.Fatal(err)
	}
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 1 {
		t.Fatalf("the task handed in: %+v %v", a, err)
	}
	summary := a.Documents[0]
	stray := s.env.Upload("330100", "老年教育2020.txt", "杭州市老年教育工作要点。")
	reopens := regexp.MustCompile(`(?s)<ul class="confirm-reopens" id="confirm-reopens">.*?</ul>`)
	for _, tt := range []struct {
		english    bool
		path       string
		form       url.Values
		head, task string
	}{
		{false, "/documents/" + summary + "/delete", url.Values{}, "删除后，以下责任分解任务将没有提交的材料", "2.3.1 市教育局（2018年度，当前状态：已确认）"},
		{false, "/documents/bulk", url.Values{"ids": {summary, stray.ID}, "action": {"delete"}}, "删除后，以下责任分解任务将没有提交的材料", "2.3.1 市教育局（2018年度，当前状态：已确认）"},
		{true, "/documents/" + summary + "/delete", url.Values{}, "Deleting leaves these tasks with no material handed in", "2.3.1 市教育局 (round 2018, status now: Accepted)"},
	} {
		wang := s.login("wang")
		if tt.english {
			wang.english()
		}
		resp, body := wang.post(tt.path, tt.form)
		text := html.UnescapeString(textOf(body))
		if resp.StatusCode != 200 || !strings.Contains(text, tt.head) || !strings.Contains(html.UnescapeString(textOf(reopens.FindString(body))), tt.task) {
			t.Errorf("%s (english %v): %d, want %q and the task %q named: %.1500s", tt.path, tt.english, resp.StatusCode, tt.head, tt.task, text)
		}
	}
	_, body := s.login("wang").post("/documents/"+stray.ID+"/delete", url.Values{})
	if !strings.Contains(body, `class="confirm-items"`) || strings.Contains(body, "confirm-reopens") {
		t.Errorf("deleting a document handed in for no task: want the question without tasks: %.1500s", textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentAccepted {
		t.Errorf("the task after asking: %+v %v, want still accepted", a, err)
	}
}

// TestDeleteFlashJoinsWithFullWidthMarks: deleting the accepted summary
// says what it reopened, joined to “已删除《…》” with “；”, never the
// ASCII “;” the probe saw (s36 finding 10).
func TestDeleteFlashJoinsWithFullWidthMarks(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市学分银行建设工作总结：新增学分银行账户3.2万个。"); resp.StatusCode != 200 {
		t.Fatalf("hand-in: %d %.800s", resp.StatusCode, textOf(page))
	}
	ctx := context.Background()
	s.env.WaitHandedInRead(task)
	if _, err := s.env.Assignments.Accept(ctx, testenv.Admin, task, ""); err != nil {
		t.Fatal(err)
	}
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 1 {
		t.Fatalf("the task handed in: %+v %v", a, err)
	}
	resp, body := s.login("wang").post("/documents/"+a.Documents[0]+"/delete", url.Values{"confirm": {"1"}})
	text := html.UnescapeString(textOf(body))
	if resp.StatusCode != 200 || !regexp.MustCompile(`已删除《[^》]+》；1 项责任分解任务`).MatchString(text) {
		t.Errorf("delete: %d, want “已删除《…》；1 项责任分解任务…” with a full-width mark: %.1200s", resp.StatusCode, text)
	}
	if strings.Contains(text, "》;") {
		t.Errorf("delete: an ASCII “;” joins the flash: %.1200s", text)
	}
}
