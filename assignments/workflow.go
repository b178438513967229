package assignments

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// maxReasonRunes bounds a return's reason.
const maxReasonRunes = 1000

// managed returns an assignment u may see and manage (admins and the
// city's coordinators): another city's is ENOTFOUND, one u may only see
// is EFORBIDDEN.
func (s *Service) managed(ctx context.Context, u *catalog.User, id string) (*catalog.Assignment, error) {
	a, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if err := canManage(u, a.City); err != nil {
		return nil, err
	}
	return a, nil
}

// Return sends a submitted assignment back to its department with a
// reason they will see; the department hands in again. The links its
// hand-ins made to the indicator are deleted with it (the documents stay,
// listed on the task): a file sent back is no evidence for the indicator,
// in reports or the next round; links the coordinator made stay. The task
// returned names them (Unlinked). Admins and the city's coordinators
// only.
func (s *Service) Return(ctx context.Context, u *catalog.User, id, reason string) (*Task, error) {
	return s.ReturnFiles(ctx, u, id, reason, nil)
}

// ReturnFiles is Return of the files documents names alone (nil: every
// file handed in): those go back to the department, marked returned, and
// only their bytes are refused if handed in again; the others stay handed
// in, and the task stays submitted for them, awaiting 确认
// (catalog.Store.ReturnAssignmentFiles). A document not awaiting
// confirmation on the task is ECONFLICT on the documents field.
func (s *Service) ReturnFiles(ctx context.Context, u *catalog.User, id, reason string, documents []string) (*Task, error) {
	a, err := s.managed(ctx, u, id)
	if err != nil {
		return nil, err
	}
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return nil, catalog.FieldErrorf("reason", catalog.EINVALID, "退回时请写明原因，部门联系人会看到它")
	}
	if len([]rune(reason)) > maxReasonRunes {
		return nil, catalog.FieldErrorf("reason", catalog.EINVALID, "退回原因不能超过 %d 字", maxReasonRunes)
	}
	if a.Status != catalog.AssignmentSubmitted {
		return nil, notSubmitted(a)
	}
	unlinked, err := s.cat.ReturnAssignmentFiles(ctx, id, reason, u.Username, documents)
	if err != nil {
		return nil, err
	}
	s.refresh(ctx, unlinked, "")
	t, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	t.Unlinked = unlinked
	return t, nil
}

// HandInLinked hands a document the coordinator linked to an owed task's
// indicator in as the department's submission (确认以此提交): one of the
// task's Linked (MarkLinked), recorded as u's hand-in for the task, which
// becomes submitted and waits for the coordinator's 确认 or 退回 as any
// hand-in. Who may: as UploadTarget (the task's department, the city's
// coordinators, admins). A task not open or returned is ECONFLICT; a
// document the coordinator did not link to its indicator for its round is
// ENOTFOUND.
func (s *Service) HandInLinked(ctx context.Context, u *catalog.User, id, documentID string) (*Task, error) {
	a, err := s.UploadTarget(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if a.Status != catalog.AssignmentOpen && a.Status != catalog.AssignmentReturned {
		status := catalog.Words{Chinese: catalog.AssignmentStatusLabels[a.Status], English: string(a.Status)}
		return nil, catalog.Errorf(catalog.ECONFLICT, "任务当前为“%s”，只有未提交或已退回的任务可以确认以此提交", status)
	}
	tasks, err := s.tasks(ctx, []catalog.Assignment{*a})
	if err != nil {
		return nil, err
	}
	if err := s.MarkLinked(ctx, u, tasks); err != nil {
		return nil, err
	}
	if !slices.Contains(tasks[0].Linked, documentID) {
		// A file handed in and returned is no longer offered: say why,
		// not that the coordinator never linked it.
		if r, returned := a.Returned[documentID]; returned {
			return nil, catalog.Errorf(catalog.ECONFLICT, "这份材料已于 %s 由 %s 退回（原因：%s）；请提交本部门的其他材料，或先与协调员商量",
				catalog.ShowTime(r.At), r.By, catalog.TypedText(r.Reason))
		}
		return nil, catalog.Errorf(catalog.ENOTFOUND, "这份材料不是协调员为该任务的指标关联的材料；请在“我的任务”中从协调员已关联的材料里选择")
	}
	d, err := s.cat.Document(ctx, documentID)
	if err != nil {
		return nil, err
	}
	err = s.cat.HandInLinked(ctx, id, documentID, catalog.Submission{User: u.Username, Role: u.Role, Department: a.Department,
		Filename: d.Filename})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, u, id)
}

