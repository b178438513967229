package api

import (
	"context"
	"mime"
	"net/http"
	"time"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// AssignmentJSON is the API's view of an assignment (DESIGN.md,
// "Responsibility assignments"): what GET /api/v1/assignments lists, and
// what `evidence assignments list --json` prints from the data folder
// too, so that both give one shape (AssignmentList).
type AssignmentJSON struct {
	ID            string `json:"id"`
	City          string `json:"city"`
	Round         int    `json:"round"`
	Indicator     string `json:"indicator"`
	IndicatorName string `json:"indicator_name"`
	// IndicatorNow is today's name of an indicator a past round names
	// otherwise (indicator_name is the round's, as its report has it).
	IndicatorNow string `json:"indicator_now,omitempty"`
	// IndicatorNowEN is that name in English, when it has one.
	IndicatorNowEN string `json:"indicator_now_en,omitempty"`
	// Requirement is what the city's responsibility table asks the
	// department to hand in, in its words (its 材料要求 column); "" when
	// the table gave none. Info is the framework's wording for the
	// indicator, which a task list shows below it.
	Requirement string `json:"requirement"`
	// RequirementFromRemark says the table gave Requirement in its 备注,
	// for want of a column naming the material: a note, not a list of
	// what to hand in.
	RequirementFromRemark bool `json:"requirement_from_remark,omitempty"`
	// RequirementSource says where Requirement came from: the heading of
	// the table's column it was read from (材料要求, 备注 …), 手工填写 for
	// one written by hand, "" for none (or one imported before the
	// source was kept).
	RequirementSource string `json:"requirement_source"`
	Info              string `json:"info"`
	// InfoEN is Info in English, when the framework gives it.
	InfoEN     string `json:"info_en,omitempty"`
	Department string `json:"department"`
	Due        string `json:"due"`
	Contact    string `json:"contact"`
	Status     string `json:"status"`
	Reason     string `json:"reason"`
	Overdue    bool   `json:"overdue"`
	// Covered: an owed task whose indicator the coordinator linked
	// material to for its round (assignments.Task.Covered): still owed,
	// never overdue.
	Covered   bool     `json:"covered"`
	Documents []string `json:"documents"`
	// Submissions: who submitted each document handed in for the task,
	// the one who handed it in first, then the department's others oldest
	// first; the same file from two people is one document, two entries.
	Submissions []SubmissionJSON `json:"submissions"`
	// Returned marks the files of documents the coordinator returned
	// (退回), each with who, when and the reason; documents still lists
	// them, and the others are what counts as handed in. A returned file
	// since withdrawn (or deleted) stays here, after the others, marked
	// so, and documents no longer lists it.
	Returned []ReturnedJSON `json:"returned"`
	// LinkedByCoordinator, in a list of tasks, beside an owed task: the
	// documents the coordinator linked to its indicator for its round
	// (assignments.Service.MarkLinked, as the board counts them). They
	// are no hand-in by the department: the task stays open.
	LinkedByCoordinator *assignments.CoordinatorLinks `json:"linked_by_coordinator,omitempty"`
	// AcceptedDeleted, beside an owed task, says it is owed again because
	// the file accepted for it was deleted (which, by whom, when), and
	// AcceptedDeletedNote (AcceptedDeletedNoteEn) says so in words; absent
	// otherwise. reason is then the earlier return's, not why it is owed.
	AcceptedDeleted       *AcceptedDeletedJSON `json:"accepted_deleted,omitempty"`
	AcceptedDeletedNote   string               `json:"accepted_deleted_note,omitempty"`
	AcceptedDeletedNoteEn string               `json:"accepted_deleted_note_en,omitempty"`
	// HandInNotes mark the files handed in that are archived documents
	// of another round or filed under another department
	// (assignments.HandInNote), with the words the board shows beside
	// them; accepting such a task asks confirm=TOKEN (the 409's
	// confirm_token).
	HandInNotes []HandInNoteJSON `json:"handin_notes,omitempty"`
	UpdatedAt   time.Time        `json:"updated_at"`
}

// HandInNoteJSON is a note on a file handed in: kind other_round (round,
// issued_on) or other_department (department), and note/note_en saying
// it.
type HandInNoteJSON struct {
	DocumentID string `json:"document_id"`
	Kind       string `json:"kind"`
	Round      string `json:"round,omitempty"`
	IssuedOn   string `json:"issued_on,omitempty"`
	Department string `json:"department,omitempty"`
	Note       string `json:"note"`
	NoteEn     string `json:"note_en"`
}

// AcceptedDeletedJSON is the file accepted for a task, since deleted.
type AcceptedDeletedJSON struct {
	DocumentID string    `json:"document_id"`
	Title      string    `json:"title"`
	Filename   string    `json:"filename"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	// Was is accepted or submitted: where the task stood when its file
	// was deleted.
	Was string `json:"was"`
}

// ReturnedJSON is a file handed in for a task and returned; in a list of
// tasks, with the document's title and file name when the caller may read
// it.
type ReturnedJSON struct {
	DocumentID string    `json:"document_id"`
	Title      string    `json:"title,omitempty"`
	Filename   string    `json:"filename,omitempty"`
	By         string    `json:"by"`
	At         time.Time `json:"at"`
	// Was is accepted or submitted: where the task stood when its file
	// was deleted.
	Was    string `json:"was"`
	Reason string `json:"reason"`
	// WithdrawnAt and WithdrawnBy: the department withdrew the returned
	// file since (已撤回), which deleted it; DeletedAt and DeletedBy: the
	// document was deleted otherwise. Its return stays listed either way.
	WithdrawnAt *time.Time `json:"withdrawn_at,omitempty"`
	WithdrawnBy string     `json:"withdrawn_by,omitempty"`
	DeletedAt   *time.Time `json:"deleted_at,omitempty"`
	DeletedBy   string     `json:"deleted_by,omitempty"`
}

// returnedJSON is the returned file id of t as ReturnedJSON gives it.
func returnedJSON(t *assignments.Task, id string) ReturnedJSON {
	r, name := t.Returned[id], t.ReturnedDocs[id]
	out := ReturnedJSON{DocumentID: id, Title: name.Title, Filename: name.Filename, By: r.By, At: r.At, Reason: r.Reason}
	if g := r.Gone; g != nil {
		at := g.At
		if g.Withdrawn {
			out.WithdrawnAt, out.WithdrawnBy = &at, g.By
		} else {
			out.DeletedAt, out.DeletedBy = &at, g.By
		}
	}
	return out
}

// SubmissionJSON is one hand-in of a document's bytes.
type SubmissionJSON struct {
	DocumentID string    `json:"document_id"`
	Department string    `json:"department"`
	User       string    `json:"user"`
	Filename   string    `json:"filename"`
	At         time.Time `json:"at"`
	// Role is the submitter's role (coordinator, admin, contributor; ""
	// when the account is gone): a coordinator's hand-in for the task has
	// role coordinator and no department.
	Role string `json:"role"`
}

func toAssignmentJSON(t *assignments.Task) AssignmentJSON {
	docs := t.Documents
	if docs == nil {
		docs = []string{}
	}
	subs := []SubmissionJSON{}
	for _, id := range docs {
		for _, s := range t.Submissions[id] {
			subs = append(subs, SubmissionJSON{DocumentID: id, Department: s.Department, User: s.User, Filename: s.Filename, At: s.At, Role: string(s.Role)})
		}
	}
	returned := []ReturnedJSON{}
	for _, id := range docs {
		if _, ok := t.Returned[id]; ok {
			returned = append(returned, returnedJSON(t, id))
		}
	}
	for _, id := range t.ReturnedGone() {
		returned = append(returned, returnedJSON(t, id))
	}
	out := AssignmentJSON{ID: t.ID, Returned: returned, City: t.City, Round: t.Round, Indicator: t.Indicator, IndicatorName: t.IndicatorName,
		IndicatorNow: t.IndicatorNow.Name, IndicatorNowEN: t.IndicatorNow.NameEN, Requirement: t.Requirement, RequirementFromRemark: t.RequirementFromRemark,
		RequirementSource: t.RequirementSource, Info: t.IndicatorInfo, InfoEN: t.IndicatorInfoEN, Department: t.Department, Due: t.Due, Contact: t.Contact, Status: string(t.Status),
		Reason: t.Reason, Overdue: t.Overdue, Covered: t.Covered, Documents: docs, Submissions: subs, UpdatedAt: t.UpdatedAt,
		AcceptedDeleted: acceptedDeletedJSON(t.AcceptedGone)}
	for _, n := range t.Notes {
		out.HandInNotes = append(out.HandInNotes, HandInNoteJSON{DocumentID: n.DocumentID, Kind: n.Kind, Round: n.Round,
			IssuedOn: n.IssuedOn, Department: n.Department, Note: n.Words.Chinese, NoteEn: n.Words.English})
	}
	if g := t.AcceptedGone; g != nil {
		w := catalog.AcceptedGoneWords(g)
		out.AcceptedDeletedNote, out.AcceptedDeletedNoteEn = w.Chinese, w.English
	}
	return out
}

// acceptedDeletedJSON is g as the API gives it; nil for nil.
func acceptedDeletedJSON(g *catalog.AcceptedGone) *AcceptedDeletedJSON {
	if g == nil {
		return nil
	}
	return &AcceptedDeletedJSON{DocumentID: g.Document, Title: g.Title, Filename: g.Filename, By: g.By, At: g.At, Was: string(g.Was)}
}

// maxTableBytes bounds a responsibility table upload.
const maxTableBytes = 10 << 20

func (h *handler) handleAssignmentImport(w http.ResponseWriter, r *http.Request) {
	name, data, fields, err := readOneFile(w, r, maxTableBytes,
		catalog.Errorf(catalog.EINVALID, "请在字段 file 中上传责任分解表（.xlsx、.xls、.et 或 .csv，不超过 10 MiB）"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	round, err := catalog.ParseRound("round", fields["round"])
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	imp, err := h.Assignments.Import(r.Context(), u, assignments.ImportRequest{City: fields["city"], Round: round,
		Filename: name, Data: data, RemoveMissing: formTrue(fields["remove_missing"])})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]AssignmentJSON, 0, len(imp.Assignments))
	for _, a := range imp.Assignments {
		t, err := h.Assignments.Get(r.Context(), u, a.ID)
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		out = append(out, toAssignmentJSON(t))
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"assignments": out, "added": imp.Added, "updated": imp.Updated, "unchanged": imp.Unchanged,
		"new_departments": nonNil(imp.NewDepartments), "not_in_table": leftTasksJSON(imp.NotInTable), "removed": leftTasksJSON(imp.Removed),
		"requirement_column": imp.RequirementColumn, "requirement_from_remark": imp.RequirementFromRemark, "ignored_columns": nonNil(imp.IgnoredColumns), "combined_departments": combinedJSON(imp.Combined),
		"ignored_units": ignoredUnitsJSON(imp.IgnoredUnits), "folded_departments": foldedJSON(imp.Folded),
		"matched_departments":    foldedJSON(imp.Matched),
		"unreceived_departments": nonNil(imp.Unreceived)})
}

// ignoredUnitsJSON are the units of the 配合单位 column an import did
// not give tasks to, each with its rows' indicators.
func ignoredUnitsJSON(us []catalog.IgnoredUnit) []map[string]any {
	out := make([]map[string]any, len(us))
	for i, u := range us {
		out[i] = map[string]any{"name": u.Name, "indicators": u.Indicators}
	}
	return out
}

// foldedJSON are the department names with a bracketed note an import
// read as another department (AssignmentImport.Folded).
func foldedJSON(fs []catalog.FoldedName) []map[string]string {
	out := make([]map[string]string, len(fs))
	for i, f := range fs {
		out[i] = map[string]string{"written": f.Written, "as": f.As, "other": f.Other}
	}
	return out
}

// combinedJSON are the departments an import offers to remove from the
// list (AssignmentImport.Combined): names the table splits.
func combinedJSON(ds []catalog.Department) []map[string]string {
	out := make([]map[string]string, len(ds))
	for i, d := range ds {
		out[i] = map[string]string{"id": d.ID, "name": d.Name}
	}
	return out
}

// LeftTaskJSON is a task of the round that an imported table does not
// list: kept (not_in_table) or removed.
type LeftTaskJSON struct {
	ID         string `json:"id"`
	Indicator  string `json:"indicator"`
	Department string `json:"department"`
	Due        string `json:"due"`
	Status     string `json:"status"`
	// HandedIn: files were handed in or accepted for it, so an import
	// never removes it.
	HandedIn bool `json:"handed_in"`
}

func leftTasksJSON(as []catalog.Assignment) []LeftTaskJSON {
	out := make([]LeftTaskJSON, len(as))
	for i, a := range as {
		out[i] = LeftTaskJSON{ID: a.ID, Indicator: a.Indicator, Department: a.Department, Due: a.Due, Status: string(a.Status),
			HandedIn: assignments.HasHandIns(&a)}
	}
	return out
}

// handleAssignmentCopy starts a round's responsibility table from the
// latest earlier round that has one (从上一轮复制责任分解表). With "due"
// (as the board's copy form sends it) the tasks whose shifted date is
// past take it, and a copy that would leave one past is refused without
// it (assignments.Service.CopyPreviousDue); without, the dates are only
// shifted, as before.
func (h *handler) handleAssignmentCopy(w http.ResponseWriter, r *http.Request) {
	var in struct {
		City  string    `json:"city"`
		Round roundJSON `json:"round"`
		Due   *string   `json:"due"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	var cp *catalog.AssignmentCopy
	var err error
	if in.Due != nil {
		cp, err = h.Assignments.CopyPreviousDue(r.Context(), userFrom(r.Context()), in.City, int(in.Round), *in.Due)
	} else {
		cp, err = h.Assignments.CopyPrevious(r.Context(), userFrom(r.Context()), in.City, int(in.Round))
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	skipped := make([]map[string]string, 0, len(cp.Skipped))
	for _, a := range cp.Skipped {
		skipped = append(skipped, map[string]string{"indicator": a.Indicator, "department": a.Department})
	}
	out := map[string]any{"copied": map[string]any{"from_round": cp.FromRound, "round": cp.Round,
		"added": cp.Added, "existing": cp.Existing, "redated": cp.Redated, "overdue": cp.Overdue, "skipped": skipped}}
	if words, late := assignments.OverdueWarning(cp); late {
		out["warnings"] = []fieldErrorJSON{{Field: "due", Message: words.Chinese, MessageEn: words.English}}
	}
	h.writeJSON(w, r, http.StatusCreated, out)
}

// handleAssignmentAdd adds one task, or changes the due date, contact
// and requirement of the department's task for that indicator, as the
// board's form does. A requirement absent or null leaves an existing
// task's as it was; "" clears it. The answer names the requirement's
// source as an import's does its column: 手工填写 when one was sent.
func (h *handler) handleAssignmentAdd(w http.ResponseWriter, r *http.Request) {
	var in struct {
		City        string    `json:"city"`
		Round       roundJSON `json:"round"`
		Indicator   string    `json:"indicator"`
		Department  string    `json:"department"`
		Due         string    `json:"due"`
		Contact     string    `json:"contact"`
		Requirement *string   `json:"requirement"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.Assignments.Add(r.Context(), userFrom(r.Context()), assignments.NewAssignment{City: in.City, Round: int(in.Round),
		Indicator: in.Indicator, Department: in.Department, Due: in.Due, Contact: in.Contact, Requirement: in.Requirement})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// A requirement sent empty cleared the task's: no column was read.
	column := ""
	if in.Requirement != nil && t.Requirement != "" {
		column = assignments.RequirementByHand
	}
	status := http.StatusOK
	if t.Created {
		status = http.StatusCreated
	}
	h.writeJSON(w, r, status, map[string]any{"assignment": toAssignmentJSON(t), "requirement_column": column})
}

func (h *handler) handleAssignmentList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := h.cityInReach(r, userFrom(r.Context()), q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	f := assignments.Filter{City: q.Get("city"), Round: round, Department: q.Get("department"), Indicator: q.Get("indicator"),
		Overdue: q.Get("overdue") == "true" || q.Get("overdue") == "1"}
	if s := q.Get("status"); s != "" {
		if f.Status, err = catalog.ParseAssignmentStatus(s); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	list, err := h.Assignments.ListLinked(r.Context(), userFrom(r.Context()), f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignments": AssignmentList(list)})
}

// handleAssignmentView answers one task as GET /api/v1/assignments lists
// it, to whoever may list it: a task of another department (for a
// department contributor) or of a city out of reach is 404, as a document
// is, so that ids reveal nothing.
func (h *handler) handleAssignmentView(w http.ResponseWriter, r *http.Request) {
	t, err := h.Assignments.GetLinked(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignment": AssignmentList([]assignments.Task{*t})[0]})
}

// AssignmentList is list, as assignments.Service.ListLinked gives it, in
// the shape GET /api/v1/assignments answers: each task with what the
// coordinator linked beside it.
func AssignmentList(list []assignments.Task) []AssignmentJSON {
	out := make([]AssignmentJSON, len(list))
	for i := range list {
		out[i] = toAssignmentJSON(&list[i])
		out[i].LinkedByCoordinator = list[i].LinkedByCoordinator
	}
	return out
}

// handleAssignmentDelete deletes a task added by mistake, one nothing
// counts as handed in for, and answers it as it was.
func (h *handler) handleAssignmentDelete(w http.ResponseWriter, r *http.Request) {
	t, err := h.Assignments.Delete(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": toAssignmentJSON(t)})
}

func (h *handler) handleAssignmentReturn(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
		// Documents are the files to return, by document id. Absent or
		// null decodes to nil, every file; [] decodes to an empty slice
		// that is not nil, which the catalog refuses.
		Documents []string `json:"documents"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.Assignments.ReturnFiles(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Reason, in.Documents)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	task := h.namedTask(r, t)
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignment": task, "unlinked": unlinkedJSON(t.Unlinked)})
}

// unlinkedRef is a link a return or a withdrawal deleted.
type unlinkedRef struct {
	DocumentID string `json:"document_id"`
	Indicator  string `json:"indicator"`
}

func unlinkedJSON(links []catalog.Link) []unlinkedRef {
	out := make([]unlinkedRef, len(links))
	for i, l := range links {
		out[i] = unlinkedRef{DocumentID: l.DocumentID, Indicator: l.IndicatorCode}
	}
	return out
}

// readDocumentID reads the JSON body {"document_id": …} of a task's
// hand-in and withdrawal; missing is the message when it names none.
func readDocumentID(r *http.Request, missing string) (string, error) {
	var in struct {
		DocumentID string `json:"document_id"`
	}
	if err := readJSON(r, &in); err != nil {
		return "", err
	}
	if in.DocumentID == "" {
		return "", catalog.FieldErrorf("document_id", catalog.EINVALID, missing)
	}
	return in.DocumentID, nil
}

// handleAssignmentHandInLinked hands a document the coordinator linked to
// an owed task's indicator in as the department's submission (确认以此提交).
func (h *handler) handleAssignmentHandInLinked(w http.ResponseWriter, r *http.Request) {
	id, err := readDocumentID(r, "请在 document_id 中写明协调员已关联的哪份材料作为提交")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.Assignments.HandInLinked(r.Context(), userFrom(r.Context()), r.PathValue("id"), id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	task := h.namedTask(r, t)
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignment": task})
}

// handleAssignmentWithdraw takes a document handed in for a task back
// (撤回) before the task is accepted.
func (h *handler) handleAssignmentWithdraw(w http.ResponseWriter, r *http.Request) {
	id, err := readDocumentID(r, "请在 document_id 中写明要撤回的文档编号")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	t, wd, err := h.Assignments.Withdraw(r.Context(), userFrom(r.Context()), r.PathValue("id"), id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	task := h.namedTask(r, t)
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignment": task, "unlinked": unlinkedJSON(wd.Unlinked),
		"document_deleted": wd.DocumentDeleted})
}

func (h *handler) handleAssignmentAccept(w http.ResponseWriter, r *http.Request) {
	// confirm=TOKEN: the coordinator checked the files the task asks
	// about (assignments.Task.AcceptQuestion), TOKEN the confirm_token of
	// the 409 that asked; without it, or with another question's, such a
	// task is 409 again.
	t, err := h.Assignments.Accept(r.Context(), userFrom(r.Context()), r.PathValue("id"), r.URL.Query().Get("confirm"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	task := h.namedTask(r, t)
	h.writeJSON(w, r, http.StatusOK, map[string]any{"assignment": task})
}

// returnedNamer names the returned files of tasks as u may read them
// (assignments.Service.NameReturned).
type returnedNamer interface {
	NameReturned(ctx context.Context, u *catalog.User, tasks []assignments.Task) error
}

// namedTask is t, just changed by the caller, in the shape of an answer,
// its returned files named (title, filename) as GET gives them, so that
// the answer to a return, withdrawal, hand-in or acceptance reads as the
// task read again does. The change is committed by then: when the names
// cannot be read, the answer is still what was done, its returned files
// by id alone, and the failure is logged; an error would tell the client
// to try again a change already made.
func (h *handler) namedTask(r *http.Request, t *assignments.Task) AssignmentJSON {
	one := []assignments.Task{*t}
	if err := h.returnedNames.NameReturned(r.Context(), userFrom(r.Context()), one); err != nil {
		h.Logger.Warn("name the returned files of a changed task", "assignment", t.ID, "path", r.URL.Path, "err", err)
		return toAssignmentJSON(t)
	}
	return toAssignmentJSON(&one[0])
}

type progressRowJSON struct {
	Department string   `json:"department"`
	Contact    string   `json:"contact"`
	Contacts   []string `json:"contacts"`
	Accounts   int      `json:"accounts"`
	NoAccount  bool     `json:"no_account"`
	Total      int      `json:"total"`
	Open       int      `json:"open"`
	Submitted  int      `json:"submitted"`
	Returned   int      `json:"returned"`
	// PartlyReturned counts submitted tasks with files returned and none
	// handed in since; returned counts whole tasks only.
	PartlyReturned int `json:"partly_returned"`
	Accepted       int `json:"accepted"`
	Overdue        int `json:"overdue"`
	Covered        int `json:"covered"`
}

func (h *handler) handleAssignmentProgress(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := h.cityInReach(r, userFrom(r.Context()), q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	rows, err := h.Assignments.Progress(r.Context(), userFrom(r.Context()), q.Get("city"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]progressRowJSON, len(rows))
	for i, p := range rows {
		out[i] = progressRowJSON(p)
		out[i].Contacts = nonNil(p.Contacts)
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"departments": out})
}

// handleAssignmentMissing answers the XLSX of what a city's departments
// still owe (open, returned, overdue), with their contacts, for the
// reminder round: ?city=&round=.
func (h *handler) handleAssignmentMissing(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	tasks, err := h.Assignments.Missing(r.Context(), userFrom(r.Context()), q.Get("city"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	english := reportLang(r) == report.English
	data, err := assignments.MissingXLSX(tasks, english)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", assignments.XLSXType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": h.Assignments.MissingFilename(r.Context(), userFrom(r.Context()), q.Get("city"), round, english)}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}
