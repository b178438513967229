package assignments_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestTableDepartmentHeadingsAllImport: the UI calls the department of a
// task 责任单位, yet a responsibility table from another office may head
// that column 报送部门, 部门 or 责任部门; each imports, the rows
// landing on the same departments.
func TestTableDepartmentHeadingsAllImport(t *testing.T) {
	ctx := context.Background()
	for i, heading := range []string{"责任单位", "报送部门", "部门", "责任部门", "报送单位"} {
		t.Run(heading, func(t *testing.T) {
			_, s := newService(t)
			round := 2018
			table := "指标编码," + heading + ",截止日期,联系人\n2.3.1,市教育局,2018-03-31,张老师\n1.3.2,市人社局,2018-04-15,李科长\n"
			imp, err := s.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: round, Filename: "责任分解表.csv", Data: []byte(table)})
			if err != nil {
				t.Fatalf("table %d headed %s: %v", i, heading, err)
			}
			if len(imp.Assignments) != 2 || imp.Assignments[0].Department != "市教育局" || imp.Assignments[1].Department != "市人社局" {
				t.Errorf("table headed %s: %+v; want 市教育局 and 市人社局", heading, imp.Assignments)
			}
		})
	}
}
