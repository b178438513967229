package web

import (
	"maps"
	"net/http"
	"net/url"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/search"
)

// A query longer than a query may be (search.LongQuery), a passage pasted
// to find its source, stays out of the search's address: in an address a
// passage of 2,000 characters is some 18 KB, which proxies refuse (414),
// and browsers keep it in their history and send it as the referrer. The
// search form posts such a query (ux.js), the server keeps it under a
// short key (search.Service.KeepPassage) and shows its search at
// /search?passage=KEY, which pages, facets, the back button and a link
// sent to a colleague keep, as the key is kept in the catalog.

// passageParam names the kept passage a search's address searches for
// instead of q.
const passageParam = "passage"

// searchPost takes the search form posted with a long query: to the
// search's address, its query kept under a key; a short one (the form of
// a page without the script) to its usual address. A passage too long to
// search is shown on the search page with the reason, in the box to cut.
func (h *handler) searchPost(w http.ResponseWriter, r *http.Request) {
	v := url.Values{}
	for _, name := range searchParams {
		if val := r.PostFormValue(name); val != "" {
			v.Set(name, val)
		}
	}
	target, err := h.searchAddress(r, v)
	if catalog.ErrorCode(err) == catalog.EINVALID {
		r.URL.RawQuery = v.Encode()
		h.showSearch(w, r, http.StatusOK, formState{})
		return
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// searchAddress is the search page's address for the parameters v, a
// long query replaced by the key it is kept under.
func (h *handler) searchAddress(r *http.Request, v url.Values) (string, error) {
	if q := v.Get("q"); search.LongQuery(q) {
		key, err := h.Search.KeepPassage(r.Context(), sessionFrom(r).User, q)
		if err != nil {
			return "", err
		}
		v = maps.Clone(v)
		v.Del("q")
		v.Set(passageParam, key)
	}
	if len(v) == 0 {
		return "/search", nil
	}
	return "/search?" + v.Encode(), nil
}

// keptPassage is the passage the address of r names (?passage=KEY), when
// it names one and no query of its own; ENOTFOUND for a key the archive
// no longer keeps.
func (h *handler) keptPassage(r *http.Request) (string, error) {
	q := r.URL.Query()
	key := q.Get(passageParam)
	if key == "" || q.Get("q") != "" {
		return "", nil
	}
	return h.Search.Passage(r.Context(), sessionFrom(r).User, key)
}

// redirectLongQuery sends a search address carrying a long query (an old
// link, a page without the script) to the address of its kept passage,
// and reports whether it did; a query too long to keep is searched as it
// is, whose search says why.
func (h *handler) redirectLongQuery(w http.ResponseWriter, r *http.Request) bool {
	if !search.LongQuery(r.URL.Query().Get("q")) {
		return false
	}
	target, err := h.searchAddress(r, r.URL.Query())
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return true
		}
		return false
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
	return true
}

// LongQuery is the length of the longest query the search form sends in
// its address; ux.js posts a longer one.
func (p *searchPage) LongQuery() int { return search.MaxQueryRunes }

// documentQuery is the query a document page opened from a search marks:
// its q, or the kept passage its address names; a passage no longer kept
// marks nothing rather than refusing the page.
func (h *handler) documentQuery(r *http.Request) string {
	if q := r.URL.Query().Get("q"); q != "" {
		return q
	}
	passage, err := h.keptPassage(r)
	if err != nil {
		return ""
	}
	return passage
}
