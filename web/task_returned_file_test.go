package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnedFileIsMarkedOnTheTask: 市教育局 hands in 学分银行工作总结;
// the coordinator returns it (缺少文号.); the department hands in
// 学分银行管理办法 instead. 我的任务 and the board list both files, the
// first marked 已退回 with who (test, the admin) and the reason (as typed, in Chinese
// punctuation, a comma before 原因), the replacement not; asked to 撤回
// the returned file, the department reads that it was returned and that
// the return stays on record; in English, Returned by.
func TestReturnedFileIsMarkedOnTheTask(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the summary: %d %.800s", resp.StatusCode, page)
	}
	if _, err := s.env.Assignments.Return(ctx, testenv.Admin, task, "缺少文号."); err != nil {
		t.Fatal(err)
	}
	if resp, page := dept.handIn(task, "学分银行管理办法.txt", "杭州市学分银行管理办法，杭政办发〔2018〕12号。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the replacement: %d %.800s", resp.StatusCode, page)
	}
	mark := func(page, title string) string {
		t.Helper()
		text := strings.Join(strings.Fields(html.UnescapeString(textOf(page))), " ")
		m := regexp.MustCompile(regexp.QuoteMeta(title) + `[^·]*`).FindString(text)
		if m == "" {
			t.Fatalf("%s is not listed: %.1500s", title, text)
		}
		return m
	}
	_, mine := dept.get("/tasks")
	wang := s.login("wang")
	_, board := wang.get("/assignments?city=330100&round=2018")
	for name, page := range map[string]string{"我的任务": mine, "the board": board} {
		if got := mark(page, "学分银行工作总结"); !strings.Contains(got, "已退回：test") || !strings.Contains(got, "UTC+8，原因：缺少文号。") {
			t.Errorf("%s: the returned file reads %q, want 已退回：test … UTC+8，原因：缺少文号。 (a comma before 原因, as the README and the CLI write it)", name, got)
		}
		if got := mark(page, "学分银行管理办法"); strings.Contains(got, "已退回") {
			t.Errorf("%s: the replacement reads %q, marked returned", name, got)
		}
	}
	returned, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(returned.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", returned, err)
	}
	_, page := dept.post("/tasks/"+task+"/withdraw", url.Values{"document_id": {returned.Documents[0]}})
	if text := textOf(page); !strings.Contains(text, "这份文件已被协调员退回") || !strings.Contains(text, "退回记录（退回人、时间、原因）仍然保留") {
		t.Errorf("asked to withdraw the returned file, the page does not say it was returned and the return stays:\n%.1500s", text)
	}
	dept.english()
	_, mine = dept.get("/tasks")
	if got := mark(mine, "学分银行工作总结"); !strings.Contains(got, "Returned by: test") || !strings.Contains(got, "UTC+8, reason: 缺少文号。") {
		t.Errorf("English 我的任务: the returned file reads %q, want Returned by: test … UTC+8, reason: 缺少文号。", got)
	}
}
