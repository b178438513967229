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
	f := returnedTaskFixture(t, "社区教育统计表.txt", "杭州市2018年社区教育统计表：社区学校126所。", "statistics", "请提供盖章版统计表")
	data, token, task, returned := f.data, f.token, f.task, f.path
	stamped := filepath.Join(t.TempDir(), "社区教育统计表（盖章版）.txt")
	if err := os.WriteFile(stamped, []byte("杭州市2018年社区教育统计表：社区学校126所。（已盖章）"), 0o644); err != nil {
		t.Fatal(err)
	}

	if _, err := runCLI(t, "ingest", returned, "--data", data, "--type", "statistics", "--task", task); err == nil || !strings.Contains(err.Error(), "--task 只能与 --server 一起使用") {
		t.Errorf("--task without --server: %v", err)
	}
	s := startServer(t, data)
	// A contributor's token without --task: said once, before any file,
	// with what to do, in the role's own name (部门联系人).
	var ue usageError
	if out, err := runCLI(t, "ingest", stamped, "--server", s.base, "--token", token, "--type", "statistics"); !errors.As(err, &ue) ||
		!strings.Contains(err.Error(), "部门联系人的账号只能为责任分解任务提交材料：请用 --task 指定任务") || strings.Contains(out, "社区教育统计表") {
		t.Errorf("a contributor without --task: %v\n%s; want a usage error (exit 2)", err, out)
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
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	a, err := cat.Assignment(ctx, task)
	if err != nil || a.Status != catalog.AssignmentSubmitted || len(a.Documents) != 2 || len(a.Returned) != 1 {
		t.Errorf("the task after: %+v %v, want submitted with the stamped table and the returned one still marked", a, err)
	}
}
