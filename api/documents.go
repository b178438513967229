package api

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// documentJSON is the API's view of a document (DESIGN.md).
type documentJSON struct {
	ID         string `json:"id"`
	SHA256     string `json:"sha256"`
	Filename   string `json:"filename"`
	Title      string `json:"title"`
	City       string `json:"city"`
	DocType    string `json:"doc_type"`
	Department string `json:"department"`
	Issuer     string `json:"issuer"`
	IssuedOn   string `json:"issued_on"`
	DocNumber  string `json:"doc_number"`
	Round      string `json:"round"`
	Status     string `json:"status"`
	Error      string `json:"error"`
	// ErrorEn is Error in English, when it has one (the upload page's
	// script shows it on English pages); absent for a reason recorded
	// without English, and then error is shown.
	ErrorEn string `json:"error_en,omitempty"`
	// ErrorCause is what a failed document's failure is owed to
	// (ingest.FailureCause): "file" when only a corrected file mends it,
	// "setup" or "server" when reading it again may succeed; absent when
	// the reason tells none.
	ErrorCause string     `json:"error_cause,omitempty"`
	Pages      int        `json:"pages"`
	Size       int64      `json:"size"`
	MIME       string     `json:"mime"`
	UploadedBy string     `json:"uploaded_by"`
	UploadedAt time.Time  `json:"uploaded_at"`
	Links      []linkJSON `json:"links"`
	Duplicate  *bool      `json:"duplicate,omitempty"`
	// Retried: in an upload's answer, the duplicate had failed and is read
	// again; PreviousError is why it had failed, PreviousErrorEn that in
	// English when it has one.
	Retried         bool   `json:"retried,omitempty"`
	PreviousError   string `json:"previous_error,omitempty"`
	PreviousErrorEn string `json:"previous_error_en,omitempty"`
	// RepairedOriginal: in an upload's answer, the duplicate's stored
	// original was missing or damaged and the file sent replaced it;
	// Repaired (RepairedEn in English) says so (ingest.RepairedWords).
	RepairedOriginal bool   `json:"repaired_original,omitempty"`
	Repaired         string `json:"repaired,omitempty"`
	RepairedEn       string `json:"repaired_en,omitempty"`
	// UsedInRound: in an upload's answer, the duplicate is a document of
	// another round, and the upload's indicators count in this round too.
	UsedInRound int `json:"used_in_round,omitempty"`
	// RoundNotApplied and DocTypeNotApplied: in an upload's answer, the
	// round and type the upload chose that the duplicate's document, kept
	// as stored, does not have (its own are round and doc_type); the
	// notices say so.
	RoundNotApplied   string `json:"round_not_applied,omitempty"`
	DocTypeNotApplied string `json:"doc_type_not_applied,omitempty"`
	// UploadedAs: in an upload's answer, the name the file was sent
	// under; a duplicate's document keeps the name it was stored under
	// (filename), and DuplicateNotice (DuplicateNoticeEn in English) says
	// that the file sent is that stored file.
	UploadedAs        string `json:"uploaded_as,omitempty"`
	DuplicateNotice   string `json:"duplicate_notice,omitempty"`
	DuplicateNoticeEn string `json:"duplicate_notice_en,omitempty"`
	// DuplicateLabel (DuplicateLabelEn in English): the same as a line of
	// its own, without the name sent, which the upload page's row shows
	// beside the file sent (ingest.DuplicateLabel).
	DuplicateLabel   string `json:"duplicate_label,omitempty"`
	DuplicateLabelEn string `json:"duplicate_label_en,omitempty"`
	// JoinedPhotos: in an upload's answer, the document is this many
	// photos joined into one PDF, a page each (join_photos=1).
	JoinedPhotos int `json:"joined_photos,omitempty"`
	// Archive is the archive (ZIP, RAR, 7z) the document's file was
	// unpacked from when it was stored (catalog.Document.Archive). In an
	// upload's answer it is the archive the file sent came in, so that the
	// upload page groups an archive's files under it, a duplicate's too.
	Archive string `json:"archive,omitempty"`
	// Part: in the answer to an upload of several files, which of the
	// request's file parts this document came from, counted from 0 in the
	// order sent (absent when the request had one file).
	Part *int `json:"part,omitempty"`

	// How the pages were read (DESIGN.md, "Formats"): one source per page,
	// the mean OCR confidence (null without OCR), pages with a red seal.
	PageSources   []string `json:"page_sources"`
	OCRConfidence *float64 `json:"ocr_confidence"`
	SealPages     []int    `json:"seal_pages"`
	// Progress of a document being read page by page (OCR), while stored.
	Progress *progressJSON `json:"progress,omitempty"`
	// NearDuplicates (DESIGN.md, "Near duplicates") are in a single
	// document's view, not in lists.
	NearDuplicates *[]nearDuplicateJSON `json:"near_duplicates,omitempty"`
	// ExtractedFields names the fields filled without the uploader
	// (DESIGN.md, "Official-document fields"): title, doc_number, issuer,
	// issued_on read from the text, and round when it was inferred from
	// the date (or is the current round).
	ExtractedFields []string `json:"extracted_fields"`
	// DocNumberRead, when set, is what OCR read where the 文号 read from
	// a scan was inferred (教发〔2023〕125 for 教发〔2023〕12号): a guess
	// to check, as DocNumberNote says (DocNumberNoteEn in English).
	DocNumberRead string `json:"doc_number_read,omitempty"`
	// DocNumberWritten, when set, is the 文号 as the document writes it
	// (杭教成[2017]15号), or as the person who typed it did, where
	// doc_number, its year in 〔〕 for matching, differs
	// (catalog.DocNumberAsWritten).
	DocNumberWritten string `json:"doc_number_written,omitempty"`
	DocNumberNote    string `json:"doc_number_note,omitempty"`
	DocNumberNoteEn  string `json:"doc_number_note_en,omitempty"`
	// EditedFields names the fields a person gave a value by an edit
	// (the edit form or PATCH, emptied included): no reading of the text
	// writes over them.
	EditedFields []string `json:"edited_fields"`
	// RoundNamedIn: a round inferred without a date from the year its
	// "title" or "filename" names (2018年统计数据.xlsx), which the upload
	// page says (catalog.RoundNamedIn).
	RoundNamedIn string `json:"round_named_in,omitempty"`
	// YearWithoutRound: the year the title or file name names (or an
	// annual summary is about) when the document went to another round
	// for want of that one: the current round without a 成文日期, else its
	// date's (catalog.YearNamedWithoutRound).
	YearWithoutRound int `json:"year_without_round,omitempty"`
}

