package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestMyTasksSayWhereEachDocumentIs: a department that hands in a file
// reads on 我的任务 what became of it — searchable, or failed and why —
// and not only that the task was handed in; on English pages in English.
// The coordinator's board is not the only place a failure shows.
func TestMyTasksSayWhereEachDocumentIs(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行，推进学习成果认证。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the summary: %d %.800s", resp.StatusCode, page)
	}
	if resp, page := dept.handIn(task, "会议通知.pdf", brokenPDF); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the broken PDF: %d %.800s", resp.StatusCode, page)
	}
	docs, _, err := s.env.Catalog.FindDocuments(context.Background(), catalog.DocumentFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	var failed *catalog.Document
	for _, d := range docs {
		if d.Filename == "会议通知.pdf" {
			failed = s.env.WaitFinished(d.ID, catalog.StatusFailed)
		} else {
			s.env.WaitIndexed(d.ID)
		}
	}
	if failed == nil || failed.Error == "" {
		t.Fatalf("the broken PDF did not fail with a reason: %+v", failed)
	}
	for _, lang := range []struct {
		name, searchable, failed, reason string
	}{
		{"Chinese", "可检索", "处理失败", failed.Error},
		{"English", "Searchable", "Failed", failed.ErrorIn(true)},
	} {
		if lang.name == "English" {
			dept.english()
		}
		_, page := dept.get("/tasks")
		text := html.UnescapeString(textOf(page))
		for _, want := range []string{"· " + lang.searchable, "· " + lang.failed, lang.reason} {
			if !strings.Contains(strings.Join(strings.Fields(text), " "), want) {
				t.Errorf("我的任务 in %s does not say %q:\n%.1500s", lang.name, want, text)
			}
		}
	}
}
