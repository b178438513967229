package api

import (
	"io"
	"net/http"
	"regexp"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

type citationJSON struct {
	DocumentID  string `json:"document_id"`
	SHA256      string `json:"sha256"`
	Page        int    `json:"page"`
	Quote       string `json:"quote"`
	QuoteFound  bool   `json:"quote_found"`
	FoundOnPage int    `json:"found_on_page"`
	Title       string `json:"title,omitempty"`
	Deleted     bool   `json:"document_deleted,omitempty"`
	Context     string `json:"context,omitempty"`
}

type claimJSON struct {
	ID        string         `json:"id"`
	City      string         `json:"city"`
	Round     int            `json:"round"`
	Indicator string         `json:"indicator"`
	Statement string         `json:"statement"`
	Status    string         `json:"status"`
	CreatedBy string         `json:"created_by"`
	CreatedAt time.Time      `json:"created_at"`
	UpdatedAt time.Time      `json:"updated_at"`
	Citations []citationJSON `json:"citations"`
}

func toClaimJSON(c *catalog.Claim) claimJSON {
	out := claimJSON{ID: c.ID, City: c.City, Round: c.Round, Indicator: c.Indicator, Statement: c.Statement,
		Status: string(c.Status), CreatedBy: c.CreatedBy, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt,
		Citations: make([]citationJSON, len(c.Citations))}
	for i, t := range c.Citations {
		out.Citations[i] = citationJSON{DocumentID: t.DocumentID, SHA256: t.SHA256, Page: t.Page, Quote: t.Quote,
			QuoteFound: t.QuoteFound, FoundOnPage: t.FoundOnPage}
	}
	return out
}

func (h *handler) handleClaimCreate(w http.ResponseWriter, r *http.Request) {
	var in claims.Input
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.Claims.Create(r.Context(), userFrom(r.Context()), in)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"claim": toClaimJSON(c)})
}

func (h *handler) handleClaimList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	u := userFrom(r.Context())
	city, ok := scopedCity(u, q.Get("city"))
	if !ok {
		h.writeJSON(w, r, http.StatusOK, map[string]any{"claims": []claimJSON{}})
		return
	}
	round, err := intParam(q.Get("round"), 0, "round")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	status := catalog.ClaimStatus(q.Get("status"))
	switch status {
	case "", catalog.ClaimPending, catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted:
	default:
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "status 应为 pending、verified、insufficient 或 contradicted"))
		return
	}
	list, err := h.Catalog.FindClaims(r.Context(), catalog.ClaimFilter{City: city, Indicator: q.Get("indicator"), Status: status, Round: round})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]claimJSON, len(list))
	for i := range list {
		out[i] = toClaimJSON(&list[i])
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"claims": out})
}

// handleClaimView shows a claim for review: each citation in its page
// context, the verdicts, and the history from the audit log.
func (h *handler) handleClaimView(w http.ResponseWriter, r *http.Request) {
	c, err := h.Claims.Get(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	passages, err := h.Claims.Passages(r.Context(), c)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	cj := toClaimJSON(c)
	for i, p := range passages {
		cj.Citations[i].Title, cj.Citations[i].Deleted, cj.Citations[i].Context = p.Title, p.Deleted, p.Context
	}
	reviews, err := h.Catalog.Reviews(r.Context(), c.ID)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	rj := make([]map[string]any, len(reviews))
	for i, rv := range reviews {
		rj[i] = map[string]any{"reviewer": rv.Reviewer, "verdict": rv.Verdict, "comment": rv.Comment, "at": rv.At}
	}
	events, err := h.Catalog.FindEvents(r.Context(), catalog.EventFilter{Object: "claim:" + c.ID, Limit: 1000})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	history := make([]map[string]any, len(events))
	for i, e := range events {
		history[len(events)-1-i] = map[string]any{"at": e.At, "user": e.User, "action": e.Action, "detail": e.Detail}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"claim": cj, "reviews": rj, "history": history})
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
	c, err := h.Claims.Update(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Statement, in.Citations)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"claim": toClaimJSON(c)})
}

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
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"claim": toClaimJSON(c)})
}

func (h *handler) handleClaimReview(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Verdict string `json:"verdict"`
		Comment string `json:"comment"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	rv, err := h.Claims.Review(r.Context(), userFrom(r.Context()), r.PathValue("id"), in.Verdict, in.Comment)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"review": map[string]any{
		"claim_id": rv.ClaimID, "reviewer": rv.Reviewer, "verdict": rv.Verdict, "comment": rv.Comment, "at": rv.At}})
}

func (h *handler) handleClaimCandidates(w http.ResponseWriter, r *http.Request) {
	c, err := h.Claims.Get(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	links, err := h.Catalog.IndicatorLinks(r.Context(), c.Indicator, c.City)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	linked := make([]string, len(links))
	for i, l := range links {
		linked[i] = l.DocumentID
	}
	limit, err := intParam(r.URL.Query().Get("limit"), 10, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	cands, err := h.Search.ClaimCandidates(r.Context(), c, linked, min(max(limit, 1), 50))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"candidates": cands})
}

var shaPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)

// handleOriginalBySHA serves the bytes a citation points at, even after
// its document was deleted, so a verdict can always be checked against
// what the reviewer saw. Coordinators get only their city's.
func (h *handler) handleOriginalBySHA(w http.ResponseWriter, r *http.Request) {
	sha := r.PathValue("sha256")
	if !shaPattern.MatchString(sha) {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "SHA-256 应为 64 位小写十六进制"))
		return
	}
	u := userFrom(r.Context())
	cities, err := h.Catalog.CitedBySHA256(r.Context(), sha)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	allowed := len(cities) > 0 && u.Role != catalog.RoleCoordinator
	for _, c := range cities {
		allowed = allowed || c == u.City
	}
	if !allowed {
		h.writeError(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有被引用的原件 %s", sha))
		return
	}
	rc, err := h.Blobs.Get(r.Context(), catalog.OriginalKey(sha))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	defer rc.Close()
	info, err := h.Blobs.Stat(r.Context(), catalog.OriginalKey(sha))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	w.Header().Set("Content-Type", info.ContentType)
	w.Header().Set("Content-Disposition", `attachment; filename="`+sha+`"`)
	w.Header().Set("Content-Length", strconv.FormatInt(info.Size, 10))
	w.Header().Set("Content-Security-Policy", "sandbox")
	if _, err := io.Copy(w, rc); err != nil {
		h.Logger.Warn("send original by sha", "sha256", sha, "err", err)
	}
}