// nearDuplicateJSON is another version of a document that the caller may
// see, with the similarity of their texts (0.9 to 1): kind "near"
// (近似重复); or kind "part" (部分重复), one text part of the other, with
// relation "part_of" (this document is part of it) or "contains" (it is
// part of this document) and as similarity how much of the part the
// whole has (0.8 to 1). A near duplicate's relation is "near".
type nearDuplicateJSON struct {
	ID         string  `json:"id"`
	Similarity float64 `json:"similarity"`
	Title      string  `json:"title"`
	City       string  `json:"city"`
	Kind       string  `json:"kind"`
	Relation   string  `json:"relation"`
	// The version's file, format, upload time and round, the indicators
	// it is linked to and its citations, which tell two versions of one
	// title apart; Notice (NoticeEn) says it as the document page and the
	// upload page do (documents.VersionNotice).
	Filename   string    `json:"filename"`
	Format     string    `json:"format"`
	UploadedAt time.Time `json:"uploaded_at"`
	Round      string    `json:"round"`
	Linked     []string  `json:"linked"`
	Cited      int       `json:"cited"`
	Notice     string    `json:"notice"`
	NoticeEn   string    `json:"notice_en"`
}

// toNearDuplicateJSON is n, a near duplicate of the document viewed.
func toNearDuplicateJSON(n catalog.NearDuplicate) nearDuplicateJSON {
	w := documents.VersionNotice(n)
	nj := nearDuplicateJSON{ID: n.ID, Similarity: n.Similarity, Title: n.Title, City: n.City, Kind: "near", Relation: "near",
		Filename: n.Filename, Format: n.Format, UploadedAt: n.UploadedAt, Round: n.Round, Linked: n.Linked,
		Cited: n.Cited, Notice: w.Chinese, NoticeEn: w.English}
	if nj.Linked == nil {
		nj.Linked = []string{}
	}
	switch n.Relation {
	case catalog.PartOf:
		nj.Kind, nj.Relation = "part", "part_of"
	case catalog.HasPart:
		nj.Kind, nj.Relation = "part", "contains"
	}
	return nj
}

