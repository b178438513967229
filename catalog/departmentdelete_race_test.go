package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// TestDeletingADepartmentWhileAccountsTakeIt: on both catalogs, many
// times over, 杭州's coordinator deletes 市教育局第N科 from the list while
// an admin moves the contributor jiaoyu to it and creates the contributor
// keN in it (SetListedUserDepartment, CreateListedUser), each as the
// accounts service does (the name found on the list, then given). Whichever goes first, no account
// is left naming a department that is no longer on the list: the delete
// is refused for the account that took the department, or the account is
// refused for the department deleted.
func TestDeletingADepartmentWhileAccountsTakeIt(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		if _, err := s.AddDepartment(ctx, "330100", "市教育局", "wang"); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateUser(ctx, &User{Username: "jiaoyu", Role: RoleContributor, City: "330100", Department: "市教育局"}, "x", "admin"); err != nil {
			t.Fatal(err)
		}
		// take is the accounts service's way: the name looked up on the
		// list, then given to the account in a transaction of its own.
		take := func(give func(name string) error, name string) error {
			d, err := s.DepartmentByName(ctx, "330100", name)
			if err != nil {
				return err
			}
			return give(d.Name)
		}
		var deleted, refused int
		for round := range 60 {
			name := fmt.Sprintf("市教育局第%d科", round)
			d, err := s.AddDepartment(ctx, "330100", name, "wang")
			if err != nil {
				t.Fatal(err)
			}
			var wg sync.WaitGroup
			start := make(chan struct{})
			errs := make([]error, 3)
			for i, step := range []func() error{
				func() error { return s.DeleteDepartment(ctx, d.ID, "wang") },
				func() error {
					return take(func(n string) error { return s.SetListedUserDepartment(ctx, "jiaoyu", n, "admin") }, name)
				},
				func() error {
					return take(func(n string) error {
						return s.CreateListedUser(ctx, &User{Username: fmt.Sprintf("ke%d", round), Role: RoleContributor, City: "330100", Department: n}, "x", "admin")
					}, name)
				},
			} {
				wg.Go(func() {
					<-start
					errs[i] = step()
				})
			}
			close(start)
			wg.Wait()
			for i, err := range errs {
				if err != nil && ErrorCode(err) != EINVALID && !IsNotFound(err) {
					t.Fatalf("round %d, step %d: %v", round, i, err)
				}
			}
			if errs[0] == nil {
				deleted++
			} else {
				refused++
			}
			_, gone := s.DepartmentByName(ctx, "330100", name)
			for _, user := range []string{"jiaoyu", fmt.Sprintf("ke%d", round)} {
				u, err := s.User(ctx, user)
				if IsNotFound(err) {
					continue
				}
				if err != nil {
					t.Fatal(err)
				}
				if u.Department == name && gone != nil {
					t.Fatalf("round %d: %s names %s, which is no longer on the list (delete: %v; move: %v; create: %v)",
						round, user, name, errs[0], errs[1], errs[2])
				}
			}
			if err := s.SetUserDepartment(ctx, "jiaoyu", "市教育局", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		t.Logf("%d deletes went first, %d were refused", deleted, refused)
	})
}
