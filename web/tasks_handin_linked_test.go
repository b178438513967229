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

// TestTaskTakesTheCoordinatorsLinkAsItsHandIn: 市教育局's task 2.3.1 was
// due 2018-03-31, and the coordinator has linked the policy to 2.3.1 for
// 2018. 我的任务 no longer says ⚠ 逾期 beside material already in hand
// (the probe's dead end: 未提交 · 逾期 and 无需重复上传, nothing to click);
// it says what happens next and offers 确认以此提交. One click makes the
// policy the department's hand-in, recorded as jiaoyu's: the task is
// 已提交, waiting for the coordinator; the link stays the coordinator's.
// A task without linked material past its date still says 逾期.
func TestTaskTakesTheCoordinatorsLinkAsItsHandIn(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	docs := importAndLink(t, s, "2.3.1,市教育局,2018-03-31,张老师\n3.1.1,市教育局,2018-03-31,张老师\n", []string{"学习型城市建设实施意见.txt"})
	card := func(page, indicator string) string {
		t.Helper()
		c := regexp.MustCompile(`(?s)<article class="card task[^"]*" id="task-[^"]*">\s*<h2>` + regexp.QuoteMeta(indicator) + ` .*?</article>`).FindString(page)
		if c == "" {
			t.Fatalf("task %s is not on 我的任务: %.2000s", indicator, textOf(page))
		}
		return html.UnescapeString(c)
	}
	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks?round=2018")
	linked, owed := card(page, "2.3.1"), card(page, "3.1.1")
	for _, want := range []string{"待部门确认提交", "确认以此提交", "它即作为本部门对本任务的提交"} {
		if !strings.Contains(linked, want) {
			t.Errorf("the task with the coordinator's material lacks %q: %q", want, textOf(linked))
		}
	}
	if strings.Contains(linked, "逾期") || strings.Contains(linked, " late") {
		t.Errorf("the task with the coordinator's material says 逾期: %q", textOf(linked))
	}
	if !strings.Contains(owed, "⚠ 逾期") {
		t.Errorf("the task owed with nothing in hand lost its 逾期: %q", textOf(owed))
	}
	id := regexp.MustCompile(`action="/tasks/([0-9A-Z]+)/hand-in-linked"`).FindStringSubmatch(linked)
	if id == nil {
		t.Fatalf("no 确认以此提交 form: %q", linked)
	}
	_, page = dept.post("/tasks/"+id[1]+"/hand-in-linked", url.Values{"document_id": {docs[0].ID}})
	if !strings.Contains(page, "已将《"+docs[0].Title+"》作为本部门的提交，等待协调员确认") {
		t.Errorf("我的任务 after 确认以此提交 does not say so: %.1500s", textOf(page))
	}
	if c := card(page, "2.3.1"); !strings.Contains(c, `class="badge submitted">已提交`) || strings.Contains(c, "确认以此提交") {
		t.Errorf("the task after 确认以此提交: %q, want 已提交 and no button", textOf(c))
	}
	a, err := s.env.Catalog.Assignment(ctx, id[1])
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != catalog.AssignmentSubmitted || a.HandedInBy[docs[0].ID] != "jiaoyu" {
		t.Errorf("task %s: %s handed in by %v, want submitted by jiaoyu", a.ID, a.Status, a.HandedInBy)
	}
	links, err := s.env.Catalog.DocumentLinks(ctx, docs[0].ID)
	if err != nil || len(links) != 1 || links[0].CreatedBy != testenv.Admin.Username {
		t.Errorf("the policy's links after 确认以此提交: %+v %v, want the coordinator's one", links, err)
	}
	resp, body := dept.post("/tasks/"+id[1]+"/hand-in-linked", url.Values{"document_id": {docs[0].ID}})
	if resp.StatusCode != 409 || !strings.Contains(body, "只有未提交或已退回的任务可以确认以此提交") {
		t.Errorf("确认以此提交 twice: %d %.300s", resp.StatusCode, textOf(body))
	}
}
