package catalog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/oklog/ulid/v2"
)

// AssignmentStatus is where a department's task stands.
type AssignmentStatus string

// Assignment statuses: open until the department hands something in;
// the city's coordinator then returns it (with a reason; the department
// hands in again) or accepts it.
const (
	AssignmentOpen      AssignmentStatus = "open"      // 未提交
	AssignmentSubmitted AssignmentStatus = "submitted" // 已提交
	AssignmentReturned  AssignmentStatus = "returned"  // 已退回
	AssignmentAccepted  AssignmentStatus = "accepted"  // 已确认
)

// AssignmentStatuses lists the statuses in workflow order.
var AssignmentStatuses = []AssignmentStatus{AssignmentOpen, AssignmentSubmitted, AssignmentReturned, AssignmentAccepted}

// AssignmentStatusLabels are the Chinese names users know the statuses by.
var AssignmentStatusLabels = map[AssignmentStatus]string{
	AssignmentOpen:      "未提交",
	AssignmentSubmitted: "已提交",
	AssignmentReturned:  "已退回",
	AssignmentAccepted:  "已确认",
}

// ParseAssignmentStatus accepts a status code or its Chinese name.
func ParseAssignmentStatus(s string) (AssignmentStatus, error) {
	s = strings.TrimSpace(s)
	for _, st := range AssignmentStatuses {
		if s == string(st) || s == AssignmentStatusLabels[st] {
			return st, nil
		}
	}
	return "", Errorf(EINVALID, "未知的任务状态 %q；可选：open（未提交）、submitted（已提交）、returned（已退回）、accepted（已确认）", s)
}

// Assignment is one row of a city's responsibility table (责任分解表):
// a department must hand in evidence for a key indicator in a round by a
// due date.
type Assignment struct {
	ID           string
	City         string
	Round        int
	Indicator    string
	DepartmentID string
	Department   string // the department's name in the city's list
	Due          string // YYYY-MM-DD
	Contact      string // 联系人, as the table gives it
	// Requirement is what the city's table asks the department to hand
	// in for the task, in its words (材料要求, 信息性质说明, 备注 …); ""
	// when it gave none, and the framework's wording for the indicator
	// is all there is.
	Requirement string
	// RequirementSource says where Requirement came from: the heading of
	// the table's column it was read from, as the table writes it (材料要求,
	// 备注 …), or what a requirement written by hand is named by (手工填写);
	// "" when there is none, or for one imported before the source was kept.
	RequirementSource string
	// RequirementFromRemark says RequirementSource is the table's 备注
	// (RemarkHeading), read for want of a column naming the material: a
	// note, which the pages label 备注 rather than 本市材料要求.
	RequirementFromRemark bool
	Status                AssignmentStatus
	Reason                string   // why it was last returned
	Documents             []string // ids of the documents handed in, oldest first
	// HandedInBy names, by document id, the user who handed the document
	// in for this assignment: the same bytes may have been submitted
	// elsewhere too (on the upload page, for another department's task).
	HandedInBy map[string]string
	// Returned marks, by document id, the files the coordinator returned
	// (who, when, why); Documents still lists them, HandedIn leaves them
	// out. A file handed in again loses its mark.
	Returned map[string]ReturnedFile
	// AcceptedGone, on an open or returned assignment, says it is owed
	// because the file accepted for it was deleted (which, by whom, when);
	// nil otherwise.
	AcceptedGone *AcceptedGone
	CreatedBy    string
	UpdatedAt    time.Time
}

// Overdue reports whether the department still owes the assignment after
// its due date; today is YYYY-MM-DD in the city's time zone. Submitted and
// accepted assignments are never overdue.
func (a *Assignment) Overdue(today string) bool {
	return (a.Status == AssignmentOpen || a.Status == AssignmentReturned) && a.Due < today
}

// AssignmentRow is one checked row of a responsibility table.
type AssignmentRow struct {
	Indicator  string
	Department string
	Due        string // YYYY-MM-DD
	Contact    string
	// Requirement is the row's 材料要求 ("" for an empty cell, which
	// clears the task's), or nil when the table has no such column: a
	// table without one leaves the requirement of a task it lists as it
	// was.
	Requirement *string
	// RequirementSource is where Requirement came from
	// (Assignment.RequirementSource): the heading of its column, or
	// 手工填写. A task keeps it with Requirement, and loses it with it.
	RequirementSource string
}

