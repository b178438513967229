package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
)

// DepartmentMerge says what merging one department of a city's list into
// another moved: the tasks (round and indicator: 2018 1.1.1), the
// accounts (usernames) and the documents filed with the merged name or
// handed in under it (ids): the live ones, and apart from them the
// deleted ones, which a restore brings back under the name kept.
type DepartmentMerge struct {
	From, Into       Department
	Tasks            []string
	Accounts         []string
	Documents        []string
	DeletedDocuments []string
	// MergedTasks are the tasks both departments held (round and
	// indicator), each made one: the into-department's, with the earlier
	// due date and the other's files and history (mergeTwinTasks).
	MergedTasks []string
	// droppedReturns are the returns of files the kept task of a twin
	// held as returned and the other as handed in (keepLiveHandIns),
	// recorded in the merge event.
	droppedReturns []map[string]any
}

// MergeDepartment merges the department with id into the department of
// the same city that intoName names (by DepartmentKey): a name a table
// wrote for it another way (市教育局（市语委办） for 市教育局). Its tasks,
// its accounts and the documents filed with its name or handed in under
// it move to the other department, and it leaves the list, all in one
// transaction with a department.merge event. A task both hold for the
// same round and indicator becomes one (mergeTwinTasks: the
// into-department's, with the earlier due date and the other's files and
// history); two such tasks whose statuses cannot be merged (one accepted,
// the other returned) are EINVALID naming them. No department called
// intoName is ENOTFOUND, and intoName naming the department itself
// EINVALID.
func (s *Store) MergeDepartment(ctx context.Context, id, intoName, by string) (*DepartmentMerge, error) {
	var m *DepartmentMerge
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		from, err := lockDepartment(ctx, tx, id, "")
		if err != nil {
			return err
		}
		key, err := s.departmentKeyOf(ctx, tx, from.City, intoName)
		if err != nil {
			return err
		}
		into, err := departmentByKey(ctx, tx, from.City, key, intoName)
		if err != nil {
			return err
		}
		if into.ID == from.ID {
			return FieldErrorf("name", EINVALID, "“%s”就是本单位，无须合并", intoName)
		}
		if from, into, err = s.lockMergePair(ctx, tx, from.ID, into.ID); err != nil {
			return err
		}
		m = &DepartmentMerge{From: *from, Into: *into}
		return s.mergeDepartment(ctx, tx, m, by)
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// lockMergePair locks the rows of the departments fromID and intoID in
// the order of their ids, whichever is merged into which: two merges of
// the same two departments at the same time, A into B and B into A, then
// wait for each other instead of each holding one row and waiting for
// the other (a deadlock on PostgreSQL). The second finds its department
// gone once the first is done (ENOTFOUND). It returns both as they are
// once locked.
func (s *Store) lockMergePair(ctx context.Context, tx *sql.Tx, fromID, intoID string) (from, into *Department, err error) {
	first, second := fromID, intoID
	if second < first {
		first, second = second, first
	}
	locked := map[string]*Department{}
	for i, id := range []string{first, second} {
		if locked[id], err = lockDepartment(ctx, tx, id, s.dialect.lockRow); err != nil {
			return nil, nil, err
		}
		if i == 0 && s.mergeFirstLocked != nil {
			s.mergeFirstLocked()
		}
	}
	return locked[fromID], locked[intoID], nil
}

// lockDepartment reads the department with id in tx, locking its row
// (lock is the dialect's lockRow), or ENOTFOUND.
func lockDepartment(ctx context.Context, tx *sql.Tx, id, lock string) (*Department, error) {
	d := &Department{ID: id}
	err := tx.QueryRowContext(ctx, `SELECT city, name FROM department WHERE id = ?`+lock, id).Scan(&d.City, &d.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "责任单位 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query department %s: %w", id, err)
	}
	return d, nil
}

