package api

import (
	"cmp"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"reflect"
	"slices"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// linkJSON is a link as the API shows it.
type linkJSON struct {
	ID         string `json:"id"`
	DocumentID string `json:"document_id"`
	Indicator  string `json:"indicator"`
	Page       int    `json:"page,omitempty"`
	Quote      string `json:"quote,omitempty"`
	// QuoteFound and FoundOnPage say whether Quote is on Page of the
	// document's text and on which page it was found (0: nowhere), as a
	// citation's; both left out while it was not looked for yet (no text
	// yet, a link made before they were kept, a text being read anew).
	QuoteFound  *bool `json:"quote_found,omitempty"`
	FoundOnPage *int  `json:"found_on_page,omitempty"`
	// QuoteRead is what OCR read where the quote matched a scanned page
	// only approximately, as a citation's quote_read.
	QuoteRead string `json:"quote_read,omitempty"`
	// Quotes are every passage the link cites, page and quote first, then
	// those added by linking the document to the indicator again with
	// another quote; left out while it cites one at most.
	Quotes    []passageJSON `json:"quotes,omitempty"`
	Note      string        `json:"note,omitempty"`
	CreatedBy string        `json:"created_by"`
	CreatedAt time.Time     `json:"created_at"`
}

// passageJSON is a passage a link cites, with who gave it and when.
type passageJSON struct {
	Page  int    `json:"page,omitempty"`
	Quote string `json:"quote"`
	// QuoteFound and FoundOnPage are linkJSON's, for this passage.
	QuoteFound  *bool     `json:"quote_found,omitempty"`
	FoundOnPage *int      `json:"found_on_page,omitempty"`
	QuoteRead   string    `json:"quote_read,omitempty"`
	CreatedBy   string    `json:"created_by"`
	CreatedAt   time.Time `json:"created_at"`
}

func toLinkJSON(l catalog.Link) linkJSON {
	out := linkJSON{ID: l.ID, DocumentID: l.DocumentID, Indicator: l.IndicatorCode, Page: l.Page, Quote: l.Quote,
		Note: l.Note, CreatedBy: l.CreatedBy, CreatedAt: l.CreatedAt}
	passages := l.Passages()
	if len(passages) > 0 {
		out.QuoteFound, out.FoundOnPage = markJSON(passages[0].QuoteMark)
		out.QuoteRead = passages[0].Read
	}
	if len(passages) > 1 {
		for _, p := range passages {
			pj := passageJSON{Page: p.Page, Quote: p.Quote, QuoteRead: p.Read, CreatedBy: p.CreatedBy, CreatedAt: p.CreatedAt}
			pj.QuoteFound, pj.FoundOnPage = markJSON(p.QuoteMark)
			out.Quotes = append(out.Quotes, pj)
		}
	}
	return out
}

// markJSON is m as quote_found and found_on_page: nil while the quote
// was not looked for.
func markJSON(m catalog.QuoteMark) (*bool, *int) {
	if !m.Checked {
		return nil, nil
	}
	return &m.QuoteFound, &m.FoundOnPage
}

// linkedAnswer is what POST /api/v1/links answers of a document linked to
// the indicator already, by what the quote given did: quoted and a message
// in each language.
var linkedAnswer = map[catalog.LinkQuoted]struct{ quoted, zh, en string }{
	catalog.LinkQuoteSet:   {"set", "已关联，已补充引文", "Linked already; the quote was added to the link"},
	catalog.LinkQuoteAdded: {"added", "已关联，已补充引文", "Linked already; the quote was added to the link"},
	catalog.LinkQuoteSame:  {"same", "已关联，且已有这段引文，未作改动", "Linked already with this quote; nothing was changed"},
}

// readJSON decodes a request body of at most 1 MiB into v.
func readJSON(r *http.Request, v any) error {
	dec := json.NewDecoder(http.MaxBytesReader(nil, r.Body, maxJSONBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return jsonError(err, v)
	}
	return nil
}

// maxJSONBody bounds a JSON request body.
const maxJSONBody = 1 << 20

// jsonError says what is wrong with a JSON body in words a client's
// author can act on, about the field when there is one, instead of Go's
// decoder message (which names Go types). An unknown field is named with
// the fields v accepts (jsonFields).
func jsonError(err error, v any) error {
	var typeErr *json.UnmarshalTypeError
	var syntaxErr *json.SyntaxError
	var tooBig *http.MaxBytesError
	var said *catalog.Error
	switch {
	case errors.As(err, &said):
		return err // a field read its own way says what is wrong with it (roundJSON)
	case errors.As(err, &typeErr):
		field := typeErr.Field
		if i := strings.LastIndex(field, "."); i >= 0 {
			field = field[i+1:]
		}
		want := jsonKind(typeErr.Type)
		if field == "" {
			return catalog.Errorf(catalog.EINVALID, "请求内容应为 JSON %s，收到的是 %s", want, jsonValueKind(typeErr.Value))
		}
		return catalog.FieldErrorf(field, catalog.EINVALID, "字段 %s 应为%s，收到的是 %s", typeErr.Field, want, jsonValueKind(typeErr.Value))
	case errors.As(err, &syntaxErr):
		return catalog.Errorf(catalog.EINVALID, "请求内容不是有效的 JSON：第 %d 个字节附近有语法错误", syntaxErr.Offset)
	case errors.As(err, &tooBig):
		return catalog.Errorf(catalog.ETOOLARGE, "请求内容过大（超过 %d KiB）", maxJSONBody>>10)
	case errors.Is(err, io.EOF):
		return catalog.Errorf(catalog.EINVALID, "请求内容为空：需要一个 JSON 对象")
	case errors.Is(err, io.ErrUnexpectedEOF):
		return catalog.Errorf(catalog.EINVALID, "请求内容不是有效的 JSON：内容不完整")
	}
	if name, ok := strings.CutPrefix(err.Error(), "json: unknown field "); ok {
		field := strings.Trim(name, `"`)
		// A field a body reads its own way (roundJSON) shadows the
		// embedded one it stands for: each is named once.
		var accepted []string
		for _, f := range jsonFields(reflect.TypeOf(v), "") {
			if !slices.Contains(accepted, f) {
				accepted = append(accepted, f)
			}
		}
		if len(accepted) == 0 {
			return catalog.FieldErrorf(field, catalog.EINVALID, "未知的字段 %q", field)
		}
		field = nestedField(field, accepted)
		return catalog.FieldErrorf(field, catalog.EINVALID, "未知的字段 %q；可用的字段：%s", field,
			catalog.Words{Chinese: strings.Join(accepted, "、"), English: strings.Join(accepted, ", ")})
	}
	return catalog.Errorf(catalog.EINVALID, "请求内容不是有效的 JSON")
}

// nestedField is the unknown field the decoder named, field, with the
// object it was sent in: the decoder names it alone, so a saved search's
// "filters": {"indicator": …} was refused as an unknown “indicator”
// beside a list of accepted fields holding the top-level indicator. A
// name accepted at the top cannot be what was unknown there: it was in
// the body's one object (filters.indicator); with several objects, or
// none, it is left as named.
func nestedField(field string, accepted []string) string {
	if !slices.Contains(accepted, field) {
		return field
	}
	var objects []string
	for _, f := range accepted {
		if object, _, ok := strings.Cut(f, "."); ok && !slices.Contains(objects, object) {
			objects = append(objects, object)
		}
	}
	if len(objects) != 1 {
		return field
	}
	return objects[0] + "." + field
}

// jsonFields are the JSON fields a body read into t accepts, in their
// order, those of an object inside it as citation.quote; none when t is
// no struct (a map takes any).
func jsonFields(t reflect.Type, prefix string) []string {
	for t != nil && (t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice) {
		t = t.Elem()
	}
	if t == nil || t.Kind() != reflect.Struct || reflect.PointerTo(t).Implements(reflect.TypeFor[json.Unmarshaler]()) {
		return nil // a value read its own way (a time) is one field
	}
	var out []string
	for i := range t.NumField() {
		f := t.Field(i)
		tag, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if tag == "-" || !f.IsExported() {
			continue
		}
		if f.Anonymous && tag == "" {
			out = append(out, jsonFields(f.Type, prefix)...)
			continue
		}
		name := prefix + cmp.Or(tag, f.Name)
		if inner := jsonFields(f.Type, name+"."); len(inner) > 0 {
			out = append(out, inner...)
			continue
		}
		out = append(out, name)
	}
	return out
}

// jsonKind names, in words, the JSON a Go type is read from.
// jsonValueKind names the kind of JSON value a client sent, as the
// decoder reports it ("string", "number 2018.5", "object"…), in words
// rather than JSON's names: 文字（字符串）, 数字 2018.5, 对象.
func jsonValueKind(v string) catalog.Words {
	kind, rest, _ := strings.Cut(v, " ")
	words := map[string]catalog.Words{
		"string": {Chinese: "文字\uFF08字符串\uFF09", English: "a string"},
		"number": {Chinese: "数字", English: "the number"},
		"bool":   {Chinese: "true 或 false", English: "true or false"},
		"array":  {Chinese: "列表\uFF08数组\uFF09", English: "a list (array)"},
		"object": {Chinese: "对象", English: "an object"},
	}
	w, ok := words[kind]
	if !ok {
		return catalog.Words{Chinese: v, English: v}
	}
	if rest != "" {
		w.Chinese, w.English = w.Chinese+" "+rest, w.English+" "+rest
	}
	return w
}

func jsonKind(t reflect.Type) catalog.Words {
	switch t.Kind() {
	case reflect.String:
		return catalog.Words{Chinese: "文字\uFF08字符串\uFF09", English: "a string"}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		return catalog.Words{Chinese: "整数\uFF08且不超出范围\uFF09", English: "a whole number (within range)"}
	case reflect.Float32, reflect.Float64:
		return catalog.Words{Chinese: "数字", English: "a number"}
	case reflect.Bool:
		return catalog.Words{Chinese: "true 或 false", English: "true or false"}
	case reflect.Slice, reflect.Array:
		return catalog.Words{Chinese: "列表\uFF08数组\uFF09", English: "a list (array)"}
	}
	return catalog.Words{Chinese: "对象", English: "an object"}
}

func (h *handler) handleLinkCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		DocumentID string `json:"document_id"`
		Indicator  string `json:"indicator"`
		Page       int    `json:"page"`
		Quote      string `json:"quote"`
		Note       string `json:"note"`
		// Round, when not the document's, is the monitoring round the
		// link counts in (AddLinkInRound).
		Round roundJSON `json:"round"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	if strings.TrimSpace(in.DocumentID) == "" || strings.TrimSpace(in.Indicator) == "" {
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "document_id 和 indicator 都必须填写"))
		return
	}
	l := &catalog.Link{DocumentID: strings.TrimSpace(in.DocumentID), IndicatorCode: strings.TrimSpace(in.Indicator),
		Page: in.Page, Quote: strings.TrimSpace(in.Quote), Note: strings.TrimSpace(in.Note)}
	typed := catalog.LinkPassage{Page: l.Page, Quote: l.Quote} // l becomes the link when it was made already
	if err := h.Ingest.AddLinkInRound(r.Context(), userFrom(r.Context()), l, int(in.Round)); err != nil {
		h.writeError(w, r, err)
		return
	}
	out := map[string]any{"link": toLinkJSON(*l)}
	if in.Round != 0 {
		out["round"] = in.Round
	}
	status := http.StatusCreated
	if a, ok := linkedAnswer[l.Quoted]; ok {
		// Linked already: the quote given is the link's now (200, not a
		// new link), or was already.
		status, out["quoted"], out["message"], out["message_en"] = http.StatusOK, a.quoted, a.zh, a.en
	}
	// As for a citation: saved either way, with whether its words are
	// on the page (quote_found) and where they are (found_on_page, 0 for
	// nowhere); left out when there is no quote or no text yet.
	if m, checked, err := h.Claims.QuoteOnPage(r.Context(), l.DocumentID, typed.Page, typed.Quote); err != nil {
		h.Logger.Warn("check link quote", "link", l.ID, "err", err)
	} else if checked {
		out["quote_found"], out["found_on_page"] = m.Found, m.FoundOnPage
		if m.Read != "" {
			out["quote_read"] = m.Read
		}
	}
	h.writeJSON(w, r, status, out)
}

func (h *handler) handleLinkDelete(w http.ResponseWriter, r *http.Request) {
	// Any ?round=, even empty (the current round, as everywhere a
	// request names a round), takes the link from that round alone:
	// never "every round", which is DELETE without it.
	if q := r.URL.Query(); q.Has("round") {
		h.handleLinkDropRound(w, r, q.Get("round"))
		return
	}
	l, err := h.Ingest.RemoveLink(r.Context(), userFrom(r.Context()), r.PathValue("id"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"deleted": l.ID})
}

// handleLinkDropRound is DELETE /api/v1/links/{id}?round=2018: the link
// no longer counts in that round and keeps the others.
func (h *handler) handleLinkDropRound(w http.ResponseWriter, r *http.Request, s string) {
	round, err := h.linkRound(r, s)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	l, err := h.Ingest.DropLinkFromRound(r.Context(), userFrom(r.Context()), r.PathValue("id"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"dropped": l.ID, "round": round})
}

// linkRound reads the round of a link's ?round= by catalog.ParseRound's
// rule; blank is the current round, named here because the answer says
// which round the link left or came back to.
func (h *handler) linkRound(r *http.Request, s string) (int, error) {
	round, err := catalog.ParseRound("round", s)
	if err != nil || round != 0 {
		return round, err
	}
	return h.Framework.BlankRound(r.Context(), "round")
}

// handleLinkRestoreRound is POST /api/v1/links/{id}/restore?round=2018:
// a link taken out of that round (DELETE ?round=, 本轮不用) counts there
// again.
func (h *handler) handleLinkRestoreRound(w http.ResponseWriter, r *http.Request) {
	round, err := h.linkRound(r, r.URL.Query().Get("round"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	l, err := h.Ingest.RestoreLinkToRound(r.Context(), userFrom(r.Context()), r.PathValue("id"), round)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"restored": l.ID, "round": round})
}

func (h *handler) handleDocumentSuggestions(w http.ResponseWriter, r *http.Request) {
	limit, err := intParam(r.URL.Query().Get("limit"), 5, "limit")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	sugs, err := h.Documents.Suggestions(r.Context(), userFrom(r.Context()), r.PathValue("id"), limit)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"suggestions": sugs})
}
