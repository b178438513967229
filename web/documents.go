package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// documentsPageSize is how many documents the list shows at once.
const documentsPageSize = 50

// documentsPage is the list of the documents a user may see, with its
// filters, and for those who may change them the bulk form.
type documentsPage struct {
	City, DocType, Status, Indicator, Round, Sort string
	Docs                                          []docRow
	Total, PageNum, Pages                         int
	Prev, Next                                    string
	// After and Before are the cursor the page was asked by, if any
	// (catalog.DocumentCursor).
	After, Before                                 string
	Cities, DocTypes, Statuses, Indicators, Sorts []option
	// MoveCities are the cities an admin may move documents into.
	MoveCities []option
	CanEdit    bool
	IsAdmin    bool
	// CanDelete offers a coordinator the bulk delete, which deletes only
	// what the document page's delete would (documents.Service.CheckDelete:
	// their city's documents nothing cites) and names the rest; an admin
	// has it among the admin actions.
	CanDelete bool
	// Return is this listing's address, where a bulk form comes back to.
	Return string
	Bulk   formState
	// Outcomes are the documents a bulk change could not change.
	Outcomes []bulkOutcome
}

// docRow is one document of the list with its city's name.
type docRow struct {
	*catalog.Document
	CityName string
	Checked  bool
	// LinkedOnly says that the document is listed for the round asked for
	// only because a link of it is carried or linked into that round: it
	// belongs to another round, which a bulk change of round would move.
	LinkedOnly bool
}

type bulkOutcome struct {
	ID, Title, Message string
}

// formState is what a form shows again after an error: the values typed,
// each field's error beside it, and an error about the form as a whole.
type formState struct {
	Values  map[string]string
	Errors  map[string]string
	Error   string
	Checked map[string]bool
	// Lines are the items of an error that lists several (a table's bad
	// rows, in row order), one per line below its first line.
	Lines []string
}

// Value returns what was typed into field, for the template.
func (f formState) Value(field string) string { return f.Values[field] }

// setError puts err, in l, beside its field when the form has one, else
// above the form; every mistake of a joined error (catalog.Join) beside
// its own field, the first one about a field kept.
func (f *formState) setError(l Lang, err error, fields ...string) {
	each := catalog.Each(err)
	if len(each) < 2 {
		f.setOne(l, err, fields)
		return
	}
	for _, e := range each {
		f.setOne(l, e, fields)
	}
}

func (f *formState) setOne(l Lang, err error, fields []string) {
	msg := errorText(l, err)
	if first, rest, ok := strings.Cut(msg, "\n"); ok {
		msg, f.Lines = first, strings.Split(rest, "\n")
	}
	if field := catalog.ErrorField(err); field != "" && slices.Contains(fields, field) {
		if f.Errors == nil {
			f.Errors = map[string]string{}
		}
		if _, ok := f.Errors[field]; !ok {
			f.Errors[field] = msg
		}
		return
	}
	if f.Error != "" { // a second mistake about no field of the form
		msg = f.Error + tr(l, "form.and") + msg
	}
	f.Error = msg
}

func (h *handler) documentsPage(w http.ResponseWriter, r *http.Request) {
	h.showDocuments(w, r, http.StatusOK, r.URL.Query(), formState{}, nil)
}

