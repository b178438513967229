package api

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

type citationJSON struct {
	// Number names the citation on its claim for the claim's life
	// (catalog.Citation.Number): DELETE …/citations/{n} and a warning's
	// citations[n] name it so; a removed one leaves a gap.
	Number      int    `json:"number"`
	DocumentID  string `json:"document_id"`
	SHA256      string `json:"sha256"`
	Page        int    `json:"page"`
	Quote       string `json:"quote"`
	QuoteFound  bool   `json:"quote_found"`
	FoundOnPage int    `json:"found_on_page"`
	// QuoteRead, set when the quote matched a page OCR read only
	// approximately (one or two characters read otherwise), is what OCR
	// read there (甚 for 其); left out for an exact match or none.
	QuoteRead string `json:"quote_read,omitempty"`
	// RecheckError says why looking for the quote again in its text read
	// anew failed (引文待重新核对): quote_found and found_on_page are the
	// old text's until it is looked for again.
	RecheckError string `json:"recheck_error,omitempty"`
	// RecheckErrorEn is recheck_error in English, when it has one.
	RecheckErrorEn string `json:"recheck_error_en,omitempty"`
	Title          string `json:"title,omitempty"`
	Deleted        bool   `json:"document_deleted,omitempty"`
	// Newer names, when the document was deleted, its live version the
	// citation may be checked against instead (catalog.Store.NewerVersion),
	// for a claim's citation as for a value's.
	Newer   *newerJSON `json:"newer_version,omitempty"`
	Context string     `json:"context,omitempty"`
	// ContextUnavailable says why context is missing: its page's text
	// cannot be held now (EUNAVAILABLE) or ever (ETOOLARGE).
	ContextUnavailable *errorDetail `json:"context_unavailable,omitempty"`
}

// newerJSON is a deleted document's newer version. Relation is how its
// text is the deleted one's, as a document's near_duplicates say it from
// the deleted document's side: near (nearly the same text), part_of (the
// deleted text is part of this one's: it holds every cited passage) or
// contains (this one holds only part of the deleted text: the cited
// passage may not be in it).
type newerJSON struct {
	ID       string `json:"id"`
	Title    string `json:"title"`
	Relation string `json:"relation"`
}

// newerVersionJSON is n as a citation's newer_version; nil for none.
func newerVersionJSON(n *catalog.NearDuplicate) *newerJSON {
	if n == nil {
		return nil
	}
	return &newerJSON{ID: n.ID, Title: cmp.Or(n.Title, n.Filename), Relation: string(n.Relation)}
}

