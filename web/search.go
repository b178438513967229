package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/search"
)

const resultsPerPage = 10

// maxPages is the deepest result page, as deep as the search service pages.
const maxPages = 1000

type option struct {
	Value, Label string
	Selected     bool
}

type searchPage struct {
	Query, City, Indicator, DocType, Year string
	// Round is the monitoring round as asked (round=, the document's own
	// round, as the API's); Rounds are the catalog's rounds for its menu.
	Round  string
	Rounds []option
	// From and To bound the date of issue as typed; Sort is the order.
	From, To, Sort string
	Sorts          []option
	// Notice is the search's note on a field it does not search by
	// (title:学分), in the page's language.
	Notice string
	// Match is the match parameter ("substring" or none), kept by the
	// form; SubstringNotice says, for a search of substrings, that its
	// results may hold words inside other words.
	Match, SubstringNotice string
	// PassageNotice says, for a query read as a pasted passage, that it
	// was searched as one (search.Result.Passage).
	PassageNotice string
	// QueryParam and QueryValue are how links to a hit's document carry
	// the query: q and the query, or passage and the key of the kept
	// passage the address names (search_passage.go).
	QueryParam, QueryValue string
	// passage is the text of the kept passage the address names.
	passage string
	// AsSubstring says how many documents hold a word the search did not
	// match as a word, with the search of substrings that finds them.
	AsSubstring *relaxLink
	// Returned is the returned parameter: "include" lists the files the
	// coordinator returned, which a search leaves out otherwise;
	// ReturnedHidden then says how many it left out, with the search
	// that lists them.
	Returned       string
	ReturnedHidden *relaxLink
	// NumberAlone, when nothing was found, offers the search with the
	// numbers of its counts alone (试试“12.5万”), which finds something:
	// Text says why, Link is the link's words.
	NumberAlone *numberLink
	// Scope names the cities a reviewer held to some is searching in
	// (宁波、温州), so that finding nothing is not read as the archive
	// having nothing; empty for anyone else.
	Scope string
	// OutOfScope names the city asked for (a shared link's) when the
	// reviewer may not see it: nothing was searched, and the page says why
	// instead of suggesting other words.
	OutOfScope string
	// params are the page's search parameters, for links that change one.
	params                       url.Values
	Result                       *search.Result
	Count                        string // how many results, and in how many groups when near duplicates are folded
	Error                        string
	PageNum                      int
	Prev, Next                   string
	Cities, DocTypes, Indicators []option
	// Relax offers, when nothing was found, the searches without one filter
	// that would find something.
	Relax []relaxLink
	// Saved is the save and export block (savedsearches.go).
	Saved savedBlock
	// SaveForm is the save form sent back with an error: the name and
	// pack typed, the error.
	SaveForm formState
}

// MaxIndexed is how much of a file the index takes, in 万 characters.
func (p *searchPage) MaxIndexed() int { return index.MaxIndexedChars / 10_000 }

// relaxLink is a search without one filter: what it drops and finds, and
// its address.
type relaxLink struct {
	Text, URL string
}

// numberLink is a sentence followed by a link (Link, to URL).
type numberLink struct {
	Text, Link, URL string
}

func (h *handler) searchPage(w http.ResponseWriter, r *http.Request) {
	if h.redirectLongQuery(w, r) {
		return
	}
	h.showSearch(w, r, http.StatusOK, formState{})
}

// showSearch renders the search of the address's parameters; save is the
// save form sent back with an error (then status is its status).
func (h *handler) showSearch(w http.ResponseWriter, r *http.Request, status int, save formState) {
	u := sessionFrom(r).User
	q := r.URL.Query()
	p := &searchPage{Query: q.Get("q"), City: q.Get("city"), Indicator: q.Get("indicator"), DocType: q.Get("doc_type"), Year: q.Get("year"),
		Round: q.Get("round"), SaveForm: save}
	asked := readPage(q)
	p.PageNum = asked.shown(maxPages)
	if err := h.fillOptions(r, p, u); err != nil {
		h.fail(w, r, err)
		return
	}
	passage, perr := h.keptPassage(r)
	p.passage = passage
	req, err := p.request(r, u)
	if err == nil {
		err = perr
	}
	req.From, req.Size = (p.PageNum-1)*resultsPerPage, resultsPerPage
	p.saved(r, h, u)
	if err != nil {
		p.Error, status = errorText(langOf(r), err), httperr.Prepare(w, r, h.Logger, err)
	} else if p.Query != "" || p.City != "" || p.Indicator != "" || p.DocType != "" || p.Year != "" || p.Round != "" || p.From != "" || p.To != "" {
		res, err := h.Search.Search(r.Context(), req)
		switch {
		case catalog.ErrorCode(err) == catalog.EINVALID:
			p.Error, status = errorText(langOf(r), err), http.StatusBadRequest
		case err != nil:
			h.fail(w, r, err)
			return
		default:
			// Pages hold whole groups of versions: they are counted so.
			if outOfRange(w, r, asked, min((int(res.Groups)+resultsPerPage-1)/resultsPerPage, maxPages)) {
				return
			}
			p.Result = res
			p.Count = resultCount(langOf(r), res)
			p.pager(r, int(res.Groups))
			p.relaxLinks(r, res.Relax)
			if p.Notice = res.Notice; langOf(r) == English && res.NoticeEn != "" {
				p.Notice = res.NoticeEn
			}
			if p.PassageNotice = res.PassageNotice; langOf(r) == English && res.PassageNoticeEn != "" {
				p.PassageNotice = res.PassageNoticeEn
			}
			if p.SubstringNotice = res.SubstringNotice; langOf(r) == English && res.SubstringNoticeEn != "" {
				p.SubstringNotice = res.SubstringNoticeEn
			}
			p.asSubstringLink(r, res.AsSubstring)
			p.returnedLink(r, res.ReturnedHidden)
			p.numberAloneLink(r, res.NumberAlone)
		}
	}
	h.render(w, r, status, "search", tr(langOf(r), "search.title"), p)
}