// mergeDepartment does MergeDepartment's moves of m.From into m.Into
// inside tx and records them.
func (s *Store) mergeDepartment(ctx context.Context, tx *sql.Tx, m *DepartmentMerge, by string) error {
	uses, err := s.departmentUses(ctx, tx, &m.From)
	if err != nil {
		return err
	}
	// The documents before the tasks: see lockDepartmentDocuments.
	if err := s.lockDepartmentDocuments(ctx, tx, &m.From); err != nil {
		return err
	}
	var twins []string
	if m.MergedTasks, twins, err = s.mergeTwinTasks(ctx, tx, m); err != nil {
		return err
	}
	m.Tasks = uses.Tasks
	if _, err := tx.ExecContext(ctx, `UPDATE assignment SET department_id = ?, updated_at = ? WHERE department_id = ?`,
		m.Into.ID, formatTime(s.now()), m.From.ID); err != nil {
		return fmt.Errorf("move tasks of department %s: %w", m.From.Name, err)
	}
	if m.Accounts, err = s.moveDepartmentUsers(ctx, tx, &m.From, m.Into.Name, by); err != nil {
		return err
	}
	if m.Documents, m.DeletedDocuments, err = s.moveDepartmentDocuments(ctx, tx, &m.From, m.Into.Name); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM department WHERE id = ?`, m.From.ID); err != nil {
		return fmt.Errorf("delete merged department %s: %w", m.From.Name, err)
	}
	detail := map[string]any{"merged_tasks": nonNilStrings(m.MergedTasks), "city": m.From.City, "from": m.From.Name, "from_id": m.From.ID, "into": m.Into.Name,
		"tasks": nonNilStrings(m.Tasks), "accounts": nonNilStrings(m.Accounts), "documents": nonNilStrings(m.Documents),
		"deleted_documents": nonNilStrings(m.DeletedDocuments)}
	if len(m.droppedReturns) > 0 {
		detail["dropped_returns"] = m.droppedReturns
	}
	return s.recordEvent(ctx, tx, Event{User: by, Action: "department.merge", Object: "department:" + m.Into.ID, Also: twins, Detail: detail})
}

// lockDepartmentDocuments locks, inside tx, the rows of the documents
// moveDepartmentDocuments will re-file (filed with d's name or handed in
// under it, deleted ones too), in the order of their ids, before the
// merge locks any task. On PostgreSQL every transaction that locks both
// a task and documents takes them in one order: a department's row
// first when it takes one, then documents by id, then tasks. 确认
// (changeAssignment) holds the files handed in FOR SHARE before it
// updates the task, and deleting or withdrawing a document locks it
// before the tasks it empties; a merge that updated the tasks first and
// the documents after deadlocked with them (40P01, 目录数据库繁忙; review
// s44 #3). New documents and hand-ins under d's name hold d's row
// (holdDepartment), which the merge holds, so the set read here is the
// one moveDepartmentDocuments re-reads.
func (s *Store) lockDepartmentDocuments(ctx context.Context, tx *sql.Tx, d *Department) error {
	filed, handed, err := departmentDocuments(ctx, tx, d)
	if err != nil {
		return err
	}
	var ids []string
	for _, n := range append(filed, handed...) {
		ids = append(ids, n.id)
	}
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	err = forInLists(ids, func(in string, args []any) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM document WHERE id IN `+in+` ORDER BY id`+s.dialect.lockRow, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() { // every row read, every row locked
		}
		return rows.Err()
	})
	if err != nil {
		return fmt.Errorf("lock documents of department %s: %w", d.Name, err)
	}
	if s.mergeDocumentsLocked != nil {
		s.mergeDocumentsLocked()
	}
	return nil
}

