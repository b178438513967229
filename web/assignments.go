package web

import (
	"cmp"
	"fmt"
	"io"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// docRef is a document handed in for a task, as a task row shows it:
// with who submitted its bytes, so that one file handed in by two
// departments shows as one document with both.
type docRef struct {
	ID, Title   string
	Submissions []catalog.Submission
	// Doc is the document itself: 我的任务 says where each one handed in
	// is (waiting, being read, searchable, failed and why).
	Doc *catalog.Document
	// Returned marks a file handed in that the coordinator returned (who,
	// when, why); nil for one that still counts.
	Returned *catalog.ReturnedFile
	// Gone says a returned file was since withdrawn or deleted: it is
	// listed, by the title it had, for its return's sake, with no link
	// (its page is gone) and nothing to do.
	Gone bool
	// Held says, of a returned file, that something else holds it (the
	// coordinator's link, another task, a citation…): it cannot be
	// withdrawn (409), so the page offers no 撤回 beside it, only its
	// return.
	Held bool
	// Notes say the file is another round's or another department's
	// archived document (assignments.HandInNote), beside it on the board.
	Notes []assignments.HandInNote
}

// taskRow is an assignment with the titles of what was handed in and,
// beside an owed task, of what the coordinator linked (Task.Linked).
type taskRow struct {
	assignments.Task
	Handed []docRef
	// LinkedDocs are the documents of Task.Linked u may read, listed by
	// title: the board counts and links exactly these.
	LinkedDocs []docRef
	// DocTypes are the hand-in form's kinds of document, the one it
	// starts at selected.
	DocTypes []option
	// Question is what 确认 asks first (assignments.Task.AcceptQuestion),
	// nil when nothing: the accept form then wants its box ticked, and
	// the box posts the question's token, so that 确认 answers what the
	// board showed and no file handed in since.
	Question *acceptQuestion
}

// acceptQuestion is what 确认 asks first, in words, and its token
// (assignments.Task.AcceptToken): the value of the board's tick box.
type acceptQuestion struct {
	Words catalog.Words
	Token string
}

// Returnable are the files a return may send back: handed in, not
// returned yet and not deleted. The return form offers them one by one
// when there are several, so that a right file need not go back with a
// wrong one.
func (t taskRow) Returnable() []docRef {
	var out []docRef
	for _, d := range t.Handed {
		if d.Returned == nil && !d.Gone {
			out = append(out, d)
		}
	}
	return out
}

// Withdrawable says the department may still take a file it handed in
// back (撤回): the coordinator has not accepted the task.
func (t taskRow) Withdrawable() bool {
	return t.Status == catalog.AssignmentSubmitted || t.Status == catalog.AssignmentReturned
}

// Unreadable says that every document handed in for the task could not
// be read (failed): there is nothing to accept, only to return.
func (t taskRow) Unreadable() bool {
	n := 0
	for _, d := range t.Handed {
		if d.Returned != nil {
			continue // sent back already: not what is to accept
		}
		if d.Doc == nil || d.Doc.Status != catalog.StatusFailed {
			return false
		}
		n++
	}
	return n > 0
}

// StillReading says that no document handed in for the task (not
// returned) has been read yet and some are still being read
// (assignments.StillBeingRead): 确认 is refused until one is (409,
// 请待读取完成后再确认), so the board says so in its place, as for files
// that all failed (Unreadable).
func (t taskRow) StillReading() bool {
	var docs []*catalog.Document
	for _, d := range t.Handed {
		if d.Returned == nil && d.Doc != nil {
			docs = append(docs, d.Doc)
		}
	}
	return len(assignments.StillBeingRead(docs)) > 0
}

// taskRows adds the titles of the documents handed in, all read at once,
// and of those the coordinator linked (Task.LinkedByCoordinator, when
// assignments.Service.AttachLinked filled it); a document u may not read
// any more is left out.
func (h *handler) taskRows(r *http.Request, tasks []assignments.Task) []taskRow {
	u := sessionFrom(r).User
	var ids []string
	for _, t := range tasks {
		ids = append(ids, t.Documents...)
	}
	docs, err := h.Documents.GetAll(r.Context(), u, ids)
	if err != nil {
		h.Logger.Warn("tasks: documents handed in", "err", err)
	}
	if err := h.Assignments.NameReturned(r.Context(), u, tasks); err != nil {
		h.Logger.Warn("tasks: returned files", "err", err)
	}
	out := make([]taskRow, len(tasks))
	for i, t := range tasks {
		out[i] = taskRow{Task: t}
		for _, id := range t.Documents {
			if d, ok := docs[id]; ok {
				ref := docRef{ID: d.ID, Title: d.Title, Submissions: t.Submissions[id], Doc: d, Notes: t.NotesOf(id)}
				if rf, returned := t.Returned[id]; returned {
					ref.Returned = &rf
					held, err := h.Assignments.DocumentHeld(r.Context(), t.ID, id)
					if err != nil {
						h.Logger.Warn("tasks: whether a returned file is held", "task", t.ID, "document", id, "err", err)
					}
					ref.Held = held
				}
				out[i].Handed = append(out[i].Handed, ref)
			}
		}
		if q, ask := t.AcceptQuestion(docs); ask {
			out[i].Question = &acceptQuestion{Words: q, Token: t.AcceptToken(docs)}
		}
		for _, id := range t.ReturnedGone() {
			// Withdrawn (or deleted) since its return: listed for the
			// history, by the title it had, when u may read it.
			if name, ok := t.ReturnedDocs[id]; ok {
				rf := t.Returned[id]
				out[i].Handed = append(out[i].Handed, docRef{ID: id, Title: cmp.Or(name.Title, name.Filename), Returned: &rf, Gone: true})
			}
		}
		tellApart(langOf(r), out[i].Handed)
		if l := t.LinkedByCoordinator; l != nil {
			for _, d := range l.Documents {
				out[i].LinkedDocs = append(out[i].LinkedDocs, docRef{ID: d.ID, Title: d.Title, Doc: d.Doc})
			}
		}
	}
	return out
}

type tasksPage struct {
	// Round is the monitoring round whose tasks are shown: the one asked
	// for, else the round of the task whose form came back, else the
	// current one; Rounds are the rounds to choose from (the current one
	// and every round with a task of the department), newest first.
	Round  int
	Rounds []taskRound
	Tasks  []taskRow
	// Forms holds the hand-in form that came back with errors, by task id:
	// what was typed and each error beside its field.
	Forms map[string]formState
	// Done is what a hand-in just did, by task id, when it has more to
	// say than a line: the files that were stored documents already.
	Done map[string]*handedIn
	// Notice is what the page says about how it was reached
	// (arrivalNotice), "" for nothing.
	Notice string
	// Department is the account's department, named when there is no
	// task at all, and Unlisted says the city's list lacks it: the
	// contributor then learns why the page is empty and whom to ask.
	Department string
	Unlisted   bool
}

// arrivalNotices are the notices 我的任务 shows when one of our redirects
// names in ?from= the page it came from, by that value. The server picks
// the words from this fixed set, so a link from elsewhere can show at
// most one of these sentences, never words of its own.
var arrivalNotices = map[string]string{
	// A contributor opened 上传 (uploadPage).
	"upload": "upload.to_tasks",
}

// arrivalNotice is the notice for the ?from= of r's address, "" for
// none or a value not in arrivalNotices. It reads the address only, so a
// form posted with a from field shows nothing.
func arrivalNotice(r *http.Request) string {
	key, ok := arrivalNotices[r.URL.Query().Get("from")]
	if !ok || r.Method != http.MethodGet {
		return ""
	}
	return tr(langOf(r), key)
}

// handedIn is what a hand-in did: how many files it handed in (Message,
// empty when the form's error says it) and the files whose bytes were a
// stored document already, each named beside the stored file it is.
type handedIn struct {
	Message    string
	Duplicates []handedDuplicate
	// Withdraw offers, after a hand-in for a task that returned files
	// before, to withdraw those the department may still take back
	// (撤回被退回的旧文件), each through the task's 撤回 and its question;
	// CSRF is the form's token.
	Withdraw []withdrawOffer
	CSRF     string
}

// handedDuplicate is a file handed in that was a stored document already:
// the name it was sent under, the document (its own file name, title and
// round) and, sent for another round than the document's, that round.
type handedDuplicate struct {
	Sent        string
	Doc         *catalog.Document
	UsedInRound int
	Linked      bool // linked to the task's indicator
	Unapplied   ingest.Unapplied
}

// taskRound is a round on 我的任务's round choice: its year, how many of
// the department's tasks it has and how many of them are still owed.
type taskRound struct {
	Year, Tasks, Owed int
	Current, Selected bool
}

// taskRounds lists the current round and every round with a task, newest
// first, so that a department sees this round's tasks and still finds
// an earlier round's.
func taskRounds(tasks []assignments.Task, chosen, current int) []taskRound {
	byYear := map[int]*taskRound{current: {Year: current}}
	for _, t := range tasks {
		tr, ok := byYear[t.Round]
		if !ok {
			tr = &taskRound{Year: t.Round}
			byYear[t.Round] = tr
		}
		tr.Tasks++
		if t.Owed() {
			tr.Owed++
		}
	}
	out := make([]taskRound, 0, len(byYear))
	for _, tr := range byYear {
		tr.Current, tr.Selected = tr.Year == current, tr.Year == chosen
		out = append(out, *tr)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year > out[j].Year })
	return out
}

