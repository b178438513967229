package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAssignmentsDelete: 1.1.3 was given to 市统计局 and 3.1.1 to 市教育局 by
// slips. `assignments delete` removes the first on the data folder and,
// with --server, the second through the API as the city's coordinator,
// each saying which task went; an ID that is no task is refused; 2.3.1
// stays.
func TestAssignmentsDelete(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	coord := addUser(t, data, "--name", "wang", "--role", "coordinator", "--city", "330100")
	table := filepath.Join(t.TempDir(), "责任分解表.csv")
	if err := os.WriteFile(table, []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.1.3,市统计局,2018-05-01,\n3.1.1,市教育局,2018-06-30,\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	cat := openDataCatalog(t, data)
	tasks, err := cat.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100"})
	cat.Close()
	if err != nil || len(tasks) != 3 {
		t.Fatalf("the imported tasks: %v %v", tasks, err)
	}
	ids := map[string]string{}
	for _, a := range tasks {
		ids[a.Indicator] = a.ID
	}
	out, err := runCLI(t, "assignments", "delete", ids["1.1.3"], "--data", data)
	if err != nil || !strings.Contains(out, "已删除任务 "+ids["1.1.3"]+"：1.1.3 市统计局，截止 2018-05-01") {
		t.Errorf("assignments delete on the data folder: %v\n%s", err, out)
	}
	if _, err := runCLI(t, "assignments", "delete", "01NOSUCHTASK", "--data", data); !strings.Contains(catalog.ErrorMessage(err), "不存在") {
		t.Errorf("deleting an ID that is no task: %v, want it said not to exist", err)
	}
	s := startServer(t, data)
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{"assignments", "delete", ids["3.1.1"], "--server", s.base, "--token", coord}, &stdout, &stderr)
	if err != nil || !strings.Contains(stdout.String(), "3.1.1 市教育局，截止 2018-06-30") {
		t.Errorf("assignments delete --server: %v\nstdout: %s\nstderr: %s", err, stdout.String(), stderr.String())
	}
	var left bytes.Buffer
	if err := run(t.Context(), []string{"assignments", "list", "--server", s.base, "--token", coord, "--round", "2018"}, &left, &stderr); err != nil ||
		!strings.Contains(left.String(), "2.3.1") || strings.Contains(left.String(), "1.1.3") || strings.Contains(left.String(), "3.1.1") {
		t.Errorf("the tasks left: %v\n%s", err, left.String())
	}
}
