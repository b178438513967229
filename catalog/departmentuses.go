package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// DepartmentUses is what refers to a department of a city's list: its
// tasks (round and indicator: 2018 1.1.2), the city's accounts that
// belong to it (usernames) and the live documents handed in under it or
// filed with it as their 责任单位 (file names). A department none refers
// to, such as a name an earlier import wrote wrongly (市教育局、市人社局 as
// one, before a cell was split), may be removed from the list.
type DepartmentUses struct {
	Tasks, Accounts, HandIns []string
}

// None reports whether nothing refers to the department.
func (u DepartmentUses) None() bool {
	return len(u.Tasks) == 0 && len(u.Accounts) == 0 && len(u.HandIns) == 0
}

// Removable reports whether nothing refers to d (no task, no account, no
// hand-in), so that it may be removed from the list.
func (d Department) Removable() bool {
	return d.Assignments == 0 && d.Accounts == 0 && d.HandIns == 0
}

// DepartmentUses returns what refers to the department with id; ENOTFOUND
// when there is none.
func (s *Store) DepartmentUses(ctx context.Context, id string) (DepartmentUses, error) {
	d, err := s.Department(ctx, id)
	if err != nil {
		return DepartmentUses{}, err
	}
	return s.departmentUses(ctx, s.db, d)
}

// CheckDepartmentRemovable is nil when nothing refers to d, else the
// refusal DeleteDepartment gives, naming what refers to it.
func (s *Store) CheckDepartmentRemovable(ctx context.Context, d *Department) error {
	uses, err := s.departmentUses(ctx, s.db, d)
	if err != nil {
		return err
	}
	if !uses.None() {
		return usesRefusal(d.Name, uses)
	}
	return nil
}

// departmentUses is DepartmentUses of d, read through q. Accounts and
// hand-ins name their department by its name, compared by key
// (DepartmentKey), as the list compares names.
func (s *Store) departmentUses(ctx context.Context, q queryer, d *Department) (DepartmentUses, error) {
	var u DepartmentUses
	rows, err := q.QueryContext(ctx, `SELECT round, indicator_code FROM assignment WHERE department_id = ? ORDER BY round, indicator_code`, d.ID)
	if err != nil {
		return u, fmt.Errorf("query tasks of department %s: %w", d.ID, err)
	}
	for rows.Next() {
		var round int
		var code string
		if err := rows.Scan(&round, &code); err != nil {
			rows.Close()
			return u, fmt.Errorf("read task of department %s: %w", d.ID, err)
		}
		u.Tasks = append(u.Tasks, strconv.Itoa(round)+" "+code)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return u, fmt.Errorf("query tasks of department %s: %w", d.ID, err)
	}
	key, err := s.departmentKeyOf(ctx, q, d.City, d.Name)
	if err != nil {
		return u, err
	}
	refs, err := s.departmentRefs(ctx, q, d.City)
	if err != nil {
		return u, err
	}
	u.Accounts, u.HandIns = refs.accounts[key], refs.handIns[key]
	return u, nil
}

// departmentRefs are a city's accounts and live hand-ins by the key of
// the department they name.
type departmentRefs struct {
	accounts, handIns map[string][]string
}

// departmentRefs reads city's accounts with a department, and its live
// documents handed in under one (submission) or filed with one (their
// 责任单位), each document once per department key.
func (s *Store) departmentRefs(ctx context.Context, q queryer, city string) (departmentRefs, error) {
	refs := departmentRefs{accounts: map[string][]string{}, handIns: map[string][]string{}}
	var cityName string
	if err := q.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, city).Scan(&cityName); err != nil {
		return refs, fmt.Errorf("query city %s: %w", city, err)
	}
	add := func(m map[string][]string, what, query string, args ...any) error {
		rows, err := q.QueryContext(ctx, query, args...)
		if err != nil {
			return fmt.Errorf("query %s of city %s by department: %w", what, city, err)
		}
		defer rows.Close()
		seen := map[string]bool{}
		for rows.Next() {
			var dept, id, name string
			if err := rows.Scan(&dept, &id, &name); err != nil {
				return fmt.Errorf("read %s of city %s: %w", what, city, err)
			}
			key := DepartmentKey(cityName, dept)
			if !seen[key+"\x00"+id] {
				seen[key+"\x00"+id] = true
				m[key] = append(m[key], name)
			}
		}
		return rows.Err()
	}
	if err := add(refs.accounts, "accounts", `SELECT department, username, username FROM app_user
		WHERE city = ? AND department <> '' ORDER BY username`, city); err != nil {
		return refs, err
	}
	err := add(refs.handIns, "hand-ins", `SELECT dept, id, filename FROM (
		SELECT sb.department AS dept, d.id AS id, d.filename AS filename, d.seq AS seq FROM submission sb
			JOIN document d ON d.id = sb.document_id AND d.deleted_at IS NULL WHERE d.city = ? AND sb.department <> ''
		UNION
		SELECT d.department, d.id, d.filename, d.seq FROM document d WHERE d.city = ? AND d.deleted_at IS NULL AND d.department <> ''
		) h ORDER BY seq`, city, city)
	return refs, err
}

