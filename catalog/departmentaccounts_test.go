package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestRenameDepartmentMovesItsAccounts: on SQLite and PostgreSQL, renaming
// 市人力社保局 moves the accounts that name it (however typed: 人力社保局)
// in the same step and returns them, which the department.rename event
// names; another department's account stays, and so does that of 市人社局,
// a near name that is another department (another key).
func TestRenameDepartmentMovesItsAccounts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d, err := s.AddDepartment(ctx, "330100", "市人力社保局", "wang")
		if err != nil {
			t.Fatal(err)
		}
		for name, dept := range map[string]string{"renshe": "人力社保局", "renshe2": "市人力社保局", "jiaoyu": "市教育局", "rsj": "市人社局"} {
			if err := s.CreateUser(ctx, &User{Username: name, Role: RoleContributor, City: "330100", Department: dept}, "x", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		moved, err := s.RenameDepartment(ctx, d.ID, "市人力资源和社会保障局", "wang")
		if err != nil || !slices.Equal(moved, []string{"renshe", "renshe2"}) {
			t.Fatalf("rename: moved %v, %v; want renshe and renshe2", moved, err)
		}
		for name, want := range map[string]string{"renshe": "市人力资源和社会保障局", "renshe2": "市人力资源和社会保障局", "jiaoyu": "市教育局", "rsj": "市人社局"} {
			if u, err := s.User(ctx, name); err != nil || u.Department != want {
				t.Errorf("%s after the rename: %+v %v, want department %s", name, u, err, want)
			}
		}
		renamed, err := s.FindEvents(ctx, EventFilter{Object: "department:" + d.ID, Action: "department.rename"})
		if err != nil || len(renamed) != 1 {
			t.Fatalf("the rename in the audit log: %+v %v", renamed, err)
		}
		if got := fmt.Sprint(renamed[0].Detail["accounts"]); got != "[renshe renshe2]" || renamed[0].Detail["from"] != "市人力社保局" {
			t.Errorf("the department.rename event: %v, want from 市人力社保局 and accounts [renshe renshe2]", renamed[0].Detail)
		}
		events, err := s.FindEvents(ctx, EventFilter{Object: "user:renshe", Action: "user.department"})
		if err != nil || len(events) != 1 || events[0].User != "wang" {
			t.Errorf("renshe's move in the audit log: %+v %v", events, err)
		}
		if err := s.SetUserDepartment(ctx, "nobody", "市教育局", "admin"); !IsNotFound(err) {
			t.Errorf("moving an unknown account: %v, want not found", err)
		}
	})
}

// TestRenamesAtOnceMoveTheAccounts: while 市人力社保局 is being renamed to
// 市人力资源和社会保障局, another request renames it to 市人社局 first
// (renameStarting stands for it), moving its account there. The rename
// that goes on reads the department's name in its transaction, 市人社局,
// and moves the account on with it: no account is left on a name that
// is no longer the department's, without its tasks.
func TestRenamesAtOnceMoveTheAccounts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d, err := s.AddDepartment(ctx, "330100", "市人力社保局", "wang")
		if err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, &User{Username: "renshe", Role: RoleContributor, City: "330100", Department: "市人力社保局"}, "x", "admin"); err != nil {
			t.Fatal(err)
		}
		s.renameStarting = func() {
			s.renameStarting = nil
			if moved, err := s.RenameDepartment(ctx, d.ID, "市人社局", "li"); err != nil || !slices.Equal(moved, []string{"renshe"}) {
				t.Errorf("the other rename: moved %v, %v", moved, err)
			}
		}
		moved, err := s.RenameDepartment(ctx, d.ID, "市人力资源和社会保障局", "wang")
		if err != nil || !slices.Equal(moved, []string{"renshe"}) {
			t.Errorf("the rename that went on: moved %v, %v; want renshe, moved from 市人社局", moved, err)
		}
		if u, err := s.User(ctx, "renshe"); err != nil || u.Department != "市人力资源和社会保障局" {
			t.Errorf("renshe after both renames: %+v %v, want 市人力资源和社会保障局, the department's name", u, err)
		}
		renamed, err := s.FindEvents(ctx, EventFilter{Object: "department:" + d.ID, Action: "department.rename"})
		if err != nil || !slices.ContainsFunc(renamed, func(ev Event) bool { return ev.User == "wang" && ev.Detail["from"] == "市人社局" }) {
			t.Errorf("wang's rename in the audit log: %+v %v, want it from 市人社局", renamed, err)
		}
	})
}