type progressJSON struct {
	Done  int `json:"done"`
	Total int `json:"total"`
}

func toDocumentJSON(d *catalog.Document) documentJSON {
	dj := documentJSON{
		ID: d.ID, SHA256: d.SHA256, Filename: d.Filename, Title: d.Title, City: d.City, DocType: string(d.DocType),
		Department: d.Department, Issuer: d.Issuer, IssuedOn: d.IssuedOn, DocNumber: d.DocNumber, Round: d.Round,
		Status: string(d.Status), Error: d.Error, ErrorEn: d.ErrorEnglish, Pages: d.Pages, Size: d.Size, MIME: d.MIME,
		UploadedBy: d.UploadedBy, UploadedAt: d.UploadedAt, Archive: d.Archive, Links: []linkJSON{},
		PageSources: d.Reading.Sources(d.Pages), OCRConfidence: d.Reading.OCRConfidence, SealPages: d.Reading.SealPages,
	}
	if dj.SealPages == nil {
		dj.SealPages = []int{}
	}
	dj.ErrorCause = string(ingest.FailureCause(d))
	dj.ExtractedFields = d.ExtractedFields
	if w := catalog.DocNumberAsWritten(d); w != "" && w == d.DocNumberWritten {
		dj.DocNumberWritten = w
	}
	if w := catalog.DocNumberGuess(d); w.Chinese != "" {
		dj.DocNumberRead, dj.DocNumberNote, dj.DocNumberNoteEn = d.DocNumberRead, w.Chinese, w.English
	}
	dj.RoundNamedIn = catalog.RoundNamedIn(d)
	dj.YearWithoutRound = catalog.YearNamedWithoutRound(d)
	if dj.ExtractedFields == nil {
		dj.ExtractedFields = []string{}
	}
	dj.EditedFields = d.EditedFields
	if dj.EditedFields == nil {
		dj.EditedFields = []string{}
	}
	return dj
}

// toDocumentView is a document with its links and near duplicates.
func toDocumentView(v *documents.View) documentJSON {
	dj := toDocumentJSON(v.Document)
	dj.UploadedBy = v.UploadedBy // another department's 责任单位, to a department contributor
	for _, l := range v.Links {
		dj.Links = append(dj.Links, toLinkJSON(l))
	}
	nds := make([]nearDuplicateJSON, len(v.NearDuplicates))
	for i, n := range v.NearDuplicates {
		nds[i] = toNearDuplicateJSON(n)
	}
	dj.NearDuplicates = &nds
	return dj
}

