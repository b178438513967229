package web

import (
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/notes"
	"github.com/lcmonitor/evidence/search"
)

type linkView struct {
	catalog.Link
	Name string
	// Kept is the indicator as the document's round names it when the
	// round keeps names of its own (a past round), today's name beside
	// one renamed since; "" otherwise (Name, today's, stands).
	Kept string
	// Dropped: today's framework has no such code (the document's past
	// round had it), so the indicator has no page of its own; the link
	// opens the round's documents linked to it, as the heat map's cell
	// does.
	Dropped bool
	// Round is the round the link counts in: the document's own, or the
	// one it was made for (0 for a document of no round).
	Round int
}

type documentPage struct {
	Doc      *catalog.Document
	CityName string
	CanEdit  bool
	// TextDamaged says why the text is not shown though it was
	// extracted: its stored text is damaged or not the one recorded.
	TextDamaged string
	// TextOutOfReach says why the text is not shown while the object
	// store cannot be reached.
	TextOutOfReach string
	// CanEditMeta: u may correct the metadata (CanEdit, or a contributor
	// with their own unreviewed upload, who keeps its 责任单位 and round).
	CanEditMeta bool
	// Departments are the city's 责任单位名单, offered as the 责任单位
	// field is typed (a datalist: a name stored before the list keeps
	// showing, and the service refuses only a changed name off the list).
	Departments []string
	Query       string
	PageNum     int
	PageCount   int
	// Part and Parts: the part shown of a page longer than
	// documents.PartBytes, and its parts (Parts is 1 for any other page).
	Part, Parts int
	// SheetName names the sheet shown, when the document is a workbook.
	SheetName   string
	PageHTML    template.HTML
	Prev, Next  string
	Links       []linkView
	Suggestions []search.Suggestion
	KeyOptions  []option
	// LinkRounds are the rounds a new link may count in: the document's
	// own (the default) and the others; empty when there is only one.
	LinkRounds []option
	DocTypes   []option
	// PageReading says how the page shown was read (text layer or OCR,
	// with a seal); SealPages lists the pages with a red seal, and
	// UnreadablePages those whose text was garbage ("" when none).
	PageReading     string
	SealPages       string
	UnreadablePages string
	// OCRNumbers asks a reader to check the numbers of a page OCR read
	// against the original: OCR misreads digits the text cannot show
	// (4.5万人 read as 45万人).
	OCRNumbers string
	// QuotesToRecheck are the quotes cited in the document whose look in
	// its text read anew failed (引文待重新核对), with why.
	QuotesToRecheck []catalog.CitedQuote
	// PastReturns say, one a line, that the file was returned for a task
	// deleted since (曾被退回：…).
	PastReturns []string
	// Returns say that the file was returned on a task that still lists
	// it (已退回), with what replaced it; the page then suggests no links.
	Returns []returnView
	// ReturnedOnly: the returned file is nobody's evidence since (no
	// other task keeps it, no link, no citation).
	ReturnedOnly bool
	// IndexCut says from which page search does not find the text of a
	// document longer than the index takes ("" when it takes it all).
	IndexCut string
	// OCRSkipped names the pages of a long scan OCR did not read, past
	// the pages it reads of one file ("" when it read every one).
	OCRSkipped string
	// NearDups are the document's other versions; Diff shows what changed
	// from this one to the one chosen (?compare=ID, else the first).
	NearDups []nearDupView
	// VersionNotices say, at the head of the page, which kept documents
	// this one is a version of (documents.VersionNotice): the uploader
	// lands here after uploading and learns that policy.pdf is kept
	// already, which the upload, made before the text is read, could not
	// say.
	VersionNotices []string
	// VersionsKey names the versions the notices name (their IDs): a
	// notice dismissed for a document (不再提示, remembered in the
	// browser) shows again when a new version joins them.
	VersionsKey string
	Diff        *diffView
	// DiffNote says why the chosen version's diff is not shown (texts too
	// long to compare, the server busy with other long texts).
	DiffNote string
	// Auto marks the fields filled without the uploader (read from the
	// text, or the round inferred), shown as 自动识别 until confirmed.
	Auto map[string]bool
	// RoundNote says why an inferred round is not its 成文日期's or the
	// year its title names (roundNote), for the uploader to check.
	RoundNote string
	// DocNumberNote says that the 文号 read from a scan is a guess, with
	// what OCR read (catalog.Document.DocNumberRead), for a person to check.
	DocNumberNote string
	// DocNumberRead is DocNumberNote beside the guess mark, which says
	// 推断，请核对 already: only what was read, lest one line ask twice.
	DocNumberRead string
	// Edited marks the fields a person gave a value by an edit (which no
	// reading of the text writes over), shown as 已人工修改 with who and
	// when as the audit log has it ("" when it no longer does).
	Edited map[string]*editedMark
	// ValueOptions are the quantitative key indicators a value may be
	// recorded for from this page.
	ValueOptions []option
	// CanNote: u reads and writes experts' notes; Notes are the document's
	// (of NoteAuthor only, when the page asks for one).
	CanNote    bool
	Notes      []catalog.Note
	NoteAuthor string
	// Form holds the metadata form's values: the document's, or what was
	// typed when the form came back with errors (State).
	Form  *catalog.Document
	State formState
	// CanDelete may delete the document (documents.Service.CheckDelete).
	CanDelete bool
	// IsAdmin may move and delete the document; MoveCities are the
	// cities it may go to.
	IsAdmin    bool
	MoveCities []option
	// AuditLog is, for an admin, the link to the document's 处理记录 in
	// the audit log (/admin filtered by it, old events logged by its bare
	// ID too).
	AuditLog string
	// Failed: the document could not be read; its page says why and,
	// to those who may, offers to read it again or replace its original
	// (Replace holds that form's error).
	Failed  bool
	Replace formState
	// Value is the value form sent back with errors: what was typed and
	// each error beside its field.
	Value formState
	// Link and Note are the link and note forms sent back with errors.
	Link, Note formState
	// FindQuery is what the find-in-document form looked for (?find=);
	// Found where it occurs, FindError why it could not be looked for.
	FindQuery string
	Found     *documents.Found
	FindError string
	// FailedNamesakes are the city's failed documents of the same file
	// name or title, to those who may edit (failedNamesakes).
	FailedNamesakes []*catalog.Document
	// OriginalDamaged is set when the stored original was found damaged
	// or missing (by check, a download or a pack) and not mended since.
	OriginalDamaged bool
}

