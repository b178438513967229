package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// returnedTask is a data folder where 市教育局 (contributor jiaoyu) handed
// one file in for its task for 2.3.1 in round 2018 and the coordinator
// wang returned it.
type returnedTask struct {
	data  string // the data folder
	token string // jiaoyu's API token
	task  string // the task's id
	path  string // the file handed in, in a temporary folder
	doc   *catalog.Document
}

// returnedTaskFixture imports the city's responsibility table (2.3.1 to
// 市教育局), ingests a file name holding text as a document of kind
// docType, records it as jiaoyu's hand-in for the task and has wang
// return it for reason; the catalog is closed again.
func returnedTaskFixture(t *testing.T, name, text, docType, reason string) returnedTask {
	t.Helper()
	ctx := context.Background()
	f := returnedTask{data: filepath.Join(t.TempDir(), "data")}
	f.token = addUser(t, f.data, "--name", "jiaoyu", "--role", "contributor", "--city", "330100", "--department", "市教育局")
	dir := t.TempDir()
	table := filepath.Join(dir, "责任分解表.csv")
	f.path = filepath.Join(dir, name)
	for path, text := range map[string]string{table: "指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n", f.path: text} {
		if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if out, err := runCLI(t, "assignments", "import", table, "--data", f.data, "--city", "330100", "--round", "2018"); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	if out, err := runCLI(t, "ingest", f.path, "--data", f.data, "--city", "330100", "--type", docType, "--round", "2018"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	cat, err := catalog.Open(ctx, filepath.Join(f.data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	found, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{City: "330100"})
	if err != nil || len(found) != 1 {
		t.Fatalf("%s ingested: %v %v", name, found, err)
	}
	f.doc = found[0]
	tasks, err := cat.FindAssignments(ctx, catalog.AssignmentFilter{City: "330100"})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("the task: %v %v", tasks, err)
	}
	f.task = tasks[0].ID
	if err := cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: f.task, From: catalog.AssignmentStatuses,
		To: catalog.AssignmentSubmitted, Documents: []string{f.doc.ID}, By: "jiaoyu"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ReturnAssignment(ctx, f.task, reason, "wang"); err != nil {
		t.Fatal(err)
	}
	return f
}
