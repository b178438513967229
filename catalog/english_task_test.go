package catalog

import (
	"strings"
	"testing"
)

// TestEnglishSaysTaskNotAssignment: the English pages call a row of a
// responsibility table a task (我的任务 is “My tasks”), so no English
// message, and no object a message names (“task 01J… not found”), calls
// it an assignment. The command's own name, evidence
// assignments, is what a user types and stays.
func TestEnglishSaysTaskNotAssignment(t *testing.T) {
	objects := map[string]string{}
	for _, w := range []Words{ObjectCity, ObjectDocument, ObjectClaim, ObjectValue, ObjectCarried, ObjectDepartment, ObjectAssignment} {
		objects[w.Chinese] = w.English
	}
	for name, table := range map[string]map[string]string{"englishMessages": englishMessages, "cliEnglish": cliEnglish, "objects": objects} {
		for zh, en := range table {
			words := strings.ReplaceAll(strings.ToLower(en), "evidence assignments", "")
			if strings.Contains(words, "assignment") {
				t.Errorf("%s: the English of %q says assignment, want task: %q", name, zh, en)
			}
		}
	}
}