// WithdrawTarget returns the assignment when u may withdraw documentID
// from it (Withdraw's checks; nothing changes): another city's or
// department's task is ENOTFOUND, an expert or reviewer is EFORBIDDEN,
// an accepted task ECONFLICT, a document not handed in for it ENOTFOUND,
// and a file the coordinator returned that something else holds
// (DocumentHeld) ECONFLICT, naming the return: its record stays, and
// withdrawing would change nothing. A returned file it lets through is
// deleted by the withdrawal.
func (s *Service) WithdrawTarget(ctx context.Context, u *catalog.User, id, documentID string) (*catalog.Assignment, error) {
	a, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if u.Role != catalog.RoleContributor && u.CanEdit(a.City) != nil {
		return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有该任务的责任单位、本市协调员或管理员可以撤回提交的材料")
	}
	if a.Status == catalog.AssignmentAccepted {
		return nil, catalog.Errorf(catalog.ECONFLICT, "任务已确认，不能撤回提交的材料；如需更正，请联系本市协调员")
	}
	if !slices.Contains(a.Documents, documentID) {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "这份文件不是该任务提交的材料，或已撤回；请刷新“我的任务”后再试")
	}
	if r, returned := a.Returned[documentID]; returned {
		// A returned file already counts for nothing; withdrawing it
		// deletes it, its return kept, and so it may be withdrawn only
		// when nothing else holds it (DocumentHeld: the coordinator's
		// link, another task, a citation, a note, an upload elsewhere),
		// as catalog.WithdrawHandIn decides: otherwise withdrawing it
		// would change nothing, and the question before it would promise
		// a deletion that would not happen.
		held, err := s.cat.DocumentHeld(ctx, documentID, a.ID)
		if err != nil {
			return nil, err
		}
		if !held {
			return a, nil
		}
		return nil, catalog.Errorf(catalog.ECONFLICT, "这份文件已于 %s 由 %s 退回（原因：%s），不再算作本部门对该任务的提交，无需撤回；退回记录保留，部门和协调员都能看到。如需从档案中删除这份文件，请联系本市协调员",
			catalog.ShowTime(r.At), r.By, returnReason(r.Reason))
	}
	return a, nil
}

// WithdrawEffects says, for the question before a withdrawal, what
// withdrawing documentID from a (as WithdrawTarget gave it) would do to
// the document's links to a's indicator: Unlinks, the links its hand-in
// made, go; Stays, a link to the indicator that is not the hand-in's (the
// coordinator's, kept by 确认以此提交, or another task's hand-in's) stays,
// and so does the document.
func (s *Service) WithdrawEffects(ctx context.Context, a *catalog.Assignment, documentID string) (unlinks []catalog.Link, stays bool, err error) {
	made, err := s.cat.HandInLinks(ctx, a.ID)
	if err != nil {
		return nil, false, fmt.Errorf("links handed in for %s: %w", a.ID, err)
	}
	all, err := s.cat.DocumentLinks(ctx, documentID)
	if err != nil {
		return nil, false, fmt.Errorf("links of %s: %w", documentID, err)
	}
	for _, l := range all {
		if l.IndicatorCode != a.Indicator {
			continue
		}
		if slices.ContainsFunc(made, func(m catalog.Link) bool { return m.ID == l.ID }) {
			unlinks = append(unlinks, l)
		} else {
			stays = true
		}
	}
	return unlinks, stays, nil
}

// DocumentHeld says whether something besides its hand-in for task
// assignmentID holds documentID (catalog.Store.DocumentHeld): withdrawn
// from the task, it would stay in the archive, and a returned file so
// held is not withdrawn at all.
func (s *Service) DocumentHeld(ctx context.Context, assignmentID, documentID string) (bool, error) {
	return s.cat.DocumentHeld(ctx, documentID, assignmentID)
}

// returnReason is the reason a coordinator typed for a return, as the
// messages quote it; 未填写 (not given) when empty.
func returnReason(reason string) any {
	if reason == "" {
		return catalog.Words{Chinese: "未填写", English: "not given"}
	}
	return catalog.TypedText(reason)
}

// refresh rewrites the index entries of the documents whose links were
// deleted, and removes the entry of the document deleted ("" none).
func (s *Service) refresh(ctx context.Context, unlinked []catalog.Link, deleted string) {
	if s.idx == nil {
		return
	}
	var ids []string
	for _, l := range unlinked {
		if l.DocumentID != deleted && !slices.Contains(ids, l.DocumentID) {
			ids = append(ids, l.DocumentID)
		}
	}
	if len(ids) > 0 {
		s.idx.RefreshAfterChange(ctx, ids...)
	}
	if deleted != "" {
		s.idx.UnindexAfterDelete(ctx, deleted)
	}
}

