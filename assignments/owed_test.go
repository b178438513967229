package assignments_test

import (
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
)

// TestOwedIsOpenOrReturned: a task waits for its department's files
// (Owed) while it is 未提交 or 已退回, never once 已提交 or 已确认: the one
// rule by which the board offers its hand-in form and the upload page its
// 提交到任务 choice.
func TestOwedIsOpenOrReturned(t *testing.T) {
	for _, tt := range []struct {
		status catalog.AssignmentStatus
		owed   bool
	}{
		{catalog.AssignmentOpen, true},
		{catalog.AssignmentReturned, true},
		{catalog.AssignmentSubmitted, false},
		{catalog.AssignmentAccepted, false},
	} {
		if got := (assignments.Task{Assignment: catalog.Assignment{Status: tt.status}}).Owed(); got != tt.owed {
			t.Errorf("a task %s (%s): owed %v, want %v", catalog.AssignmentStatusLabels[tt.status], tt.status, got, tt.owed)
		}
	}
}
