package assignments

import (
	"context"
	"regexp"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// trailingNote is a department's name with a bracketed note after it:
// 市教育局（市语委办）, 市委组织部(市人才办). Pilot cities' tables write so a
// department that another office is hung on or shares staff with
// (挂牌、合署); the note does not make a department of its own.
var trailingNote = regexp.MustCompile(`^(.+?)\s*[（(]([^（）()]+)[）)]$`)

// noteFolds returns, for each name of names (a table's departments) that
// carries a trailing note, the department it is imported as: the name
// without the note, as the city's list writes it, or as the table writes
// it elsewhere without a note. A noted name that is itself on the list
// stays as it is (the coordinator kept it as a department), and so does
// one whose name without the note neither the list nor the table has:
// nothing says the note is only a note.
func (s *Service) noteFolds(ctx context.Context, city, cityName string, names []string) (map[string]catalog.FoldedName, error) {
	plain := map[string]string{} // key → the table's first form without a note
	for _, n := range names {
		if !trailingNote.MatchString(n) {
			if k := catalog.DepartmentKey(cityName, n); plain[k] == "" {
				plain[k] = n
			}
		}
	}
	out := map[string]catalog.FoldedName{}
	for _, n := range names {
		m := trailingNote.FindStringSubmatch(n)
		if m == nil {
			continue
		}
		if _, ok := out[n]; ok {
			continue
		}
		if _, err := s.cat.DepartmentByName(ctx, city, n); err == nil {
			continue
		} else if !catalog.IsNotFound(err) {
			return nil, err
		}
		base, note := strings.TrimSpace(m[1]), strings.TrimSpace(m[2])
		fold := catalog.FoldedName{Written: n}
		switch d, err := s.cat.DepartmentByName(ctx, city, base); {
		case err == nil:
			fold.As = d.Name
		case !catalog.IsNotFound(err):
			return nil, err
		default:
			fold.As = plain[catalog.DepartmentKey(cityName, base)]
		}
		if fold.As == "" {
			continue
		}
		switch d, err := s.cat.DepartmentByName(ctx, city, note); {
		case err == nil:
			fold.Other = d.Name
		case !catalog.IsNotFound(err):
			return nil, err
		}
		out[n] = fold
	}
	return out, nil
}

// unreceived are the departments of tasks, each once in their order,
// that no account of city belongs to: nobody signs in to receive their
// tasks.
func (s *Service) unreceived(ctx context.Context, city string, tasks []catalog.Assignment) ([]string, error) {
	list, err := s.cat.Departments(ctx, city)
	if err != nil {
		return nil, err
	}
	accounts := make(map[string]int, len(list))
	for _, d := range list {
		accounts[d.ID] = d.Accounts
	}
	var out []string
	seen := map[string]bool{}
	for _, t := range tasks {
		if !seen[t.DepartmentID] && accounts[t.DepartmentID] == 0 {
			out = append(out, t.Department)
		}
		seen[t.DepartmentID] = true
	}
	return out, nil
}

// NotedTwins returns, by id, the departments of city's list (list, as
// Departments returns it) whose name is another department of the list
// with a bracketed note after it, each with that other department's
// name: 市教育局（市语委办） beside 市教育局, two names of one department
// that imports from before notes were folded left on the list. The list
// page offers to merge them (MergeDepartment).
func (s *Service) NotedTwins(ctx context.Context, city string, list []catalog.Department) (map[string]string, error) {
	c, err := s.cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	byKey := make(map[string]string, len(list))
	for _, d := range list {
		byKey[catalog.DepartmentKey(c.Name, d.Name)] = d.Name
	}
	out := map[string]string{}
	for _, d := range list {
		m := trailingNote.FindStringSubmatch(d.Name)
		if m == nil {
			continue
		}
		if twin, ok := byKey[catalog.DepartmentKey(c.Name, strings.TrimSpace(m[1]))]; ok && twin != d.Name {
			out[d.ID] = twin
		}
	}
	return out, nil
}
