package main

import (
	"context"
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
	f := returnedTaskFixture(t, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。", "work_summary", "缺少文号.")
	data, doc, named := f.data, f.doc.ID, f.doc.Title+" “学分银行工作总结.txt”"
	if f.doc.Title == "" {
		t.Fatal("the summary ingested has no title")
	}
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

// TestAssignmentsListKeepsAReturnedFileDeleted: the coordinator wang
// deleted the summary he returned (ingested from the data folder, it was
// more than the department's hand-in, so only deletion takes it away);
// `assignments list` still names it under the task with its return, and
// below that who deleted it and when, in Chinese and with --lang en in
// English.
func TestAssignmentsListKeepsAReturnedFileDeleted(t *testing.T) {
	ctx := context.Background()
	f := returnedTaskFixture(t, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。", "work_summary", "缺少文号")
	cat, err := catalog.Open(ctx, filepath.Join(f.data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	_, err = cat.DeleteDocument(ctx, f.doc.ID, "wang")
	cat.Close()
	if err != nil {
		t.Fatalf("deleting the returned summary: %v", err)
	}
	for _, lang := range []struct{ flag, returned, deleted string }{
		{"zh", "    已退回：" + f.doc.Title, "      已删除：wang "},
		{"en", "    returned: " + f.doc.Title, "      deleted by wang "},
	} {
		out, err := runCLI(t, "assignments", "list", "--data", f.data, "--city", "330100", "--lang", lang.flag)
		if err != nil {
			t.Fatalf("list: %v\n%s", err, out)
		}
		if !strings.Contains(out, lang.returned) || !strings.Contains(out, lang.deleted) {
			t.Errorf("assignments list --lang %s does not keep the deleted returned file (%q, %q):\n%s", lang.flag, lang.returned, lang.deleted, out)
		}
	}
}

// TestAssignmentsListSaysTheAcceptedFileWasDeleted: the file 市教育局
// handed in after the return is accepted, and wang deletes it. `assignments
// list` says, below the task, that the accepted file was deleted, by whom
// and when, in Chinese and with --lang en in English.
func TestAssignmentsListSaysTheAcceptedFileWasDeleted(t *testing.T) {
	ctx := context.Background()
	f := returnedTaskFixture(t, "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。", "work_summary", "缺少文号")
	cat, err := catalog.Open(ctx, filepath.Join(f.data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	d := &catalog.Document{ID: "STAMPED", SHA256: strings.Repeat("5", 64), Size: 1, MIME: "text/plain", Format: "txt",
		Filename: "学分银行工作总结（盖章版）.txt", Title: "学分银行工作总结（盖章版）", DocType: catalog.DocWorkSummary, City: "330100",
		Status: catalog.StatusStored, UploadedBy: "jiaoyu"}
	err = cat.CreateDocument(ctx, d, catalog.Submission{User: "jiaoyu", Department: "市教育局"})
	for _, c := range []catalog.AssignmentChange{
		{ID: f.task, To: catalog.AssignmentSubmitted, Documents: []string{d.ID}, By: "jiaoyu"},
		{ID: f.task, To: catalog.AssignmentAccepted, By: "wang"},
	} {
		if err == nil {
			c.From = catalog.AssignmentStatuses
			err = cat.ChangeAssignment(ctx, c)
		}
	}
	if err == nil {
		_, err = cat.DeleteDocument(ctx, d.ID, "wang")
	}
	cat.Close()
	if err != nil {
		t.Fatalf("handing in, accepting and deleting the stamped summary: %v", err)
	}
	for _, lang := range []struct{ flag, want string }{
		{"zh", "    已确认的材料《学分银行工作总结（盖章版）》已于 "},
		{"en", "    The accepted file “学分银行工作总结（盖章版）” was deleted on "},
	} {
		out, err := runCLI(t, "assignments", "list", "--data", f.data, "--city", "330100", "--lang", lang.flag)
		if err != nil {
			t.Fatalf("list: %v\n%s", err, out)
		}
		if !strings.Contains(out, lang.want) || !strings.Contains(out, "wang") {
			t.Errorf("assignments list --lang %s does not say the accepted file was deleted (%q):\n%s", lang.flag, lang.want, out)
		}
	}
}
