package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/search"
)

type claimRow struct {
	catalog.Claim
	IndicatorName string
}

type reviewPage struct {
	Status string
	Claims []claimRow
}

// reviewPage is the queue: pending claims for reviewers, and for
// coordinators their city's claims in every state.
func (h *handler) reviewPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	status := r.URL.Query().Get("status")
	if status == "" && u.Role != catalog.RoleCoordinator {
		status = string(catalog.ClaimPending)
	}
	list, err := h.Claims.List(r.Context(), u, catalog.ClaimFilter{Status: catalog.ClaimStatus(status), Limit: 200})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names, err := h.Framework.Names(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &reviewPage{Status: status}
	for _, c := range list {
		p.Claims = append(p.Claims, claimRow{Claim: c, IndicatorName: names[c.Indicator]})
	}
	h.render(w, r, http.StatusOK, "review", tr(langOf(r), "review.title"), p)
}

type claimPage struct {
	Claim         *catalog.Claim
	IndicatorName string
	Passages      []claims.CitedPassage
	Reviews       []catalog.Review
	History       []catalog.Event
	Candidates    []search.Candidate
	CanEdit       bool
	CanReview     bool
}

func (h *handler) claimPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	v, err := h.Claims.View(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c := v.Claim
	p := &claimPage{Claim: c, CanEdit: v.CanEdit, CanReview: v.CanReview, Passages: v.Passages, Reviews: v.Reviews,
		History: v.History}
	names, err := h.Framework.Names(r.Context())
	if err == nil {
		p.IndicatorName = names[c.Indicator]
	}
	if err == nil && p.CanEdit {
		p.Candidates, err = h.Claims.Candidates(r.Context(), u, c.ID, 5)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "claim", c.Indicator+" "+p.IndicatorName, p)
}

type claimNewPage struct {
	Indicator, City string
	Cities          []option
	KeyOptions      []option
}

func (h *handler) claimNewPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	if u.Role != catalog.RoleAdmin && u.Role != catalog.RoleCoordinator {
		h.fail(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只有协调员和管理员可以撰写主张"))
		return
	}
	p := &claimNewPage{Indicator: r.URL.Query().Get("indicator"), City: r.URL.Query().Get("city")}
	if u.Role == catalog.RoleCoordinator {
		p.City = u.City
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.KeyOptions, err = h.keyOptions(r, p.Indicator, 30); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, http.StatusOK, "claim_new", tr(langOf(r), "claim.new"), p)
}

func citationFromForm(r *http.Request) []claims.CitationInput {
	doc := strings.TrimSpace(r.PostFormValue("document_id"))
	if doc == "" {
		return nil
	}
	page, _ := strconv.Atoi(r.PostFormValue("page"))
	return []claims.CitationInput{{DocumentID: doc, Page: page, Quote: r.PostFormValue("quote")}}
}

func (h *handler) claimCreate(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	round, _ := strconv.Atoi(r.PostFormValue("round"))
	c, err := h.Claims.Create(r.Context(), u, claims.Input{City: r.PostFormValue("city"), Round: round,
		Indicator: r.PostFormValue("indicator"), Statement: r.PostFormValue("statement"), Citations: citationFromForm(r)})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/claims/"+c.ID, tr(langOf(r), "done"))
}

func (h *handler) claimAddCitation(w http.ResponseWriter, r *http.Request) {
	cits := citationFromForm(r)
	if len(cits) == 0 {
		h.fail(w, r, catalog.Errorf(catalog.EINVALID, "请填写文档编号、页码和引文"))
		return
	}
	c, err := h.Claims.AddCitation(r.Context(), sessionFrom(r).User, r.PathValue("id"), cits[0])
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/claims/"+c.ID, tr(langOf(r), "done"))
}

func (h *handler) claimReview(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if _, err := h.Claims.Review(r.Context(), sessionFrom(r).User, id, r.PostFormValue("verdict"), r.PostFormValue("comment")); err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/claims/"+id, tr(langOf(r), "done"))
}