// usesRefusal is the refusal to delete the department name that uses
// refer to, naming them (at most namedUses of each).
func usesRefusal(name string, u DepartmentUses) error {
	var parts []Words
	if len(u.Tasks) > 0 {
		parts = append(parts, MessageWords(Errorf(EINVALID, "%d 项责任分解任务（%s）", len(u.Tasks), namedList(u.Tasks))))
	}
	if len(u.Accounts) > 0 {
		parts = append(parts, MessageWords(Errorf(EINVALID, "%d 个账号（%s）", len(u.Accounts), namedList(u.Accounts))))
	}
	if len(u.HandIns) > 0 {
		parts = append(parts, MessageWords(Errorf(EINVALID, "%d 份提交的佐证材料（%s）", len(u.HandIns), namedList(u.HandIns))))
	}
	zh, en := make([]string, len(parts)), make([]string, len(parts))
	for i, p := range parts {
		zh[i], en[i] = p.Chinese, p.English
	}
	all := Words{Chinese: strings.Join(zh, "、"), English: strings.Join(en, ", ")}
	return Errorf(EINVALID, "责任单位“%s”仍有 %s，不能删除；请先把任务改派给其他责任单位、把账号改到其他责任单位；提交过材料的责任单位只能改名，不能删除", name, all)
}

// namedUses is how many of a department's tasks, accounts or hand-ins a
// refusal names; the rest are counted only.
const namedUses = 5

// namedList is the first namedUses of names, 、-joined, with 等 after
// them when there are more.
func namedList(names []string) Words {
	if len(names) <= namedUses {
		return Words{Chinese: strings.Join(names, "、"), English: strings.Join(names, ", ")}
	}
	return Words{Chinese: strings.Join(names[:namedUses], "、") + "等", English: strings.Join(names[:namedUses], ", ") + ", …"}
}

// holdDepartment returns the department of city's list that name names (by
// key, DepartmentKey), locked until tx ends (dialect.lockShare), or
// ENOTFOUND when the list has none. Accounts and hand-ins name their
// department by its name, not by a key the database would hold to the
// row: a transaction that writes such a name holds the row this way, so
// that a DeleteDepartment or rename of it at the same time (which lock
// the row to change it) either waits for the name written and sees it
// among the department's uses, or goes first, and the name is then found
// gone or renamed here. SQLite's one writer already serialises them.
func (s *Store) holdDepartment(ctx context.Context, tx *sql.Tx, city, name string) (*Department, error) {
	key, err := s.departmentKeyOf(ctx, tx, city, name)
	if err != nil {
		return nil, err
	}
	d := Department{City: city}
	err = tx.QueryRowContext(ctx, `SELECT id, name FROM department WHERE city = ? AND name_key = ?`+s.dialect.lockShare,
		city, key).Scan(&d.ID, &d.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "本市没有责任单位 %q", name)
	}
	if err != nil {
		return nil, fmt.Errorf("hold department %s of city %s: %w", name, city, err)
	}
	return &d, nil
}

// accountDepartment is the department an account of role in city may be
// given inside tx: "" stays "", a name of city's list is held there
// (holdDepartment) and given as the list writes it, and a name off the list
// is refused (EINVALID) for a contributor, who answers for a department of
// the list, and taken as typed for a coordinator.
func (s *Store) accountDepartment(ctx context.Context, tx *sql.Tx, role Role, city, name string) (string, error) {
	if name == "" {
		return "", nil
	}
	d, err := s.holdDepartment(ctx, tx, city, name)
	switch {
	case err == nil:
		return d.Name, nil
	case !IsNotFound(err):
		return "", err
	case role == RoleContributor:
		return "", FieldErrorf("department", EINVALID, "城市 %s 的责任单位名单中没有“%s”；请填写名单中的责任单位名称，或先在“责任分解”页的“管理责任单位名单”中添加", city, name)
	}
	return name, nil
}
