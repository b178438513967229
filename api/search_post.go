package api

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strconv"
)

// handleSearchPost answers POST /api/v1/search: the search of GET
// /api/v1/search with its parameters in a JSON body, for a query too long
// for an address (a pasted passage of up to 2,000 characters is some
// 18 KB percent-encoded, which proxies refuse and logs keep). The body is
// bounded as every JSON body (maxJSONBody); the answer is GET's.
func (h *handler) handleSearchPost(w http.ResponseWriter, r *http.Request) {
	var in searchBody
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.answerSearch(w, r, in.params(), false)
}

// searchBody is the body of POST /api/v1/search: GET's parameters by
// their names. A filter GET may repeat or separate with commas is a
// string (with commas) or a list; a year or round may be a number.
type searchBody struct {
	Q          string    `json:"q"`
	City       paramList `json:"city"`
	Indicator  paramList `json:"indicator"`
	DocType    paramList `json:"doc_type"`
	Year       paramList `json:"year"`
	Round      paramList `json:"round"`
	IssuedFrom string    `json:"issued_from"`
	IssuedTo   string    `json:"issued_to"`
	Sort       string    `json:"sort"`
	Match      string    `json:"match"`
	// IncludeReturned lists the files the coordinator returned (GET's
	// include_returned).
	IncludeReturned bool `json:"include_returned"`
	From            *int `json:"from"`
	Size            *int `json:"size"`
}

// params are the body's parameters as GET's URL would carry them, so that
// both are read by one searchRequest.
func (b searchBody) params() url.Values {
	q := url.Values{}
	for name, v := range map[string]string{"q": b.Q, "issued_from": b.IssuedFrom, "issued_to": b.IssuedTo, "sort": b.Sort, "match": b.Match} {
		if v != "" {
			q.Set(name, v)
		}
	}
	for name, list := range map[string]paramList{"city": b.City, "indicator": b.Indicator, "doc_type": b.DocType, "year": b.Year, "round": b.Round} {
		q[name] = list
	}
	if b.IncludeReturned {
		q.Set("include_returned", "true")
	}
	for name, n := range map[string]*int{"from": b.From, "size": b.Size} {
		if n != nil {
			q.Set(name, strconv.Itoa(*n))
		}
	}
	return q
}

// paramList is a parameter of one or more values: a string, a number, or
// a list of strings and numbers.
type paramList []string

// UnmarshalJSON reads a string, a number, or a list of them; anything
// else is a type error naming the field, as a wrong type in any body.
func (p *paramList) UnmarshalJSON(b []byte) error {
	var list []json.RawMessage
	if bytes.HasPrefix(bytes.TrimSpace(b), []byte("[")) {
		if err := json.Unmarshal(b, &list); err != nil {
			return err
		}
	} else {
		list = []json.RawMessage{b}
	}
	*p = nil
	for _, item := range list {
		var s string
		if err := json.Unmarshal(item, &s); err == nil {
			*p = append(*p, s)
			continue
		}
		var n json.Number
		if err := json.Unmarshal(item, &n); err == nil {
			*p = append(*p, n.String())
			continue
		}
		if string(bytes.TrimSpace(item)) == "null" {
			continue
		}
		return &json.UnmarshalTypeError{Value: jsonRawKind(item), Type: reflect.TypeFor[[]string]()}
	}
	return nil
}

// jsonRawKind names the kind of a JSON value as Go's decoder does in
// its type errors (jsonValueKind puts it in words).
func jsonRawKind(item json.RawMessage) string {
	switch t := bytes.TrimSpace(item); {
	case len(t) == 0:
		return "nothing"
	case t[0] == '{':
		return "object"
	case t[0] == '[':
		return "array"
	case t[0] == 't' || t[0] == 'f':
		return "bool"
	}
	return "value"
}
