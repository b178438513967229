package catalog

import (
	"context"
	"strings"
	"testing"
)

// A document that values or hand-ins of its city rely on is not moved,
// and the refusal names only what there is: no "0 条数值", no "0 项任务".
func TestMoveRefusalNamesOnlyWhatHoldsTheDocument(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	for _, id := range []string{"V", "H", "B"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	for i, id := range []string{"V", "B"} {
		v := &Value{City: "330100", Round: 2018, Indicator: []string{"1.1.1", "1.1.2"}[i], Number: 123, Given: "123个", Unit: "个",
			Citation: Citation{DocumentID: id, SHA256: "sha-" + id, Page: 1, Quote: "认定市民终身学习基地123个"}}
		if err := s.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
	}
	imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{{Indicator: "1.1.1", Department: "市教育局", Due: "2018-03-31"}}, "wang")
	if err != nil {
		t.Fatal(err)
	}
	if err := s.ChangeAssignment(ctx, AssignmentChange{ID: imp.Assignments[0].ID, From: AssignmentStatuses, To: AssignmentSubmitted,
		Documents: []string{"H", "B"}, By: "wang"}); err != nil {
		t.Fatal(err)
	}
	for id, want := range map[string][]string{
		"V": {"1 条数值引用", "请先删除这些数值"},
		"H": {"1 项任务交付的材料", "请删除它并在正确的城市重新上传"},
		"B": {"1 条数值引用", "1 项任务交付的材料"},
	} {
		_, err := s.MoveDocument(ctx, id, "330200", "admin")
		msg := ErrorMessage(err)
		if ErrorCode(err) != ECONFLICT || strings.Contains(msg, " 0 ") {
			t.Errorf("moving %s: %v, want a conflict naming no zero count", id, err)
		}
		for _, w := range want {
			if !strings.Contains(msg, w) {
				t.Errorf("moving %s: %q lacks %q", id, msg, w)
			}
		}
		if en := MessageIn(err, true); en == "" || en == msg || strings.Contains(en, " 0 ") {
			t.Errorf("moving %s: English %q", id, en)
		}
	}
}