func (h *handler) handleDocumentView(w http.ResponseWriter, r *http.Request) {
	v, err := h.Documents.View(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	dj := toDocumentView(v)
	if done, total, ok := h.Ingest.Progress(v.Document.ID); ok {
		dj.Progress = &progressJSON{Done: done, Total: total}
	}
	h.writeJSON(w, r, http.StatusOK, dj)
}

// maxPage bounds the page of a document listing.
const maxPage = 1_000_000

func (h *handler) handleDocumentList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if err := h.cityInReach(r, userFrom(r.Context()), q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	f := catalog.DocumentFilter{City: q.Get("city"), Status: catalog.Status(q.Get("status")),
		DocType: catalog.DocType(q.Get("doc_type")), Indicator: q.Get("indicator"), Round: q.Get("round"),
		Sort: catalog.DocumentSort(q.Get("sort"))}
	if f.Sort != "" && f.Sort != catalog.SortUploaded && f.Sort != catalog.SortIssued {
		h.writeError(w, r, catalog.FieldErrorf("sort", catalog.EINVALID, "排序方式 %q 未知；可选 uploaded（上传时间）或 issued（成文日期）", f.Sort))
		return
	}
	// A filter value that cannot match is a mistake to say, not an empty
	// list that reads as "no such documents".
	switch f.Status {
	case "", catalog.StatusStored, catalog.StatusExtracted, catalog.StatusIndexed, catalog.StatusFailed:
	default:
		h.writeError(w, r, catalog.FieldErrorf("status", catalog.EINVALID, "文档状态 %q 未知；可选 stored（已保存）、extracted（已提取）、indexed（可检索）或 failed（失败）", f.Status))
		return
	}
	if f.DocType != "" {
		t, err := catalog.ParseDocType(string(f.DocType))
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		f.DocType = t
	}
	round, err := catalog.ParseListRound("round", f.Round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	f.Round = ""
	if round != 0 {
		f.Round = strconv.Itoa(round)
	}
	page, size, err := pageParams(q, 50)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	f.Limit, f.Offset, f.After = size, (page-1)*size, q.Get("after")
	if f.After != "" && page > 1 {
		h.writeError(w, r, catalog.FieldErrorf("page", catalog.EINVALID, "page 与 after 只能用一个：after 从上一页的 next 接着列"))
		return
	}
	docs, total, err := h.Documents.List(r.Context(), userFrom(r.Context()), f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	links, err := h.Documents.LinksOf(r.Context(), docs)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	uploaders := h.Documents.UploadersShownTo(r.Context(), userFrom(r.Context()), docs)
	out := make([]documentJSON, len(docs))
	for i, d := range docs {
		out[i] = toDocumentJSON(d)
		if by, ok := uploaders[d.ID]; ok {
			out[i].UploadedBy = by // another department's 责任单位, as the document's view names it
		}
		for _, l := range links[d.ID] {
			out[i].Links = append(out[i].Links, toLinkJSON(l))
		}
	}
	answer := map[string]any{"documents": out, "total": total, "page": page, "size": size}
	if len(docs) == size {
		// Where the next page starts, however documents are uploaded or
		// deleted meanwhile (page by page, an upload pushes one read onto
		// the next page, a delete pulls an unread one back).
		answer["next"] = catalog.DocumentCursor(docs[len(docs)-1], f.Sort)
	}
	h.writeJSON(w, r, http.StatusOK, answer)
}

// maxIntParam bounds every integer in a query string, so that no sum or
// product of two of them (from+size, page×size) can overflow.
const maxIntParam = 1_000_000_000

func intParam(s string, def int, name string) (int, error) {
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	var numErr *strconv.NumError
	if err != nil && !(errors.As(err, &numErr) && numErr.Err == strconv.ErrRange) {
		return 0, catalog.FieldErrorf(name, catalog.EINVALID, "参数 %s 应为整数，收到 %.40q", name, s)
	}
	if err != nil || n < -maxIntParam || n > maxIntParam {
		return 0, catalog.FieldErrorf(name, catalog.EINVALID, "参数 %s 超出范围：%.40s", name, s)
	}
	return n, nil
}

func (h *handler) handleDocumentOriginal(w http.ResponseWriter, r *http.Request) {
	d, rc, err := h.Documents.Original(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		if r.URL.Query().Get("inline") == "1" && h.errorPage != nil && navigating(r) {
			// The refusal of a PDF asked for our document page's frame is
			// the UI's error page, shown in that frame (a damaged original
			// is first found there): framed by our pages alone, as the
			// PDF would have been.
			frameableBySelf(w.Header())
		}
		h.writeError(w, r, err)
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
	damaged, readErr, err := sendVerified(w, rc, d.SHA256, d.Size)
	switch {
	case damaged:
		// The client holds a download cut short, never a corrupt file
		// that looks whole; the document's page and the next request say
		// how to mend it.
		h.Logger.Error("original damaged: its download was cut", "id", d.ID, "sha256", d.SHA256)
		if err := h.Documents.OriginalFoundDamaged(context.WithoutCancel(r.Context()), d, "download", userFrom(r.Context()).Username); err != nil {
			h.Logger.Error("record a damaged original", "id", d.ID, "err", err)
		}
		panic(http.ErrAbortHandler)
	case readErr != nil:
		h.Logger.Error("read original: its download was cut", "id", d.ID, "err", readErr)
		panic(http.ErrAbortHandler)
	case err != nil:
		h.Logger.Warn("send original", "id", d.ID, "err", err)
	}
}

// sendVerified copies an original of size bytes to w, holding its last
// piece back until all its bytes have hashed to sha: damaged says they did
// not (or were more or fewer than size), and then the last piece is never
// sent. readErr is the store's failure, err the client's.
func sendVerified(w io.Writer, r io.Reader, sha string, size int64) (damaged bool, readErr, err error) {
	h := sha256.New()
	buf, held := make([]byte, 64<<10), make([]byte, 0, 64<<10)
	var total int64
	for {
		n, rerr := r.Read(buf)
		if n > 0 {
			total += int64(n)
			if total > size {
				return true, nil, nil // more bytes than the original has: past Content-Length
			}
			if len(held) > 0 {
				if _, err := w.Write(held); err != nil {
					return false, nil, err
				}
			}
			h.Write(buf[:n])
			buf, held = held[:cap(held)], buf[:n]
		}
		if rerr == io.EOF {
			break
		}
		if rerr != nil {
			return false, rerr, nil
		}
	}
	if total != size || hex.EncodeToString(h.Sum(nil)) != sha {
		return true, nil, nil
	}
	_, err = w.Write(held)
	return false, nil, err
}

// handleDocumentUpload receives one or many files as multipart/form-data,
// staging each as it streams in (a small one in memory within a bounded
// budget, any other in a temp file; see ingest.Service.Stage), then submits
// them with the form's metadata. Fields may come before or after the files.
func (h *handler) handleDocumentUpload(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	// A whole request may carry several files (at most maxUploadFiles),
	// each up to the limit, together up to maxUploadRequest of them.
	fr, err := newFormReader(w, r, maxUploadRequest*h.Ingest.MaxUpload()+1<<20)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	fr.most = maxUploadFields // each file part may bring its own fields
	fr.overCap = errUploadRequestTooLarge(h.Ingest.MaxUpload())
	var staged []*ingest.Staged
	defer func() {
		for _, st := range staged {
			st.Remove()
		}
	}()
	// A file refused for what it is (empty, encrypted, of a type the
	// archive cannot read) fails alone, reported with the others' outcomes;
	// one over the size limit ends the request, as the rest of its body is
	// not read.
	var refused []ingest.Outcome
	many := false                        // more than one file part: each outcome names its part
	unpack := h.Ingest.NewUnpackBudget() // for all the request's archives of files
	for parts := 0; ; parts++ {
		part, err := fr.nextFile()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			h.writeError(w, r, err)
			return
		}
		if parts == 0 {
			// Who may upload for which city or task is checked on the
			// fields sent before the first file (clients send them
			// first), before any file is staged; Upload checks again.
			if err := h.Ingest.CheckUploader(r.Context(), u, fr.fields["city"], fr.fields["assignment"]); err != nil {
				h.writeError(w, r, err)
				return
			}
		}
		if parts == maxUploadFiles {
			h.writeError(w, r, catalog.Errorf(catalog.ETOOLARGE, "一个请求的文件过多（每个请求最多 %d 个文件）；请分批上传", maxUploadFiles))
			return
		}
		files, inArchive, err := h.Ingest.StageUpload(r.Context(), part, part.FileName(), unpack)
		for _, st := range files {
			st.Part = parts
		}
		for i := range inArchive {
			inArchive[i].Part = parts
		}
		staged = append(staged, files...)
		refused = append(refused, inArchive...)
		many = parts > 0
		var refusal *ingest.RefusedFile
		if errors.As(err, &refusal) {
			refused = append(refused, ingest.Outcome{Filename: refusal.Filename, Err: refusal.Err, Part: parts})
			continue
		}
		if err != nil {
			var mbe *http.MaxBytesError
			if errors.As(err, &mbe) {
				err = fr.overCap // the request's cap, not this file's
			}
			h.writeError(w, r, err)
			return
		}
	}
	if formTrue(fr.fields["join_photos"]) && len(refused) > 0 {
		h.writeError(w, r, ingest.JoinRefused(refused[0].Filename, refused[0].Err))
		return
	}
	if len(staged) == 0 {
		if len(refused) > 0 {
			h.writeUploaded(w, r, refused, many)
			return
		}
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "没有收到文件；请在字段 file 中选择要上传的文件"))
		return
	}
	fields := fr.fields
	req := ingest.UploadRequest{Meta: ingest.Meta{
		Title: fields["title"], City: fields["city"], DocType: fields["doc_type"], Department: fields["department"],
		Issuer: fields["issuer"], IssuedOn: fields["issued_on"], DocNumber: fields["doc_number"], Round: fields["round"],
	}, Indicators: catalog.SplitList(fields["indicators"]), Assignment: fields["assignment"], Files: staged,
		JoinPhotos: formTrue(fields["join_photos"]), PartMeta: partFields(fields)}
	outcomes, err := h.Ingest.Upload(r.Context(), u, req)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeUploaded(w, r, append(outcomes, refused...), many)
}

// partFields reads the fields a request of several files gives one file
// part, named field.N for part N (counted from 0 in the order sent):
// title, doc_type, issuer, issued_on, doc_number and round.
func partFields(fields map[string]string) map[int]ingest.Meta {
	var out map[int]ingest.Meta
	for k, v := range fields {
		name, n, ok := strings.Cut(k, ".")
		if !ok {
			continue
		}
		part, err := strconv.Atoi(n)
		if err != nil || part < 0 || part >= maxUploadFiles || strconv.Itoa(part) != n {
			continue
		}
		m := out[part]
		field := m.OwnField(name)
		if field == nil {
			continue
		}
		*field = v
		if out == nil {
			out = map[int]ingest.Meta{}
		}
		out[part] = m
	}
	return out
}

// formTrue reads a form's yes: 1, true or on (a checkbox's value).
func formTrue(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "true", "on", "yes":
		return true
	}
	return false
}

