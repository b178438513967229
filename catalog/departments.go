package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/oklog/ulid/v2"
	"golang.org/x/text/width"
)

// Department is one of a city's departments (责任单位) that hand in
// evidence, as the city's list names it.
type Department struct {
	ID   string
	City string
	Name string
	// Assignments is how many assignments the department holds.
	Assignments int
	// Accounts is how many of the city's accounts belong to it, and
	// HandIns how many live documents were handed in under it or name it
	// as their 责任单位 (DepartmentUses); both are counted by the list
	// (Departments) only.
	Accounts, HandIns int
}

// DepartmentKey is how department names of a city are compared, so that
// one department typed several ways stays one: spaces are dropped,
// full-width letters and digits become half-width, and the city's own
// name (杭州市, 杭州) and any leading 市 are taken off. 市教育局, 教育局,
// 杭州市教育局 and "杭州市 教育局" are one key; 市市场监督管理局 and
// 市场监督管理局 too. The key is only compared, never shown.
func DepartmentKey(cityName, name string) string {
	s := width.Narrow.String(strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, name))
	if cityName != "" {
		base := strings.TrimSuffix(cityName, "市")
		s = strings.TrimPrefix(strings.TrimPrefix(s, base+"市"), base)
	}
	for strings.HasPrefix(s, "市") && len([]rune(s)) > 1 {
		s = strings.TrimPrefix(s, "市")
	}
	return s
}

// departmentKeyOf returns the key of name among city's departments.
func (s *Store) departmentKeyOf(ctx context.Context, q queryer, city, name string) (string, error) {
	var cityName string
	err := q.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, city).Scan(&cityName)
	if errors.Is(err, sql.ErrNoRows) {
		return "", Errorf(EINVALID, "未知的城市代码 %q", city)
	}
	if err != nil {
		return "", fmt.Errorf("query city %s: %w", city, err)
	}
	return DepartmentKey(cityName, name), nil
}

// queryer is what both *sql.DB and *sql.Tx offer for reading.
type queryer interface {
	QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row
	QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// Departments returns city's departments by name, each with how many
// assignments, accounts and hand-ins refer to it (Removable).
func (s *Store) Departments(ctx context.Context, city string) ([]Department, error) {
	out, err := s.departmentList(ctx, city)
	if err != nil || len(out) == 0 {
		return out, err
	}
	refs, err := s.departmentRefs(ctx, s.db, city)
	if err != nil {
		return nil, err
	}
	var cityName string
	if c, err := s.City(ctx, city); err == nil {
		cityName = c.Name
	}
	for i := range out {
		key := DepartmentKey(cityName, out[i].Name)
		out[i].Accounts, out[i].HandIns = len(refs.accounts[key]), len(refs.handIns[key])
	}
	return out, nil
}

// departmentList is Departments without accounts and hand-ins.
func (s *Store) departmentList(ctx context.Context, city string) ([]Department, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT d.id, d.city, d.name,
		(SELECT COUNT(*) FROM assignment a WHERE a.department_id = d.id)
		FROM department d WHERE d.city = ? ORDER BY d.name`, city)
	if err != nil {
		return nil, fmt.Errorf("query departments: %w", err)
	}
	defer rows.Close()
	var out []Department
	for rows.Next() {
		var d Department
		if err := rows.Scan(&d.ID, &d.City, &d.Name, &d.Assignments); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ListedDepartment holds name, a document's 责任单位 as typed, to city's
// list of departments (责任单位名单) and returns it as the list writes it
// (教育局 becomes 市教育局), so that a typo (市教肓局) does not file
// evidence under a department no task or filter finds. A city with no
// list yet takes any name as typed: its documents are filed before any
// responsibility table is imported. A name off the list is EINVALID on
// the department field, naming the city, the name and where to add it.
// Uploads and edits share this one rule.
func (s *Store) ListedDepartment(ctx context.Context, city, name string) (string, error) {
	d, err := s.DepartmentByName(ctx, city, name)
	if err == nil {
		return d.Name, nil
	}
	if !IsNotFound(err) {
		return "", fmt.Errorf("find department %q of city %s: %w", name, city, err)
	}
	var listed bool
	if err := s.db.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM department WHERE city = ?)`, city).Scan(&listed); err != nil {
		return "", fmt.Errorf("query whether city %s has departments: %w", city, err)
	}
	if !listed {
		return name, nil
	}
	return "", s.offListRefusal(ctx, s.db, city, name)
}

