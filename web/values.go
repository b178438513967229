package web

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/values"
)

// valueAdd records a value from the document page: the document is the
// page's, the page the one shown, the quote the passage picked from it.
func (h *handler) valueAdd(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	d, err := h.Documents.Get(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	id := d.ID
	page, _ := strconv.Atoi(r.PostFormValue("page"))
	round, _ := strconv.Atoi(r.PostFormValue("round"))
	v, err := h.Values.Record(r.Context(), u, values.Input{City: d.City, Round: round,
		Indicator: r.PostFormValue("indicator"), Value: values.Written(r.PostFormValue("value")), Unit: r.PostFormValue("unit"),
		Citation: claims.CitationInput{DocumentID: id, Page: page, Quote: r.PostFormValue("quote")}})
	if err != nil {
		h.fail(w, r, err)
		return
	}
	msg := tr(langOf(r), "value.found")
	if !v.ValueFound {
		msg = tr(langOf(r), "value.not_found")
	}
	back(w, r, "/documents/"+id+"?page="+strconv.Itoa(page), msg)
}

type comparePage struct {
	City       string
	Cities     []option
	RoundsText string
	Comparison *coverage.Comparison
	Reports    []reportLink
}

type reportLink struct {
	Round                   int
	XLSX, DOCX, Pack, Carry string
}

// comparePage shows a city's key indicators across rounds side by side,
// with the report of each round to download.
func (h *handler) comparePage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	q := r.URL.Query()
	p := &comparePage{City: q.Get("city"), RoundsText: q.Get("rounds")}
	if p.City == "" && u.Role == catalog.RoleCoordinator {
		p.City = u.City
	}
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.City == "" && len(p.Cities) > 0 {
		p.City = p.Cities[0].Value
	}
	var rounds []int
	if p.RoundsText == "" {
		all, err := h.Framework.Rounds(r.Context())
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, rd := range all {
			rounds = append(rounds, rd.Year)
		}
	}
	for _, s := range catalog.SplitList(p.RoundsText) {
		n, err := strconv.Atoi(s)
		if err != nil {
			h.fail(w, r, catalog.Errorf(catalog.EINVALID, "轮次应为逗号分隔的年份,如 2017,2019"))
			return
		}
		rounds = append(rounds, n)
	}
	if p.City != "" {
		if p.Comparison, err = h.Coverage.Compare(r.Context(), u, p.City, rounds); err != nil {
			h.fail(w, r, err)
			return
		}
		for _, y := range p.Comparison.Rounds {
			base := "/api/v1/reports/" + url.PathEscape(p.City) + "?round=" + strconv.Itoa(y)
			p.Reports = append(p.Reports, reportLink{Round: y, XLSX: base + "&format=xlsx", DOCX: base + "&format=docx",
				Pack: "/api/v1/packs/" + url.PathEscape(p.City) + "?round=" + strconv.Itoa(y), Carry: carryoversPath(p.City, y)})
		}
	}
	h.render(w, r, http.StatusOK, "compare", tr(langOf(r), "compare.title"), p)
}

// quantitativeOptions lists the quantitative key indicators with units.
func (h *handler) quantitativeOptions(r *http.Request) ([]option, error) {
	inds, err := h.Framework.KeyIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	var out []option
	for _, ind := range inds {
		if ind.Kind == catalog.Quantitative {
			out = append(out, option{Value: ind.Code, Label: ind.Code + " " + shorten(ind.Name, 30) + paren(Chinese, ind.Unit)})
		}
	}
	return out, nil
}
