package api

import (
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// documentJSON is the API's view of a document (DESIGN.md).
type documentJSON struct {
	ID         string     `json:"id"`
	SHA256     string     `json:"sha256"`
	Filename   string     `json:"filename"`
	Title      string     `json:"title"`
	City       string     `json:"city"`
	DocType    string     `json:"doc_type"`
	Department string     `json:"department"`
	Issuer     string     `json:"issuer"`
	IssuedOn   string     `json:"issued_on"`
	DocNumber  string     `json:"doc_number"`
	Round      string     `json:"round"`
	Status     string     `json:"status"`
	Error      string     `json:"error"`
	Pages      int        `json:"pages"`
	Size       int64      `json:"size"`
	MIME       string     `json:"mime"`
	UploadedBy string     `json:"uploaded_by"`
	UploadedAt time.Time  `json:"uploaded_at"`
	Links      []linkJSON `json:"links"`
	Duplicate  *bool      `json:"duplicate,omitempty"`
}

func toDocumentJSON(d *catalog.Document) documentJSON {
	return documentJSON{
		ID: d.ID, SHA256: d.SHA256, Filename: d.Filename, Title: d.Title, City: d.City, DocType: string(d.DocType),
		Department: d.Department, Issuer: d.Issuer, IssuedOn: d.IssuedOn, DocNumber: d.DocNumber, Round: d.Round,
		Status: string(d.Status), Error: d.Error, Pages: d.Pages, Size: d.Size, MIME: d.MIME,
		UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt, Links: []linkJSON{},
	}
}

func (h *handler) loadDocument(r *http.Request) (*catalog.Document, error) {
	d, err := h.Catalog.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !userFrom(r.Context()).CanSee(d.City) {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", d.ID)
	}
	return d, nil
}

func (h *handler) handleDocumentView(w http.ResponseWriter, r *http.Request) {
	d, err := h.loadDocument(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeDocument(w, r, d)
}

// writeDocument answers with a document and its links.
func (h *handler) writeDocument(w http.ResponseWriter, r *http.Request, d *catalog.Document) {
	dj := toDocumentJSON(d)
	var err error
	if dj.Links, err = h.documentLinks(r, d.ID); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, dj)
}

func (h *handler) handleDocumentList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := catalog.DocumentFilter{City: q.Get("city"), Status: catalog.Status(q.Get("status")),
		DocType: catalog.DocType(q.Get("doc_type")), Indicator: q.Get("indicator")}
	page, err := intParam(q.Get("page"), 1, "page")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	size, err := intParam(q.Get("size"), 50, "size")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if page < 1 || size < 1 || size > 500 {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "分页参数超出范围:page ≥ 1,1 ≤ size ≤ 500"))
		return
	}
	f.Limit, f.Offset = size, (page-1)*size
	if u := userFrom(r.Context()); u.Role == catalog.RoleCoordinator {
		if f.City != "" && f.City != u.City {
			h.writeJSON(w, r, http.StatusOK, map[string]any{"documents": []documentJSON{}, "total": 0, "page": page})
			return
		}
		f.City = u.City
	}
	docs, total, err := h.Catalog.FindDocuments(r.Context(), f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]documentJSON, len(docs))
	for i, d := range docs {
		out[i] = toDocumentJSON(d)
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"documents": out, "total": total, "page": page})
}

func intParam(s string, def int, name string) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return 0, catalog.Errorf(catalog.EINVALID, "参数 %s 应为整数,收到 %q", name, s)
	}
	return n, nil
}