// AssignmentImport says what an import of a responsibility table did.
type AssignmentImport struct {
	Assignments    []Assignment
	Added          int
	Updated        int      // rows for an existing task whose due date, contact or requirement they changed
	Unchanged      int      // rows for an existing task that already had their due date, contact and requirement
	NewDepartments []string // departments added to the city's list
	// NotInTable are the round's tasks the table did not list and that
	// are still there: the import did not remove them (it was not asked
	// to, or files were handed in for them).
	NotInTable []Assignment
	// Removed are the round's tasks the table did not list that the
	// import deleted, as they were.
	Removed []Assignment
	// RequirementColumn is the heading of the column read as the tasks'
	// requirement (材料要求, 信息性质说明 …), as the table writes it; ""
	// when the table has none, and the tasks it lists kept theirs.
	RequirementColumn string
	// RequirementFromRemark says RequirementColumn is the table's 备注,
	// read for want of a column naming the material: only the cells that
	// read as a requirement were imported, as notes (备注).
	RequirementFromRemark bool
	// IgnoredColumns are the headings of columns read but not imported
	// (配合单位), as the table writes them.
	IgnoredColumns []string
	// IgnoredUnits are the units those columns name, each once, in the
	// order written, with the indicators of their rows: no task went to
	// them.
	IgnoredUnits []IgnoredUnit
	// Folded are the department names the table writes with a bracketed
	// note (市教育局（市语委办）, a 挂牌/合署 name) that were imported as
	// the department the name without the note is.
	Folded []FoldedName
	// Matched are the department names the table writes otherwise than
	// the city's list (杭州市教育局 for 市教育局: the city's name before
	// it, another width) that were imported as the list's department
	// (As), so that the user sees what was matched to what.
	Matched []FoldedName
	// Unreceived are the departments of the table's tasks that no account
	// of the city belongs to: nobody signs in to receive their tasks.
	Unreceived []string
	// Combined are the departments of the city's list whose name the
	// table splits into departments it names (市教育局、市人社局, written
	// as one by an earlier import, when the table names 市教育局 and
	// 市人社局), and that nothing refers to but tasks of NotInTable that
	// may be removed (no files handed in): offered for removal from the
	// list, after those tasks.
	Combined []Department
}

// IgnoredUnit is a unit of a column an import does not read into tasks
// (配合单位), with the indicator codes of the rows that name it.
type IgnoredUnit struct {
	Name       string
	Indicators []string
}

// IgnoredUnitsWords are units, each with its rows' indicators, as an
// import's notice names them: 市委办公厅（1.1.1）、市人力社保局（1.1.2、2.3.1）.
func IgnoredUnitsWords(units []IgnoredUnit) Words {
	zh, en := make([]string, len(units)), make([]string, len(units))
	for i, u := range units {
		zh[i] = u.Name + "（" + strings.Join(u.Indicators, "、") + "）"
		en[i] = u.Name + " (" + strings.Join(u.Indicators, ", ") + ")"
	}
	return Words{Chinese: strings.Join(zh, "、"), English: strings.Join(en, "; ")}
}

// FoldedName is a department name a table writes with a bracketed note,
// Written, imported as the department As. Other, when not empty, is a
// department of the list that the note itself names (市语委办), which the
// coordinator may mean instead.
type FoldedName struct {
	Written, As, Other string
}

// AssignmentFilter selects assignments; empty fields match all.
type AssignmentFilter struct {
	City         string
	Cities       []string // when not nil, only these cities (the scope's list)
	Round        int
	DepartmentID string
	Indicator    string
	Status       AssignmentStatus
}

// ImportAssignments stores the rows of a city's responsibility table for
// a round in one transaction, all or none. A department not yet in the
// city's list (by DepartmentKey) is added; a row for a task that exists
// (same indicator and department) replaces its due date, contact and,
// when the row has one, requirement, and keeps its status and documents.
func (s *Store) ImportAssignments(ctx context.Context, city string, round int, rows []AssignmentRow, by string) (*AssignmentImport, error) {
	out := &AssignmentImport{}
	now := formatTime(s.now())
	var ids []string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdRound(ctx, tx, round); err != nil {
			return err
		}
		var err error
		ids, err = s.importRows(ctx, tx, city, round, rows, by, now, out)
		if err != nil {
			return err
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.import", Object: fmt.Sprintf("assignments:%s:%d", city, round),
			Detail: map[string]any{"city": city, "round": round, "rows": len(rows), "added": out.Added, "updated": out.Updated,
				"unchanged": out.Unchanged, "new_departments": out.NewDepartments}})
	})
	if err != nil {
		return nil, err
	}
	all, err := s.FindAssignments(ctx, AssignmentFilter{City: city, Round: round})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]Assignment, len(all))
	for _, a := range all {
		byID[a.ID] = a
	}
	for _, id := range ids {
		out.Assignments = append(out.Assignments, byID[id])
	}
	return out, nil
}

