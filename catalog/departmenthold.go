package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// A document names its department by name (its 责任单位, and each hand-in's
// department), as an account does, not by a key the database would hold
// to the department's row. The service checks a typed name against the
// list before it writes (ListedDepartment), outside the transaction that
// writes it: DeleteDepartment, which counts a department's documents and
// hand-ins in its own transaction, could then go between the check and
// the write and leave a document filed under a department no longer on
// the list. So the transactions that write such a name hold the
// department there too (holdDepartment: on PostgreSQL a shared lock of
// its row, which the delete's lock waits for; SQLite's one writer orders
// them), and a name a document is newly filed under that is gone from the
// list by then is refused as ListedDepartment refuses it.

// holdFiledDepartments holds, inside tx, the departments new documents
// are filed under and handed in under. A hand-in's department, its
// account's, read before the transaction, is the account's as it is now
// (refileSubmission): a merge that committed meanwhile re-filed the
// account, and the name read may be gone. A document filed under the
// name its hand-in was re-filed from follows it. Then a document's
// 责任单位 gone from its city's list is refused (holdFiledDepartment, the
// uploader's own department passing); a hand-in's department is held
// when it is on the list and passes when not, as accounts may name one
// of before the list.
func (s *Store) holdFiledDepartments(ctx context.Context, tx *sql.Tx, docs []*Document, subs []Submission) error {
	held := map[string]bool{}
	refiled := map[string]string{} // each hand-in's name once: a request of many files names one
	for i, d := range docs {
		was := subs[i].Department
		if now, ok := refiled[d.City+"\x00"+was]; ok {
			subs[i].Department = now
		} else {
			if err := s.refileSubmission(ctx, tx, d.City, &subs[i]); err != nil {
				return err
			}
			refiled[d.City+"\x00"+was] = subs[i].Department
		}
		if was != "" && d.Department == was {
			d.Department = subs[i].Department
		}
		if d.Department != "" && !held[d.City+"\x00"+d.Department] {
			if err := s.holdFiledDepartment(ctx, tx, d.City, d.Department, d.UploadedBy, ""); err != nil {
				return err
			}
			held[d.City+"\x00"+d.Department] = true
		}
	}
	return nil
}

// refileSubmission holds, inside tx, the department sub is handed in
// under, of city's list. A name the list no longer has (a merge re-filed
// it after the caller read it) becomes the department that took it,
// held too: the hand-in must not bring back the merged-away name that
// the merge re-filed everywhere else. For a hand-in for a task that is
// the task's department now (holdTaskDepartment: the task row is the
// truth, whoever hands in, a coordinator's account naming no
// department); for any other, the department the submitter's account
// now names. A name gone with no other to take passes, as accounts may
// name one of before the list.
func (s *Store) refileSubmission(ctx context.Context, tx *sql.Tx, city string, sub *Submission) error {
	if sub.Department == "" {
		return nil
	}
	_, err := s.holdDepartment(ctx, tx, city, sub.Department)
	if err == nil || !IsNotFound(err) {
		return err
	}
	if sub.Assignment != "" {
		name, err := s.holdTaskDepartment(ctx, tx, sub.Assignment)
		if err == nil {
			sub.Department = name
			return nil
		}
		if !IsNotFound(err) {
			return err
		}
		// The task is gone: the submission's insert refuses it.
	}
	var own string
	err = tx.QueryRowContext(ctx, `SELECT department FROM app_user WHERE username = ? AND city = ?`, sub.User, city).Scan(&own)
	if errors.Is(err, sql.ErrNoRows) || err == nil && (own == "" || own == sub.Department) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("query the department of %s: %w", sub.User, err)
	}
	if _, err := s.holdDepartment(ctx, tx, city, own); err != nil && !IsNotFound(err) {
		return err
	}
	sub.Department = own
	return nil
}

// holdTaskDepartment returns the name of the department task id is
// assigned to, read inside tx, its row of the list held (lockShare) until
// tx ends, so that a merge or a rename of it waits for what tx writes
// under the name and then re-files it. The task's department is read
// again once the row is held: a merge that committed while this waited
// for the row deleted it and moved the task, which is then followed to
// the department that took it. A task gone is ENOTFOUND; one that keeps
// moving under it, ECONFLICT.
func (s *Store) holdTaskDepartment(ctx context.Context, tx *sql.Tx, id string) (string, error) {
	var held, name string
	for range 4 {
		var dept string
		err := tx.QueryRowContext(ctx, `SELECT department_id FROM assignment WHERE id = ?`, id).Scan(&dept)
		if errors.Is(err, sql.ErrNoRows) {
			return "", Errorf(ENOTFOUND, "该任务已不存在（可能刚被删除）；请刷新页面")
		}
		if err != nil {
			return "", fmt.Errorf("read the department of task %s: %w", id, err)
		}
		if dept == held {
			return name, nil
		}
		err = tx.QueryRowContext(ctx, `SELECT name FROM department WHERE id = ?`+s.dialect.lockShare, dept).Scan(&name)
		if errors.Is(err, sql.ErrNoRows) {
			held = "" // merged away while this waited: read where the task went
			continue
		}
		if err != nil {
			return "", fmt.Errorf("hold department %s of task %s: %w", dept, id, err)
		}
		held = dept
	}
	return "", Errorf(ECONFLICT, "任务状态已变化，请刷新后重试")
}

// holdFiledDepartment holds, inside tx, the department of city's list
// that name names (holdDepartment), a document being filed under it. A
// name the list does not have passes when the city has no list yet, when
// it is the department of the account uploader (a coordinator's own may
// predate the list) and when it is was, the document's 责任单位 before an
// edit; any other is refused as ListedDepartment refuses it: the
// department was deleted or renamed since the name was checked.
func (s *Store) holdFiledDepartment(ctx context.Context, tx *sql.Tx, city, name, uploader, was string) error {
	_, err := s.holdDepartment(ctx, tx, city, name)
	if err == nil || !IsNotFound(err) {
		return err
	}
	if name == was {
		return nil
	}
	var listed bool
	if err := tx.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM department WHERE city = ?)`, city).Scan(&listed); err != nil {
		return fmt.Errorf("query whether city %s has departments: %w", city, err)
	}
	if !listed {
		return nil
	}
	if uploader != "" {
		var own string
		err := tx.QueryRowContext(ctx, `SELECT department FROM app_user WHERE username = ?`, uploader).Scan(&own)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("query the department of %s: %w", uploader, err)
		}
		if own == name {
			return nil
		}
	}
	return s.offListRefusal(ctx, tx, city, name)
}

// holdEditedDepartment holds, inside tx, the department an edit files
// document id under (name), before the document's row is locked: the
// department's row first, as MergeDepartment takes them. A name taken
// from the list (listed) that is gone from it by then is refused, but
// one the document already has (holdFiledDepartment); any other is held
// when on the list and written as given when not.
func (s *Store) holdEditedDepartment(ctx context.Context, tx *sql.Tx, id, name string, listed bool) error {
	if name == "" {
		return nil
	}
	var city, was string
	err := tx.QueryRowContext(ctx, `SELECT city, department FROM document WHERE id = ? AND deleted_at IS NULL`, id).Scan(&city, &was)
	if errors.Is(err, sql.ErrNoRows) {
		return nil // the UPDATE finds it gone
	}
	if err != nil {
		return fmt.Errorf("read the department of document %s: %w", id, err)
	}
	if !listed {
		if _, err := s.holdDepartment(ctx, tx, city, name); err != nil && !IsNotFound(err) {
			return err
		}
		return nil
	}
	return s.holdFiledDepartment(ctx, tx, city, name, "", was)
}
