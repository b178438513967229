package assignments_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestDeleteATaskAddedByMistake: 市统计局 was given 1.1.3 by a slip. The
// coordinator deletes the task: it leaves the board, the department may
// then be deleted, and the deletion is audited naming what the task was.
// A task with a file handed in is refused, saying to withdraw or return
// it first, and may go once it is returned; an accepted one is refused;
// a department's contributor, an expert and another city's coordinator
// may not delete.
func TestDeleteATaskAddedByMistake(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name     string
		by       *catalog.User
		setup    func(t *testing.T, e *testenv.Env, s *assignments.Service, task string)
		code     string // "" deleted
		phrase   string
		indicate string // the task's indicator
	}{
		{"误加的市统计局任务", coordA, nil, "", "", "1.1.3"},
		{"管理员删除", admin, nil, "", "", "1.1.3"},
		{"部门已提交材料", coordA, func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) {
			handIn(t, e, jiaoyu, task, "学分银行通知.txt", "杭州市学分银行建设通知。")
		}, catalog.ECONFLICT, "请先由部门撤回这些材料，或由协调员退回后再删除", "2.3.1"},
		{"退回后再删除", coordA, func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) {
			handIn(t, e, jiaoyu, task, "学分银行通知.txt", "杭州市学分银行建设通知。")
			if _, err := s.Return(ctx, coordA, task, "任务误加"); err != nil {
				t.Fatal(err)
			}
		}, "", "", "2.3.1"},
		{"已确认的任务", coordA, func(t *testing.T, e *testenv.Env, s *assignments.Service, task string) {
			handIn(t, e, jiaoyu, task, "学分银行通知.txt", "杭州市学分银行建设通知。")
			e.WaitHandedInRead(task)
			if _, err := s.Accept(ctx, coordA, task, ""); err != nil {
				t.Fatal(err)
			}
		}, catalog.ECONFLICT, "任务已确认，不能删除", "2.3.1"},
		{"部门联系人", jiaoyu, nil, catalog.EFORBIDDEN, "删除", "2.3.1"},
		{"专家", expert, nil, catalog.EFORBIDDEN, "", "1.1.3"},
		{"成都的协调员", coordB, nil, catalog.ENOTFOUND, "", "1.1.3"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			e, s := newService(t)
			var task string
			if tt.indicate == "1.1.3" {
				added, err := s.Add(ctx, coordA, assignments.NewAssignment{City: hangzhou, Round: 2018, Indicator: "1.1.3", Department: "市统计局", Due: "2018-05-01"})
				if err != nil {
					t.Fatal(err)
				}
				task = added.ID
			} else {
				task = imported(t, s)["2.3.1"].ID
			}
			if tt.setup != nil {
				tt.setup(t, e, s, task)
			}
			got, err := s.Delete(ctx, tt.by, task)
			if catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
				t.Fatalf("%s deletes the task: %v, want %q saying %q", tt.by.Username, err, tt.code, tt.phrase)
			}
			_, after := e.Catalog.Assignment(ctx, task)
			if tt.code != "" {
				if after != nil {
					t.Errorf("the task refused deletion is gone: %v", after)
				}
				return
			}
			if got.Indicator != tt.indicate || !catalog.IsNotFound(after) {
				t.Errorf("deleted %+v; the task after: %v, want ENOTFOUND", got.Assignment, after)
			}
			events, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: "assignment:" + task, Action: "assignment.delete"})
			if err != nil || len(events) != 1 || events[0].User != tt.by.Username || events[0].Detail["indicator"] != tt.indicate {
				t.Errorf("audit of the deletion: %+v %v", events, err)
			}
			if tt.indicate == "1.1.3" {
				d, err := e.Catalog.DepartmentByName(ctx, hangzhou, "市统计局")
				if err != nil {
					t.Fatal(err)
				}
				if err := s.DeleteDepartment(ctx, coordA, d.ID); err != nil {
					t.Errorf("市统计局 without its task still cannot be deleted: %v", err)
				}
			}
		})
	}
}
