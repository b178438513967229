package web

import (
	"strings"
	"testing"
)

// TestOneTermForTheResponsibleUnit: the department a task or document
// answers to is 责任单位 in every label of the UI, as the users' own
// documents call it; 报送部门, 部门名单 and “部门（责任单位）” were three
// names for it (probe s36 #16).
func TestOneTermForTheResponsibleUnit(t *testing.T) {
	for key, m := range messages {
		for _, old := range []string{"报送部门", "部门名单", "部门（责任单位）", "各部门进度"} {
			if strings.Contains(m[Chinese], old) {
				t.Errorf("%s says %q: %s", key, old, m[Chinese])
			}
		}
	}
	for _, key := range []string{"doc.department", "assignment.department", "departments.title", "departments.link", "assignments.progress", "admin.department_change"} {
		if !strings.Contains(messages[key][Chinese], "责任单位") {
			t.Errorf("%s is %q, not named 责任单位", key, messages[key][Chinese])
		}
	}
}