// writeUploaded answers with each file's document, and the files that
// failed with their errors: files stored before a failure stay stored and
// are reported, so nothing is silently lost. With parts (a request of
// several files) each entry names the file part it came from.
func (h *handler) writeUploaded(w http.ResponseWriter, r *http.Request, outcomes []ingest.Outcome, parts bool) {
	var docs []documentJSON
	var failed []map[string]any
	var firstErr error
	var first ingest.Outcome // the first refused, to name with its archive
	allDuplicates := true
	fromArchive := false // an archive's files: each refused one under errors
	var stored []*catalog.Document
	for _, o := range outcomes {
		if o.Err == nil {
			stored = append(stored, o.Document)
		}
	}
	// The views of all the request's documents, asked for together.
	views, err := h.Documents.Views(r.Context(), userFrom(r.Context()), stored)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	for _, o := range outcomes {
		fromArchive = fromArchive || o.Archive != ""
		if o.Err != nil {
			if firstErr == nil {
				firstErr, first = o.Err, o
			}
			f := map[string]any{"filename": o.Filename,
				"error": errorDetail{Code: catalog.ErrorCode(o.Err), Message: catalog.ErrorMessage(o.Err), MessageEn: englishOf(o.Err),
					Field: catalog.ErrorField(o.Err), DeletedDocument: deletedCopyOf(o.Err)}}
			if o.Archive != "" {
				f["archive"] = o.Archive
			}
			if parts {
				f["part"] = o.Part
			}
			failed = append(failed, f)
			continue
		}
		dj := toDocumentView(views[len(docs)])
		dup := o.Duplicate
		dj.Duplicate = &dup
		dj.Retried, dj.PreviousError, dj.PreviousErrorEn = o.Retried, o.PreviousError, o.PreviousErrorEnglish
		dj.UsedInRound = o.UsedInRound
		dj.JoinedPhotos = o.JoinedPhotos
		dj.Archive = o.Archive
		dj.UploadedAs = o.Filename
		if parts {
			dj.Part = &o.Part
		}
		if o.RepairedOriginal {
			w := ingest.RepairedWords(o.Document)
			dj.RepairedOriginal, dj.Repaired, dj.RepairedEn = true, w.Chinese, w.English
		}
		if dup {
			dj.DuplicateNotice, dj.DuplicateNoticeEn = duplicateNotice(o.Filename, o.Document, o.UsedInRound, o.Linked, o.Unapplied)
			if o.RepairedOriginal {
				dj.DuplicateNotice = dj.Repaired + "\uFF1B" + dj.DuplicateNotice
				dj.DuplicateNoticeEn = dj.RepairedEn + "; " + dj.DuplicateNoticeEn
			}
			dj.DuplicateLabel = ingest.DuplicateLabel(o.Document, o.UsedInRound, o.Linked, o.Unapplied, false)
			dj.DuplicateLabelEn = ingest.DuplicateLabel(o.Document, o.UsedInRound, o.Linked, o.Unapplied, true)
			dj.RoundNotApplied, dj.DocTypeNotApplied = o.Unapplied.Round, string(o.Unapplied.DocType)
		}
		allDuplicates = allDuplicates && dup
		docs = append(docs, dj)
	}
	if len(docs) == 0 {
		if len(failed) > 1 || fromArchive {
			// Every file refused (several sent, or an archive's): the
			// first one's status and reason, and each file's under errors.
			status := httperr.Prepare(w, r, h.Logger, firstErr)
			message, messageEn := catalog.ErrorMessage(firstErr), englishOf(firstErr)
			// A refusal of one file of an archive names the archive and
			// the file: the reason alone named neither, and a department
			// resending its package could not tell which file of which.
			// A reason that names them itself (压缩包“…”中的“…”超过…) is
			// not prefixed again.
			if first.Archive != "" && !namesArchived(message, first) {
				message = fmt.Sprintf("压缩包\u201C%s\u201D中的\u201C%s\u201D\uFF1A%s", first.Archive, first.Filename, message)
			}
			if first.Archive != "" && !namesArchived(messageEn, first) {
				messageEn = fmt.Sprintf("\u201C%s\u201D in the archive \u201C%s\u201D: %s", first.Filename, first.Archive, messageEn)
			}
			h.writeJSON(w, r, status, map[string]any{"error": errorDetail{Code: catalog.ErrorCode(firstErr),
				Message: message, MessageEn: messageEn}, "errors": failed})
			return
		}
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

// namesArchived reports a message that names, in quotes, both the file
// refused and the archive it came in.
func namesArchived(message string, o ingest.Outcome) bool {
	return strings.Contains(message, "\u201C"+o.Filename+"\u201D") && strings.Contains(message, "\u201C"+o.Archive+"\u201D")
}

// duplicateNotice says that the file sent as sent holds the bytes of the
// stored document d, named by its file name, its title and the path of its
// page: a renamed copy answered with the stored name alone left the
// uploader wondering what became of theirs. Uploaded for another round
// (usedInRound), it says in which round d is, or that it is of none, and
// where the indicators linked now count. It is a notice, not an error, in
// the words the upload page and 我的任务 use (ingest.DuplicateWords): a
// Chinese and an English sentence naming the files as they are written
// (%q would escape a quote or a backslash in a name).
func duplicateNotice(sent string, d *catalog.Document, usedInRound int, linked bool, un ingest.Unapplied) (zh, en string) {
	w := ingest.DuplicateWords(d, usedInRound, linked, un)
	zh = fmt.Sprintf("上传的“%s”是重复文件\uFF1A%s\uFF1B已保存的文档\uFF1A《%s》\uFF0C/documents/%s", sent, w.Chinese, d.Title, d.ID)
	en = fmt.Sprintf("“%s” sent is a duplicate: %s; the stored document: “%s”, /documents/%s", sent, w.English, d.Title, d.ID)
	return zh, en
}

func (h *handler) handleDocumentEdit(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Title      *string    `json:"title"`
		DocType    *string    `json:"doc_type"`
		Department *string    `json:"department"`
		Issuer     *string    `json:"issuer"`
		IssuedOn   *string    `json:"issued_on"`
		DocNumber  *string    `json:"doc_number"`
		Round      *roundText `json:"round"`
		// City moves the document into another city (admins only).
		City *string `json:"city"`
	}
	u := userFrom(r.Context())
	// Scope first: another city's document is not found, whatever the body.
	_, err := h.Documents.Get(r.Context(), u, r.PathValue("id"))
	if err == nil {
		err = readJSON(r, &in)
	}
	var v *documents.View
	if err == nil {
		patch := catalog.DocumentPatch{Title: in.Title, DocType: in.DocType, Department: in.Department, Issuer: in.Issuer,
			IssuedOn: in.IssuedOn, DocNumber: in.DocNumber, Round: (*string)(in.Round)}
		if _, err = h.Documents.Edit(r.Context(), u, r.PathValue("id"), patch); err == nil && in.City != nil {
			_, _, err = h.Documents.Move(r.Context(), u, r.PathValue("id"), *in.City)
		}
		if err == nil {
			v, err = h.Documents.View(r.Context(), u, r.PathValue("id"))
		}
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, toDocumentView(v))
}

func (h *handler) handleDocumentDelete(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	reopened, err := h.Documents.Delete(r.Context(), userFrom(r.Context()), id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": id, "reopened_claims": reopened.Claims,
		"reopened_values": reopened.Values, "reopened_assignments": reopened.Assignments})
}

