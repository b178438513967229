package catalog

import (
	"strings"
	"testing"
)

// TestMessagesNameTheResponsibleUnitOneWay: no message a user reads
// calls the department of a task 报送部门 or 责任部门, its list 部门名单,
// or says “部门（责任单位）”: it is 责任单位 throughout (probe s36 #16);
// nor calls the pack a 证据包: it is a 佐证材料包, as evidence is 佐证材料
// everywhere else (review s37 #6).
func TestMessagesNameTheResponsibleUnitOneWay(t *testing.T) {
	for _, catalog := range []map[string]string{englishMessages, cliEnglish} {
		for msg := range catalog {
			for _, old := range []string{"报送部门", "责任部门", "部门名单", "部门（责任单位）", "证据包"} {
				if strings.Contains(msg, old) {
					t.Errorf("message says %q: %s", old, msg)
				}
			}
		}
	}
}
