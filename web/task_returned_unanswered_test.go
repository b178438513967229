package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestReturnedFileIsSaidBesideTheBadge: 市教育局 hands in 学分银行台账 and
// 学分银行工作总结; the coordinator returns only the 台账 (缺少合计行). The
// task stays 已提交 for the 总结, and 我的任务 says beside that badge that
// one file was returned, in Chinese and in English; it used to show only
// 已提交, the reason deep in the list. Once the department hands in the
// corrected 台账, the note goes.
func TestReturnedFileIsSaidBesideTheBadge(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	dept.handIn(task, "学分银行台账.txt", "学分银行学习成果认定台账：认定3200人次。")
	dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。")
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 2 {
		t.Fatalf("the task with both files: %+v %v", a, err)
	}
	if _, err := s.env.Assignments.ReturnFiles(ctx, testenv.Admin, task, "缺少合计行", a.Documents[:1]); err != nil {
		t.Fatal(err)
	}
	const note = "（其中 1 份文件已被退回，原因见下方）"
	if _, page := dept.get("/tasks"); !strings.Contains(textOf(page), "已提交 "+note) {
		t.Errorf("我的任务 does not say beside 已提交 that a file was returned (%s):\n%.1500s", note, textOf(page))
	}
	dept.english()
	if _, page := dept.get("/tasks"); !strings.Contains(textOf(page), "1 file was returned: see the reason below") {
		t.Errorf("English 我的任务 does not say a file was returned:\n%.1500s", textOf(page))
	}
	dept.handIn(task, "学分银行台账（修订）.txt", "学分银行学习成果认定台账：认定3200人次，合计3200人次。")
	if _, page := dept.get("/tasks"); strings.Contains(textOf(page), "file was returned") {
		t.Errorf("after the corrected file, 我的任务 still asks for a correction:\n%.1500s", textOf(page))
	}
}

// TestAnsweredReturnIsNotCountedAgain: 市教育局 hands in 台账, 总结 and 名录;
// the coordinator returns the 台账, the department hands in the corrected
// 台账, and later the coordinator returns the 名录. 我的任务 says one file
// is returned (the 名录), not two: the corrected 台账 answered the first
// return although it came before the second.
func TestAnsweredReturnIsNotCountedAgain(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	dept, task := departmentWithATask(t, s)
	dept.handIn(task, "学分银行台账.txt", "学分银行学习成果认定台账：认定3200人次。")
	dept.handIn(task, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。")
	dept.handIn(task, "学分银行合作机构名录.txt", "学分银行合作机构名录：社区学校十二所。")
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil || len(a.Documents) != 3 {
		t.Fatalf("the task with three files: %+v %v", a, err)
	}
	ledger, directory := a.Documents[0], a.Documents[2]
	if _, err := s.env.Assignments.ReturnFiles(ctx, testenv.Admin, task, "缺少合计行", []string{ledger}); err != nil {
		t.Fatal(err)
	}
	dept.handIn(task, "学分银行台账（修订）.txt", "学分银行学习成果认定台账：认定3200人次，合计3200人次。")
	if _, err := s.env.Assignments.ReturnFiles(ctx, testenv.Admin, task, "名录缺少联系人", []string{directory}); err != nil {
		t.Fatal(err)
	}
	if _, page := dept.get("/tasks"); !strings.Contains(textOf(page), "已提交 （其中 1 份文件已被退回，原因见下方）") {
		t.Errorf("我的任务 does not say that one file (the 名录) waits for a correction:\n%.1500s", textOf(page))
	}
}