// offListRefusal is the refusal of name, a document's 责任单位 that city's
// list of departments does not have.
func (s *Store) offListRefusal(ctx context.Context, q queryer, city, name string) error {
	cityName := city
	if err := q.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, city).Scan(&cityName); err != nil && !errors.Is(err, sql.ErrNoRows) {
		return fmt.Errorf("query city %s: %w", city, err)
	}
	return FieldErrorf("department", EINVALID, "%s的责任单位名单中没有“%s”；请从名单中选择，或先在“责任分解”页的“管理责任单位名单”中添加", cityName, name)
}

// DepartmentByName returns city's department whose name has the same
// DepartmentKey as name, or ENOTFOUND.
func (s *Store) DepartmentByName(ctx context.Context, city, name string) (*Department, error) {
	key, err := s.departmentKeyOf(ctx, s.db, city, name)
	if err != nil {
		return nil, err
	}
	return departmentByKey(ctx, s.db, city, key, name)
}

func departmentByKey(ctx context.Context, q queryer, city, key, name string) (*Department, error) {
	d := Department{City: city}
	err := q.QueryRowContext(ctx, `SELECT id, name FROM department WHERE city = ? AND name_key = ?`, city, key).Scan(&d.ID, &d.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "本市没有责任单位 %q", name)
	}
	if err != nil {
		return nil, fmt.Errorf("query department %s: %w", name, err)
	}
	return &d, nil
}

// Department returns the department with id, or ENOTFOUND.
func (s *Store) Department(ctx context.Context, id string) (*Department, error) {
	d := Department{ID: id}
	err := s.db.QueryRowContext(ctx, `SELECT city, name, (SELECT COUNT(*) FROM assignment a WHERE a.department_id = ?)
		FROM department WHERE id = ?`, id, id).Scan(&d.City, &d.Name, &d.Assignments)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "责任单位 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query department %s: %w", id, err)
	}
	return &d, nil
}

// AddDepartment adds a department to city's list; a name with the key of
// an existing department is ECONFLICT naming that department.
func (s *Store) AddDepartment(ctx context.Context, city, name, by string) (*Department, error) {
	var d *Department
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		var err error
		d, _, err = s.ensureDepartment(ctx, tx, city, name, by, false)
		return err
	})
	return d, err
}

// ensureDepartment returns city's department called name (by key),
// creating it when missing; an existing one is returned when reuse is set,
// else it is ECONFLICT. created says a department was added.
func (s *Store) ensureDepartment(ctx context.Context, tx *sql.Tx, city, name, by string, reuse bool) (d *Department, created bool, err error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, false, FieldErrorf("name", EINVALID, "责任单位名称不能为空")
	}
	key, err := s.departmentKeyOf(ctx, tx, city, name)
	if err != nil {
		return nil, false, err
	}
	d, err = departmentByKey(ctx, tx, city, key, name)
	switch {
	case err == nil && reuse:
		return d, false, nil
	case err == nil:
		return nil, false, FieldErrorf("name", ECONFLICT, "责任单位“%s”已在本市责任单位名单中（与“%s”视为同一单位）", d.Name, name)
	case !IsNotFound(err):
		return nil, false, err
	}
	d = &Department{ID: ulid.Make().String(), City: city, Name: name}
	_, err = tx.ExecContext(ctx, `INSERT INTO department (id, city, name, name_key, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
		d.ID, city, name, key, by, formatTime(s.now()))
	if err != nil {
		return nil, false, fmt.Errorf("insert department %s: %w", name, err)
	}
	err = s.recordEvent(ctx, tx, Event{User: by, Action: "department.create", Object: "department:" + d.ID,
		Detail: map[string]any{"city": city, "name": name}})
	return d, true, err
}

// RenameDepartment renames a department; a name that is another
// department's (by key) is ECONFLICT. Accounts name their department by
// its name, so the city's accounts of the department (by key) follow the
// rename in the same transaction, each with a user.department event; it
// returns their usernames.
func (s *Store) RenameDepartment(ctx context.Context, id, name, by string) ([]string, error) {
	name = strings.TrimSpace(name)
	if name == "" {
		return nil, FieldErrorf("name", EINVALID, "责任单位名称不能为空")
	}
	if s.renameStarting != nil {
		s.renameStarting()
	}
	var moved []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		// The department is read, and locked, in the transaction: a
		// rename running at the same time waits for this one, and the
		// accounts moved are those of the name the department has now,
		// not of a name another rename has just changed.
		d := &Department{ID: id}
		err := tx.QueryRowContext(ctx, `SELECT city, name FROM department WHERE id = ?`+s.dialect.lockRow, id).Scan(&d.City, &d.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "责任单位 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("query department %s: %w", id, err)
		}
		key, err := s.departmentKeyOf(ctx, tx, d.City, name)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE department SET name = ?, name_key = ? WHERE id = ?`, name, key, id); err != nil {
			return fmt.Errorf("rename department: %w", err)
		}
		if moved, err = s.moveDepartmentUsers(ctx, tx, d, name, by); err != nil {
			return err
		}
		detail := map[string]any{"from": d.Name, "to": name}
		if len(moved) > 0 {
			detail["accounts"] = moved
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "department.rename", Object: "department:" + id, Detail: detail})
	})
	if ErrorCode(err) == ECONFLICT {
		return nil, s.renameClash(ctx, id, name)
	}
	return moved, err
}

