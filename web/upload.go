package web

import (
	"cmp"
	"context"
	"fmt"
	"mime/multipart"
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// uploadAccept is what the upload forms' file pickers offer (上传材料
// and 我的任务's hand-in): the formats ingest reads, and archives of them (ZIP, RAR, 7z),
// whose files are stored one by one. A picker hides every name not listed,
// so WPS's own spreadsheet name (.et), which ingest reads as it reads .xls,
// must be here or a department's ledger saved by WPS cannot be chosen.
const uploadAccept = ".pdf,.ofd,.docx,.doc,.wps,.odt,.rtf,.xlsx,.xls,.et,.csv,.pptx,.txt,.html,.htm,.jpg,.jpeg,.png,.tif,.tiff,.heic,.heif,.avif,.webp,.zip,.rar,.7z"

type uploadOutcome struct {
	Filename string
	Archive  string // the archive (ZIP, RAR, 7z) the file came in, if any
	Doc      *catalog.Document
	Outcome  string // stored, duplicate, retried (a duplicate that had failed), failed
	Error    string
	// PreviousError is why the document holding these bytes had failed,
	// in the page's language when it can be.
	PreviousError string
	// UsedInRound: a duplicate of a document of another round, whose
	// indicators linked now count in this round.
	UsedInRound int
	// Unapplied is what the upload chose that a duplicate's document does
	// not have (ingest.Outcome.Unapplied).
	Unapplied ingest.Unapplied
	// Linked: a duplicate linked to the indicators chosen (关联指标).
	Linked bool
	// JoinedPhotos: the document is this many photos joined, a page each.
	JoinedPhotos int
	// Repaired, for a duplicate whose stored original was missing or
	// damaged, says that the file sent mended it (ingest.RepairedWords).
	Repaired string
	// Deleted, for a file refused as the bytes of a deleted document of
	// the city (ingest.DeletedCopyError), is that document's ID: its page
	// offers 恢复.
	Deleted string
}

// uploadTotals count an upload's files by outcome: the document failed
// to be read counts as failed, a failed file sent again that is read
// again as a duplicate.
type uploadTotals struct {
	Files, Stored, Duplicate, Failed int
}

func totalsOf(outs []uploadOutcome) *uploadTotals {
	if len(outs) == 0 {
		return nil
	}
	t := &uploadTotals{Files: len(outs)}
	for _, o := range outs {
		switch {
		case o.Outcome == "failed" || o.Doc != nil && o.Doc.Status == catalog.StatusFailed:
			t.Failed++
		case o.Outcome == "stored":
			t.Stored++
		default:
			t.Duplicate++
		}
	}
	return t
}

type uploadPage struct {
	Cities    []option
	DocTypes  []option
	CityFixed bool
	MaxUpload string
	// MaxUploadBytes is the upload limit in bytes: the page's script
	// sends a larger file alone and keeps a request of several files
	// within it.
	MaxUploadBytes int64
	// Tasks are the tasks the files may be handed in for (提交到任务,
	// handInTasks); none, no choice.
	Tasks []taskOption
	// Departments are the chosen city's 责任单位名单, offered as the
	// 责任单位 field is typed, as on a document's form; the upload
	// service refuses a typed name off the list.
	Departments []string
	// DepartmentNote is the 责任单位 field's hint: to a coordinator (or an
	// admin) what the field is for and that the city's list holds it, to
	// others where a document left without one is filed.
	DepartmentNote string
	Outcomes       []uploadOutcome
	Totals         *uploadTotals
	// HandedFor says, after an upload for a task, how many files were
	// handed in for it.
	HandedFor string
	// State is what was chosen and typed when the form was sent, and the
	// error about it.
	State formState
}

// uploadFields are the upload form's fields besides the files: for every
// file at once (the page's script lets each file have its own type, 文号,
// date and round).
var uploadFields = []string{"city", "doc_type", "department", "indicators", "doc_number", "issued_on", "round", "join_photos", "assignment"}

// uploadForm is the upload form with what st holds chosen.
func (h *handler) uploadForm(r *http.Request, st formState) (*uploadPage, error) {
	u := sessionFrom(r).User
	lang := langOf(r)
	p := &uploadPage{CityFixed: u.Role == catalog.RoleCoordinator, MaxUpload: ingest.FormatBytes(h.Ingest.MaxUpload()),
		MaxUploadBytes: h.Ingest.MaxUpload(), State: st}
	city := st.Value("city")
	if city == "" || p.CityFixed {
		city = u.City
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, city); err != nil {
		return nil, err
	}
	if city != "" {
		depts, err := h.Assignments.Departments(r.Context(), u, city)
		if err != nil && !catalog.IsNotFound(err) && catalog.ErrorCode(err) != catalog.EFORBIDDEN {
			return nil, fmt.Errorf("departments of city %s: %w", city, err)
		}
		// A city typed wrong or not the uploader's offers no list: the
		// form is shown again with the refusal beside its field.
		for _, d := range depts {
			p.Departments = append(p.Departments, d.Name)
		}
	}
	p.DepartmentNote = departmentNote(lang, u)
	var taskType catalog.DocType
	if p.Tasks, taskType, err = h.handInTasks(r, st.Value("assignment")); err != nil {
		return nil, err
	}
	// The kind chosen, else the one the chosen task asks for, as 我的任务
	// pre-selects it (and the upload service gives a hand-in naming none).
	chosen := catalog.DocType(cmp.Or(st.Value("doc_type"), string(taskType)))
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), t == chosen})
	}
	return p, nil
}

