package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAssignmentsListNamesReturnedFiles: 市教育局 handed 学分银行工作总结 in
// for 2.3.1 and the coordinator wang returned it (缺少文号.): `assignments
// list` names the file below the task — by its title, file name and id,
// as the board does (probe s29 §8) — as 已退回 by wang with the reason in
// Chinese punctuation, and --lang en in English.
func TestAssignmentsListNamesReturnedFiles(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	addUser(t, data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	dir := t.TempDir()
	table := filepath.Join(dir, "责任分解表.csv")
	docs := filepath.Join(dir, "材料")
	os.Mkdir(docs, 0o755)
	for path, text := range map[string]string{table: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n",
		filepath.Join(docs, "学分银行工作总结.txt"): "杭州市教育局学分银行工作总结：建立学分银行。"} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "ingest", docs, "--data", data, "--city", "330100", "--type", "work_summary", "--round", "2018"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"})
	if err != nil || len(found) != 1 {
		t.Fatalf("the summary ingested: %v %v", found, err)
	}
	doc, named := found[0].ID, found[0].Title+" “学分银行工作总结.txt”"
	if found[0].Title == "" {
		t.Fatal("the summary ingested has no title")
	}
	tasks, err := cat.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100"})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("the task: %v %v", tasks, err)
	}
	if err := cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: tasks[0].ID, From: catalog.AssignmentStatuses,
		To: catalog.AssignmentSubmitted, Documents: []string{doc}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ReturnAssignment(ctx, tasks[0].ID, "缺少文号.", "wang"); err != nil {
		t.Fatal(err)
	}
	cat.Close()
	for _, lang := range []struct{ flag, want, reason string }{
		{"zh", "    已退回：" + named + "（" + doc + "）  wang ", "，原因：缺少文号。"},
		{"en", "    returned: " + named + " (" + doc + ")  by wang ", ", reason: 缺少文号"},
	} {
		out, err := runCLI(t, "assignments", "list", "--data", data, "--city", "330100", "--lang", lang.flag)
		if err != nil {
			t.Fatalf("list: %v\n%s", err, out)
		}
		if !strings.Contains(out, lang.want) || !strings.Contains(out, lang.reason) {
			t.Errorf("assignments list --lang %s does not name the returned file (%q … %q):\n%s", lang.flag, lang.want, lang.reason, out)
		}
	}
}