func (h *handler) handleDocumentOriginal(w http.ResponseWriter, r *http.Request) {
	d, err := h.loadDocument(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rc, err := h.Blobs.Get(r.Context(), catalog.OriginalKey(d.SHA256))
	if err != nil {
		h.writeError(w, r, fmt.Errorf("original of %s: %w", d.ID, err))
		return
	}
	defer rc.Close()
	disposition, csp := "attachment", "sandbox"
	if r.URL.Query().Get("inline") == "1" && d.MIME == "application/pdf" {
		// A PDF (its type sniffed from its bytes at upload) may be shown by
		// the browser's own viewer, at #page=N, framed by our document page;
		// any other type, HTML above all, is always a download. The PDF
		// viewer does not run in a sandboxed document, so the inline PDF is
		// kept from everything else: no scripts, no other framers.
		disposition, csp = "inline", "default-src 'none'; script-src 'none'; frame-ancestors 'self'"
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	}
	w.Header().Set("Content-Type", d.MIME)
	w.Header().Set("Content-Disposition", mime.FormatMediaType(disposition, map[string]string{"filename": d.Filename}))
	w.Header().Set("Content-Length", strconv.FormatInt(d.Size, 10))
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", csp)
	w.Header().Set("ETag", `"`+d.SHA256+`"`)
	if _, err := io.Copy(w, rc); err != nil {
		h.Logger.Warn("send original", "id", d.ID, "err", err)
	}
}

func (h *handler) handleDocumentText(w http.ResponseWriter, r *http.Request) {
	d, err := h.loadDocument(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.documentText(r, d)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"id": d.ID, "extractor": t.Extractor, "pages": t.Pages})
}

// documentText loads a document's extracted text, or says in words why
// there is none yet.
func (h *handler) documentText(r *http.Request, d *catalog.Document) (*ingest.StoredText, error) {
	switch d.Status {
	case catalog.StatusStored:
		return nil, catalog.Errorf(catalog.ECONFLICT, "文档还在处理中,文字尚未提取;请稍后再试")
	case catalog.StatusFailed:
		return nil, catalog.Errorf(catalog.ECONFLICT, "文档处理失败,没有可用的文字:%s", d.Error)
	}
	return ingest.LoadText(r.Context(), h.Blobs, d.SHA256)
}

// maxFieldBytes bounds a non-file form field.
const maxFieldBytes = 64 << 10

// handleDocumentUpload receives one or many files as multipart/form-data,
// streaming each to a staged temp file (never into memory), then submits
// them with the form's metadata. Fields may come before or after the files.
func (h *handler) handleDocumentUpload(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	// A whole request may carry several files, each up to the limit.
	r.Body = http.MaxBytesReader(w, r.Body, 8*h.Ingest.MaxUpload()+1<<20)
	mr, err := r.MultipartReader()
	if err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "请以 multipart/form-data 上传,文件放在字段 file 中"))
		return
	}
	var staged []*ingest.Staged
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	fields := map[string]string{}
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			h.writeError(w, r, uploadReadError(err, h.Ingest.MaxUpload()))
			return
		}
		if part.FormName() == "file" {
			st, err := h.Ingest.Stage(part, part.FileName())
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			staged = append(staged, st)
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, maxFieldBytes+1))
		if err != nil || len(b) > maxFieldBytes {
			h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "表单字段 %s 无法读取或过长", part.FormName()))
			return
		}
		fields[part.FormName()] = string(b)
	}
	if len(staged) == 0 {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "没有收到文件;请在字段 file 中选择要上传的文件"))
		return
	}
	meta := ingest.Meta{
		Title: fields["title"], City: fields["city"], DocType: fields["doc_type"], Department: fields["department"],
		Issuer: fields["issuer"], IssuedOn: fields["issued_on"], DocNumber: fields["doc_number"], Round: fields["round"],
	}
	if meta.City == "" && u.Role == catalog.RoleCoordinator {
		meta.City = u.City
	}
	if meta.Department == "" {
		meta.Department = u.Department
	}
	if err := h.Ingest.CheckMeta(r.Context(), &meta); err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := u.CanEdit(meta.City); err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只有本市协调员或管理员可以上传该城市的材料"))
		return
	}
	codes, err := h.Ingest.CheckIndicators(r.Context(), catalog.SplitList(fields["indicators"]))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.submitStaged(w, r, staged, meta, codes, u)
}