// showDocuments renders the list for the filters in q, with the bulk form
// in the state given and the documents a bulk change could not change.
func (h *handler) showDocuments(w http.ResponseWriter, r *http.Request, status int, q url.Values, bulk formState, failed []bulkOutcome) {
	u := sessionFrom(r).User
	// Another city's list, by a shared link or a typed code, says that
	// city is not the account's, not that it has no documents.
	if err := h.cityInReach(r, u, q.Get("city")); err != nil {
		h.fail(w, r, err)
		return
	}
	// Blank lists every round's documents; a round that is no year was a
	// list of none, which read as "no documents of that round".
	round, err := catalog.ParseListRound("round", q.Get("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	lang := langOf(r)
	p := &documentsPage{City: q.Get("city"), DocType: q.Get("doc_type"), Status: q.Get("status"), Indicator: q.Get("indicator"),
		Round: roundValue(round), Sort: q.Get("sort"), Bulk: bulk, Outcomes: failed,
		CanEdit: u.Role == catalog.RoleAdmin || u.Role == catalog.RoleCoordinator, IsAdmin: u.Role == catalog.RoleAdmin,
		CanDelete: u.Role == catalog.RoleCoordinator}
	if p.Sort != string(catalog.SortIssued) {
		p.Sort = string(catalog.SortUploaded)
	}
	asked := readPage(q)
	p.PageNum = asked.shown(100000)
	p.After, p.Before = q.Get("after"), q.Get("before")
	docs, total, err := h.listDocuments(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if p.After == "" && p.Before == "" && outOfRange(w, r, asked, (total+documentsPageSize-1)/documentsPageSize) {
		return
	}
	names, err := h.fillDocumentsOptions(r, p)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, d := range docs {
		p.Docs = append(p.Docs, docRow{Document: d, CityName: names[d.City], Checked: bulk.Checked[d.ID],
			LinkedOnly: p.Round != "" && !ofRoundItself(d, p.Round)})
	}
	p.Total, p.Pages = total, (total+documentsPageSize-1)/documentsPageSize
	h.render(w, r, status, "documents", tr(lang, "docs.title"), p)
}

// listDocuments reads the page of documents p asks for and sets its
// links. The links go on by cursor, after the last document shown or
// before the first, so that documents uploaded or deleted meanwhile
// neither show one twice nor skip one (page=, by offset, is still read:
// old links). One document more than a page is read, to know whether a
// page lies beyond.
func (h *handler) listDocuments(r *http.Request, p *documentsPage) ([]*catalog.Document, int, error) {
	u := sessionFrom(r).User
	f := catalog.DocumentFilter{City: p.City, DocType: catalog.DocType(p.DocType), Status: catalog.Status(p.Status),
		Indicator: p.Indicator, Round: p.Round, Sort: catalog.DocumentSort(p.Sort), Limit: documentsPageSize + 1,
		After: p.After, Before: p.Before}
	if f.After == "" && f.Before == "" {
		f.Offset = (p.PageNum - 1) * documentsPageSize
	}
	docs, total, err := h.Documents.List(r.Context(), u, f)
	if catalog.ErrorCode(err) == catalog.EINVALID && (f.After != "" || f.Before != "") {
		// A link of another order, or mangled: the list from its start.
		p.After, p.Before, p.PageNum = "", "", 1
		f.After, f.Before, f.Offset = "", "", 0
		docs, total, err = h.Documents.List(r.Context(), u, f)
	}
	if err != nil {
		return nil, 0, err
	}
	if f.Before != "" && len(docs) <= documentsPageSize {
		// Nothing before this page: it is the first, read full.
		p.Before = ""
		f.Before = ""
		if docs, total, err = h.Documents.List(r.Context(), u, f); err != nil {
			return nil, 0, err
		}
	}
	more := len(docs) > documentsPageSize
	switch {
	case f.Before != "":
		docs = docs[1:] // the one read beyond, before the page
	case more:
		docs = docs[:documentsPageSize]
	}
	sort := catalog.DocumentSort(p.Sort)
	p.Return = "/documents?" + listQuery(p, "", "").Encode()
	switch {
	case len(docs) > 0 && (f.Before != "" || f.After != "" || p.PageNum > 1):
		p.Prev = "/documents?" + listQuery(p, "before", catalog.DocumentCursor(docs[0], sort)).Encode()
	case f.After != "" || p.PageNum > 1:
		// Past the end, after a document whose followers were deleted
		// meanwhile, or by page= (an old link after deletions): back to
		// the last page with documents, which ends with that document
		// (before= it would leave it out), rather than to an empty one.
		p.Prev = "/documents?" + listQuery(p, "page", strconv.Itoa(max((total+documentsPageSize-1)/documentsPageSize, 1))).Encode()
	}
	if len(docs) > 0 && (more || f.Before != "") {
		p.Next = "/documents?" + listQuery(p, "after", catalog.DocumentCursor(docs[len(docs)-1], sort)).Encode()
	}
	return docs, total, nil
}

// listQuery is the listing's filters with one paging parameter: key
// (page, after or before) set to value; none, the page shown, when key is
// empty.
func listQuery(p *documentsPage, key, value string) url.Values {
	v := url.Values{}
	for k, s := range map[string]string{"city": p.City, "doc_type": p.DocType, "status": p.Status, "indicator": p.Indicator,
		"round": p.Round, "sort": p.Sort} {
		if s != "" {
			v.Set(k, s)
		}
	}
	if key == "" {
		switch {
		case p.After != "":
			key, value = "after", p.After
		case p.Before != "":
			key, value = "before", p.Before
		case p.PageNum > 1:
			key, value = "page", strconv.Itoa(p.PageNum)
		}
	}
	if key != "" && (key != "page" || value != "1") {
		v.Set(key, value)
	}
	return v
}

// fillDocumentsOptions fills the filters' choices and returns the visible
// cities' names by code.
func (h *handler) fillDocumentsOptions(r *http.Request, p *documentsPage) (map[string]string, error) {
	lang := langOf(r)
	u := sessionFrom(r).User
	cities, err := h.Framework.VisibleCities(r.Context(), u)
	if err != nil {
		return nil, err
	}
	names := map[string]string{}
	for _, c := range cities {
		name := cityLabel(lang, c)
		names[c.Code] = name
		p.Cities = append(p.Cities, option{c.Code, name, c.Code == p.City})
		if p.IsAdmin {
			p.MoveCities = append(p.MoveCities, option{c.Code, name, c.Code == p.Bulk.Value("city")})
		}
	}
	if p.Indicators, err = h.keyOptions(r, p.Indicator, 30); err != nil {
		return nil, err
	}
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), string(t) == p.DocType})
	}
	for _, s := range []catalog.Status{catalog.StatusIndexed, catalog.StatusStored, catalog.StatusExtracted, catalog.StatusFailed} {
		p.Statuses = append(p.Statuses, option{string(s), tr(lang, "status."+string(s)), string(s) == p.Status})
	}
	for _, s := range []catalog.DocumentSort{catalog.SortUploaded, catalog.SortIssued} {
		p.Sorts = append(p.Sorts, option{string(s), tr(lang, "docs.sort."+string(s)), string(s) == p.Sort})
	}
	return names, nil
}