// Withdraw takes a document handed in for an assignment back (撤回)
// before the coordinator accepted it: the links the hand-in made are
// deleted, the document leaves the task, a task left with nothing goes
// back to 未提交 (or 已退回, as it was before the hand-in), and the
// document itself is deleted when nothing else holds it
// (catalog.WithdrawHandIn). The task's department (its contributors),
// the city's coordinators and admins only; an accepted task is ECONFLICT.
func (s *Service) Withdraw(ctx context.Context, u *catalog.User, id, documentID string) (*Task, *catalog.Withdrawal, error) {
	if _, err := s.WithdrawTarget(ctx, u, id, documentID); err != nil {
		return nil, nil, err
	}
	w, err := s.cat.WithdrawHandIn(ctx, id, documentID, u.Username)
	if err != nil {
		return nil, nil, err
	}
	deleted := ""
	if w.DocumentDeleted {
		deleted = documentID
	}
	s.refresh(ctx, w.Unlinked, deleted)
	t, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, nil, err
	}
	t.Unlinked = w.Unlinked
	return t, w, nil
}

// Accept confirms what a department handed in for an assignment. Admins
// and the city's coordinators only; a task with no live document handed
// in (all of them deleted) has nothing to accept and is ECONFLICT. A task
// with a file to check first (Task.AcceptQuestion: another round's or
// another department's document, a file that could not be read) is
// ECONFLICT on the field confirm, naming each (a QuestionError, with its
// token), unless confirm is that token (Task.AcceptToken): the coordinator
// checked these very files. One click must not accept last year's folder
// as this year's evidence (probe s42 findings 3 and 5), nor a file handed
// in, read again or refiled after the check, up to the change itself
// (catalog.AssignmentChange.Files); confirm "" asks.
func (s *Service) Accept(ctx context.Context, u *catalog.User, id, confirm string) (*Task, error) {
	a, err := s.managed(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if a.Status != catalog.AssignmentSubmitted {
		return nil, notSubmitted(a)
	}
	// The files returned before are not what is accepted: what was handed
	// in since is.
	handed := a.HandedIn()
	if len(handed) == 0 {
		return nil, catalog.Errorf(catalog.ECONFLICT, "这项任务没有可确认的材料（提交的文档已被删除）；请退回任务，让部门重新提交")
	}
	if err := s.someReadable(ctx, handed); err != nil {
		return nil, err
	}
	guard, err := s.askBeforeAccept(ctx, a, confirm)
	if err != nil {
		return nil, err
	}
	acceptAsked(id)
	// The change holds the files asked about as they were asked about:
	// one handed in since the question was checked (review s43 finding
	// 5), or one whose round, 责任单位 or reading changed since, fails it,
	// and is asked.
	err = s.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: id, From: []catalog.AssignmentStatus{catalog.AssignmentSubmitted},
		To: catalog.AssignmentAccepted, By: u.Username, HandedIn: handed, Files: guard})
	if catalog.ErrorCode(err) == catalog.ECONFLICT {
		return nil, s.askAgain(ctx, u, id, confirm, err)
	}
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, u, id)
}

// acceptAsked runs between Accept's question and its change; tests set
// it to hand a file in there.
var acceptAsked = func(id string) {}

// askAgain is what Accept of task id answers when its change met a
// conflict: the question of the task as it is now when it asks one that
// confirm does not answer (a file handed in, read again or refiled after
// the check), else conflict itself.
func (s *Service) askAgain(ctx context.Context, u *catalog.User, id, confirm string, conflict error) error {
	a, err := s.managed(ctx, u, id)
	if err != nil {
		return err
	}
	if a.Status != catalog.AssignmentSubmitted {
		return conflict
	}
	if _, err := s.askBeforeAccept(ctx, a, confirm); err != nil {
		return err
	}
	return conflict
}

