package web

import (
	"net/http"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

type uploadOutcome struct {
	Filename string
	Doc      *catalog.Document
	Outcome  string // stored, duplicate, failed
	Error    string
}

type uploadPage struct {
	Cities    []option
	DocTypes  []option
	CityFixed bool
	MaxUpload string
	Outcomes  []uploadOutcome
}

func (h *handler) uploadForm(r *http.Request) (*uploadPage, error) {
	u := sessionFrom(r).User
	lang := langOf(r)
	p := &uploadPage{CityFixed: u.Role == catalog.RoleCoordinator, MaxUpload: ingest.FormatBytes(h.Ingest.MaxUpload())}
	var err error
	if p.Cities, err = h.cityOptions(r, u, u.City); err != nil {
		return nil, err
	}
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), false})
	}
	return p, nil
}

func (h *handler) uploadPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	if u.Role != catalog.RoleAdmin && u.Role != catalog.RoleCoordinator {
		h.fail(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只有协调员和管理员可以上传材料"))
		return
	}
	p, err := h.uploadForm(r)
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
	p, err := h.uploadForm(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	meta := ingest.Meta{City: r.FormValue("city"), DocType: r.FormValue("doc_type"), Department: u.Department}
	if u.Role == catalog.RoleCoordinator {
		meta.City = u.City
	}
	if err := u.CanEdit(meta.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.Ingest.CheckMeta(r.Context(), &meta); err != nil {
		h.fail(w, r, err)
		return
	}
	codes, err := h.Ingest.CheckIndicators(r.Context(), catalog.SplitList(r.FormValue("indicators")))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.MultipartForm == nil || len(r.MultipartForm.File["file"]) == 0 {
		h.fail(w, r, catalog.Errorf(catalog.EINVALID, "没有收到文件;请选择要上传的文件"))
		return
	}
	for _, fh := range r.MultipartForm.File["file"] {
		p.Outcomes = append(p.Outcomes, h.uploadOne(r, fh.Filename, func() (*ingest.Staged, error) {
			f, err := fh.Open()
			if err != nil {
				return nil, err
			}
			defer f.Close()
			return h.Ingest.Stage(f, fh.Filename)
		}, meta, codes, u))
	}
	h.render(w, r, http.StatusOK, "upload", tr(langOf(r), "upload.title"), p)
}

func (h *handler) uploadOne(r *http.Request, name string, stage func() (*ingest.Staged, error), meta ingest.Meta,
	codes []string, u *catalog.User) uploadOutcome {
	o := uploadOutcome{Filename: ingest.SanitizeFilename(name), Outcome: "failed"}
	st, err := stage()
	if err != nil {
		h.logUnexpected("stage upload", err)
		o.Error = catalog.ErrorMessage(err)
		return o
	}
	defer st.Remove()
	out, err := h.Ingest.Submit(r.Context(), st, meta, u)
	if err == nil {
		err = h.Ingest.Link(r.Context(), out.Document.ID, codes, u)
	}
	if err != nil {
		h.logUnexpected("submit upload", err)
		o.Error = catalog.ErrorMessage(err)
		return o
	}
	o.Doc, o.Outcome = out.Document, "stored"
	if out.Duplicate {
		o.Outcome = "duplicate"
	}
	return o
}

// logUnexpected logs errors that are not the user's doing, whose message
// only says "internal error".
func (h *handler) logUnexpected(what string, err error) {
	if code := catalog.ErrorCode(err); code == catalog.EINTERNAL || code == catalog.EUNAVAILABLE {
		h.Logger.Error(what, "err", err)
	}
}