// bulkFields are the bulk form's fields that an error may be about.
var bulkFields = []string{"ids", "doc_type", "issued_on", "round", "doc_number", "indicator", "city"}

// documentsBulk makes one change to the chosen documents: save the fields
// filled and link to an indicator, or (admins) move or delete them. A
// delete asks for confirmation first. A wrong form shows the list again
// with what was typed and chosen, each error beside its field.
func (h *handler) documentsBulk(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	ret := listReturn(r.PostFormValue("return"))
	ids := r.PostForm["ids"]
	c := documents.BulkChange{IDs: ids}
	verb := r.PostFormValue("action")
	switch verb {
	case "delete":
		if r.PostFormValue("confirm") != "1" && len(ids) > 0 {
			h.confirmDelete(w, r, ids, ret)
			return
		}
		c.Delete = true
	case "move":
		c.City = r.PostFormValue("city")
	default:
		verb = "edit"
		c.Patch, c.Indicator = bulkPatch(r), r.PostFormValue("indicator")
		// Picked from a round's list: a round change leaves alone the
		// documents listed there only through a link, saying why.
		c.ListedRound = returnQuery(ret).Get("round")
	}
	out, err := h.Documents.Bulk(r.Context(), sessionFrom(r).User, c)
	if err != nil {
		st := formState{Values: map[string]string{}, Checked: map[string]bool{}}
		for _, f := range bulkFields {
			st.Values[f] = r.PostFormValue(f)
		}
		for _, id := range ids {
			st.Checked[id] = true
		}
		st.setError(langOf(r), err, bulkFields...)
		status := httperr.Prepare(w, r, h.Logger, err)
		h.showDocuments(w, withPath(r, ret), status, returnQuery(ret), st, nil)
		return
	}
	// A document of another round whose other fields were saved counts
	// as changed; the summary says how many kept their round, and why.
	var failed []bulkOutcome
	left := 0
	for _, o := range out {
		switch {
		case o.Saved && o.Skipped:
			left++
		case o.Err != nil:
			failed = append(failed, bulkOutcome{ID: o.ID, Title: o.Title, Message: errorText(langOf(r), o.Err)})
		}
	}
	msg := trf(lang, "docs.bulk.done."+verb, len(out)-len(failed))
	if left > 0 {
		msg += trf(lang, "docs.bulk.round_left", left, c.ListedRound)
	}
	if len(failed) == 0 {
		back(w, r, ret, msg)
		return
	}
	st := formState{Error: msg + tr(lang, "docs.bulk.some_failed"), Checked: map[string]bool{}}
	for _, f := range failed {
		st.Checked[f.ID] = true
	}
	h.showDocuments(w, withPath(r, ret), http.StatusOK, returnQuery(ret), st, failed)
}

// bulkPatch is the bulk form's metadata: a field left empty stays as it is.
func bulkPatch(r *http.Request) catalog.DocumentPatch {
	field := func(name string) *string {
		if v := r.PostFormValue(name); v != "" {
			return &v
		}
		return nil
	}
	return catalog.DocumentPatch{DocType: field("doc_type"), IssuedOn: field("issued_on"), Round: field("round"),
		DocNumber: field("doc_number")}
}

// listReturn keeps a bulk form's way back on the documents list.
func listReturn(ret string) string {
	u, err := url.Parse(ret)
	if err != nil || u.Path != "/documents" || u.Host != "" || u.Scheme != "" {
		return "/documents"
	}
	return "/documents?" + u.Query().Encode()
}

func returnQuery(ret string) url.Values {
	u, _ := url.Parse(ret)
	return u.Query()
}

// withPath is r as if it had asked for path, so the page rendered for a
// form names the listing it came from (the language switch, the nav).
func withPath(r *http.Request, path string) *http.Request {
	r2 := r.Clone(r.Context())
	r2.URL, _ = url.Parse(path)
	return r2
}

// ofRoundItself reports whether d is a document of round, or of no round
// and issued in its year, rather than listed for a link carried into it.
func ofRoundItself(d *catalog.Document, round string) bool {
	return d.Round == round || (d.Round == "" && strings.HasPrefix(d.IssuedOn, round))
}
