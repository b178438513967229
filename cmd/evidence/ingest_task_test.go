package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestIngestToATaskRefusesTheReturnedFile: 市教育局 handed its statistics
// table in for 2.3.1 and the coordinator wang returned it
// (请提供盖章版统计表). `ingest --server --task` with the
// department's token sends the same table again and the stamped one: the
// returned table is listed failed with the server's reason (in English
// with --lang en), the stamped one handed in; the command exits 1.
// --task without --server is refused before anything is read.
func TestIngestToATaskRefusesTheReturnedFile(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	token := addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	dir := t.TempDir()
	table := filepath.Join(dir, "责任分解表.csv")
	returned := filepath.Join(dir, "社区教育统计表.txt")
	stamped := filepath.Join(dir, "社区教育统计表（盖章版）.txt")
	for path, text := range map[string]string{table: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n",
		returned: "杭州市2018年社区教育统计表：社区学校126所。", stamped: "杭州市2018年社区教育统计表：社区学校126所。（已盖章）"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "ingest", returned, "--data", data, "--city", "330100", "--type", "statistics", "--round", "2018"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"})
	if err != nil || len(found) != 1 {
		t.Fatalf("the table ingested: %v %v", found, err)
	}
	tasks, err := cat.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100"})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("the task: %v %v", tasks, err)
	}
	task := tasks[0].ID
	if err := cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: task, From: catalog.AssignmentStatuses,
		To: catalog.AssignmentSubmitted, Documents: []string{found[0].ID}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ReturnAssignment(ctx, task, "请提供盖章版统计表", "wang"); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	if _, err := runCLI(t, "ingest", returned, "--data", data, "--type", "statistics", "--task", task); err == nil || !strings.Contains(err.Error(), "--task 只能与 --server 一起使用") {
		t.Errorf("--task without --server: %v", err)
	}
	s := startServer(t, data)
	// A contributor's token without --task: said once, before any file,
	// with what to do.
	if out, err := runCLI(t, "ingest", stamped, "--server", s.base, "--token", token, "--type", "statistics"); err == nil ||
		!strings.Contains(err.Error(), "部门填报人的账号只能为责任分解任务提交材料：请用 --task 指定任务") || strings.Contains(out, "社区教育统计表") {
		t.Errorf("a contributor without --task: %v\n%s", err, out)
	}
	out, err := runCLI(t, "ingest", returned, "--server", s.base, "--token", token, "--type", "statistics", "--task", task, "--lang", "en")
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 || !strings.Contains(out, "This file is exactly the one returned on ") ||
		!strings.Contains(out, "by wang (reason: 请提供盖章版统计表)") {
		t.Errorf("the returned table again, in English: %v\n%s", err, out)
	}
	out, err = runCLI(t, "ingest", returned, stamped, "--server", s.base, "--token", token, "--type", "statistics", "--task", task)
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("the returned table and the stamped one: %v, want exit 1\n%s", err, out)
	}
	var refusedLine string
	for _, l := range strings.Split(out, "\n") {
		if strings.Contains(l, "社区教育统计表.txt") {
			refusedLine = l
		}
	}
	if !strings.Contains(refusedLine, "这份文件与 ") || !strings.Contains(refusedLine, " UTC+8 由 wang 退回的文件完全相同（退回原因：请提供盖章版统计表）") {
		t.Errorf("the returned table's line: %q\n%s", refusedLine, out)
	}
	if !strings.Contains(out, "新增 1，重复 0，失败 1") || strings.Contains(out, "盖章版）.txt") {
		t.Errorf("the stamped table not handed in alone:\n%s", out)
	}
	cat, err = catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	a, err := cat.Assignment(ctx, task)
	if err != nil || a.Status != catalog.AssignmentSubmitted || len(a.Documents) != 2 || len(a.Returned) != 1 {
		t.Errorf("the task after: %+v %v, want submitted with the stamped table and the returned one still marked", a, err)
	}
}