// departmentDocuments reads, inside tx, the documents of d's city filed
// with d's name (by key) as their 责任单位 and those handed in under it,
// deleted ones included, each in the order of their seq.
func departmentDocuments(ctx context.Context, tx *sql.Tx, d *Department) (filed, handed []namedDocument, err error) {
	var cityName string
	if err := tx.QueryRowContext(ctx, `SELECT name FROM city WHERE code = ?`, d.City).Scan(&cityName); err != nil {
		return nil, nil, fmt.Errorf("query city %s: %w", d.City, err)
	}
	key := DepartmentKey(cityName, d.Name)
	filed, err = namedBy(ctx, tx, key, cityName, `SELECT id, department, deleted_at IS NOT NULL FROM document
		WHERE city = ? AND department <> '' ORDER BY seq`, d.City)
	if err != nil {
		return nil, nil, err
	}
	handed, err = namedBy(ctx, tx, key, cityName, `SELECT DISTINCT sb.document_id, sb.department, d.deleted_at IS NOT NULL, d.seq
		FROM submission sb JOIN document d ON d.id = sb.document_id WHERE d.city = ? AND sb.department <> '' ORDER BY d.seq`, d.City)
	if err != nil {
		return nil, nil, err
	}
	return filed, handed, nil
}

// moveDepartmentDocuments gives the documents of d's city filed with d's
// name (by key) as their 责任单位 the name to, and their hand-ins under
// d's name too, deleted documents included: a document restored after the
// merge must not bring back a name no longer on the list. A live
// document filed so is queued for the index again; a deleted one is
// queued when it is restored. It returns the ids of the documents either
// names, the live ones and the deleted ones apart.
func (s *Store) moveDepartmentDocuments(ctx context.Context, tx *sql.Tx, d *Department, to string) (live, deleted []string, err error) {
	filed, handed, err := departmentDocuments(ctx, tx, d)
	if err != nil {
		return nil, nil, err
	}
	seen := map[string]bool{}
	for _, n := range append(filed, handed...) {
		switch {
		case seen[n.id]:
		case n.deleted:
			deleted = append(deleted, n.id)
		default:
			live = append(live, n.id)
		}
		seen[n.id] = true
	}
	for _, n := range filed {
		if n.deleted {
			if _, err := tx.ExecContext(ctx, `UPDATE document SET department = ? WHERE id = ?`, to, n.id); err != nil {
				return nil, nil, fmt.Errorf("file deleted document %s under %s: %w", n.id, to, err)
			}
			continue
		}
		seq, err := s.nextSeq(ctx, tx)
		if err != nil {
			return nil, nil, err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE document SET department = ?, seq = ?,
			status = CASE WHEN status = 'indexed' THEN 'extracted' ELSE status END WHERE id = ?`, to, seq, n.id); err != nil {
			return nil, nil, fmt.Errorf("file document %s under %s: %w", n.id, to, err)
		}
	}
	for _, n := range handed {
		if _, err := tx.ExecContext(ctx, `UPDATE submission SET department = ? WHERE document_id = ? AND department = ?`, to, n.id, n.name); err != nil {
			return nil, nil, fmt.Errorf("move hand-in of document %s to %s: %w", n.id, to, err)
		}
	}
	return live, deleted, nil
}

// namedDocument is a document naming a department (name, as written),
// deleted or not.
type namedDocument struct {
	id, name string
	deleted  bool
}

// namedBy runs query (ids, department names, whether deleted, and
// possibly more columns to order by) and returns the rows whose
// department has key.
func namedBy(ctx context.Context, tx *sql.Tx, key, cityName, query string, args ...any) ([]namedDocument, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("query documents by department: %w", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return nil, fmt.Errorf("query documents by department: %w", err)
	}
	var out []namedDocument
	for rows.Next() {
		var n namedDocument
		dest := []any{&n.id, &n.name, &n.deleted}
		for range cols[len(dest):] {
			dest = append(dest, new(any))
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, fmt.Errorf("read document by department: %w", err)
		}
		if DepartmentKey(cityName, n.name) == key {
			out = append(out, n)
		}
	}
	return out, rows.Err()
}

// nonNilStrings is s, or an empty list for nil, so that an event's
// detail says [] rather than null.
func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