// renameClash is the refusal to rename the department with id to name,
// another department's: it names that department and offers the merge
// (MergeDepartment) a coordinator means when two names of one department
// are on the list.
func (s *Store) renameClash(ctx context.Context, id, name string) error {
	d, err := s.Department(ctx, id)
	if err != nil {
		return FieldErrorf("name", ECONFLICT, "本市已有责任单位与“%s”同名", name)
	}
	other, err := s.DepartmentByName(ctx, d.City, name)
	if err != nil {
		return FieldErrorf("name", ECONFLICT, "本市已有责任单位与“%s”同名", name)
	}
	return FieldErrorf("name", ECONFLICT, "本市已有责任单位“%s”；如“%s”与它是同一单位，请确认合并：任务、账号和提交的佐证材料都会移到“%s”，“%s”从名单中去掉",
		other.Name, d.Name, other.Name, d.Name)
}

// moveDepartmentUsers gives the accounts of d's city whose department has
// d's old name (by key) the department's new name, and returns them.
func (s *Store) moveDepartmentUsers(ctx context.Context, tx *sql.Tx, d *Department, name, by string) ([]string, error) {
	var cityName string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, d.City).Scan(&cityName); err != nil {
		return nil, fmt.Errorf("query city %s: %w", d.City, err)
	}
	oldKey := DepartmentKey(cityName, d.Name)
	rows, err := tx.QueryContext(ctx, `SELECT username, department FROM app_user WHERE city = ? AND department <> '' ORDER BY username`, d.City)
	if err != nil {
		return nil, fmt.Errorf("query accounts of %s: %w", d.Name, err)
	}
	var moved, from []string
	for rows.Next() {
		var user, dept string
		if err := rows.Scan(&user, &dept); err != nil {
			rows.Close()
			return nil, err
		}
		if DepartmentKey(cityName, dept) == oldKey && dept != name {
			moved, from = append(moved, user), append(from, dept)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for i, user := range moved {
		if err := s.setUserDepartment(ctx, tx, user, from[i], name, by); err != nil {
			return nil, err
		}
	}
	return moved, nil
}

// DeleteDepartment removes a department nothing refers to (no task, no
// account, no hand-in: DepartmentUses); one that is still referred to is
// EINVALID naming what refers to it.
//
// The department's row is locked to be deleted (dialect.lockToDelete)
// before its uses are read: an account or hand-in naming it at the same
// time (holdDepartment) is either waited for and counted among the uses,
// or waits and finds it gone.
func (s *Store) DeleteDepartment(ctx context.Context, id, by string) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		d := &Department{ID: id}
		err := tx.QueryRowContext(ctx, `SELECT city, name FROM department WHERE id = ?`+s.dialect.lockToDelete, id).Scan(&d.City, &d.Name)
		if errors.Is(err, sql.ErrNoRows) {
			return Errorf(ENOTFOUND, "责任单位 %s 不存在", id)
		}
		if err != nil {
			return fmt.Errorf("query department %s: %w", id, err)
		}
		uses, err := s.departmentUses(ctx, tx, d)
		if err != nil {
			return err
		}
		if !uses.None() {
			return usesRefusal(d.Name, uses)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM department WHERE id = ?`, id); err != nil {
			return fmt.Errorf("delete department: %w", err)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "department.delete", Object: "department:" + id,
			Detail: map[string]any{"city": d.City, "name": d.Name}})
	})
}