// uploadPage is the upload form. A department's contributor hands its
// files in on 我的任务, each task with its own form (its files filed under
// the department, the task submitted), which covers all a contributor may
// upload: the address it followed or typed takes it there, saying so,
// rather than to a refusal. The notice goes in the address, not in a flash
// cookie: the address is often a link from the OA system, WeChat or an
// e-mail, and a SameSite=Strict cookie set on such a visit is not sent
// with the redirect, so 我的任务 lacked the notice and the next page
// opened showed it.
func (h *handler) uploadPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	if u.Role == catalog.RoleContributor {
		http.Redirect(w, r, "/tasks?from=upload", http.StatusSeeOther)
		return
	}
	if u.Role != catalog.RoleAdmin && u.Role != catalog.RoleCoordinator {
		h.fail(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只有协调员和管理员可以上传材料"))
		return
	}
	p, err := h.uploadForm(r, formState{})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "upload", tr(langOf(r), "upload.title"), p)
}

// uploadSubmit is the upload without JavaScript: the whole form at once,
// then a page with every file's outcome. (The page's script uploads file
// by file through the API instead, to show progress.)
func (h *handler) uploadSubmit(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	p, err := h.uploadForm(r, typed(r, uploadFields...))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	// Who may upload for which city is checked before any file is
	// staged, as the API does; Upload checks again.
	task := r.FormValue("assignment")
	if err := h.Ingest.CheckUploader(r.Context(), u, r.FormValue("city"), task); err != nil {
		h.fail(w, r, err)
		return
	}
	var staged []*ingest.Staged
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	var files []*multipart.FileHeader
	if r.MultipartForm != nil {
		files = r.MultipartForm.File["file"]
	}
	var joinRefused error                // the first file refused on arrival, in both languages
	unpack := h.Ingest.NewUnpackBudget() // for all the form's archives of files
	for _, fh := range files {
		st, inArchive, err := stageFormFiles(r.Context(), h.Ingest, fh, unpack)
		staged = append(staged, st...)
		for _, o := range inArchive {
			p.Outcomes = append(p.Outcomes, uploadOutcome{Filename: o.Filename, Archive: o.Archive, Outcome: "failed", Error: errorText(langOf(r), o.Err)})
			if joinRefused == nil {
				joinRefused = ingest.JoinRefused(o.Filename, o.Err)
			}
		}
		if err != nil {
			h.logUnexpected("stage upload", err)
			name := ingest.SanitizeFilename(fh.Filename)
			p.Outcomes = append(p.Outcomes, uploadOutcome{Filename: name, Outcome: "failed", Error: errorText(langOf(r), err)})
			if joinRefused == nil {
				joinRefused = ingest.JoinRefused(name, err)
			}
			continue
		}
	}
	if r.FormValue("join_photos") != "" && joinRefused != nil {
		p.State.setError(langOf(r), joinRefused, uploadFields...)
		p.Totals = totalsOf(p.Outcomes)
		h.render(w, r, http.StatusOK, "upload", tr(langOf(r), "upload.title"), p)
		return
	}
	if len(files) > 0 && len(staged) == 0 {
		p.Totals = totalsOf(p.Outcomes)
		h.render(w, r, http.StatusOK, "upload", tr(langOf(r), "upload.title"), p)
		return
	}
	req := ingest.UploadRequest{Meta: ingest.Meta{City: r.FormValue("city"), DocType: r.FormValue("doc_type"), Department: r.FormValue("department"),
		DocNumber: r.FormValue("doc_number"), IssuedOn: r.FormValue("issued_on"), Round: r.FormValue("round")},
		Indicators: catalog.SplitList(r.FormValue("indicators")), Files: staged, JoinPhotos: r.FormValue("join_photos") != "",
		Assignment: task}
	outcomes, err := h.Ingest.Upload(r.Context(), u, req)
	if err != nil {
		if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT && code != catalog.ETOOLARGE {
			h.fail(w, r, err)
			return
		}
		p.State.setError(langOf(r), err, uploadFields...)
		// The files that arrived well are not stored either: say so, so
		// that none goes unmentioned.
		for _, st := range staged {
			p.Outcomes = append(p.Outcomes, uploadOutcome{Filename: st.Filename, Archive: st.Archive, Outcome: "failed", Error: tr(langOf(r), "upload.not_stored")})
		}
		h.render(w, r, httperr.Prepare(w, r, h.Logger, err), "upload", tr(langOf(r), "upload.title"), p)
		return
	}
	for _, o := range outcomes {
		uo := uploadOutcome{Filename: o.Filename, Archive: o.Archive, Doc: o.Document, Outcome: "stored", PreviousError: o.PreviousError,
			UsedInRound: o.UsedInRound, Linked: o.Linked, Unapplied: o.Unapplied, JoinedPhotos: o.JoinedPhotos}
		if o.RepairedOriginal {
			w := ingest.RepairedWords(o.Document)
			uo.Repaired = w.Chinese
			if langOf(r) == English {
				uo.Repaired = w.English
			}
		}
		if langOf(r) == English && o.PreviousErrorEnglish != "" {
			uo.PreviousError = o.PreviousErrorEnglish
		}
		switch {
		case o.Err != nil:
			uo.Outcome, uo.Error = "failed", errorText(langOf(r), o.Err)
			if dc := ingest.AsDeletedCopy(o.Err); dc != nil && dc.MayRestore {
				uo.Deleted = dc.Copy.Document.ID
			}
		case o.Retried:
			uo.Outcome = "retried"
		case o.Duplicate:
			uo.Outcome = "duplicate"
		}
		p.Outcomes = append(p.Outcomes, uo)
	}
	p.Totals = totalsOf(p.Outcomes)
	if task != "" {
		p.Tasks, p.HandedFor = h.afterHandIn(r, task, outcomes)
	}
	h.render(w, r, http.StatusOK, "upload", tr(langOf(r), "upload.title"), p)
}

