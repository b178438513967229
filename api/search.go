package api

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/search"
)

// listParam reads a filter that may be repeated (?city=a&city=b) or
// comma-separated (?city=a,b).
func listParam(q url.Values, name string) []string {
	var out []string
	for _, v := range q[name] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// handleSearch answers GET /api/v1/search, the search of the URL's
// parameters. A query long enough to be read as a pasted passage still
// works, with a notice (post_notice) that it belongs in a POST body.
func (h *handler) handleSearch(w http.ResponseWriter, r *http.Request) {
	h.answerSearch(w, r, r.URL.Query(), search.LongQuery(r.URL.Query().Get("q")))
}

// answerSearch answers the search of the parameters q in the search's
// turn (search.Service.Turn): the answer is encoded in the turn, as part
// of the work the turns share out, and written to the connection after
// it, so that a client slow to read holds no other search up.
func (h *handler) answerSearch(w http.ResponseWriter, r *http.Request, q url.Values, postNotice bool) {
	// The parameters are read before the turn: a request refused for
	// them (400) waits behind no one.
	req, err := searchParams(r, q)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	ctx, done, err := h.Search.Turn(r.Context())
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	// Also on a panic, which the recoverer answers: a turn not given
	// back is one fewer for every later search, until the restart.
	defer done()
	res, err := h.Search.Search(ctx, req)
	if err != nil {
		done()
		h.writeError(w, r, err)
		return
	}
	var answer any = res
	if postNotice {
		n := catalog.Errorf(catalog.EINVALID, "检索式超过 %d 字，放在地址中可能被代理服务器拒绝（414），也会留在浏览器历史和服务器日志中；请改用 POST /api/v1/search，把参数放在 JSON 请求体中",
			search.MaxQueryRunes)
		answer = struct {
			*search.Result
			PostNotice   string `json:"post_notice"`
			PostNoticeEn string `json:"post_notice_en"`
		}{res, n.Message, n.English}
	}
	body, err := encodeJSON(answer)
	done()
	if err != nil {
		h.writeError(w, r, fmt.Errorf("encode the search's answer: %w", err))
		return
	}
	setJSONHeaders(w)
	w.WriteHeader(http.StatusOK)
	w.Write(body)
}

// searchParams reads the search of the parameters q (those of GET
// /api/v1/search) for the caller, with its page.
func searchParams(r *http.Request, q url.Values) (search.Request, error) {
	req, err := searchRequest(r, q)
	if err != nil {
		return req, err
	}
	if req.From, err = intParam(q.Get("from"), 0, "from"); err != nil {
		return req, err
	}
	if req.Size, err = intParam(q.Get("size"), search.DefaultSize, "size"); err != nil {
		return req, err
	}
	if req.Size < 1 {
		// The service reads 0 as "the default"; a client that asks for
		// none has made a mistake.
		return req, search.ErrPaging().OnField("size")
	}
	return req, nil
}

// searchRequest reads a search's query, filters (q, city, doc_type,
// indicator, year, round, issued_from, issued_to), order (sort), how it
// matches words (match) and whether it lists returned files
// (include_returned) from the parameters q (the URL's, or a POST
// body's), for the caller.
func searchRequest(r *http.Request, q url.Values) (search.Request, error) {
	req := search.Request{
		Query: q.Get("q"), Cities: listParam(q, "city"), DocTypes: listParam(q, "doc_type"),
		Indicators: listParam(q, "indicator"), User: userFrom(r.Context()),
	}
	for _, y := range listParam(q, "year") {
		n, err := search.ParseYear("year", y)
		if err != nil {
			return req, err
		}
		req.Years = append(req.Years, n)
	}
	// A round is read as every other round= of the API reads one (the
	// claims, the coverage, an indicator's evidence), so that the round a
	// client filters the coverage by means the same documents here.
	for _, s := range listParam(q, "round") {
		n, err := catalog.ParseListRound("round", s)
		if err != nil {
			return req, err
		}
		req.Rounds = append(req.Rounds, n)
	}
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
	if v := q.Get("include_returned"); v != "" {
		if req.IncludeReturned, err = strconv.ParseBool(v); err != nil {
			return req, catalog.FieldErrorf("include_returned", catalog.EINVALID, "include_returned 应为 true 或 false，而不是“%s”", v)
		}
	}
	return req, nil
}