// importRows writes the rows of an import inside tx and returns their
// assignment ids in row order.
func (s *Store) importRows(ctx context.Context, tx *sql.Tx, city string, round int, rows []AssignmentRow, by, now string,
	out *AssignmentImport) ([]string, error) {
	depts := map[string]*Department{}
	ids := make([]string, 0, len(rows))
	for _, r := range rows {
		d, ok := depts[r.Department]
		if !ok {
			var created bool
			var err error
			if d, created, err = s.ensureDepartment(ctx, tx, city, r.Department, by, true); err != nil {
				return nil, err
			}
			depts[r.Department] = d
			if created {
				out.NewDepartments = append(out.NewDepartments, d.Name)
			}
		}
		id, outcome, err := upsertAssignment(ctx, tx, city, round, d.ID, r, by, now)
		if err != nil {
			return nil, err
		}
		switch outcome {
		case rowAdded:
			out.Added++
		case rowUpdated:
			out.Updated++
		default:
			out.Unchanged++
		}
		ids = append(ids, id)
	}
	return ids, nil
}

// rowOutcome is what storing one row of a table did to its task.
type rowOutcome int

const (
	rowUnchanged rowOutcome = iota
	rowAdded
	rowUpdated
)

// upsertAssignment stores one row. A row that repeats what its task
// already says is left alone, neither written nor counted as an update,
// so re-importing the same table tells the coordinator nothing changed.
func upsertAssignment(ctx context.Context, tx *sql.Tx, city string, round int, deptID string, r AssignmentRow, by, now string) (string, rowOutcome, error) {
	var id, due, contact, hadSource string
	var had sql.NullString
	err := tx.QueryRowContext(ctx, `SELECT id, due, contact, requirement, requirement_source FROM assignment
		WHERE city = ? AND round = ? AND indicator_code = ? AND department_id = ?`,
		city, round, r.Indicator, deptID).Scan(&id, &due, &contact, &had, &hadSource)
	switch {
	case err == nil:
		stored, source := had, hadSource
		if r.Requirement != nil {
			stored, source = requirementValue(*r.Requirement), requirementSource(*r.Requirement, r.RequirementSource)
		}
		if due == r.Due && contact == r.Contact && stored == had && source == hadSource {
			return id, rowUnchanged, nil
		}
		_, err = tx.ExecContext(ctx, `UPDATE assignment SET due = ?, contact = ?, requirement = ?, requirement_source = ?, updated_at = ? WHERE id = ?`,
			r.Due, r.Contact, stored, source, now, id)
		if err != nil {
			return "", 0, fmt.Errorf("update assignment %s: %w", id, err)
		}
		return id, rowUpdated, nil
	case !errors.Is(err, sql.ErrNoRows):
		return "", 0, fmt.Errorf("query assignment: %w", err)
	}
	var requirement sql.NullString
	var source string
	if r.Requirement != nil {
		requirement, source = requirementValue(*r.Requirement), requirementSource(*r.Requirement, r.RequirementSource)
	}
	id = ulid.Make().String()
	_, err = tx.ExecContext(ctx, `INSERT INTO assignment (id, city, round, indicator_code, department_id, due, contact, requirement,
		requirement_source, status, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		id, city, round, r.Indicator, deptID, r.Due, r.Contact, requirement, source, AssignmentOpen, by, now, now)
	if err != nil {
		return "", 0, fmt.Errorf("insert assignment: %w", err)
	}
	return id, rowAdded, nil
}

const assignmentColumns = `a.id, a.city, a.round, a.indicator_code, a.department_id, d.name, a.due, a.contact, a.requirement,
	a.requirement_source, a.status, a.reason, a.created_by, a.updated_at`

func scanAssignment(r rowScanner) (*Assignment, error) {
	var a Assignment
	var updated string
	var requirement sql.NullString
	if err := r.Scan(&a.ID, &a.City, &a.Round, &a.Indicator, &a.DepartmentID, &a.Department, &a.Due, &a.Contact, &requirement,
		&a.RequirementSource, &a.Status, &a.Reason, &a.CreatedBy, &updated); err != nil {
		return nil, err
	}
	a.Requirement = requirement.String
	a.RequirementFromRemark = RemarkHeading(a.RequirementSource)
	a.UpdatedAt = parseTime(updated)
	return &a, nil
}

// Assignment returns the assignment with id and its documents, or
// ENOTFOUND.
func (s *Store) Assignment(ctx context.Context, id string) (*Assignment, error) {
	a, err := scanAssignment(s.db.QueryRowContext(ctx, `SELECT `+assignmentColumns+`
		FROM assignment a JOIN department d ON d.id = a.department_id WHERE a.id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, Errorf(ENOTFOUND, "任务 %s 不存在", id)
	}
	if err != nil {
		return nil, fmt.Errorf("query assignment %s: %w", id, err)
	}
	docs, err := s.assignmentDocuments(ctx, `a.id = ?`, []any{id})
	if err != nil {
		return nil, err
	}
	docs.fill(a)
	one := []Assignment{*a}
	if err := s.tellAcceptedGone(ctx, one); err != nil {
		return nil, err
	}
	return &one[0], nil
}

