package catalog

import (
	"strings"
	"testing"
)

// TestMessagesNameTheResponsibleUnitOneWay: no message a user reads
// calls the department of a task 报送部门, its list 部门名单, or says
// “部门（责任单位）”: it is 责任单位 throughout (probe s36 #16).
func TestMessagesNameTheResponsibleUnitOneWay(t *testing.T) {
	for _, catalog := range []map[string]string{englishMessages, cliEnglish} {
		for msg := range catalog {
			for _, old := range []string{"报送部门", "部门名单", "部门（责任单位）"} {
				if strings.Contains(msg, old) {
					t.Errorf("message says %q: %s", old, msg)
				}
			}
		}
	}
}