// someReadable is ECONFLICT, with the reason, when every document of ids
// could not be read (status failed): a blank scan handed in is no
// evidence to accept. When none has been read and some are still being
// read (StillBeingRead), it is ECONFLICT naming those: 确认 waits for
// the reading, since they may all fail. One being read beside one read
// may be accepted (Task.AcceptQuestion asks of it).
func (s *Service) someReadable(ctx context.Context, ids []string) error {
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return err
	}
	var handed []*catalog.Document
	for _, id := range ids {
		if d := docs[id]; d != nil {
			handed = append(handed, d)
		}
	}
	if reading := StillBeingRead(handed); len(reading) > 0 {
		return catalog.Errorf(catalog.ECONFLICT, "提交的文件%s尚未读取完成，不能确认；请待读取完成后再确认", fileNames(reading))
	}
	var failed *catalog.Document
	for _, d := range handed {
		if d.Status != catalog.StatusFailed {
			return nil
		}
		failed = d
	}
	if failed == nil {
		return nil
	}
	return catalog.Errorf(catalog.ECONFLICT, "提交的文件“%s”未能读取（%s），不能确认；请退回任务，让部门重新上传可读取的文件",
		failed.Filename, catalog.Words{Chinese: failed.Error, English: failed.ErrorIn(true)})
}

// fileNames are the file names of docs, each in quotes: “a.pdf”、“b.pdf”
// in Chinese, “a.pdf”, “b.pdf” in English.
func fileNames(docs []*catalog.Document) catalog.Words {
	var w catalog.Words
	for i, d := range docs {
		if i > 0 {
			w.Chinese += "、"
			w.English += ", "
		}
		w.Chinese += "“" + d.Filename + "”"
		w.English += "“" + d.Filename + "”"
	}
	return w
}

func notSubmitted(a *catalog.Assignment) error {
	// The statuses' codes are English words: open, submitted, returned, accepted.
	status := catalog.Words{Chinese: catalog.AssignmentStatusLabels[a.Status], English: string(a.Status)}
	return catalog.Errorf(catalog.ECONFLICT, "任务当前为“%s”，只有“已提交”的任务可以退回或确认", status)
}

// UploadTarget returns the assignment u hands documents in for, checking
// that they may: a contributor for their own department's assignments
// only, admins and the city's coordinators for any of the city's.
// Another city's or department's assignment is ENOTFOUND, an expert or
// reviewer is EFORBIDDEN, and an accepted assignment takes nothing more
// (ECONFLICT). Nothing changes.
func (s *Service) UploadTarget(ctx context.Context, u *catalog.User, id string) (*catalog.Assignment, error) {
	a, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if u.Role != catalog.RoleContributor {
		if err := u.CanEdit(a.City); err != nil {
			return nil, catalog.Errorf(catalog.EFORBIDDEN, "只有该任务的责任单位、本市协调员或管理员可以为它提交材料")
		}
	}
	if a.Status == catalog.AssignmentAccepted {
		return nil, catalog.Errorf(catalog.ECONFLICT, "该任务已确认，不能再提交材料；如需补充请联系本市协调员")
	}
	return a, nil
}

// Submitted records documents handed in for an assignment by u (after
// UploadTarget allowed it and the documents are stored) and marks it
// submitted: open and returned become submitted, submitted stays so.
func (s *Service) Submitted(ctx context.Context, u *catalog.User, id string, documentIDs []string) error {
	if _, err := s.UploadTarget(ctx, u, id); err != nil {
		return err
	}
	return s.cat.ChangeAssignment(ctx, catalog.AssignmentChange{ID: id, To: catalog.AssignmentSubmitted, Documents: documentIDs,
		From: []catalog.AssignmentStatus{catalog.AssignmentOpen, catalog.AssignmentSubmitted, catalog.AssignmentReturned}, By: u.Username})
}

// NewAssignment is one assignment added by hand.
type NewAssignment struct {
	City       string
	Round      int
	Indicator  string
	Department string
	Due        string
	Contact    string
	// Requirement is the 材料要求 the coordinator writes for the task
	// (手工填写), or nil to leave an existing task's as it was: the form
	// that changes a due date must not clear what a table asked for.
	// An empty text clears it.
	Requirement *string
}

