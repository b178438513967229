package web

import (
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
)

// savedSearchesPage is 我的检索: the user's saved searches with their new
// matches.
type savedSearchesPage struct {
	Searches []savedsearch.Entry
	// Indicators names the indicators of pack searches.
	Indicators map[string]string
}

func (h *handler) savedSearchesPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	list, err := h.Saved.List(r.Context(), u)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &savedSearchesPage{Searches: list, Indicators: map[string]string{}}
	if opts, err := h.keyOptions(r, "", 24); err == nil {
		for _, o := range opts {
			p.Indicators[o.Value] = o.Label
		}
	}
	h.render(w, r, http.StatusOK, "saved_searches", tr(langOf(r), "saved.title"), p)
}

// savedSearchSave saves the search of the search page's form (q, city,
// indicator, doc_type, year, round, issued_from, issued_to, sort, match,
// returned)
// under a name; pack names an indicator whose query pack it joins. Back
// to the same search with a message.
func (h *handler) savedSearchSave(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	in := savedsearch.Input{Name: r.PostFormValue("name"), Query: r.PostFormValue("q"), Indicator: r.PostFormValue("pack")}
	for field, key := range map[*[]string]string{&in.Filters.Cities: "city", &in.Filters.Indicators: "indicator", &in.Filters.DocTypes: "doc_type"} {
		if v := strings.TrimSpace(r.PostFormValue(key)); v != "" {
			*field = []string{v}
		}
	}
	if y := strings.TrimSpace(r.PostFormValue("year")); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil {
			h.saveFormFailed(w, r, catalog.Errorf(catalog.EINVALID, "年份应为四位数字\uFF0C收到 %q", y))
			return
		}
		in.Filters.Years = []int{n}
	}
	round, err := catalog.ParseListRound("round", r.PostFormValue("round"))
	if err != nil {
		h.saveFormFailed(w, r, err)
		return
	}
	if round != 0 {
		in.Filters.Rounds = []int{round}
	}
	in.Filters.IssuedFrom, in.Filters.IssuedTo = r.PostFormValue("issued_from"), r.PostFormValue("issued_to")
	in.Filters.Sort = r.PostFormValue("sort")
	if in.Filters.Sort == "relevance" {
		in.Filters.Sort = ""
	}
	in.Filters.Match = r.PostFormValue("match")
	in.Filters.IncludeReturned = r.PostFormValue("returned") == includeReturned
	if strings.TrimSpace(in.Name) == "" {
		in.Name = strings.TrimSpace(in.Query)
	}
	e, err := h.Saved.Save(r.Context(), u, in)
	if err != nil {
		h.saveFormFailed(w, r, err)
		return
	}
	target, err := h.savedSearchAddress(r, e)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, target, tr(langOf(r), "saved.done"))
}

// savedSearchAddress is the search page's address of a saved search,
// opened from it (saved=ID); a long query it searches for is named by
// the key it is kept under, as the search form's.
func (h *handler) savedSearchAddress(r *http.Request, e *savedsearch.Entry) (string, error) {
	v, err := url.ParseQuery(e.Params)
	if err != nil {
		return "", fmt.Errorf("read the parameters of saved search %s: %w", e.ID, err)
	}
	v.Set("saved", e.ID)
	if e.New > 0 {
		// Opening marks the search seen: the page is told the look
		// before, to badge the hits that are new since (newSinceParam).
		v.Set(newSinceParam, e.LastLook().UTC().Format(time.RFC3339Nano))
	}
	return h.searchAddress(r, v)
}

// saveFormFailed shows the search the save form was sent from again,
// with the name and pack typed and the error above the form; an error
// that is not about the form shows the error page.
func (h *handler) saveFormFailed(w http.ResponseWriter, r *http.Request, err error) {
	if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT {
		h.fail(w, r, err)
		return
	}
	q := url.Values{}
	for _, name := range searchParams {
		if v := r.PostFormValue(name); v != "" {
			q.Set(name, v)
		}
	}
	st := typed(r, "name", "pack")
	st.setError(langOf(r), err, "name", "pack")
	r.URL.RawQuery = q.Encode()
	h.showSearch(w, r, httperr.Prepare(w, r, h.Logger, err), st)
}

// savedSearchOpen marks a saved search seen by the user and shows its
// results on the search page.
func (h *handler) savedSearchOpen(w http.ResponseWriter, r *http.Request) {
	e, err := h.Saved.Open(r.Context(), sessionFrom(r).User, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	target, err := h.savedSearchAddress(r, e)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

func (h *handler) savedSearchDelete(w http.ResponseWriter, r *http.Request) {
	if err := h.Saved.Delete(r.Context(), sessionFrom(r).User, r.PathValue("id")); err != nil {
		h.fail(w, r, err)
		return
	}
	next := "/saved-searches"
	if asked := r.PostFormValue("next"); asked != "" {
		next = safeNext(asked)
	}
	back(w, r, next, tr(langOf(r), "saved.deleted"))
}

// searchExport downloads the search page's results as XLSX.
func (h *handler) searchExport(w http.ResponseWriter, r *http.Request) {
	passage, err := h.keptPassage(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &searchPage{passage: passage}
	req, err := p.request(r, sessionFrom(r).User)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	scheme := "http"
	if r.TLS != nil || r.Header.Get("X-Forwarded-Proto") == "https" {
		scheme = "https"
	}
	english := langOf(r) == English
	data, err := h.Search.ExportXLSX(r.Context(), req, scheme+"://"+r.Host, english)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", search.XLSXType)
	w.Header().Set("Content-Disposition", mime.FormatMediaType("attachment",
		map[string]string{"filename": search.ExportFilename(time.Now(), english)}))
	w.Header().Set("Cache-Control", "no-store")
	w.Write(data)
}

// savedBlock is what the search page shows to save and export its search:
// the saved search it was opened from, whether the user may add it to an
// indicator's query pack, and the export's address.
type savedBlock struct {
	Opened *savedsearch.Entry
	// New holds, by document id, the hits indexed since the look before
	// the one that opened the search (newSinceParam), badged 新.
	New       map[string]bool
	CanPack   bool
	ExportURL string
}

// saved fills the page's save and export block.
func (p *searchPage) saved(r *http.Request, h *handler, u *catalog.User) {
	p.Saved.CanPack = savedsearch.CanPack(u)
	v := r.URL.Query()
	v.Del("page")
	v.Del("saved")
	v.Del("flash")
	v.Del(newSinceParam)
	p.Saved.ExportURL = "/search/export?" + v.Encode()
	id := r.URL.Query().Get("saved")
	if id == "" {
		return
	}
	if e, err := h.Saved.Get(r.Context(), u, id); err == nil {
		p.Saved.Opened = e
	}
	if since, err := time.Parse(time.RFC3339Nano, r.URL.Query().Get(newSinceParam)); err == nil {
		if found, err := h.Saved.NewSince(r.Context(), u, id, since); err == nil {
			p.Saved.New = found
		}
	}
}

// newSinceParam carries, from 我的检索 to the search page, the time of the
// look before the one that opened a saved search: the page badges the hits
// indexed since (savedsearch.Service.NewSince), which the list's
// "自上次查看以来新增" counted and opening reset. A badge is all it
// changes, so an address copied or forged can mislead no one.
const newSinceParam = "new_since"