type claimJSON struct {
	ID        string `json:"id"`
	City      string `json:"city"`
	Round     int    `json:"round"`
	Indicator string `json:"indicator"`
	Statement string `json:"statement"`
	// Status is the claim's review status, to_confirm (待确认) while it
	// was carried over and its city has not confirmed it
	// (catalog.Claim.ReviewStatus); Carry the carry-over's state.
	Status    string         `json:"status"`
	Carry     string         `json:"carry,omitempty"`
	CreatedBy string         `json:"created_by"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	Citations []citationJSON `json:"citations"`
	// Version is the claim's version (catalog.Claim.Version), its ETag
	// without quotes: a verdict sent with it (If-Match, or "version")
	// is saved only while the claim is as read.
	Version string `json:"version"`
	// NumbersNotFound are the numbers of the statement, with their units,
	// that no quote writes (9.6万人); NumbersRough those a quote writes
	// only roughly (约数); NumberWarnings says both in each language
	// (values.CheckStatement). A warning, the claim saved all the same.
	NumbersNotFound []string             `json:"numbers_not_found,omitempty"`
	NumbersRough    []values.RoughNumber `json:"numbers_rough,omitempty"`
	NumbersSpaced   []values.RoughNumber `json:"numbers_spaced,omitempty"`
	NumberWarnings  []fieldErrorJSON     `json:"number_warnings,omitempty"`
	// SourceWarnings warn of cited documents written (成文日期) after the
	// claim's round (values.Service.LaterSources) and of those a
	// coordinator returned (ReturnedSources): saved all the same.
	SourceWarnings []fieldErrorJSON `json:"source_warnings,omitempty"`
}

// toClaimJSON is c as the API shows it, its statement's numbers checked
// against its quotes read on their pages (values.Service.ClaimNumbers).
func (h *handler) toClaimJSON(ctx context.Context, c *catalog.Claim) claimJSON {
	out := claimJSON{ID: c.ID, City: c.City, Round: c.Round, Indicator: c.Indicator, Statement: c.Statement,
		Status: string(c.ReviewStatus()), Carry: string(c.Carry), CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Citations: make([]citationJSON, len(c.Citations)), Version: c.Version()}
	for i, t := range c.Citations {
		out.Citations[i] = citationJSON{Number: t.Number, DocumentID: t.DocumentID, SHA256: t.SHA256, Page: t.Page, Quote: t.Quote,
			QuoteFound: t.QuoteFound, FoundOnPage: t.FoundOnPage, QuoteRead: t.QuoteRead, RecheckError: t.RecheckError, RecheckErrorEn: t.RecheckErrorEN}
	}
	if len(c.Citations) > 0 {
		nums := h.Values.ClaimNumbers(ctx, c)
		out.NumbersNotFound, out.NumbersRough, out.NumbersSpaced = nums.Missing, nums.Rough, nums.Spaced
		for _, w := range nums.Warnings() {
			out.NumberWarnings = append(out.NumberWarnings, fieldErrorJSON{Field: "statement", Message: w.Chinese, MessageEn: w.English})
		}
		// A warning that cannot be worked out is left unsaid: the claim
		// is answered all the same.
		later, _ := h.Values.SourceWarnings(ctx, c.Round, c.Citations)
		for _, w := range later {
			out.SourceWarnings = append(out.SourceWarnings, fieldErrorJSON{Field: "citations", Message: w.Chinese, MessageEn: w.English})
		}
	}
	return out
}

func (h *handler) handleClaimCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		claims.Input
		Round roundJSON `json:"round"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	in.Input.Round = int(in.Round)
	c, err := h.Claims.Create(r.Context(), userFrom(r.Context()), in.Input)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, h.claimAnswer(r.Context(), c))
}

// claimAnswer is a claim written or cited anew, with a warning for each
// citation whose quote is not on its page (on page 2, not 1), as a value
// import's answer warns: the claim is saved all the same.
func (h *handler) claimAnswer(ctx context.Context, c *catalog.Claim) map[string]any {
	out := map[string]any{"claim": h.toClaimJSON(ctx, c)}
	var warnings []fieldErrorJSON
	for _, t := range c.Citations {
		if w, ok := t.QuoteWarning(); ok {
			// By its number, as DELETE …/citations/{n} names it.
			warnings = append(warnings, fieldErrorJSON{Field: fmt.Sprintf("citations[%d].quote", t.Number), Message: w.Chinese, MessageEn: w.English})
		}
	}
	if warnings != nil {
		out["warnings"] = warnings
	}
	return out
}

func (h *handler) handleClaimList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	page, size, err := pageParams(q, 100)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	u := userFrom(r.Context())
	if err := h.cityInReach(r, u, q.Get("city")); err != nil {
		h.writeError(w, r, err)
		return
	}
	f := catalog.ClaimFilter{City: q.Get("city"), Indicator: q.Get("indicator"), Status: catalog.ClaimStatusNamed(q.Get("status")),
		Round: round, Limit: size, Offset: (page - 1) * size, After: q.Get("after")}
	if f.After != "" && page > 1 {
		h.writeError(w, r, catalog.FieldErrorf("page", catalog.EINVALID, "page 与 after 只能用一个：after 从上一页的 next 接着列"))
		return
	}
	list, err := h.Claims.List(r.Context(), u, f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// The total tells a client there is more than this page: a round has
	// hundreds of 定性描述, more than one page holds.
	total, err := h.Claims.Count(r.Context(), u, f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]claimJSON, len(list))
	for i := range list {
		out[i] = h.toClaimJSON(r.Context(), &list[i])
	}
	answer := map[string]any{"claims": out, "total": total, "page": page, "size": size}
	if len(list) == size {
		// Where the next page starts, however the claims change meanwhile
		// (page by page, a claim reviewed between two requests moves to
		// the end and shifts the rest: one is read twice, one never).
		answer["next"] = catalog.ClaimCursor(list[len(list)-1])
	}
	h.writeJSON(w, r, http.StatusOK, answer)
}

