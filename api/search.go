package api

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/search"
)

// listParam reads a filter that may be repeated (?city=a&city=b) or
// comma-separated (?city=a,b).
func listParam(r *http.Request, name string) []string {
	var out []string
	for _, v := range r.URL.Query()[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

func (h *handler) handleSearch(w http.ResponseWriter, r *http.Request) {
	req, err := searchRequest(r)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	if req.From, err = intParam(q.Get("from"), 0, "from"); err != nil {
		h.writeError(w, r, err)
		return
	}
	if req.Size, err = intParam(q.Get("size"), search.DefaultSize, "size"); err != nil {
		h.writeError(w, r, err)
		return
	}
	if req.Size < 1 {
		// The service reads 0 as "the default"; a client that asks for
		// none has made a mistake.
		h.writeError(w, r, search.ErrPaging().OnField("size"))
		return
	}
	res, err := h.Search.Search(r.Context(), req)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, res)
}

// searchRequest reads a search's query, filters (q, city, doc_type,
// indicator, year, issued_from, issued_to), order (sort) and how it
// matches words (match) from the URL,
// for the caller.
func searchRequest(r *http.Request) (search.Request, error) {
	req := search.Request{
		Query: r.URL.Query().Get("q"), Cities: listParam(r, "city"), DocTypes: listParam(r, "doc_type"),
		Indicators: listParam(r, "indicator"), User: userFrom(r.Context()),
	}
	// round is year by the name the rest of the API gives it: the index's
	// year of a document is its monitoring round (or, with none, the
	// year it was issued), so a client filtering by round, as it does
	// the coverage and the reports, is not silently given every round.
	for _, name := range []string{"year", "round"} {
		for _, y := range listParam(r, name) {
			n, err := strconv.Atoi(y)
			if err != nil || n < 1900 || n > 2200 {
				return req, catalog.Errorf(catalog.EINVALID, "年份 %s 应为四位数字，收到 %q", name, y).OnField(name)
			}
			req.Years = append(req.Years, n)
		}
	}
	q := r.URL.Query()
	var err error
	if req.IssuedFrom, req.IssuedTo, err = search.ParseIssuedRange("issued_from", q.Get("issued_from"), "issued_to", q.Get("issued_to")); err != nil {
		return req, err
	}
	if req.Sort, err = search.ParseSort(q.Get("sort")); err != nil {
		return req, err
	}
	if req.Substring, err = search.ParseMatch(q.Get("match")); err != nil {
		return req, err
	}
	return req, nil
}
