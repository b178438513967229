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

// TestIngestWithoutTaskOrTypeSaysBothAtOnce: `ingest --server` with
// neither --task nor --type names both in its first message, before
// anything is sent (the server here answers nothing), with the role as
// users know it (部门联系人), exit status 2; in English too.
func TestIngestWithoutTaskOrTypeSaysBothAtOnce(t *testing.T) {
	file := filepath.Join(t.TempDir(), "社区教育工作总结.txt")
	if err := os.WriteFile(file, []byte("杭州市2018年社区教育工作总结"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := runCLI(t, "ingest", file, "--server", "http://127.0.0.1:1", "--token", "ev_jiaoyu")
	var ue usageError
	msg := describe(err)
	if !errors.As(err, &ue) {
		t.Errorf("ingest without --task and --type: %v, want a usage error (exit 2)", err)
	}
	for _, want := range []string{"缺少文件类型 --type，可选：", "用 --task 指定任务即可不写 --type", "部门联系人的账号只能这样提交",
		"evidence assignments list --server http://127.0.0.1:1"} {
		if !strings.Contains(msg, want) {
			t.Errorf("ingest without --task and --type says %q, lacking %q", msg, want)
		}
	}
	if strings.Contains(msg, "填报人") {
		t.Errorf("ingest without --task and --type names the role otherwise than 部门联系人: %q", msg)
	}
	en := describeIn(err, "en")
	if !strings.Contains(en, "--task") || !strings.Contains(en, "department contributor") || han.MatchString(en) {
		t.Errorf("in English: %q", en)
	}
}

// TestIngestForATaskTakesItsTypeAndChecksItFirst: jiaoyu (市教育局)
// hands a file in for its 2.3.1 task (制度文件、试点方案、典型案例) with no
// --type: it is stored as a policy, as 我的任务 pre-selects. A task id
// that does not exist, and 市教育局's task given with 市人社局's token,
// stop the import before any file is sent, exit status 2, pointing to
// evidence assignments list --server; nothing is stored.
func TestIngestForATaskTakesItsTypeAndChecksItFirst(t *testing.T) {
	ctx := context.Background()
	f := returnedTaskFixture(t, "学分银行工作总结.txt", "杭州市学分银行工作总结。", "work_summary", "请提供盖章版")
	renshe := addUser(t, f.data, "--name", "renshe", "--role", "contributor", "--city", "330100", "--department", "市人社局")
	file := filepath.Join(t.TempDir(), "杭州市学分银行管理办法.txt")
	if err := os.WriteFile(file, []byte("杭州市学分银行管理办法\n\n杭政办发〔2018〕12号\n\n为推进终身学习，建立学分银行制度。"), 0o644); err != nil {
		t.Fatal(err)
	}
	shen := addUser(t, f.data, "--name", "shen", "--role", "expert")
	s := startServer(t, f.data)
	for _, c := range []struct{ name, token, task string }{
		{"a task that does not exist", f.token, "01NOSUCHTASK0000000000000"},
		{"another department's task", renshe, f.task},
	} {
		out, err := runCLI(t, "ingest", file, "--server", s.base, "--token", c.token, "--task", c.task)
		var ue usageError
		msg := describe(err)
		if !errors.As(err, &ue) || !strings.Contains(msg, "不是您的账号可以提交的任务") ||
			!strings.Contains(msg, "请运行 evidence assignments list --server "+s.base) || strings.Contains(out, "学分银行管理办法") {
			t.Errorf("%s: %v (%q)\n%s\nwant a usage error pointing to evidence assignments list --server, nothing sent", c.name, err, msg, out)
		}
	}
	// An expert may read every task, so the task's check lets it through:
	// its role stops it first.
	out, err := runCLI(t, "ingest", file, "--server", s.base, "--token", shen, "--task", f.task)
	if msg := describe(err); !errors.As(err, new(usageError)) || !strings.Contains(msg, "账号 shen 是专家或审核人") {
		t.Errorf("an expert's token: %v (%q)\n%s\nwant a usage error naming the role", err, msg, out)
	}
	cat, err := catalog.Open(ctx, filepath.Join(f.data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"}); err != nil || len(found) != 1 {
		t.Fatalf("documents after the refused tasks: %d %v, want the fixture's alone", len(found), err)
	}
	if out, err := runCLI(t, "ingest", file, "--server", s.base, "--token", f.token, "--task", f.task); err != nil {
		t.Fatalf("jiaoyu handing in for its task without --type: %v\n%s", err, out)
	}
	found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	var got *catalog.Document
	for _, d := range found {
		if d.Filename == filepath.Base(file) {
			got = d
		}
	}
	if got == nil || got.DocType != catalog.DocPolicy {
		t.Errorf("the file handed in for 2.3.1 without --type: %+v, want a policy (制度文件 first)", got)
	}
}