// afterHandIn is the task choice and the line saying what was handed in,
// once the files are stored and the task submitted. The choice is read
// again, as a task handed in for is owed no more and leaves it, as its
// form leaves the board, so the task is named from itself. Neither read
// may end on an error page: it would read as a failed upload and invite
// the files again. So a failure is logged and the page goes on without the
// choice, or says the files went to the chosen task without its name.
func (h *handler) afterHandIn(r *http.Request, task string, outcomes []ingest.Outcome) ([]taskOption, string) {
	lang := langOf(r)
	tasks, _, err := h.handInTasks(r, task)
	if err != nil {
		h.Logger.Warn("list tasks after hand-in", "task", task, "err", err)
	}
	t, err := h.Assignments.Get(r.Context(), sessionFrom(r).User, task)
	if err != nil {
		h.Logger.Warn("read task after hand-in", "task", task, "err", err)
		return tasks, trf(lang, "upload.handed_unnamed", handedCount(outcomes))
	}
	return tasks, handedFor(lang, t, outcomes)
}

func stageFormFile(svc *ingest.Service, fh *multipart.FileHeader) (*ingest.Staged, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, fmt.Errorf("open uploaded %s: %w", fh.Filename, err)
	}
	defer f.Close()
	return svc.Stage(f, fh.Filename)
}

// stageFormFiles stages one file of an upload form, or the files of an
// archive and those it refused (ingest.Service.StageUpload).
func stageFormFiles(ctx context.Context, svc *ingest.Service, fh *multipart.FileHeader, budget *ingest.UnpackBudget) ([]*ingest.Staged, []ingest.Outcome, error) {
	f, err := fh.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("open uploaded %s: %w", fh.Filename, err)
	}
	defer f.Close()
	return svc.StageUpload(ctx, f, fh.Filename, budget)
}

// logUnexpected logs errors that are not the user's doing, whose message
// only says "internal error".
func (h *handler) logUnexpected(what string, err error) {
	if code := catalog.ErrorCode(err); code == catalog.EINTERNAL || code == catalog.EUNAVAILABLE {
		h.Logger.Error(what, "err", err)
	}
}

// departmentNote is the upload form's hint under 责任单位 for u. A
// coordinator files material for every department of the city, so the
// hint says what the field records and that only a name of the city's
// list (责任分解 › 管理责任单位名单) is taken; empty, the material is
// filed under u's own department, or none.
func departmentNote(l Lang, u *catalog.User) string {
	if u.Role != catalog.RoleCoordinator && u.Role != catalog.RoleAdmin {
		return tr(l, "upload.department.note")
	}
	if u.Department != "" {
		return trf(l, "upload.department.note_city_own", u.Department)
	}
	return tr(l, "upload.department.note_city")
}
