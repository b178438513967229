package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

type linkView struct {
	catalog.Link
	Name string
}

type documentPage struct {
	Doc         *catalog.Document
	CityName    string
	CanEdit     bool
	Query       string
	PageNum     int
	PageCount   int
	PageHTML    template.HTML
	Prev, Next  string
	Links       []linkView
	Suggestions []search.Suggestion
	KeyOptions  []option
	DocTypes    []option
}

// loadDocument returns a document the session may see; another city's is
// "not found".
func (h *handler) loadDocument(r *http.Request) (*catalog.Document, error) {
	d, err := h.Catalog.Document(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, err
	}
	if !sessionFrom(r).User.CanSee(d.City) {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不存在", d.ID)
	}
	return d, nil
}

func (h *handler) documentPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	d, err := h.loadDocument(r)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &documentPage{Doc: d, CanEdit: u.CanEdit(d.City) == nil, Query: r.URL.Query().Get("q")}
	if c, err := h.Catalog.City(r.Context(), d.City); err == nil {
		p.CityName = c.Name
	}
	p.PageNum, _ = strconv.Atoi(r.URL.Query().Get("page"))
	if err := h.fillDocumentText(r, p); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.fillDocumentLinks(r, p); err != nil {
		h.fail(w, r, err)
		return
	}
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), t == d.DocType})
	}
	h.render(w, r, http.StatusOK, "document", d.Title, p)
}

// fillDocumentText shows the asked page of the extracted text with the
// query's words marked, and suggestions drawn from the whole text.
func (h *handler) fillDocumentText(r *http.Request, p *documentPage) error {
	d := p.Doc
	if d.Status != catalog.StatusExtracted && d.Status != catalog.StatusIndexed {
		return nil
	}
	t, err := ingest.LoadText(r.Context(), h.Blobs, d.SHA256)
	if err != nil {
		return err
	}
	p.PageCount = len(t.Pages)
	p.PageNum = min(max(p.PageNum, 1), max(p.PageCount, 1))
	if p.PageCount > 0 {
		html, err := search.HighlightPage(p.Query, t.Pages[p.PageNum-1])
		if err != nil {
			return err
		}
		p.PageHTML = template.HTML(html)
	}
	link := func(n int) string {
		v := r.URL.Query()
		v.Set("page", strconv.Itoa(n))
		return "/documents/" + d.ID + "?" + v.Encode() + "#text"
	}
	if p.PageNum > 1 {
		p.Prev = link(p.PageNum - 1)
	}
	if p.PageNum < p.PageCount {
		p.Next = link(p.PageNum + 1)
	}
	links, err := h.Catalog.DocumentLinks(r.Context(), d.ID)
	if err != nil {
		return err
	}
	skip := make([]string, len(links))
	for i, l := range links {
		skip[i] = l.IndicatorCode
	}
	p.Suggestions, err = h.Search.SuggestIndicators(r.Context(), d.Title, t.Pages, skip, 5)
	return err
}

func (h *handler) fillDocumentLinks(r *http.Request, p *documentPage) error {
	links, err := h.Catalog.DocumentLinks(r.Context(), p.Doc.ID)
	if err != nil {
		return err
	}
	_, inds, err := h.Catalog.CurrentFramework(r.Context())
	if err != nil {
		return err
	}
	names := map[string]string{}
	for _, ind := range inds {
		names[ind.Code] = ind.Name
		if ind.Level == catalog.KeyLevel {
			p.KeyOptions = append(p.KeyOptions, option{ind.Code, ind.Code + " " + shorten(ind.Name, 30), false})
		}
	}
	for _, l := range links {
		p.Links = append(p.Links, linkView{Link: l, Name: names[l.IndicatorCode]})
	}
	return nil
}

func (h *handler) documentEdit(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	d, err := h.loadDocument(r)
	if err == nil {
		err = u.CanEdit(d.City)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	field := func(name string) *string {
		v := r.PostFormValue(name)
		return &v
	}
	patch := catalog.DocumentPatch{Title: field("title"), DocType: field("doc_type"), Department: field("department"),
		Issuer: field("issuer"), IssuedOn: field("issued_on"), DocNumber: field("doc_number"), Round: field("round")}
	if err := h.Ingest.CheckPatch(r.Context(), &patch); err != nil {
		h.fail(w, r, err)
		return
	}
	if _, err := h.Catalog.UpdateDocument(r.Context(), d.ID, patch, u.Username); err != nil {
		h.fail(w, r, err)
		return
	}
	h.Ingest.RefreshAfterChange(r.Context(), d.ID)
	back(w, r, "/documents/"+d.ID, tr(langOf(r), "done"))
}

func (h *handler) linkAdd(w http.ResponseWriter, r *http.Request) {
	page, _ := strconv.Atoi(r.PostFormValue("page"))
	l := &catalog.Link{DocumentID: r.PathValue("id"), IndicatorCode: strings.TrimSpace(r.PostFormValue("indicator")), Page: page,
		Quote: strings.TrimSpace(r.PostFormValue("quote")), Note: strings.TrimSpace(r.PostFormValue("note"))}
	if err := h.Ingest.AddLink(r.Context(), sessionFrom(r).User, l); err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/documents/"+l.DocumentID+"#links", tr(langOf(r), "done"))
}

func (h *handler) linkDelete(w http.ResponseWriter, r *http.Request) {
	l, err := h.Ingest.RemoveLink(r.Context(), sessionFrom(r).User, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	back(w, r, "/documents/"+l.DocumentID+"#links", tr(langOf(r), "done"))
}
