package catalog

import (
	"strings"
	"testing"
)

// TestEnglishSaysTaskNotAssignment: the English pages call a row of a
// responsibility table a task (我的任务 is “My tasks”), so no English
// message calls it an assignment. The command's own name, evidence
// assignments, is what a user types and stays.
func TestEnglishSaysTaskNotAssignment(t *testing.T) {
	for name, table := range map[string]map[string]string{"englishMessages": englishMessages, "cliEnglish": cliEnglish} {
		for zh, en := range table {
			words := strings.ReplaceAll(strings.ToLower(en), "evidence assignments", "")
			if strings.Contains(words, "assignment") {
				t.Errorf("%s: the English of %q says assignment, want task: %q", name, zh, en)
			}
		}
	}
}
