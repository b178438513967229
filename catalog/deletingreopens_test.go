package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestDeletingReopensNamesTheTasksLeftEmpty: 市教育局's task 2.3.1 was
// accepted with 学分银行工作总结 alone; task 2.3.2 was handed in with two
// files. Deleting the summary would reopen 2.3.1; deleting one of 2.3.2's
// files reopens nothing, both of them 2.3.2; nothing is changed by
// asking, and after the summary is deleted it is the task DeleteDocument
// reopened.
func TestDeletingReopensNamesTheTasksLeftEmpty(t *testing.T) {
	forEachStore(t, testDeletingReopensNamesTheTasksLeftEmpty)
}

func testDeletingReopensNamesTheTasksLeftEmpty(t *testing.T, s *Store) {
	ctx := context.Background()
	var docs []*Document
	for _, id := range []string{"总结", "统计表", "统计表（续）"} {
		docs = append(docs, newDoc(id, "sha-"+id))
	}
	accepted, submitted, change := educationTasks(t, s, docs...)
	change(AssignmentChange{ID: accepted, To: AssignmentSubmitted, Documents: []string{"总结"}, By: "jiaoyu"})
	change(AssignmentChange{ID: accepted, To: AssignmentAccepted, By: "wang"})
	change(AssignmentChange{ID: submitted, To: AssignmentSubmitted, Documents: []string{"统计表", "统计表（续）"}, By: "jiaoyu"})
	for _, tt := range []struct {
		deleting []string
		want     []string
	}{
		{[]string{"总结"}, []string{accepted}},
		{[]string{"统计表"}, nil},
		{[]string{"统计表", "统计表（续）"}, []string{submitted}},
		{[]string{"总结", "统计表（续）"}, []string{accepted}},
		{nil, nil},
	} {
		tasks, err := s.DeletingReopens(ctx, tt.deleting)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, a := range tasks {
			got = append(got, a.ID)
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("deleting %v would reopen %v, want %v", tt.deleting, got, tt.want)
		}
	}
	if a, err := s.Assignment(ctx, accepted); err != nil || a.Status != AssignmentAccepted {
		t.Fatalf("task 2.3.1 after asking: %+v %v, want still accepted", a, err)
	}
	r, err := s.DeleteDocument(ctx, "总结", "wang")
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(r.Assignments, []string{accepted}) {
		t.Errorf("deleting the summary reopened %v, want %v, as asked", r.Assignments, []string{accepted})
	}
}