// pageParams reads page (from 1) and size (1–500, defSize when not given)
// of a listing; either out of range is refused naming it and its range.
func pageParams(q url.Values, defSize int) (page, size int, err error) {
	if page, err = intParam(q.Get("page"), 1, "page"); err != nil {
		return 0, 0, err
	}
	if size, err = intParam(q.Get("size"), defSize, "size"); err != nil {
		return 0, 0, err
	}
	if page < 1 || page > maxPage {
		return 0, 0, catalog.FieldErrorf("page", catalog.EINVALID, "分页参数超出范围：page 应在 1 到 %d 之间，收到 %d", maxPage, page)
	}
	if size < 1 || size > maxListSize {
		return 0, 0, catalog.FieldErrorf("size", catalog.EINVALID, "分页参数超出范围：size 应在 1 到 %d 之间，收到 %d", maxListSize, size)
	}
	return page, size, nil
}

// maxListSize bounds the size of a page of documents, claims or values.
const maxListSize = 500

// handleClaimView shows a claim for review: each citation in its page
// context, the verdicts, and the history from the audit log.
func (h *handler) handleClaimView(w http.ResponseWriter, r *http.Request) {
	v, err := h.Claims.View(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	cj := h.toClaimJSON(r.Context(), v.Claim)
	for i, p := range v.Passages {
		cj.Citations[i].Title, cj.Citations[i].Deleted, cj.Citations[i].Context = p.Title, p.Deleted, p.Context
		cj.Citations[i].Newer = newerVersionJSON(p.Newer)
		if p.Unavailable != nil {
			cj.Citations[i].ContextUnavailable = &errorDetail{Code: p.Unavailable.Code, Message: p.Unavailable.Message, MessageEn: englishOf(p.Unavailable)}
		}
	}
	rj := make([]map[string]any, len(v.Reviews))
	for i, rv := range v.Reviews {
		rj[i] = map[string]any{"reviewer": rv.Reviewer, "verdict": rv.Verdict, "comment": rv.Comment, "at": rv.At}
	}
	history := make([]map[string]any, len(v.History))
	for i, e := range v.History {
		history[i] = map[string]any{"at": e.At, "user": e.User, "action": e.Action, "detail": e.Detail}
	}
	out := map[string]any{"claim": cj, "reviews": rj, "history": history}
	w.Header().Set("ETag", claimETag(v.Claim))
	if f := v.CarriedFrom; f != nil {
		// A claim carried from an earlier round starts 待审核 with no
		// review of its own: what its source was found there goes with it.
		fr := make([]map[string]any, len(v.CarriedFromReviews))
		for i, rv := range v.CarriedFromReviews {
			fr[i] = map[string]any{"reviewer": rv.Reviewer, "verdict": rv.Verdict, "comment": rv.Comment, "at": rv.At}
		}
		out["carried_from"] = map[string]any{"id": f.ID, "round": f.Round, "status": f.Status, "reviews": fr}
	}
	h.writeJSON(w, r, http.StatusOK, out)
}

func (h *handler) handleClaimEdit(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Statement *string                `json:"statement"`
		Citations []claims.CitationInput `json:"citations"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	ifMatch, err := ifMatchOf(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	c, changed, err := h.Claims.Edit(r.Context(), userFrom(r.Context()), r.PathValue("id"), ifMatch, in.Statement, in.Citations)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("ETag", claimETag(c))
	answer := h.claimAnswer(r.Context(), c)
	if !changed {
		// The same statement and citations sent again: the claim, its
		// verdict and its version are as they were.
		answer["unchanged"] = true
	}
	h.writeJSON(w, r, http.StatusOK, answer)
}

// claimETag is the claim's version (catalog.Claim.Version) as an ETag. It
// is strong, as If-Match compares only strong tags: it names the stored
// claim, which no two versions share.
func claimETag(c *catalog.Claim) string { return `"` + c.Version() + `"` }

func (h *handler) handleCitationAdd(w http.ResponseWriter, r *http.Request) {
	var in claims.CitationInput
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.Claims.AddCitation(r.Context(), userFrom(r.Context()), r.PathValue("id"), in)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, h.claimAnswer(r.Context(), c))
}

// handleCitationRemove removes a claim's n-th citation (from 1), as the
// claim's citations list them.
func (h *handler) handleCitationRemove(w http.ResponseWriter, r *http.Request) {
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "引用序号应为从 1 开始的整数"))
		return
	}
	c, err := h.Claims.RemoveCitation(r.Context(), userFrom(r.Context()), r.PathValue("id"), n)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"claim": h.toClaimJSON(r.Context(), c)})
}

func (h *handler) handleClaimReview(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Verdict string `json:"verdict"`
		Comment string `json:"comment"`
		// Revise corrects the claim's verdict (改判), with a comment;
		// Previous, when given, is the verdict it corrects, refused
		// (409) once another has changed it.
		Revise   bool   `json:"revise"`
		Previous string `json:"previous"`
		// Version is the claim's version the verdict is given on (its
		// "version", the ETag without quotes), for a client that cannot
		// send If-Match; If-Match wins. QuoteChecked answers the question
		// 属实 asks of a claim whose quote is not in its document's text.
		Version      string `json:"version"`
		QuoteChecked bool   `json:"quote_checked"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	seen, err := seenVersions(r, in.Version)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	verdict := claims.Verdict{Verdict: in.Verdict, Comment: in.Comment, Seen: seen, QuoteChecked: in.QuoteChecked}
	review := h.Claims.Give
	if in.Revise {
		review = func(ctx context.Context, u *catalog.User, id string, v claims.Verdict) (*catalog.Review, error) {
			return h.Claims.ReviseFrom(ctx, u, id, in.Previous, v)
		}
	}
	rv, err := review(r.Context(), userFrom(r.Context()), r.PathValue("id"), verdict)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := map[string]any{"claim_id": rv.ClaimID, "reviewer": rv.Reviewer, "verdict": rv.Verdict, "comment": rv.Comment, "at": rv.At}
	if rv.Revises != "" {
		out["revises"] = rv.Revises
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"review": out})
}