// docForms are the document page's forms that may come back with errors.
type docForms struct {
	Meta, Replace, Value, Link, Note formState
}

func (h *handler) documentPage(w http.ResponseWriter, r *http.Request) {
	h.showDocument(w, r, http.StatusOK, formState{})
}

// showDocument renders a document's page; st carries a form sent back
// with errors (the edit form's typed values, the move form's city).
func (h *handler) showDocument(w http.ResponseWriter, r *http.Request, status int, st formState) {
	h.showDocumentForms(w, r, status, docForms{Meta: st})
}

// showDocumentForms is showDocument with any of its forms sent back with
// errors: the metadata and move forms (Meta), a failed document's retry
// and replace forms, the value form.
func (h *handler) showDocumentForms(w http.ResponseWriter, r *http.Request, status int, forms docForms) {
	st := forms.Meta
	u := sessionFrom(r).User
	lang := langOf(r)
	var at documents.PageAt
	at.Page, _ = strconv.Atoi(r.URL.Query().Get("page"))
	at.Part, _ = strconv.Atoi(r.URL.Query().Get("part"))
	rd, err := h.Documents.Read(r.Context(), u, r.PathValue("id"), at, 5)
	if catalog.IsNotFound(err) {
		// A deleted document's page says so, by whom and when, rather
		// than 文档不存在: claims and carry-overs still link to it.
		if t, terr := h.Documents.Tombstone(r.Context(), u, r.PathValue("id")); terr == nil {
			h.render(w, r, http.StatusGone, "tombstone", tr(lang, "tomb.title"), t)
			return
		}
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if r.URL.Query().Get("page") == "" {
		rd = h.firstPageWithText(r, u, h.pageWithQuery(r, u, rd))
	}
	// The page read stays within the budget for big texts until it is
	// highlighted and rendered.
	defer rd.Close()
	d := rd.Document
	p := &documentPage{Doc: d, CityName: rd.CityName, CanEdit: u.CanEdit(d.City) == nil, Query: h.documentQuery(r),
		Suggestions: rd.Suggestions, Auto: map[string]bool{}, Failed: d.Status == catalog.StatusFailed,
		Replace: forms.Replace, Value: forms.Value, Link: forms.Link, Note: forms.Note}
	for _, f := range d.ExtractedFields {
		p.Auto[f] = true
	}
	p.RoundNote = roundNote(lang, d)
	if w := catalog.DocNumberGuess(d); lang == English {
		p.DocNumberNote = w.English
	} else {
		p.DocNumberNote = w.Chinese
	}
	p.DocNumberRead = docNumberRead(lang, d)
	if p.Edited, err = h.editedFields(r, d); err != nil {
		h.fail(w, r, err)
		return
	}
	if rd.TextDamaged != nil {
		p.TextDamaged = catalog.MessageIn(rd.TextDamaged, lang == English)
	}
	if rd.TextOutOfReach != nil {
		p.TextOutOfReach = catalog.MessageIn(rd.TextOutOfReach, lang == English)
	}
	if rd.Page != nil {
		if err := fillDocumentText(r, p, rd.Page); err != nil {
			h.fail(w, r, err)
			return
		}
		if cut := rd.Page.Cut; cut.Page > 0 {
			p.IndexCut = fmt.Sprintf(tr(lang, "doc.index_cut"), index.MaxIndexedChars/10_000, pageLabel(lang, d.MIME, cut.Page))
		}
	}
	if p.FindQuery = strings.TrimSpace(r.URL.Query().Get("find")); p.FindQuery != "" && rd.Page != nil {
		if p.Found, err = h.Documents.Find(r.Context(), u, d.ID, p.FindQuery); catalog.ErrorCode(err) == catalog.EINVALID {
			p.FindError, err = catalog.MessageIn(err, lang == English), nil
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p.PageReading, p.SealPages = pageReading(lang, d, p.PageNum, blankPage(rd.Page)), sealPages(lang, d)
	p.OCRNumbers = ocrNumbersNote(lang, d, p.PageNum, blankPage(rd.Page))
	p.UnreadablePages = unreadablePages(lang, d)
	p.OCRSkipped = ocrSkippedPages(lang, d)
	if p.OriginalDamaged, err = h.Documents.OriginalFlagged(r.Context(), d); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.FailedNamesakes, err = h.failedNamesakes(r, u, d); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.QuotesToRecheck, err = h.Documents.QuotesToRecheck(r.Context(), d); err != nil {
		h.fail(w, r, err)
		return
	}
	returns, err := h.Documents.PastReturns(r.Context(), u, d)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for _, pr := range returns {
		p.PastReturns = append(p.PastReturns, trf(lang, "doc.past_return", pr.By, formatTime(pr.At), pr.Indicator, pr.Department,
			pr.Round, catalog.TypedText(pr.Reason), formatTime(pr.DeletedAt), pr.DeletedBy))
	}
	if err := h.fillReturns(r, p); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.fillNearDuplicates(r, p, rd.NearDuplicates); err != nil {
		h.fail(w, r, err)
		return
	}
	if err := h.fillDocumentLinks(r, p, rd.Links, rd.LinkRounds); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.CanEdit {
		if p.ValueOptions, err = h.quantitativeOptions(r); err != nil {
			h.fail(w, r, err)
			return
		}
		depts, err := h.Assignments.Departments(r.Context(), u, d.City)
		if err != nil {
			h.fail(w, r, err)
			return
		}
		for _, dept := range depts {
			p.Departments = append(p.Departments, dept.Name)
		}
		for i := range p.ValueOptions {
			p.ValueOptions[i].Selected = p.ValueOptions[i].Value == p.Value.Value("indicator")
		}
	}
	p.State, p.Form = st, formDocument(d, st)
	for _, t := range catalog.DocTypes {
		p.DocTypes = append(p.DocTypes, option{string(t), docTypeLabel(lang, string(t)), t == p.Form.DocType})
	}
	// Deps without the notes service (some tests) show no notes.
	if p.CanNote = h.Notes != nil && notes.CanUse(u); p.CanNote {
		p.NoteAuthor = strings.TrimSpace(r.URL.Query().Get("note_author"))
		if p.Notes, err = h.Notes.OnDocument(r.Context(), u, d.ID, p.NoteAuthor); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	p.CanEditMeta = p.CanEdit || h.Documents.CheckEditFields(r.Context(), u, d, catalog.DocumentPatch{}) == nil
	p.CanDelete = h.Documents.CheckDelete(r.Context(), u, d) == nil
	if p.IsAdmin = u.Role == catalog.RoleAdmin; p.IsAdmin {
		p.AuditLog = eventsOfDocument(d.ID)
		if p.MoveCities, err = h.moveCities(r, d.City); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	h.render(w, r, status, "document", d.Title, p)
}

// docFormFields are the edit form's fields, by form name.
var docFormFields = []string{"title", "doc_type", "issuer", "doc_number", "issued_on", "department", "round"}

// formDocument is d as the edit form shows it: with the values typed when
// the form came back with errors.
func formDocument(d *catalog.Document, st formState) *catalog.Document {
	f := *d
	if _, typed := st.Values["title"]; !typed {
		return &f
	}
	v := st.Values
	f.Title, f.DocType, f.Issuer, f.DocNumber = v["title"], catalog.DocType(v["doc_type"]), v["issuer"], v["doc_number"]
	f.IssuedOn, f.Department, f.Round = v["issued_on"], v["department"], v["round"]
	return &f
}

// moveCities are the cities other than the document's that an admin may
// move it into.
func (h *handler) moveCities(r *http.Request, current string) ([]option, error) {
	cities, err := h.Framework.VisibleCities(r.Context(), sessionFrom(r).User)
	if err != nil {
		return nil, err
	}
	var out []option
	for _, c := range cities {
		if c.Code != current {
			out = append(out, option{c.Code, cityLabel(langOf(r), c), false})
		}
	}
	return out, nil
}

// fillDocumentText shows the page read (the part of it, when it is long)
// with the query's words marked.
func fillDocumentText(r *http.Request, p *documentPage, pt *documents.PageText) error {
	d := p.Doc
	p.PageCount, p.PageNum, p.Part, p.Parts = pt.Count, max(pt.Number, 1), pt.Part, pt.Parts
	if p.PageCount > 0 {
		// The part with its neighbours, so that a match running across a
		// break is marked.
		// Opened from a search of substrings, its words are marked
		// inside other words too; a match it cannot read marks words.
		substring, _ := search.ParseMatch(r.URL.Query().Get("match"))
		html, err := search.HighlightDocumentPageOf(p.Query, []string{pt.Before, pt.Text, pt.After}, 2, substring,
			search.DocNumberShown{Number: d.DocNumber, Written: catalog.DocNumberAsWritten(d)})
		if err != nil {
			return err
		}
		p.PageHTML = template.HTML(html)
		// The sheet's name is its page's first line, on every part.
		p.SheetName = sheetName(d.MIME, pt.FirstLine)
	}
	link := func(n, part int) string {
		v := r.URL.Query()
		v.Set("page", strconv.Itoa(n))
		// find= would look through the whole text again on every turn of
		// the page; its results keep their own links.
		v.Del("part")
		v.Del("find")
		if part > 1 {
			v.Set("part", strconv.Itoa(part))
		}
		return "/documents/" + d.ID + "?" + v.Encode() + "#text"
	}
	switch {
	case p.Part > 1:
		p.Prev = link(p.PageNum, p.Part-1)
	case p.PageNum > 1:
		// Back from part 1 is the end of the page before: its last part.
		p.Prev = link(p.PageNum-1, max(pt.PrevParts, 1))
	}
	switch {
	case p.Part < p.Parts:
		p.Next = link(p.PageNum, p.Part+1)
	case p.PageNum < p.PageCount:
		p.Next = link(p.PageNum+1, 1)
	}
	return nil
}

// fillDocumentLinks lists the document's links, each named as the round
// it counts in names it: the document's own, or the round a link was made
// for (in, by link ID).
func (h *handler) fillDocumentLinks(r *http.Request, p *documentPage, links []catalog.Link, in map[string]int) error {
	names, err := h.Framework.Names(r.Context())
	if err != nil {
		return err
	}
	if p.KeyOptions, err = h.keyOptions(r, p.Link.Value("indicator"), 30); err != nil {
		return err
	}
	if p.LinkRounds, err = h.linkRounds(r, p.Doc, p.Link.Value("round")); err != nil {
		return err
	}
	// A past round's document names its indicators as its round does,
	// as the coverage of that round and /compare do.
	kept, round := h.roundNamer(r), 0
	if p.Doc != nil {
		round, _ = strconv.Atoi(p.Doc.Round)
	}
	for _, l := range links {
		name, inToday := names[l.IndicatorCode]
		counts := round
		if other, ok := in[l.ID]; ok {
			counts = other
		}
		p.Links = append(p.Links, linkView{Link: l, Name: name, Kept: kept.name(counts, l.IndicatorCode), Dropped: !inToday, Round: counts})
	}
	return nil
}

func (h *handler) documentEdit(w http.ResponseWriter, r *http.Request) {
	field := func(name string) *string {
		v := r.PostFormValue(name)
		return &v
	}
	patch := catalog.DocumentPatch{Title: field("title"), DocType: field("doc_type"), Department: field("department"),
		Issuer: field("issuer"), IssuedOn: field("issued_on"), DocNumber: field("doc_number"), Round: field("round")}
	d, err := h.Documents.Edit(r.Context(), sessionFrom(r).User, r.PathValue("id"), patch)
	if err != nil {
		if catalog.ErrorField(err) == "" {
			h.fail(w, r, err)
			return
		}
		st := formState{Values: map[string]string{}}
		for _, f := range docFormFields {
			st.Values[f] = r.PostFormValue(f)
		}
		st.setError(langOf(r), err, docFormFields...)
		h.showDocument(w, r, httperr.Prepare(w, r, h.Logger, err), st)
		return
	}
	back(w, r, "/documents/"+d.ID, fmt.Sprintf(tr(langOf(r), "doc.saved"), d.Title))
}

// linkFields are the link form's fields.
var linkFields = []string{"indicator", "page", "quote", "round"}

// linkRounds offers the rounds a new link of d may count in: d's own
// first (value "", the default), then the others, newest first; none
// when there is no other round.
func (h *handler) linkRounds(r *http.Request, d *catalog.Document, chosen string) ([]option, error) {
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil || len(rounds) < 2 || d == nil {
		return nil, err
	}
	l := langOf(r)
	own := tr(l, "doc.link.no_round") // never " 年度": a document of no round
	if d.Round != "" {
		own = fmt.Sprintf(tr(l, "doc.link.own_round"), d.Round)
	}
	out := []option{{"", own, chosen == ""}}
	for i := len(rounds) - 1; i >= 0; i-- {
		if y := strconv.Itoa(rounds[i].Year); y != d.Round {
			out = append(out, option{y, roundLabel(l, rounds[i].Year, rounds[i].Label), chosen == y})
		}
	}
	return out, nil
}

func (h *handler) linkAdd(w http.ResponseWriter, r *http.Request) {
	l := &catalog.Link{DocumentID: r.PathValue("id"), IndicatorCode: strings.TrimSpace(r.PostFormValue("indicator")),
		Quote: strings.TrimSpace(r.PostFormValue("quote")), Note: strings.TrimSpace(r.PostFormValue("note"))}
	var err error
	if s := strings.TrimSpace(r.PostFormValue("page")); s != "" {
		if l.Page, err = strconv.Atoi(s); err != nil {
			err = catalog.FieldErrorf("page", catalog.EINVALID, "页码应为数字，收到 %q", s)
		}
	}
	round := 0
	if err == nil {
		// Blank is the document's own round here (AddLinkInRound).
		round, err = catalog.ParseRound("round", r.PostFormValue("round"))
	}
	typed := catalog.LinkPassage{Page: l.Page, Quote: l.Quote} // l becomes the link when it was made already
	if err == nil {
		err = h.Ingest.AddLinkInRound(r.Context(), sessionFrom(r).User, l, round)
	}
	if err != nil {
		h.linkFormFailed(w, r, err)
		return
	}
	lang := langOf(r)
	flash := fmt.Sprintf(tr(lang, linkedKey[l.Quoted]), h.documentTitle(r, l.DocumentID), l.IndicatorCode)
	if round != 0 {
		flash += fmt.Sprintf(tr(lang, "doc.linked.round"), round)
	}
	// Saved either way, as a citation is: the quote's words may be the
	// user's summary; but say when they are not on the page.
	if m, checked, err := h.Claims.QuoteOnPage(r.Context(), l.DocumentID, typed.Page, typed.Quote); err != nil {
		h.Logger.Warn("check link quote", "link", l.ID, "err", err)
	} else if checked && l.Quoted != catalog.LinkQuoteSame {
		switch {
		case m.Found:
		case m.FoundOnPage > 0 && typed.Page > 0:
			flash += fmt.Sprintf(tr(lang, "doc.linked.quote_elsewhere"), typed.Page, m.FoundOnPage)
		case m.FoundOnPage == 0:
			flash += tr(lang, "doc.linked.quote_missing")
		}
		if m.Read != "" {
			flash += tr(lang, "claim.notice_sep") + quoteRead(lang, m.Read)
		}
	}
	back(w, r, "/documents/"+l.DocumentID+"#links", flash)
}

// linkedKey is the message of a link made, by what linking did: a new
// link, or a quote set on, added to, or already in the link the document
// had to the indicator.
var linkedKey = map[catalog.LinkQuoted]string{
	catalog.LinkMade:       "doc.linked",
	catalog.LinkQuoteSet:   "doc.linked.quote_added",
	catalog.LinkQuoteAdded: "doc.linked.quote_added",
	catalog.LinkQuoteSame:  "doc.linked.quote_same",
}

// linkFormFailed shows the document again with what was typed into the
// link form and its error beside the field; an error that is not about
// the form (not found, forbidden) shows the error page.
func (h *handler) linkFormFailed(w http.ResponseWriter, r *http.Request, err error) {
	if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT {
		h.fail(w, r, err)
		return
	}
	st := typed(r, linkFields...)
	st.setError(langOf(r), err, linkFields...)
	h.showDocumentForms(w, r, httperr.Prepare(w, r, h.Logger, err), docForms{Link: st})
}

// documentTitle is a document's title for a message, its id when it
// cannot be read.
func (h *handler) documentTitle(r *http.Request, id string) string {
	if d, err := h.Documents.Get(r.Context(), sessionFrom(r).User, id); err == nil && d.Title != "" {
		return d.Title
	}
	return id
}

func (h *handler) linkDelete(w http.ResponseWriter, r *http.Request) {
	l, err := h.Ingest.RemoveLink(r.Context(), sessionFrom(r).User, r.PathValue("id"))
	if err != nil {
		// The delete button sends its document: an error about the link
		// (not a missing one) shows beside the links on its page.
		doc := r.PostFormValue("document")
		if code := catalog.ErrorCode(err); doc == "" || (code != catalog.EINVALID && code != catalog.ECONFLICT) {
			h.fail(w, r, err)
			return
		}
		r.SetPathValue("id", doc)
		st := formState{}
		st.setError(langOf(r), err)
		h.showDocumentForms(w, r, httperr.Prepare(w, r, h.Logger, err), docForms{Link: st})
		return
	}
	back(w, r, "/documents/"+l.DocumentID+"#links", fmt.Sprintf(tr(langOf(r), "doc.unlinked"), h.documentTitle(r, l.DocumentID), l.IndicatorCode))
}

// pageReading says in words how page n of d was read, for reviewers to see
// at a glance whether the evidence is a stamped scan. A blank page (no
// text at all) is said to be blank: OCR of an empty page reports a
// confidence of 0%, which reads as a failed reading, not as an empty page.
func pageReading(l Lang, d *catalog.Document, n int, blank bool) string {
	sources := d.Reading.Sources(d.Pages)
	if n < 1 || n > len(sources) {
		return ""
	}
	// By the rule of unreliable text (PageSource, not the recorded
	// source): a scan read before pages were marked, its mean confidence
	// low, says so of each page, as 我的任务 calls it unreliable.
	src := d.Reading.PageSource(n - 1)
	sealed := slices.Contains(d.Reading.SealPages, n)
	if src == catalog.SourceText && !sealed && pageKey(d.MIME) != "search.page" {
		return "" // a sheet or a slide read as text: nothing to tell
	}
	line := fmt.Sprintf(tr(l, "doc.read.text"), n)
	switch {
	case src == catalog.SourceOCRSkipped:
		// Before blank: a page left out of OCR without a text layer is
		// a picture whose words were not read, not an empty page. One
		// with no text (a TIFF frame, an OFD image page: pictures only)
		// has no text layer to search either.
		key := "doc.read.ocrskipped"
		if blank || pictureOnly(d.MIME) {
			key = "doc.read.ocrskipped.nolayer"
		}
		line = fmt.Sprintf(tr(l, key), n)
	case blank && src != catalog.SourceUnreadable:
		line = fmt.Sprintf(tr(l, "doc.read.blank"), n)
	case src == catalog.SourceUnreadable:
		line = fmt.Sprintf(tr(l, "doc.read.unreadable"), n)
	case src == catalog.SourceOCRLow:
		line = fmt.Sprintf(tr(l, "doc.read.ocrlow"), n)
	case src == catalog.SourceGarbled:
		line = fmt.Sprintf(tr(l, "doc.read.garbled"), n)
	case src == catalog.SourceOCR:
		conf := 0
		if c := d.Reading.OCRConfidence; c != nil {
			conf = int(*c*100 + 0.5)
		}
		line = fmt.Sprintf(tr(l, "doc.read.ocr"), n, conf)
	}
	if sealed {
		line += tr(l, "doc.read.seal")
	}
	return line
}

// ocrNumbersNote is the advice to check the numbers of page n of d against
// the original when OCR read it ("" otherwise, and for a blank page): a
// misread digit (4.5万人 read as 45万人) reads as well as the right one.
func ocrNumbersNote(l Lang, d *catalog.Document, n int, blank bool) string {
	if src := d.Reading.PageSource(n - 1); blank || n < 1 || n > d.Pages || src != catalog.SourceOCR && src != catalog.SourceOCRLow {
		return ""
	}
	return tr(l, "doc.read.ocr_numbers")
}

// unreadablePages lists the pages whose text could not be decoded, which
// search cannot find; "" when there are none.
func unreadablePages(l Lang, d *catalog.Document) string {
	var pages []string
	for i, s := range d.Reading.PageSources {
		if s == catalog.SourceUnreadable {
			pages = append(pages, strconv.Itoa(i+1))
		}
	}
	if len(pages) == 0 {
		return ""
	}
	return fmt.Sprintf(tr(l, "doc.unreadable.pages"), strings.Join(pages, tr(l, "list.sep")))
}

func sealPages(l Lang, d *catalog.Document) string {
	if len(d.Reading.SealPages) == 0 {
		return tr(l, "doc.seals.none")
	}
	pages := make([]string, len(d.Reading.SealPages))
	for i, p := range d.Reading.SealPages {
		pages[i] = strconv.Itoa(p)
	}
	return strings.Join(pages, tr(l, "list.sep"))
}

// editedMark is the 已人工修改 mark of a field; By says who edited it and
// when ("" when the audit log does not say).
type editedMark struct{ By string }

// editedFields names the fields of d a person edited, each with who did
// it and when in the page's language ("" when the audit log does not say).
func (h *handler) editedFields(r *http.Request, d *catalog.Document) (map[string]*editedMark, error) {
	out := map[string]*editedMark{}
	if len(d.EditedFields) == 0 {
		return out, nil
	}
	edits, err := h.Documents.FieldEdits(r.Context(), d)
	if err != nil {
		return nil, err
	}
	for _, f := range d.EditedFields {
		out[f] = &editedMark{}
		if e, ok := edits[f]; ok {
			out[f].By = trf(langOf(r), "doc.edited.by", e.By, formatTime(e.At))
		}
	}
	return out, nil
}

// roundNote says, of a round inferred for d, when it is not the round of
// d's 成文日期 because d is an annual summary of the year before
// (catalog.RoundNamedIn report_title), or not the year d's title names
// because that year is no round (catalog.YearNamedWithoutRound); "" else.
func roundNote(l Lang, d *catalog.Document) string {
	if catalog.RoundNamedIn(d) == "report_title" {
		return trf(l, "doc.round_by_report", d.Round, d.IssuedOn, d.Round)
	}
	if y := catalog.YearNamedWithoutRound(d); y != 0 {
		if !strings.HasPrefix(d.IssuedOn, d.Round) {
			return trf(l, "doc.round_year_absent", y, d.Round)
		}
		return trf(l, "doc.round_year_absent_dated", y, d.IssuedOn, d.Round)
	}
	return ""
}

// docNumberRead says what was read where d's 文号 was guessed from it,
// from a scan or from a text, "" when the 文号 is no guess (as
// catalog.DocNumberGuess): the note beside the mark, which asks for the
// check itself.
func docNumberRead(lang Lang, d *catalog.Document) string {
	read := catalog.DocNumberGuessRead(d)
	switch {
	case read == "":
		return ""
	case d.Reading.ByOCR():
		return trf(lang, "doc.docnumber_read_ocr", read)
	default:
		return trf(lang, "doc.docnumber_read_text", read)
	}
}