// submitStaged submits each staged file. Files stored before a failure stay
// stored and are reported with the error, so nothing is silently lost.
func (h *handler) submitStaged(w http.ResponseWriter, r *http.Request, staged []*ingest.Staged, meta ingest.Meta,
	indicators []string, u *catalog.User) {
	var docs []documentJSON
	var failed []map[string]any
	var firstErr error
	allDuplicates := true
	for _, st := range staged {
		out, err := h.Ingest.Submit(r.Context(), st, meta, u)
		if err == nil {
			err = h.Ingest.Link(r.Context(), out.Document.ID, indicators, u)
		}
		if err != nil {
			if firstErr == nil {
				firstErr = err
			}
			h.Logger.Warn("submit failed", "filename", st.Filename, "err", err)
			failed = append(failed, map[string]any{"filename": st.Filename,
				"error": errorDetail{Code: catalog.ErrorCode(err), Message: catalog.ErrorMessage(err)}})
			continue
		}
		dj := toDocumentJSON(out.Document)
		if dj.Links, err = h.documentLinks(r, out.Document.ID); err != nil {
			h.writeError(w, r, err)
			return
		}
		dup := out.Duplicate
		dj.Duplicate = &dup
		allDuplicates = allDuplicates && dup
		docs = append(docs, dj)
	}
	if len(docs) == 0 {
		h.writeError(w, r, firstErr)
		return
	}
	status := http.StatusCreated
	if allDuplicates {
		status = http.StatusOK
	}
	body := map[string]any{"documents": docs}
	if len(failed) > 0 {
		body["errors"] = failed
	}
	h.writeJSON(w, r, status, body)
}

func uploadReadError(err error, limit int64) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return catalog.Errorf(catalog.ETOOLARGE, "上传内容超过上限(单个文件 %s);请分批上传", ingest.FormatBytes(limit))
	}
	return catalog.Errorf(catalog.EINVALID, "上传数据不完整或格式错误(可能是网络中断),请重新上传")
}

func (h *handler) handleDocumentEdit(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	d, err := h.loadDocument(r)
	if err == nil {
		err = u.CanEdit(d.City)
	}
	var in struct {
		Title      *string `json:"title"`
		DocType    *string `json:"doc_type"`
		Department *string `json:"department"`
		Issuer     *string `json:"issuer"`
		IssuedOn   *string `json:"issued_on"`
		DocNumber  *string `json:"doc_number"`
		Round      *string `json:"round"`
	}
	if err == nil {
		err = readJSON(r, &in)
	}
	patch := catalog.DocumentPatch{Title: in.Title, DocType: in.DocType, Department: in.Department, Issuer: in.Issuer,
		IssuedOn: in.IssuedOn, DocNumber: in.DocNumber, Round: in.Round}
	if err == nil {
		err = h.Ingest.CheckPatch(r.Context(), &patch)
	}
	if err == nil {
		d, err = h.Catalog.UpdateDocument(r.Context(), d.ID, patch, u.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.Ingest.RefreshAfterChange(r.Context(), d.ID)
	if d, err = h.Catalog.Document(r.Context(), d.ID); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeDocument(w, r, d)
}

func (h *handler) handleDocumentDelete(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	d, err := h.loadDocument(r)
	if err == nil {
		err = requireAdmin(u)
	}
	var reopened []string
	if err == nil {
		// Reviewed claims citing it lose part of their evidence: back to the queue.
		reopened, err = h.Catalog.DeleteDocument(r.Context(), d.ID, u.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := h.Ingest.Unindex(r.Context(), d.ID); err != nil {
		// The delete is saved; start-up reconciliation removes the entry.
		h.Logger.Error("remove deleted document from the index", "id", d.ID, "err", err)
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": d.ID, "reopened_claims": nonNil(reopened)})
}
