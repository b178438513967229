package catalog

import (
	"context"
	"fmt"
	"strings"
	"testing"
)

// educationTasks stores, with a framework of 2.3.1 and 2.3.2, docs as
// 市教育局's contact jiaoyu uploaded them and 市教育局's tasks of both
// indicators in 杭州's 2018 round: the hand-in tests' starting point.
// change makes a change to either task from whatever state it is in.
func educationTasks(t *testing.T, s *Store, docs ...*Document) (task231, task232 string, change func(AssignmentChange)) {
	t.Helper()
	ctx := context.Background()
	importSmallFramework(t, s, "2", "2.3.1", "2.3.2")
	for _, d := range docs {
		if err := s.CreateDocument(ctx, d, Submission{User: "jiaoyu", Department: "市教育局"}); err != nil {
			t.Fatal(err)
		}
	}
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
		{Indicator: "2.3.1", Department: "市教育局", Due: "2018-03-31"},
		{Indicator: "2.3.2", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	change = func(c AssignmentChange) {
		t.Helper()
		c.From = AssignmentStatuses
		if err := s.ChangeAssignment(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	return imp.Assignments[0].ID, imp.Assignments[1].ID, change
}

// The task 2.3.1 of 市教育局 was returned (缺少文号), the stamped summary
// handed in and accepted; wang then deletes it. The task is 已退回 again
// with the old reason, but says the accepted file 学分银行工作总结（盖章版）
// was deleted, by wang, when (Assignment and FindAssignments alike). A
// submitted (not accepted) file deleted is told too, as one to hand in
// again (您提交的《社区教育统计表》…请重新提交), and a new hand-in takes
// the word away.
func TestAcceptedFileDeletedIsTold(t *testing.T) {
	forEachStore(t, testAcceptedFileDeletedIsTold)
}

func testAcceptedFileDeletedIsTold(t *testing.T, s *Store) {
	ctx := context.Background()
	var docs []*Document
	for i, title := range []string{"学分银行工作总结", "学分银行工作总结（盖章版）", "学分银行工作总结（再次提交）", "社区教育统计表"} {
		d := newDoc(fmt.Sprintf("D%d", i+1), fmt.Sprintf("sha-D%d", i+1))
		d.Title, d.Filename = title, title+".docx"
		docs = append(docs, d)
	}
	task, other, change := educationTasks(t, s, docs...)
	change(AssignmentChange{ID: task, To: AssignmentSubmitted, Documents: []string{"D1"}, By: "jiaoyu"})
	change(AssignmentChange{ID: task, To: AssignmentReturned, Reason: "缺少文号，请提供盖章版", By: "wang"})
	change(AssignmentChange{ID: task, To: AssignmentSubmitted, Documents: []string{"D2"}, By: "jiaoyu"})
	change(AssignmentChange{ID: task, To: AssignmentAccepted, By: "wang"})
	change(AssignmentChange{ID: other, To: AssignmentSubmitted, Documents: []string{"D4"}, By: "jiaoyu"})
	for _, id := range []string{"D2", "D4"} {
		if _, err := s.DeleteDocument(ctx, id, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	a, err := s.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	g := a.AcceptedGone
	if a.Status != AssignmentReturned || g == nil || g.Document != "D2" || g.Title != "学分银行工作总结（盖章版）" ||
		g.Filename != "学分银行工作总结（盖章版）.docx" || g.By != "wang" || g.At.IsZero() {
		t.Fatalf("task 2.3.1 after its accepted file was deleted: %s %+v, want returned and the accepted file told deleted by wang", a.Status, g)
	}
	if gone := *g; gone.Name() != "学分银行工作总结（盖章版）" || (&AcceptedGone{Document: "D2"}).Name() != "D2" {
		t.Errorf("the deleted file named %q; a purged row's by its ID %q", gone.Name(), (&AcceptedGone{Document: "D2"}).Name())
	}
	list, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100"})
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range list {
		if l.ID == task && (l.AcceptedGone == nil || l.AcceptedGone.Document != "D2") {
			t.Errorf("FindAssignments: task 2.3.1 %+v, want the accepted file told deleted", l.AcceptedGone)
		}
		if l.ID == task && l.AcceptedGone != nil && l.AcceptedGone.Was != AssignmentAccepted {
			t.Errorf("task 2.3.1's deleted file was %q, want accepted", l.AcceptedGone.Was)
		}
		if l.ID != other {
			continue
		}
		g := l.AcceptedGone
		if l.Status != AssignmentOpen || g == nil || g.Document != "D4" || g.Was != AssignmentSubmitted || g.By != "wang" {
			t.Fatalf("task 2.3.2, whose submitted (not accepted) file was deleted: %s %+v, want open and the submitted file told deleted by wang", l.Status, g)
		}
		if w := AcceptedGoneWords(g).Chinese; !strings.HasPrefix(w, "您提交的《社区教育统计表》已于 ") || !strings.HasSuffix(w, " 由 wang 删除，请重新提交") {
			t.Errorf("task 2.3.2's note %q, want 您提交的《社区教育统计表》已于 … 由 wang 删除，请重新提交", w)
		}
	}
	change(AssignmentChange{ID: task, To: AssignmentSubmitted, Documents: []string{"D3"}, By: "jiaoyu"})
	change(AssignmentChange{ID: task, To: AssignmentReturned, Reason: "请补充附件", By: "wang"})
	if a, err := s.Assignment(ctx, task); err != nil || a.AcceptedGone != nil {
		t.Errorf("task 2.3.1 handed in and returned again: %+v %v, want no word of the deleted file", a, err)
	}
}