// handleDocumentRetry reads a failed document again (after the reader it
// needed was installed).
func (h *handler) handleDocumentRetry(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	if _, err := h.Ingest.Retry(r.Context(), u, r.PathValue("id")); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeAccepted(w, r, u, r.PathValue("id"))
}

// writeAccepted answers a request that put document id back to work
// (retry, replace) with the document as it is now.
func (h *handler) writeAccepted(w http.ResponseWriter, r *http.Request, u *catalog.User, id string) {
	v, err := h.Documents.View(r.Context(), u, id)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusAccepted, toDocumentView(v))
}

// handleDocumentReplace puts a new original (one file, field file) under
// a failed document: the same id, metadata and links, read again.
func (h *handler) handleDocumentReplace(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	// Scope first: another city's document is not found, whatever the body.
	if _, err := h.Documents.Get(r.Context(), u, r.PathValue("id")); err != nil {
		h.writeError(w, r, err)
		return
	}
	fr, err := newFormReader(w, r, h.Ingest.MaxUpload()+1<<20)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	part, err := fr.nextFile()
	if errors.Is(err, io.EOF) {
		err = catalog.FieldErrorf("file", catalog.EINVALID, "没有收到文件；请在字段 file 中选择替换的文件")
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	st, err := h.Ingest.Stage(part, part.FileName())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	defer st.Remove()
	if _, err := h.Ingest.Replace(r.Context(), u, r.PathValue("id"), st); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeAccepted(w, r, u, r.PathValue("id"))
}