// FindAssignments returns the assignments f selects with their documents,
// by department name and indicator code.
func (s *Store) FindAssignments(ctx context.Context, f AssignmentFilter) ([]Assignment, error) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		where = append(where, cond)
		args = append(args, v)
	}
	where, args = filterCities(where, args, "a.city", f.City, f.Cities)
	if f.Round != 0 {
		add("a.round = ?", f.Round)
	}
	if f.DepartmentID != "" {
		add("a.department_id = ?", f.DepartmentID)
	}
	if f.Indicator != "" {
		add("a.indicator_code = ?", f.Indicator)
	}
	if f.Status != "" {
		add("a.status = ?", f.Status)
	}
	cond := "1 = 1"
	if len(where) > 0 {
		cond = strings.Join(where, " AND ")
	}
	rows, err := s.db.QueryContext(ctx, `SELECT `+assignmentColumns+` FROM assignment a JOIN department d ON d.id = a.department_id
		WHERE `+cond+` ORDER BY d.name, a.indicator_code, a.round`, args...)
	if err != nil {
		return nil, fmt.Errorf("query assignments: %w", err)
	}
	defer rows.Close()
	var out []Assignment
	for rows.Next() {
		a, err := scanAssignment(rows)
		if err != nil {
			return nil, fmt.Errorf("scan assignment: %w", err)
		}
		out = append(out, *a)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	docs, err := s.assignmentDocuments(ctx, cond, args)
	if err != nil {
		return nil, err
	}
	for i := range out {
		docs.fill(&out[i])
	}
	if err := s.tellAcceptedGone(ctx, out); err != nil {
		return nil, err
	}
	return out, nil
}

// taskFiles are the live documents handed in for assignments, by
// assignment id: in order, who handed each in, and the returned ones'
// marks.
type taskFiles struct {
	docs     map[string][]string
	by       map[string]map[string]string
	returned map[string]map[string]ReturnedFile
}

// fill sets a's documents, who handed each in and the returned marks.
func (f taskFiles) fill(a *Assignment) {
	a.Documents, a.HandedInBy, a.Returned = f.docs[a.ID], f.by[a.ID], f.returned[a.ID]
}

// assignmentDocuments returns the live documents handed in for the
// assignments matching cond (over assignment a), who handed each in and
// which were returned, with the returned files since deleted among the
// returned ones (ReturnedFile.Gone; not among the documents).
func (s *Store) assignmentDocuments(ctx context.Context, cond string, args []any) (taskFiles, error) {
	f := taskFiles{docs: map[string][]string{}, by: map[string]map[string]string{}, returned: map[string]map[string]ReturnedFile{}}
	rows, err := s.db.QueryContext(ctx, `SELECT ad.assignment_id, ad.document_id, ad.submitted_by, ad.returned_at, ad.returned_by,
		ad.return_reason, doc.deleted_at FROM assignment_document ad
		JOIN assignment a ON a.id = ad.assignment_id JOIN document doc ON doc.id = ad.document_id
		WHERE (doc.deleted_at IS NULL OR ad.returned_at <> '') AND `+cond+` ORDER BY ad.at, ad.document_id`, args...)
	if err != nil {
		return f, fmt.Errorf("query assignment documents: %w", err)
	}
	defer rows.Close()
	var gone []string
	for rows.Next() {
		var aid, did, user, returnedAt, returnedBy, reason string
		var deleted sql.NullString
		if err := rows.Scan(&aid, &did, &user, &returnedAt, &returnedBy, &reason, &deleted); err != nil {
			return f, err
		}
		if returnedAt != "" {
			if f.returned[aid] == nil {
				f.returned[aid] = map[string]ReturnedFile{}
			}
			r := ReturnedFile{By: returnedBy, At: parseTime(returnedAt), Reason: reason}
			if deleted.Valid && deleted.String != "" {
				r.Gone = &FileGone{At: parseTime(deleted.String)}
				f.returned[aid][did] = r
				gone = append(gone, did)
				continue
			}
			f.returned[aid][did] = r
		}
		f.docs[aid] = append(f.docs[aid], did)
		if f.by[aid] == nil {
			f.by[aid] = map[string]string{}
		}
		f.by[aid][did] = user
	}
	if err := rows.Err(); err != nil {
		return f, err
	}
	rows.Close()
	return f, s.tellGone(ctx, f.returned, gone)
}

