package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestRenameDepartmentMovesItsAccounts: on SQLite and PostgreSQL, renaming
// 市人力社保局 moves the accounts that name it (however typed: 人力社保局)
// in the same step and returns them; another department's account stays.
func TestRenameDepartmentMovesItsAccounts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		d, err := s.AddDepartment(ctx, "330100", "市人力社保局", "wang")
		if err != nil {
			t.Fatal(err)
		}
		for name, dept := range map[string]string{"renshe": "人力社保局", "renshe2": "市人力社保局", "jiaoyu": "市教育局"} {
			if err := s.CreateUser(ctx, &User{Username: name, Role: RoleContributor, City: "330100", Department: dept}, "x", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		moved, err := s.RenameDepartment(ctx, d.ID, "市人力资源和社会保障局", "wang")
		if err != nil || !slices.Equal(moved, []string{"renshe", "renshe2"}) {
			t.Fatalf("rename: moved %v, %v; want renshe and renshe2", moved, err)
		}
		for name, want := range map[string]string{"renshe": "市人力资源和社会保障局", "renshe2": "市人力资源和社会保障局", "jiaoyu": "市教育局"} {
			if u, err := s.User(ctx, name); err != nil || u.Department != want {
				t.Errorf("%s after the rename: %+v %v, want department %s", name, u, err, want)
			}
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
