package assignments

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Departments returns a city's list of departments, each with how many
// assignments it holds, to anyone who may see the city.
func (s *Service) Departments(ctx context.Context, u *catalog.User, city string) ([]catalog.Department, error) {
	if _, err := s.cat.City(ctx, city); err != nil {
		return nil, err
	}
	if !u.CanSee(city) {
		return []catalog.Department{}, nil
	}
	return s.cat.Departments(ctx, city)
}

// AddDepartment adds a department to a city's list; a name that is an
// existing department typed another way (市教育局 for 教育局) is
// ECONFLICT naming it. Admins and the city's coordinators only.
func (s *Service) AddDepartment(ctx context.Context, u *catalog.User, city, name string) (*catalog.Department, error) {
	city, _, err := s.target(ctx, u, city, 0)
	if err != nil {
		return nil, err
	}
	return s.cat.AddDepartment(ctx, city, name, u.Username)
}

// Department returns a department of a city u may manage, for the page
// that goes back to its city's list after a change; another city's is
// ENOTFOUND.
func (s *Service) Department(ctx context.Context, u *catalog.User, id string) (*catalog.Department, error) {
	return s.department(ctx, u, id)
}

// department returns a department of a city u may manage; another
// city's is ENOTFOUND.
func (s *Service) department(ctx context.Context, u *catalog.User, id string) (*catalog.Department, error) {
	d, err := s.cat.Department(ctx, id)
	if err != nil {
		return nil, err
	}
	if err := u.SeeObject(d.City, catalog.ObjectDepartment, id); err != nil {
		return nil, err
	}
	if err := canManage(u, d.City); err != nil {
		return nil, err
	}
	return d, nil
}

// RenameDepartment renames a department of the city's list, keeping its
// assignments, and returns the usernames of its accounts, which follow
// the new name so that they keep their tasks. Admins and the city's
// coordinators only.
func (s *Service) RenameDepartment(ctx context.Context, u *catalog.User, id, name string) ([]string, error) {
	if _, err := s.department(ctx, u, id); err != nil {
		return nil, err
	}
	return s.cat.RenameDepartment(ctx, id, name, u.Username)
}

// MergeDepartment merges the department with id into the department of
// its city that into names (another way of writing one department:
// 市教育局（市语委办） and 市教育局), moving its tasks, accounts and hand-ins
// there (catalog.Store.MergeDepartment). Admins and the city's
// coordinators only.
func (s *Service) MergeDepartment(ctx context.Context, u *catalog.User, id, into string) (*catalog.DepartmentMerge, error) {
	if _, err := s.department(ctx, u, id); err != nil {
		return nil, err
	}
	return s.cat.MergeDepartment(ctx, id, into, u.Username)
}

// CheckDepartmentRemovable reports whether DeleteDepartment would remove
// the department: nil when nothing refers to it, else the same refusal,
// naming its tasks, accounts and hand-ins. Admins and the city's
// coordinators only.
func (s *Service) CheckDepartmentRemovable(ctx context.Context, u *catalog.User, id string) error {
	d, err := s.department(ctx, u, id)
	if err != nil {
		return err
	}
	return s.cat.CheckDepartmentRemovable(ctx, d)
}

// DeleteDepartment removes a department nothing refers to (no task, no
// account, no hand-in); one still referred to is refused naming them.
// Admins and the city's coordinators only.
func (s *Service) DeleteDepartment(ctx context.Context, u *catalog.User, id string) error {
	if _, err := s.department(ctx, u, id); err != nil {
		return err
	}
	return s.cat.DeleteDepartment(ctx, id, u.Username)
}
