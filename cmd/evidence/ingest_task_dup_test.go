package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestIngestToATaskSaysTheDuplicateWasHandedIn: wang returned 市教育局's
// statistics table; after talking it over, wang hands the very same file
// in for the task with `ingest --server --task`. The line says it was
// handed in for the task (已提交到任务, with the task), not only 重复, in
// Chinese and English; the task is submitted again, the return mark gone.
func TestIngestToATaskSaysTheDuplicateWasHandedIn(t *testing.T) {
	f := returnedTaskFixture(t, "社区教育统计表.txt", "杭州市2018年社区教育统计表：社区学校126所。", "statistics", "请提供盖章版统计表")
	wang := addUser(t, f.data, "--name", "wang", "--role", "coordinator", "--city", "330100")
	s := startServer(t, f.data)
	for _, tt := range []struct{ lang, want, not string }{
		{"zh", "  已提交到任务  " + f.path + "：档案中已有相同文件的文档", "  重复  "},
		{"en", "  handed in for the task  " + f.path + ": the archive already holds the same file", "  duplicate  "},
	} {
		out, err := runCLI(t, "ingest", f.path, "--server", s.base, "--token", wang, "--type", "statistics", "--task", f.task, "--lang", tt.lang)
		if err != nil || !strings.Contains(out, tt.want) || !strings.Contains(out, f.task) || strings.Contains(out, tt.not) {
			t.Errorf("%s: the coordinator handing the returned file in: %v, want %q naming task %s\n%s", tt.lang, err, tt.want, f.task, out)
		}
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(f.data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if a, err := cat.Assignment(context.Background(), f.task); err != nil || a.Status != catalog.AssignmentSubmitted || len(a.Returned) != 0 {
		t.Errorf("the task after: %+v %v, want submitted with no returned mark", a, err)
	}
}