// request is the search of the page's parameters (q, city, indicator,
// doc_type, year, round, issued_from, issued_to, sort), one value each,
// for u; it also fills p's fields.
func (p *searchPage) request(r *http.Request, u *catalog.User) (search.Request, error) {
	q := r.URL.Query()
	p.Query, p.City, p.Indicator, p.DocType, p.Year = q.Get("q"), q.Get("city"), q.Get("indicator"), q.Get("doc_type"), q.Get("year")
	p.Round = q.Get("round")
	p.From, p.To, p.Sort, p.Match = q.Get("issued_from"), q.Get("issued_to"), q.Get("sort"), q.Get("match")
	p.Returned = q.Get("returned")
	p.params = url.Values{}
	for _, name := range searchParams {
		if v := q.Get(name); v != "" {
			p.params.Set(name, v)
		}
	}
	p.QueryParam, p.QueryValue = "q", p.Query
	if p.passage != "" {
		// The address names a kept passage: links keep naming it.
		p.Query, p.QueryParam, p.QueryValue = p.passage, passageParam, q.Get(passageParam)
		p.params.Set(passageParam, p.QueryValue)
	}
	lang := langOf(r)
	p.Sorts = nil
	for _, o := range []string{"relevance", "issued", "issued_asc", "uploaded"} {
		p.Sorts = append(p.Sorts, option{o, tr(lang, "sort."+o), o == p.Sort || (o == "relevance" && p.Sort == "")})
	}
	req := search.Request{Query: p.Query, User: u, IncludeReturned: p.Returned == includeReturned}
	var err error
	if req.IssuedFrom, req.IssuedTo, err = search.ParseIssuedRange("issued_from", p.From, "issued_to", p.To); err != nil {
		return req, err
	}
	if req.Sort, err = search.ParseSort(p.Sort); err != nil {
		return req, err
	}
	if req.Substring, err = search.ParseMatch(p.Match); err != nil {
		return req, err
	}
	for field, v := range map[*[]string]string{&req.Cities: p.City, &req.Indicators: p.Indicator, &req.DocTypes: p.DocType} {
		if v != "" {
			*field = []string{v}
		}
	}
	if p.Year != "" {
		// The API's rule and a saved search's (search.ParseYear): a
		// year searched here can be saved.
		y, err := search.ParseYear("year", strings.TrimSpace(p.Year))
		if err != nil {
			return req, err
		}
		req.Years = []int{y}
	}
	// The API's rule (catalog.ParseListRound): a round searched here can
	// be saved, and junk is said as the documents list says it.
	round, err := catalog.ParseListRound("round", p.Round)
	if err != nil {
		return req, err
	}
	if round != 0 {
		req.Rounds = []int{round}
	}
	return req, nil
}

// searchParams are the search page's parameters that make its search.
var searchParams = []string{"q", "city", "indicator", "doc_type", "year", "round", "issued_from", "issued_to", "sort", "match", "returned"}

// includeReturned is the returned parameter's value that lists returned
// files (the search form's box 包括已退回的文件).
const includeReturned = "include"

// Facet is the address of this search narrowed to a facet's value (the
// indicators facet sets the indicator parameter), from the first page;
// for the value the search is already narrowed to (FacetOn), the address
// without it, so the facet list clears what it set: it linked to the
// same address, and the filter could not be taken off there.
func (p *searchPage) Facet(name, value string) string {
	v := url.Values{}
	for k, vals := range p.params {
		v[k] = vals
	}
	name = facetParam(name)
	if v.Get(name) == value {
		v.Del(name)
	} else {
		v.Set(name, value)
	}
	return "/search?" + v.Encode()
}

