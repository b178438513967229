package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnedFileHandedInAgainIsRefusedOnMyTasks: on 我的任务 市教育局
// hands in its statistics table; the coordinator returns it
// (请提供盖章版统计表); the department hands in exactly the same file
// again. The task's form says it is the very file returned, when, by whom
// and why, and what to do (in English too); the task stays 已退回 with
// its reason.
func TestReturnedFileHandedInAgainIsRefusedOnMyTasks(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	const table = "杭州市2018年社区教育统计表：社区学校126所，参与人次48.6万。"
	if resp, page := dept.handIn(task, "社区教育统计表.txt", table); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in the table: %d %.800s", resp.StatusCode, textOf(page))
	}
	if _, err := s.env.Assignments.Return(context.Background(), testenv.Admin, task, "请提供盖章版统计表"); err != nil {
		t.Fatal(err)
	}
	resp, page := dept.handIn(task, "社区教育统计表.txt", table)
	got := html.UnescapeString(page)
	form := got[max(0, strings.Index(got, `id="task-`+task+`"`)):]
	for _, want := range []string{"社区教育统计表.txt\uFF1A这份文件与 ", " UTC+8 由 test 退回的文件完全相同\uFF08退回原因\uFF1A请提供盖章版统计表\uFF09\uFF0C没有再次提交",
		"请上传更正后的文件\uFF08如盖章版\uFF09"} {
		if resp.StatusCode != 200 || !strings.Contains(form, want) {
			t.Errorf("the returned file again: %d, want %q on the task's form in %.3000s", resp.StatusCode, want, textOf(form))
		}
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil {
		t.Fatal(err)
	}
	if string(a.Status) != "returned" || a.Reason != "请提供盖章版统计表" || len(a.Documents) != 1 {
		t.Errorf("the task after the refused hand-in: %s %q %v, want still returned with its reason and one file", a.Status, a.Reason, a.Documents)
	}
	dept.english()
	_, page = dept.handIn(task, "社区教育统计表.txt", table)
	if got := html.UnescapeString(textOf(page)); !strings.Contains(got, "This file is exactly the one returned on ") || !strings.Contains(got, "by test (reason: 请提供盖章版统计表)") {
		t.Errorf("the returned file again, in English: %.3000s", got)
	}
}