// taskFields are a task's hand-in form's fields besides the files.
var taskFields = []string{"file", "doc_type", "doc_number", "issued_on", "join_photos"}

// tasksPage is 我的任务: a department's assignments, what each asks for,
// what was handed in, and a form per task to hand in more.
func (h *handler) tasksPage(w http.ResponseWriter, r *http.Request) {
	h.showTasks(w, r, http.StatusOK, "", formState{})
}

// showTasks renders 我的任务 with task id's form in the state given.
func (h *handler) showTasks(w http.ResponseWriter, r *http.Request, status int, id string, st formState) {
	h.showTasksDone(w, r, status, id, st, nil)
}

// showTasksDone is showTasks saying beside task id what its hand-in did.
func (h *handler) showTasksDone(w http.ResponseWriter, r *http.Request, status int, id string, st formState, done *handedIn) {
	u := sessionFrom(r).User
	tasks, err := h.Assignments.List(r.Context(), u, assignments.Filter{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	current := 0
	for _, rd := range rounds {
		if rd.Current {
			current = rd.Year
		}
	}
	round, err := catalog.ParseRound("round", r.FormValue("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, t := range tasks {
		if round == 0 && t.ID == id {
			round = t.Round
		}
	}
	if round == 0 {
		round = current
	}
	p := &tasksPage{Round: round, Rounds: taskRounds(tasks, round, current), Forms: map[string]formState{id: st}, Done: map[string]*handedIn{}}
	if done != nil {
		p.Done[id] = done
	}
	p.Notice = arrivalNotice(r)
	if len(tasks) == 0 {
		listed, err := h.Assignments.DepartmentListed(r.Context(), u)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		p.Department, p.Unlisted = u.Department, !listed
	}
	var shown []assignments.Task
	for _, t := range tasks {
		if t.Round == round {
			shown = append(shown, t)
		}
	}
	// A department is told, as the board tells the coordinator, what
	// the coordinator linked to an owed task, lest it upload it again.
	if err := h.Assignments.AttachLinked(r.Context(), u, shown); err != nil {
		h.fail(w, r, err)
		return
	}
	p.Tasks = h.taskRows(r, shown)
	fillDocTypes(langOf(r), p.Tasks, id, catalog.DocType(st.Value("doc_type")))
	h.render(w, r, status, "tasks", tr(langOf(r), "tasks.title"), p)
}

// taskUpload hands files in against one assignment; the upload service
// decides who may. A wrong hand-in (no file, a file refused, a bad date)
// shows 我的任务 again with what was typed and the error beside its field;
// files refused while others were stored are listed, one per line.
func (h *handler) taskUpload(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["file"]
	}
	// Whether the task is the user's is checked before any file is
	// staged, as the API does; Upload checks again.
	if err := h.Ingest.CheckUploader(r.Context(), u, "", r.PathValue("id")); err != nil {
		h.taskFormFailed(w, r, err, nil)
		return
	}
	staged, refused, joinRefused := h.stageHandIn(r, files)
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	if len(files) == 0 {
		h.taskFormFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "请选择要提交的文件"), nil)
		return
	}
	if r.FormValue("join_photos") != "" && len(files) > 1 && joinRefused != nil {
		// Photos to be joined are refused whole: said so, each file
		// refused listed below.
		h.taskFormFailed(w, r, joinRefused, refused)
		return
	}
	if len(staged) == 0 {
		h.taskFormFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "%s", strings.Join(refused, "\n")), nil)
		return
	}
	outcomes, err := h.Ingest.Upload(r.Context(), u, ingest.UploadRequest{Meta: ingest.Meta{DocType: r.FormValue("doc_type"),
		DocNumber: r.FormValue("doc_number"), IssuedOn: r.FormValue("issued_on")}, Assignment: r.PathValue("id"), Files: staged,
		JoinPhotos: r.FormValue("join_photos") != ""})
	if err != nil {
		h.taskFormFailed(w, r, err, nil)
		return
	}
	stored, more, done := tallyHandIn(lang, outcomes)
	refused = append(refused, more...)
	msg := trf(lang, "tasks.handed", stored)
	if stored > 0 {
		done = h.offerWithdrawReturned(r, r.PathValue("id"), done)
	}
	if len(refused) > 0 {
		st := formState{Error: msg + tr(lang, "tasks.some_refused"), Lines: refused}
		h.showTasksDone(w, r, http.StatusOK, r.PathValue("id"), st, done)
		return
	}
	if done != nil {
		// A file that was a stored document already is named beside the
		// stored file and document it is, which a line cannot link.
		done.Message = msg
		h.showTasksDone(w, r, http.StatusOK, r.PathValue("id"), formState{}, done)
		return
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

// tallyHandIn sorts what the upload service did with a hand-in's files:
// how many it stored, a line for each it refused (its name and why), and
// the files that were stored documents already — nil when there is none,
// so that 我的任务 shows no empty notice.
func tallyHandIn(lang Lang, outcomes []ingest.Outcome) (stored int, refused []string, done *handedIn) {
	for _, o := range outcomes {
		if o.Err != nil {
			refused = append(refused, o.Filename+colonOf(lang)+errorText(lang, o.Err))
			continue
		}
		stored++
		if o.Duplicate && !o.Retried {
			if done == nil {
				done = &handedIn{}
			}
			done.Duplicates = append(done.Duplicates, handedDuplicate{Sent: o.Filename, Doc: o.Document, UsedInRound: o.UsedInRound, Linked: o.Linked, Unapplied: o.Unapplied})
		}
	}
	return stored, refused, done
}

// stageHandIn stages a hand-in's files, its archives of files unpacked, and
// says why of each file refused on arrival, a line each; joinRefused is
// the first of them in both languages, for photos to be joined.
func (h *handler) stageHandIn(r *http.Request, files []*multipart.FileHeader) (staged []*ingest.Staged, refused []string, joinRefused error) {
	unpack := h.Ingest.NewUnpackBudget() // for all the form's archives of files
	for _, fh := range files {
		st, inArchive, err := stageFormFiles(r.Context(), h.Ingest, fh, unpack)
		staged = append(staged, st...)
		for _, o := range inArchive {
			refused = append(refused, errorText(langOf(r), o.Err))
			if joinRefused == nil {
				joinRefused = ingest.JoinRefused(o.Filename, o.Err)
			}
		}
		if err != nil {
			h.logUnexpected("stage hand-in", err)
			refused = append(refused, errorText(langOf(r), err))
			if joinRefused == nil {
				joinRefused = ingest.JoinRefused(ingest.SanitizeFilename(fh.Filename), err)
			}
		}
	}
	return staged, refused, joinRefused
}

// taskFormFailed shows 我的任务 with the task's form and its error; an
// error that is not about the form (a task not one's own) shows the error
// page.
func (h *handler) taskFormFailed(w http.ResponseWriter, r *http.Request, err error, lines []string) {
	switch catalog.ErrorCode(err) {
	case catalog.EINVALID, catalog.ECONFLICT, catalog.EUNSUPPORTED, catalog.ETOOLARGE:
	default:
		h.fail(w, r, err)
		return
	}
	st := typed(r, taskFields...)
	st.setError(langOf(r), err, taskFields...)
	st.Lines = append(st.Lines, lines...)
	h.showTasks(w, r, httperr.Prepare(w, r, h.Logger, err), r.PathValue("id"), st)
}

type assignmentsPage struct {
	City       string
	CityFixed  bool
	Cities     []option
	Round      int
	Rounds     []option
	Department string
	Status     string
	Statuses   []option
	Progress   []assignments.DepartmentProgress
	Tasks      []taskRow
	Next       string
	// Add is the add-a-task form: what was typed when it came back with
	// an error, and the error.
	Add formState
	// Import is the import form sent back: the error, each bad row on its
	// own line in row order.
	Import formState
	// Return is the return form of task ReturnID sent back: the reason
	// typed and its error.
	Return   formState
	ReturnID string
	// Copy is the copy-the-previous-round form sent back with its error.
	Copy formState
	// HandIn is the 为本任务提交文件 form of task HandInID sent back: the
	// kind chosen and the error.
	HandIn   formState
	HandInID string
	// HandInDone is what the hand-in for task HandInID just did, when it
	// has more to say than a line: the files that were stored documents
	// already, each named beside the stored file, as 我的任务 says it.
	HandInDone *handedIn
	// HandInUnlisted says that task HandInID is not on the board as
	// filtered (a board of open tasks, the task submitted now): the
	// notice of what its hand-in did goes above the tasks instead.
	HandInUnlisted bool
	// Downloads are the city's report and 佐证材料包 for the round shown,
	// as /compare links them.
	Downloads *reportLink
}

// boardForms are the board's forms that may come back with errors.
type boardForms struct {
	Add, Import, Return, Copy, HandIn formState
	ReturnID, HandInID                string
	HandInDone                        *handedIn
}

// assignmentFields are the add-a-task form's fields.
var assignmentFields = []string{"indicator", "department", "due", "contact", "requirement", "clear_requirement"}

// assignmentsPage is the city's collection board: the progress of every
// department (overdue marked), the tasks with filters and their return
// and accept buttons, and the forms to import a table or add a task.
func (h *handler) assignmentsPage(w http.ResponseWriter, r *http.Request) {
	h.showAssignments(w, r, http.StatusOK, r.URL.Query(), r.URL.RequestURI(), formState{})
}

// showAssignments renders the board for the filters in q; next is the
// board's address, where its forms come back to, and add the add-a-task
// form's state.
func (h *handler) showAssignments(w http.ResponseWriter, r *http.Request, status int, q url.Values, next string, add formState) {
	h.showBoard(w, r, status, q, next, boardForms{Add: add})
}

// showBoard is showAssignments with the import form's state as well.
func (h *handler) showBoard(w http.ResponseWriter, r *http.Request, status int, q url.Values, next string, forms boardForms) {
	u := sessionFrom(r).User
	p := &assignmentsPage{City: q.Get("city"), Department: q.Get("department"), Status: q.Get("status"), Next: next, Add: forms.Add,
		Import: forms.Import, Return: forms.Return, ReturnID: forms.ReturnID, Copy: forms.Copy,
		HandIn: forms.HandIn, HandInID: forms.HandInID, HandInDone: forms.HandInDone}
	if err := h.cityInReach(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if u.Role != catalog.RoleAdmin {
		p.City, p.CityFixed = u.City, true
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.City == "" && len(p.Cities) > 0 {
		p.City, p.Cities[0].Selected = p.Cities[0].Value, true
	}
	if p.Round, p.Rounds, err = h.roundOptions(r, q.Get("round")); err != nil {
		h.fail(w, r, err)
		return
	}
	f := assignments.Filter{City: p.City, Round: p.Round, Department: p.Department}
	for _, s := range catalog.AssignmentStatuses {
		p.Statuses = append(p.Statuses, option{string(s), tr(langOf(r), "assignment."+string(s)), string(s) == p.Status})
	}
	if p.Status == "overdue" {
		f.Overdue = true
	} else if p.Status != "" {
		if f.Status, err = catalog.ParseAssignmentStatus(p.Status); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if p.Progress, err = h.Assignments.Progress(r.Context(), u, p.City, p.Round); err != nil {
		h.fail(w, r, err)
		return
	}
	tasks, err := h.Assignments.List(r.Context(), u, f)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// The board says beside an owed task what the coordinator linked.
	if err := h.Assignments.AttachLinked(r.Context(), u, tasks); err != nil {
		h.fail(w, r, err)
		return
	}
	p.Tasks = h.taskRows(r, tasks)
	if p.City != "" && p.Round != 0 {
		p.Downloads = reportLinks(p.City, p.Round, langOf(r))
	}
	p.HandInUnlisted = p.HandInDone != nil && !slices.ContainsFunc(p.Tasks, func(t taskRow) bool { return t.ID == p.HandInID })
	fillDocTypes(langOf(r), p.Tasks, p.HandInID, catalog.DocType(p.HandIn.Value("doc_type")))
	h.render(w, r, status, "assignments", tr(langOf(r), "assignments.title"), p)
}

// roundOptions lists the rounds with the one asked for (else the current
// one) selected; asked is read by catalog.ParseRound, and refused as it
// refuses.
func (h *handler) roundOptions(r *http.Request, asked string) (int, []option, error) {
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		return 0, nil, err
	}
	chosen, err := catalog.ParseRound("round", asked)
	if err != nil {
		return 0, nil, err
	}
	if chosen == 0 {
		for _, rd := range rounds {
			if rd.Current {
				chosen = rd.Year
			}
		}
	}
	out := make([]option, len(rounds))
	for i, rd := range rounds {
		out[i] = option{strconv.Itoa(rd.Year), roundLabel(langOf(r), rd.Year, rd.Label), rd.Year == chosen}
	}
	return chosen, out, nil
}

// assignmentImport imports a responsibility table from the board's form;
// a table refused comes back on the board with every bad row on its own
// line, in row order.
func (h *handler) assignmentImport(w http.ResponseWriter, r *http.Request) {
	file, hdr, err := r.FormFile("file")
	if err != nil {
		h.importFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "请选择责任分解表文件（.xlsx、.xls、.et 或 .csv）"))
		return
	}
	defer file.Close()
	data, err := io.ReadAll(file)
	if err != nil {
		h.fail(w, r, formError(err))
		return
	}
	round, err := catalog.ParseRound("round", r.FormValue("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	imp, err := h.Assignments.Import(r.Context(), sessionFrom(r).User, assignments.ImportRequest{City: r.FormValue("city"),
		Round: round, Filename: hdr.Filename, Data: data})
	if err != nil {
		h.importFailed(w, r, err)
		return
	}
	h.imported(w, r, imp)
}

// matchedShown is how many of the names an import matched to another
// name of the list its message shows; the API answer lists them all
// (matched_departments).
const matchedShown = 5

// matchedNames says which names of the table went to a department the
// list names otherwise (杭州市教育局 to 市教育局): each, up to
// matchedShown, and beyond that the first ones and how many in all (等 30
// 个, and 25 more), so that a table renaming every department does not
// make a wall of names.
func matchedNames(l Lang, matched []catalog.FoldedName) string {
	if len(matched) <= matchedShown {
		var msg string
		for _, f := range matched {
			msg += trf(l, "assignments.matched", f.Written, f.As)
		}
		return msg
	}
	items := make([]string, matchedShown)
	for i, f := range matched[:matchedShown] {
		items[i] = trf(l, "assignments.matched_item", f.Written, f.As)
	}
	// Chinese counts them all (等 30 个), English those not shown (and
	// 25 more).
	count := len(matched)
	if l == English {
		count -= matchedShown
	}
	return trf(l, "assignments.matched_many", strings.Join(items, tr(l, "list.sep")), count)
}

// imported says what an import did: its counts, the departments new to
// the list (顿号-joined), a column not imported. When the round has tasks
// the table does not list that may be removed, it asks, naming each,
// whether to remove them (a wrong table imported before); those with
// files handed in are named as kept.
func (h *handler) imported(w http.ResponseWriter, r *http.Request, imp *catalog.AssignmentImport) {
	l := langOf(r)
	next := safeNext(r.FormValue("next"))
	msg := trf(l, "assignments.imported", imp.Added, imp.Updated, imp.Unchanged)
	if len(imp.NewDepartments) > 0 {
		msg += trf(l, "assignments.imported_departments", strings.Join(imp.NewDepartments, tr(l, "list.sep")))
	}
	switch {
	case imp.RequirementFromRemark:
		msg += trf(l, "assignments.remark_column", imp.RequirementColumn)
	case imp.RequirementColumn != "":
		msg += trf(l, "assignments.requirement_column", imp.RequirementColumn)
	}
	for _, col := range imp.IgnoredColumns {
		msg += trf(l, "assignments.ignored_column", col)
	}
	if len(imp.IgnoredUnits) > 0 {
		units := catalog.IgnoredUnitsWords(imp.IgnoredUnits)
		msg += trf(l, "assignments.ignored_units", map[bool]string{false: units.Chinese, true: units.English}[l == English])
	}
	for _, f := range imp.Folded {
		if f.Other != "" {
			msg += trf(l, "assignments.folded_other", f.Written, f.As, f.Other)
		} else {
			msg += trf(l, "assignments.folded", f.Written, f.As)
		}
	}
	msg += matchedNames(l, imp.Matched)
	if len(imp.Unreceived) > 0 {
		msg += trf(l, "assignments.unreceived", len(imp.Unreceived), strings.Join(imp.Unreceived, tr(l, "list.sep")))
	}
	var fields []hiddenField
	var items, kept []string
	for _, a := range imp.NotInTable {
		name := trf(l, "assignments.left_item", a.Indicator, a.Department, a.Due)
		if assignments.HasHandIns(&a) {
			kept = append(kept, name)
			continue
		}
		items = append(items, name)
		fields = append(fields, hiddenField{"id", a.ID})
	}
	if len(kept) > 0 {
		msg += trf(l, "assignments.left_kept", len(kept), strings.Join(kept, tr(l, "list.sep")))
	}
	if len(items) == 0 && len(imp.Combined) == 0 {
		back(w, r, next, msg)
		return
	}
	question, button := msg, tr(l, "assignments.remove_missing.confirm")
	if len(items) > 0 {
		question += trf(l, "assignments.remove_missing.question", len(items))
	}
	if len(imp.Combined) > 0 {
		// Names an earlier import wrote for a whole cell, which this
		// table splits: removed from the list after the tasks above.
		question += trf(l, "assignments.remove_combined.question", len(imp.Combined))
		if len(items) == 0 {
			button = tr(l, "assignments.remove_combined.confirm")
		}
	}
	for _, d := range imp.Combined {
		items = append(items, trf(l, "assignments.combined_item", d.Name))
		fields = append(fields, hiddenField{"department", d.ID})
	}
	h.render(w, r, http.StatusOK, "confirm", tr(l, "assignments.remove_missing.title"), &confirmPage{
		Question: question, Items: items,
		Action: "/assignments/remove-missing", Fields: append(fields, hiddenField{"next", next}),
		Button: button, Cancel: next})
}

// assignmentRemoveMissing removes the tasks the confirmation after an
// import named (the round's tasks a corrected table no longer lists),
// each by the rules of deleting one task: one handed in for since is
// kept, and the message says which and why.
func (h *handler) assignmentRemoveMissing(w http.ResponseWriter, r *http.Request) {
	l := langOf(r)
	u := sessionFrom(r).User
	var removed, refused []string
	for _, id := range r.PostForm["id"] {
		t, err := h.Assignments.Delete(r.Context(), u, id)
		if err != nil {
			if catalog.ErrorCode(err) != catalog.ECONFLICT {
				h.fail(w, r, err)
				return
			}
			refused = append(refused, catalog.MessageIn(err, l == English))
			continue
		}
		removed = append(removed, trf(l, "assignments.left_item", t.Indicator, t.Department, t.Due))
	}
	var msgs []string
	if len(removed) > 0 || len(r.PostForm["department"]) == 0 {
		msgs = append(msgs, trf(l, "assignments.removed_missing", len(removed), strings.Join(removed, tr(l, "list.sep"))))
	}
	// The combined names the import offered, now that their tasks are
	// gone; one referred to since is refused, naming what refers to it.
	var gone []string
	for _, id := range r.PostForm["department"] {
		d, err := h.Assignments.Department(r.Context(), u, id)
		if err == nil {
			err = h.Assignments.DeleteDepartment(r.Context(), u, id)
		}
		if err != nil {
			if catalog.ErrorCode(err) != catalog.EINVALID && !catalog.IsNotFound(err) {
				h.fail(w, r, err)
				return
			}
			refused = append(refused, catalog.MessageIn(err, l == English))
			continue
		}
		gone = append(gone, d.Name)
	}
	if len(gone) > 0 {
		msgs = append(msgs, trf(l, "assignments.removed_combined", strings.Join(gone, tr(l, "list.sep"))))
	}
	msg := strings.Join(msgs, tr(l, "assignments.removed_sep"))
	if len(refused) > 0 {
		msg += trf(l, "assignments.remove_refused", strings.Join(refused, tr(l, "list.sep")))
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

// assignmentCopy starts the board's round from the previous round's
// table (从上一轮复制责任分解表), the tasks whose shifted dates are past
// due on the form's new date instead; a refusal (no table before the
// round, no new date where one is needed) comes back on the board beside
// the button, the date typed kept.
func (h *handler) assignmentCopy(w http.ResponseWriter, r *http.Request) {
	round, err := catalog.ParseRound("round", r.FormValue("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	cp, err := h.Assignments.CopyPreviousDue(r.Context(), sessionFrom(r).User, r.FormValue("city"), round, r.FormValue("due"))
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		q, next := boardOf(r)
		st := typed(r, "due")
		st.setError(langOf(r), err, "due")
		h.showBoard(w, r, httperr.Prepare(w, r, h.Logger, err), q, next, boardForms{Copy: st})
		return
	}
	l := langOf(r)
	msg := trf(l, "assignments.copied", cp.FromRound, cp.Added, cp.Existing)
	if cp.Redated > 0 {
		due, _ := assignments.ParseDue(r.FormValue("due"))
		msg += trf(l, "assignments.copy_redated", cp.Redated, due)
	}
	if len(cp.Skipped) > 0 {
		names := make([]string, len(cp.Skipped))
		for i, a := range cp.Skipped {
			names[i] = a.Indicator + " " + a.Department
		}
		msg += fmt.Sprintf(tr(l, "assignments.copy_skipped"), strings.Join(names, tr(l, "list.sep")))
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

// importFailed shows the board the import form came from with the
// table's errors; an error that is not about the table shows the error
// page.
func (h *handler) importFailed(w http.ResponseWriter, r *http.Request, err error) {
	if !tableRefused(err) {
		h.fail(w, r, err)
		return
	}
	q, next := boardOf(r)
	st := formState{}
	st.setError(langOf(r), err, "file")
	h.showBoard(w, r, httperr.Prepare(w, r, h.Logger, err), q, next, boardForms{Import: st})
}

// boardOf is the board (its filters and address) a form was sent from,
// with the form's city and round.
func boardOf(r *http.Request) (url.Values, string) {
	next := safeNext(r.FormValue("next"))
	q := url.Values{}
	if u, perr := url.Parse(next); perr == nil && strings.HasPrefix(u.Path, "/assignments") {
		q = u.Query()
	} else {
		next = "/assignments"
	}
	q.Set("city", r.FormValue("city"))
	q.Set("round", r.FormValue("round"))
	return q, next
}

// assignmentCreate adds one task, or replaces the due date, contact and
// (when one is written) requirement of the department's task for that
// indicator.
func (h *handler) assignmentCreate(w http.ResponseWriter, r *http.Request) {
	round, err := catalog.ParseRound("round", r.FormValue("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	n := assignments.NewAssignment{City: r.FormValue("city"), Round: round,
		Indicator: r.FormValue("indicator"), Department: r.FormValue("department"), Due: r.FormValue("due"),
		Contact: r.FormValue("contact")}
	cleared, err := formRequirement(r, &n)
	if err == nil {
		_, err = h.Assignments.Add(r.Context(), sessionFrom(r).User, n)
	}
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		// The board the form came from, with what was typed kept.
		q, next := boardOf(r)
		st := typed(r, assignmentFields...)
		st.setError(langOf(r), err, assignmentFields...)
		h.showAssignments(w, r, httperr.Prepare(w, r, h.Logger, err), q, next, st)
		return
	}
	msg := tr(langOf(r), "assignments.saved")
	if cleared {
		msg += tr(langOf(r), "assignments.requirement_cleared")
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

// formRequirement puts the add-a-task form's 材料要求 into n and says
// whether the form clears it. The form is blank on opening, so a box left
// empty while changing a due date keeps what a table asked for; only the
// box 清除材料要求 ticked, with the text box empty, clears it. Ticked with
// a text written, the form asks for one or the other rather than guess.
func formRequirement(r *http.Request, n *assignments.NewAssignment) (bool, error) {
	req := r.FormValue("requirement")
	clear := r.FormValue("clear_requirement") == "1"
	switch {
	case clear && strings.TrimSpace(req) != "":
		return false, catalog.FieldErrorf("requirement", catalog.EINVALID,
			"已勾选“清除材料要求”，又填写了材料要求；清除请把材料要求框留空，修改请取消勾选")
	case clear:
		n.Requirement = new(string)
	case strings.TrimSpace(req) != "":
		n.Requirement = &req
	}
	return clear, nil
}

// boardOfForm is the board a form posted from it came from (its "next"):
// its query and its address, the whole board when next is not one.
func boardOfForm(r *http.Request) (url.Values, string) {
	next := safeNext(r.FormValue("next"))
	if u, err := url.Parse(next); err == nil && strings.HasPrefix(u.Path, "/assignments") {
		return u.Query(), next
	}
	return url.Values{}, "/assignments"
}

func (h *handler) assignmentReturn(w http.ResponseWriter, r *http.Request) {
	reason := r.FormValue("reason") // parses the form, documents with it
	chosen := r.PostForm["documents"]
	// A form that showed the boxes says so: with every box unticked it
	// sends no documents at all, which must not read as "return all".
	if chosen == nil && r.PostForm.Get("choose_files") == "1" {
		chosen = []string{}
	}
	t, err := h.Assignments.ReturnFiles(r.Context(), sessionFrom(r).User, r.PathValue("id"), reason, chosen)
	if err != nil {
		if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT {
			h.fail(w, r, err)
			return
		}
		// The board the form came from, the reason typed and the files
		// ticked kept beside its task.
		q, next := boardOfForm(r)
		st := typed(r, "reason")
		st.Checked = map[string]bool{}
		for _, id := range r.PostForm["documents"] {
			st.Checked[id] = true
		}
		st.setError(langOf(r), err, "reason")
		h.showBoard(w, r, httperr.Prepare(w, r, h.Logger, err), q, next, boardForms{Return: st, ReturnID: r.PathValue("id")})
		return
	}
	msg := returnedMessage(langOf(r), t.Indicator, t.Unlinked)
	if t.Status == catalog.AssignmentSubmitted {
		// Some files were kept: the task still waits for 确认.
		msg = trf(langOf(r), "assignments.returned_some", len(r.PostForm["documents"]))
	}
	back(w, r, safeNext(r.FormValue("next")), msg)
}

func (h *handler) assignmentAccept(w http.ResponseWriter, r *http.Request) {
	if _, err := h.Assignments.Accept(r.Context(), sessionFrom(r).User, r.PathValue("id"), r.FormValue("confirm")); err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, safeNext(r.FormValue("next")), tr(langOf(r), "assignments.accepted"))
}

// assignmentMissing downloads what the city's departments still owe,
// with their contacts, for the reminder round in the chat group.
func (h *handler) assignmentMissing(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	tasks, err := h.Assignments.Missing(r.Context(), sessionFrom(r).User, q.Get("city"), round)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	english := langOf(r) == English
	data, err := assignments.MissingXLSX(tasks, english)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", assignments.XLSXType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": h.Assignments.MissingFilename(r.Context(), sessionFrom(r).User, q.Get("city"), round, english)}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// tableRefused reports an error about an imported table that the import
// form shows beside the file: a table with mistakes (EINVALID), one too
// large or complex to read within the limits (ETOOLARGE), or no reader
// free just now (EUNAVAILABLE, try again shortly). Each says what to do.
func tableRefused(err error) bool {
	switch catalog.ErrorCode(err) {
	case catalog.EINVALID, catalog.ETOOLARGE, catalog.EUNAVAILABLE:
		return true
	}
	return false
}
