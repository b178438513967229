package web

import (
	"strings"
	"testing"
)

// TestEnglishPagesSayTaskNotAssignment: the English pages call a row of a
// responsibility table a task, on every page and in the audit log alike,
// never an assignment.
func TestEnglishPagesSayTaskNotAssignment(t *testing.T) {
	for key, m := range messages {
		if en := m[English]; strings.Contains(strings.ToLower(en), "assignment") {
			t.Errorf("%s: English %q says assignment, want task", key, en)
		}
	}
}