// FacetOn reports whether the search is narrowed to the facet's value.
func (p *searchPage) FacetOn(name, value string) bool {
	return p.params.Get(facetParam(name)) == value
}

// facetParam is the parameter a facet sets: the indicators facet sets
// indicator.
func facetParam(name string) string {
	if name == "indicators" {
		return "indicator"
	}
	return name
}

func (p *searchPage) pager(r *http.Request, total int) {
	link := func(page int) string {
		v := r.URL.Query()
		v.Set("page", strconv.Itoa(page))
		return "/search?" + v.Encode()
	}
	if p.PageNum > 1 {
		// Past the end (an old link, a typed page), back to the last page
		// with results rather than to another empty one.
		p.Prev = link(min(p.PageNum-1, max((total+resultsPerPage-1)/resultsPerPage, 1)))
	}
	if p.PageNum*resultsPerPage < total {
		p.Next = link(p.PageNum + 1)
	}
}

// relaxParams are the page's parameter and label key of each filter the
// search service can name in Result.Relax.
var relaxParams = map[string]string{"city": "city", "doc_type": "doc_type", "indicator": "indicator", "year": "year", "round": "round", "issued": "issued_from"}

// relaxLinks turns the service's relaxations into "去掉“年份=2018”可找到 12
// 条" with a link to the search without that filter.
func (p *searchPage) relaxLinks(r *http.Request, relax []search.Relaxation) {
	lang := langOf(r)
	for _, rx := range relax {
		param, ok := relaxParams[rx.Filter]
		if !ok {
			continue
		}
		value := rx.Value
		switch rx.Filter {
		case "city":
			value = optionLabel(p.Cities, rx.Value)
		case "doc_type":
			value = docTypeLabel(lang, rx.Value)
		}
		v := r.URL.Query()
		v.Del(param)
		v.Del("page")
		if rx.Filter == "issued" {
			v.Del("issued_to")
			value = strings.ReplaceAll(value, "..", " – ")
		}
		p.Relax = append(p.Relax, relaxLink{
			Text: trf(lang, "search.relax", tr(lang, "filter."+rx.Filter), value, rx.Total),
			URL:  "/search?" + v.Encode(),
		})
	}
}

// asSubstringLink turns the service's count of documents holding a word
// the search did not match as a word into "另有 N 份材料含有“健全”…" with a
// link to the same search matching substrings, from its first page.
func (p *searchPage) asSubstringLink(r *http.Request, a *search.AsSubstring) {
	if a == nil {
		return
	}
	lang := langOf(r)
	quoted := make([]string, len(a.Words))
	for i, w := range a.Words {
		quoted[i] = "\u201C" + w + "\u201D"
	}
	sep := "\u3001"
	if lang == English {
		sep = ", "
	}
	v := r.URL.Query()
	v.Del("page")
	v.Set("match", "substring")
	p.AsSubstring = &relaxLink{Text: trf(lang, "search.as_substring", a.Count, strings.Join(quoted, sep)), URL: "/search?" + v.Encode()}
}

// returnedLink says how many returned files the search left out, with
// the same search listing them.
func (p *searchPage) returnedLink(r *http.Request, hidden int) {
	if hidden == 0 {
		return
	}
	v := r.URL.Query()
	v.Del("page")
	v.Set("returned", includeReturned)
	p.ReturnedHidden = &relaxLink{Text: trf(langOf(r), "search.returned.hidden", hidden), URL: "/search?" + v.Encode()}
}

// numberAloneLink turns the service's count of what the numbers alone
// find (search.NumberAlone) into 试试只搜数字：“12.5万”（3 份材料）, with a
// link to that search, from its first page and with the same filters.
func (p *searchPage) numberAloneLink(r *http.Request, a *search.NumberAlone) {
	if a == nil {
		return
	}
	lang := langOf(r)
	v := r.URL.Query()
	v.Del("page")
	v.Set("q", a.Query)
	p.NumberAlone = &numberLink{Text: tr(lang, "search.number_alone"), Link: trf(lang, "search.number_alone.link", a.Query, a.Count),
		URL: "/search?" + v.Encode()}
}

// optionLabel is the label of value among opts, or value itself.
func optionLabel(opts []option, value string) string {
	for _, o := range opts {
		if o.Value == value {
			return o.Label
		}
	}
	return value
}

// fillOptions lists the values of the filter menus; a coordinator's city
// menu holds only their city.
func (h *handler) fillOptions(r *http.Request, p *searchPage, u *catalog.User) error {
	lang := langOf(r)
	var err error
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		return err
	}
	if p.Scope, err = h.reviewScope(r, u); err != nil {
		return err
	}
	if p.OutOfScope, err = h.cityOutOfScope(r, u, p.City); err != nil {
		return err
	}
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), string(t) == p.DocType})
	}
	if p.Rounds, err = h.searchRoundOptions(r, p.Round); err != nil {
		return err
	}
	p.Indicators, err = h.keyOptions(r, p.Indicator, 24)
	return err
}