// UpdateAssignment replaces an assignment's due date, contact and
// department (an id from the city's list), with an audit event.
func (s *Store) UpdateAssignment(ctx context.Context, a *Assignment, by string) error {
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE assignment SET due = ?, contact = ?, department_id = ?, updated_at = ? WHERE id = ?`,
			a.Due, a.Contact, a.DepartmentID, formatTime(s.now()), a.ID)
		if err != nil {
			return fmt.Errorf("update assignment: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return Errorf(ENOTFOUND, "任务 %s 不存在", a.ID)
		}
		return s.recordEvent(ctx, tx, Event{User: by, Action: "assignment.edit", Object: "assignment:" + a.ID,
			Detail: map[string]any{"due": a.Due, "contact": a.Contact, "department": a.DepartmentID}})
	})
	if ErrorCode(err) == ECONFLICT {
		return Errorf(ECONFLICT, "该责任单位在本轮已有此指标的任务")
	}
	return err
}

// AssignmentChange moves an assignment from one of the From statuses to
// To, recording the documents handed in with it.
type AssignmentChange struct {
	ID        string
	From      []AssignmentStatus
	To        AssignmentStatus
	Reason    string   // kept with a return; cleared otherwise
	Documents []string // handed in with a submission
	By        string
	// HandedIn, when not nil, is the files handed in and not returned
	// (Assignment.HandedIn) the caller checked before the change: a
	// change finding others inside its transaction (a file handed in,
	// returned or withdrawn since) is ECONFLICT and nothing changes, so
	// 确认 never accepts a file nobody was asked about.
	HandedIn []string
	// Files, when not nil, is asked of the live files of HandedIn as the
	// change's transaction reads them, before anything is written: they
	// stay as read until the transaction ends (FOR SHARE on PostgreSQL;
	// SQLite's writer excludes every other), and an error from it fails
	// the change, nothing changed. 确认 checks there that the question it
	// answers is still the one its files ask: a file's round, 责任单位 or
	// reading changed since is asked again, as a file handed in is.
	Files func(docs map[string]*Document) error
}

// ChangeAssignment applies c in one transaction with an audit event; an
// assignment no longer in one of c.From (someone else moved it) is
// ECONFLICT and nothing changes.
func (s *Store) ChangeAssignment(ctx context.Context, c AssignmentChange) error {
	return s.inTx(ctx, func(tx *sql.Tx) error {
		if err := s.holdAssignmentRound(ctx, tx, c.ID); err != nil {
			return err
		}
		return s.changeAssignment(ctx, tx, c, nil)
	})
}

// holdAssignmentRound holds, inside tx, the round of assignment id
// (holdRound) before anything of the assignment is written: a hand-in
// makes a task the round's data, which DeleteRound counts, and the
// task's row and its files' rows would otherwise meet DeleteRound's
// deletion of the round's open tasks (a foreign key error on
// PostgreSQL). ENOTFOUND when the task is gone.
func (s *Store) holdAssignmentRound(ctx context.Context, tx *sql.Tx, id string) error {
	round, err := assignmentRound(ctx, tx, id)
	if err != nil {
		return err
	}
	return s.holdRound(ctx, tx, round)
}

// assignmentRound reads the round of assignment id inside tx, without a
// lock: a task never changes round, and its row goes with its round,
// which the caller then holds, or by DeleteAssignment, which locks the
// row. ENOTFOUND, without the internal id a person could not act on,
// when the task is gone.
func assignmentRound(ctx context.Context, tx *sql.Tx, id string) (int, error) {
	var round int
	err := tx.QueryRowContext(ctx, `SELECT round FROM assignment WHERE id = ?`, id).Scan(&round)
	if errors.Is(err, sql.ErrNoRows) {
		return 0, Errorf(ENOTFOUND, "该任务已不存在（可能刚被删除）；请刷新页面")
	}
	if err != nil {
		return 0, fmt.Errorf("read the round of task %s: %w", id, err)
	}
	return round, nil
}

// sameHandedIn is ECONFLICT when c guards the files handed in
// (c.HandedIn not nil) and the task now holds others. It runs after the
// task's row is updated: every hand-in updates that row first
// (changeAssignment), so on PostgreSQL a hand-in under way has committed
// before this reads, or waits for this transaction to end.
func sameHandedIn(ctx context.Context, tx *sql.Tx, c AssignmentChange) error {
	if c.HandedIn == nil {
		return nil
	}
	now, err := pendingFiles(ctx, tx, c.ID)
	if err != nil {
		return err
	}
	slices.Sort(now)
	if !slices.Equal(now, slices.Sorted(slices.Values(c.HandedIn))) {
		return Errorf(ECONFLICT, "核对之后任务提交的材料有变（又有文件提交、退回或撤回）；请刷新后重新核对再确认")
	}
	return nil
}

// sameFiles asks c.Files, when set, of the live documents of c.HandedIn
// read through tx and held as read until it ends (dialect.lockShare:
// a document's edit, its reading or its deletion waits). They are locked
// by id before the task's row, in the one order every transaction that
// locks documents and tasks takes them (documents by id, then tasks): a
// document's deletion or withdrawal locks its row before the tasks it
// empties (reopenEmptied), a 责任单位 merge the documents it re-files
// before the tasks it moves (lockDepartmentDocuments), so that they wait
// for each other instead of deadlocking; sameHandedIn, after the task's
// row, then finds whether these are all the files the task holds.
func (s *Store) sameFiles(ctx context.Context, tx *sql.Tx, c AssignmentChange) error {
	if c.Files == nil {
		return nil
	}
	docs := make(map[string]*Document, len(c.HandedIn))
	ids := slices.Compact(slices.Sorted(slices.Values(c.HandedIn)))
	err := forInLists(ids, func(in string, args []any) error {
		return queryDocumentsOn(ctx, tx, `SELECT `+documentColumns+` FROM document WHERE deleted_at IS NULL AND id IN `+in+
			` ORDER BY id`+s.dialect.lockShare, args, func(d *Document) { docs[d.ID] = d })
	})
	if err != nil {
		return fmt.Errorf("files handed in for %s: %w", c.ID, err)
	}
	if s.acceptFilesLocked != nil {
		s.acceptFilesLocked()
	}
	return c.Files(docs)
}

// changeAssignment applies c inside tx, its audit event's detail with
// the entries of more besides. The caller holds the assignment's round
// first (holdAssignmentRound).
func (s *Store) changeAssignment(ctx context.Context, tx *sql.Tx, c AssignmentChange, more map[string]any) error {
	if err := s.sameFiles(ctx, tx, c); err != nil {
		return err
	}
	now := formatTime(s.now())
	q := `UPDATE assignment SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status IN (?` +
		strings.Repeat(", ?", len(c.From)-1) + `)`
	args := []any{c.To, c.Reason, now, c.ID}
	for _, f := range c.From {
		args = append(args, f)
	}
	res, err := tx.ExecContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("change assignment %s: %w", c.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return Errorf(ECONFLICT, "任务状态已变化，请刷新后重试")
	}
	if err := sameHandedIn(ctx, tx, c); err != nil {
		return err
	}
	for _, d := range c.Documents {
		if err := handInAgain(ctx, tx, c.ID, d, c.By, now); err != nil {
			return err
		}
		// An upload's hand-in abandoned meanwhile (its request gave up
		// waiting) is recorded all the same: the task lists the file.
		if err := markHandIns(ctx, tx, c.ID, d, handInRecorded, handInUploading, handInAbandoned); err != nil {
			return err
		}
	}
	if c.To == AssignmentReturned {
		if err := markReturned(ctx, tx, c.ID, c.By, c.Reason, now); err != nil {
			return err
		}
	}
	detail := map[string]any{"status": c.To}
	if c.Reason != "" {
		detail["reason"] = c.Reason
	}
	if len(c.Documents) > 0 {
		detail["documents"] = c.Documents
	}
	for k, v := range more {
		detail[k] = v
	}
	return s.recordEvent(ctx, tx, Event{User: c.By, Action: "assignment." + string(c.To), Object: "assignment:" + c.ID, Detail: detail})
}