// handleClaimWithdraw withdraws a claim that is not verified; the body,
// optional, may give a reason: {"reason": "..."}.
func (h *handler) handleClaimWithdraw(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Reason string `json:"reason"`
	}
	if r.ContentLength != 0 {
		if err := readJSON(r, &in); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	c, err := h.Claims.Withdraw(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Reason)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"claim": h.toClaimJSON(r.Context(), c)})
}

func (h *handler) handleClaimCandidates(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 10, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	cands, err := h.Claims.Candidates(r.Context(), userFrom(r.Context()), r.PathValue("id"), limit)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"candidates": cands})
}

var shaPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// handleOriginalBySHA serves the bytes a citation points at, even after
// its document was deleted (documents.Service.CitedOriginal).
func (h *handler) handleOriginalBySHA(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha256")
	if !shaPattern.MatchString(sha) {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "SHA-256 应为 64 位小写十六进制"))
		return
	}
	info, rc, err := h.Documents.CitedOriginal(r.Context(), userFrom(r.Context()), sha)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	defer rc.Close()
	w.Header().Set("Content-Type", info.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+sha+`"`)
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size, 10))
	w.Header().Set("Content-Security-Policy", "sandbox")
	if _, err := io.Copy(w, rc); err != nil {
		h.Logger.Warn("send original by sha", "sha256", sha, "err", err)
	}
}