// searchRoundOptions lists the catalog's rounds for the search's menu,
// the one asked for selected; a year asked for that is no round (a link
// from before the round was removed) is listed too, so the menu shows
// the filter the results obey. Junk asked for selects none: the search
// says what is wrong with it.
func (h *handler) searchRoundOptions(r *http.Request, asked string) ([]option, error) {
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		return nil, err
	}
	chosen, _ := catalog.ParseListRound("round", asked)
	out := make([]option, 0, len(rounds)+1)
	listed := false
	for _, rd := range rounds {
		out = append(out, option{strconv.Itoa(rd.Year), roundLabel(langOf(r), rd.Year, rd.Label), rd.Year == chosen})
		listed = listed || rd.Year == chosen
	}
	if chosen != 0 && !listed {
		out = append(out, option{strconv.Itoa(chosen), strconv.Itoa(chosen), true})
	}
	return out, nil
}

// keyOptions lists the key indicators of the current framework for a
// menu, selected marked, names shortened to n characters.
func (h *handler) keyOptions(r *http.Request, selected string, n int) ([]option, error) {
	inds, err := h.Framework.KeyIndicators(r.Context())
	if err != nil {
		return nil, err
	}
	out := make([]option, len(inds))
	for i, ind := range inds {
		name := ind.Name
		if langOf(r) == English && ind.NameEN != "" {
			name = ind.NameEN
		}
		out[i] = option{ind.Code, ind.Code + " " + shortenIn(langOf(r), name, n), ind.Code == selected}
	}
	return out, nil
}

// cityOptions lists the cities u may choose, selected marked; a
// coordinator's list holds only their own city.
func (h *handler) cityOptions(r *http.Request, u *catalog.User, selected string) ([]option, error) {
	cities, err := h.Framework.VisibleCities(r.Context(), u)
	if err != nil {
		return nil, err
	}
	out := make([]option, len(cities))
	for i, c := range cities {
		out[i] = option{c.Code, cityLabel(langOf(r), c) + paren(langOf(r), c.Code), c.Code == selected}
	}
	return out, nil
}

// reviewScope names the cities a reviewer limited to some (User.Cities)
// may see, joined for the page's language; "" for any other user, who
// sees every city or, as a city's coordinator, knows it.
func (h *handler) reviewScope(r *http.Request, u *catalog.User) (string, error) {
	if u == nil || u.Role != catalog.RoleReviewer || len(u.Cities) == 0 {
		return "", nil
	}
	cities, err := h.Framework.VisibleCities(r.Context(), u)
	if err != nil {
		return "", err
	}
	names := make([]string, len(cities))
	for i, c := range cities {
		names[i] = cityLabel(langOf(r), c)
	}
	sep := "、"
	if langOf(r) == English {
		sep = ", "
	}
	return strings.Join(names, sep), nil
}

// cityOutOfScope names city, when a reviewer held to some cities asks for
// it and may not see it; "" otherwise (every other user is either free to
// see it or, as a city's coordinator, offered only their city).
func (h *handler) cityOutOfScope(r *http.Request, u *catalog.User, city string) (string, error) {
	if city == "" || u == nil || u.Role != catalog.RoleReviewer || u.CanSee(city) {
		return "", nil
	}
	c, err := h.Framework.City(r.Context(), city)
	if catalog.ErrorCode(err) == catalog.ENOTFOUND {
		return city, nil
	}
	if err != nil {
		return "", err
	}
	return cityLabel(langOf(r), c), nil
}

// shorten is s's first n characters, with "…" when there are more.
// shortenIn is shorten for text in l, n counted in Chinese characters: an
// English text gets the room of n of them, twice as many letters, and is
// cut between words.
func shortenIn(l Lang, s string, n int) string {
	if l != English {
		return shorten(s, n)
	}
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) <= 2*n {
		return s
	}
	cut := string([]rune(s)[:2*n])
	if i := strings.LastIndex(cut, " "); i > n {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:") + "…"
}

func shorten(s string, n int) string {
	r := []rune(strings.TrimSpace(s))
	if len(r) <= n {
		return string(r)
	}
	return strings.TrimSpace(string(r[:n])) + "…"
}

// resultCount says how many documents a search found and, when some are
// versions folded into another (near duplicates), in how many groups,
// which the pages list whole: 共 4 组，5 份文档.
func resultCount(l Lang, res *search.Result) string {
	if res.Groups == res.Total {
		return trf(l, "search.total", res.Total)
	}
	return trf(l, "search.total_groups", res.Groups, res.Total)
}