// Add adds one assignment (or, for an existing task, replaces its due date,
// contact and, when n has one, requirement) with the rules of a table row;
// admins and the city's coordinators only. The task's Created says which.
func (s *Service) Add(ctx context.Context, u *catalog.User, n NewAssignment) (*Task, error) {
	city, round, err := s.target(ctx, u, n.City, n.Round)
	if err != nil {
		return nil, err
	}
	c, err := newChecker(ctx, s.cat, city, round)
	if err != nil {
		return nil, err
	}
	r := catalog.AssignmentRow{Indicator: strings.TrimSpace(n.Indicator), Department: strings.TrimSpace(n.Department),
		Due: strings.TrimSpace(n.Due), Contact: strings.TrimSpace(n.Contact)}
	why := c.check(&r)
	if e := handRequirement(&r, n.Requirement); e != nil {
		why = append(why, e)
	}
	if depts := SplitDepartments(r.Department); len(depts) > 1 {
		// A table's cell may name several; a task is one department's.
		why = append(why, catalog.FieldErrorf("department", catalog.EINVALID,
			"一项任务只能有一个责任单位，所填的是 %d 个（%s）；请逐个添加，或在责任分解表中写在一格里导入", len(depts), strings.Join(depts, "、")))
	}
	if len(why) > 0 {
		errs := make([]error, len(why))
		for i, e := range why {
			errs[i] = e
		}
		return nil, catalog.Join(errs...)
	}
	imp, err := s.cat.ImportAssignments(ctx, city, round, []catalog.AssignmentRow{r}, u.Username)
	if err != nil {
		return nil, err
	}
	t, err := s.Get(ctx, u, imp.Assignments[0].ID)
	if err != nil {
		return nil, err
	}
	t.Created = imp.Added > 0
	return t, nil
}

// Change is an edit of one assignment; nil fields stay as they are.
type Change struct {
	Due        *string
	Contact    *string
	Department *string // a name in the city's list (by catalog.DepartmentKey)
}

// Edit changes an assignment's due date, contact or department; admins
// and the city's coordinators only.
func (s *Service) Edit(ctx context.Context, u *catalog.User, id string, c Change) (*Task, error) {
	a, err := s.managed(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if c.Due != nil {
		due, ok := ParseDueIn(*c.Due, a.Round)
		if !ok && DueShape(*c.Due) {
			return nil, catalog.Errorf(catalog.EINVALID, "截止日期 %q 不存在，请检查月和日", *c.Due)
		} else if !ok {
			return nil, catalog.Errorf(catalog.EINVALID, "截止日期 %q 无法识别，应为 YYYY-MM-DD（如 2018-03-31）", *c.Due)
		}
		a.Due = due
	}
	if c.Contact != nil {
		a.Contact = strings.TrimSpace(*c.Contact)
	}
	if c.Department != nil {
		d, err := s.cat.DepartmentByName(ctx, a.City, *c.Department)
		if catalog.IsNotFound(err) {
			return nil, catalog.Errorf(catalog.EINVALID, "本市责任单位名单中没有 %q；请先在责任单位名单中添加", *c.Department)
		}
		if err != nil {
			return nil, err
		}
		a.DepartmentID = d.ID
	}
	if err := s.cat.UpdateAssignment(ctx, a, u.Username); err != nil {
		return nil, err
	}
	return s.Get(ctx, u, id)
}

// Delete deletes a task added or imported by mistake and returns it as it
// was: admins and the city's coordinators only. A task something was
// handed in for and neither returned nor withdrawn, or accepted, is
// ECONFLICT saying what to do first (catalog.Store.DeleteAssignment).
func (s *Service) Delete(ctx context.Context, u *catalog.User, id string) (*Task, error) {
	t, err := s.DeleteTarget(ctx, u, id)
	if err != nil {
		return nil, err
	}
	if _, err := s.cat.DeleteAssignment(ctx, id, u.Username); err != nil {
		return nil, fmt.Errorf("delete task %s: %w", id, err)
	}
	return t, nil
}

// DeleteTarget returns the task u would delete, for the question before
// it (its indicator and department named): another city's is ENOTFOUND,
// one u may only see EFORBIDDEN, and one with files handed in or accepted
// ECONFLICT, as Delete would say. Nothing changes.
func (s *Service) DeleteTarget(ctx context.Context, u *catalog.User, id string) (*Task, error) {
	a, err := s.managed(ctx, u, id)
	if err != nil {
		return nil, err
	}
	switch {
	case a.Status == catalog.AssignmentAccepted:
		return nil, catalog.Errorf(catalog.ECONFLICT, "任务已确认，不能删除：确认的材料是本轮该指标的佐证；如任务确属误加，请先删除已确认的材料（任务随之重新打开），再删除任务")
	case len(a.HandedIn()) > 0:
		return nil, catalog.Errorf(catalog.ECONFLICT, "该任务已有 %d 份部门提交的材料，不能删除；如任务确属误加，请先由部门撤回这些材料，或由协调员退回后再删除", len(a.HandedIn()))
	}
	tasks, err := s.tasks(ctx, []catalog.Assignment{*a})
	if err != nil {
		return nil, err
	}
	return &tasks[0], nil
}
