package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/values"
)

// valueRow is a value on the values review page: its indicator's name,
// the cited document's title, its latest verdict and whether the user
// may give one now.
type valueRow struct {
	values.Listed
	IndicatorName string
	Document      string // the cited document's title, "" when u may not see it
	Deleted       bool   // the cited document was deleted since
	Shown         string // the value as written, with its unit
	// PreviousShown is the previous round's value with its unit and
	// review status, and why it is not compared when it is not; "" when
	// there is none.
	PreviousShown string
	Mismatch      string // 单位不符: the passage's unit and the value's, said in the page's language; "" when they agree
	// Note says, when the number is not in the cited passage, why, in
	// the page's language: the quote is on another page, or nowhere in
	// the document, or the units differ (Mismatch), or the number is
	// not in it (引文中未找到该数值); "" when it is found.
	Note string
	// Rough is the rough number (十多万) the quote writes the value
	// within when the value is found only so, as written; "" when it is
	// written exactly or not found. Read from the quote, not the text.
	Rough string
	// Spaced is, in the page's language, the note for a value found in
	// digits parted by a space (1 200人: 1200, or 1 and 200 side by side
	// in a table row; values.SpacedNote): "" for any other. Read from
	// the quote, as Rough is; recording's same warning is not repeated
	// in Unlikely.
	Spaced string
	// Unlikely are the warnings recording gave about the number (years
	// of schooling over 30), in the page's language: the reviewer checks
	// what the coordinator was told to.
	Unlikely  []string
	Last      *catalog.Review
	CanReview bool
	// CanRevise: the user may correct the value's verdict (改判).
	CanRevise bool
	// ContradictedIn is the round a reviewer found the value this one
	// was carried from 与证据矛盾 in, 0 when none did.
	ContradictedIn int
	// Context is the number in its place on the cited page, or why the
	// page cannot be shown now (Unavailable); nil when the quote is not
	// on it.
	Context *values.PageContext
}

// valuesPage is the quantitative values of the cities the user sees, by
// review status, each with its source and a verdict form for reviewers:
// what /review is for claims.
type valuesPage struct {
	Status, City string
	// TitleKey and IntroKey say what the page is to who looks at it
	// (valuesWords).
	TitleKey, IntroKey string
	Round              string
	Tabs               []statusTab
	Values             []valueRow
	Cities             []option
	// CanImport shows the ledger import form (admins, coordinators);
	// ImportCities is its city menu.
	CanImport    bool
	ImportCities []option
	// Form is the value whose verdict form came back with errors, State
	// what was typed into it.
	Form  string
	State formState
	// Refused is the error of a verdict whose form is no longer shown
	// (the value was reviewed meanwhile), shown above the list.
	Refused string
	// PageNum is the page shown (from 1) of Total values in the tab;
	// Prev and Next link the pages beside it, the filters kept. After is
	// the cursor the page was listed after (values.Filter.After), "" when
	// it was listed by its number.
	PageNum, Total, Pages int
	Prev, Next, After     string
	// Elsewhere are the other rounds with values waiting for review when
	// the round shown has none on the pending tab (本轮没有待审核的数值；
	// 其他轮次还有…), as /review says of claims.
	Elsewhere []claims.RoundCount
	// OutOfScope is why the page is empty when its city is one the user
	// may not see (cityOutOfReach), as /review and /compare say.
	OutOfScope string
}

// RoundLink is the address of the pending tab in round, the city kept.
func (p *valuesPage) RoundLink(round int) string {
	in := *p
	in.Round = strconv.Itoa(round)
	return "/values?status=" + string(catalog.ClaimPending) + "&" + in.Filters()
}

// valuesPageSize is how many values /values shows at once: a big city's
// round has a thousand and more.
const valuesPageSize = 50

// offsetOf is where page p starts when it is listed by its number (no
// cursor).
func offsetOf(p *valuesPage) int {
	if p.After != "" {
		return 0
	}
	return (p.PageNum - 1) * valuesPageSize
}

// pageLink is the address of page n of the tab shown, its filters kept.
func (p *valuesPage) pageLink(n int) string {
	to := "/values?status=" + url.QueryEscape(p.Status)
	if f := p.Filters(); f != "" {
		to += "&" + f
	}
	if n > 1 {
		to += "&page=" + strconv.Itoa(n)
	}
	return to
}

// Filters is the page's city and round as an address's query, kept by
// the tabs and by the verdict forms' way back: the round always, as the
// review queue's (round= is every round, no round= the current one).
func (p *valuesPage) Filters() string {
	v := url.Values{}
	if p.City != "" {
		v.Set("city", p.City)
	}
	v.Set("round", p.Round)
	return v.Encode()
}

// AllRounds is the address of the tab shown over every round, its city
// kept; "" when every round is shown already.
func (p *valuesPage) AllRounds() string {
	if p.Round == "" {
		return ""
	}
	all := *p
	all.Round = ""
	return "/values?status=" + url.QueryEscape(p.Status) + "&" + all.Filters()
}

func (h *handler) valuesReviewPage(w http.ResponseWriter, r *http.Request) {
	h.showValues(w, r, http.StatusOK, "", formState{})
}

// showValues renders the values review page; form and st carry a verdict
// form sent back with errors.
func (h *handler) showValues(w http.ResponseWriter, r *http.Request, status int, form string, st formState) {
	u := sessionFrom(r).User
	q := r.URL.Query()
	if r.Method == http.MethodPost {
		q = verdictFilters(r)
		q.Set("status", r.PostFormValue("status"))
		q.Set("page", r.PostFormValue("page"))
		q.Set("after", r.PostFormValue("after"))
	}
	words := valuesWords(u)
	p := &valuesPage{Status: q.Get("status"), City: strings.TrimSpace(q.Get("city")), Form: form, State: st,
		TitleKey: words.title, IntroKey: words.intro}
	if p.Status == "" && u.Role != catalog.RoleCoordinator && u.Role != catalog.RoleContributor {
		p.Status = string(catalog.ClaimPending)
	}
	// The current round unless the address names one, as /review: every
	// round's values at once mixed round 1's verdicts into round 2's work.
	var round int
	var err error
	if p.Round, round, err = h.queueRound(r, q); err != nil {
		h.fail(w, r, err)
		return
	}
	asked := readPage(q)
	p.PageNum = asked.shown(100000)
	if p.PageNum > 1 {
		p.After = q.Get("after")
	}
	f := values.Filter{City: p.City, Round: round, Status: catalog.ClaimStatus(p.Status), After: p.After}
	// 下一页 goes on after the last value shown (after=), not by offset:
	// the values a reviewer verified on the pending tab left it, and
	// page 2 by offset would skip as many. The page's number is only shown.
	list, err := h.Values.ListPage(r.Context(), u, f, offsetOf(p), valuesPageSize)
	if p.After != "" && catalog.ErrorCode(err) == catalog.EINVALID {
		// A cursor mangled in the address: the page by its number.
		p.After, f.After = "", ""
		list, err = h.Values.ListPage(r.Context(), u, f, offsetOf(p), valuesPageSize)
	}
	// A page after a cursor (the queue's own 下一页) is the queue's to
	// mend below; only a page asked for by its number is past the end.
	if err == nil && p.After == "" && outOfRange(w, r, asked, (list.Total+valuesPageSize-1)/valuesPageSize) {
		return
	}
	if err == nil && len(list.Values) == 0 && p.PageNum > 1 && list.Total > 0 {
		// Past the end: a verdict on the last page's last value, or an
		// old link. The last page with values is shown instead.
		p.PageNum, p.After, f.After = (list.Total+valuesPageSize-1)/valuesPageSize, "", ""
		list, err = h.Values.ListPage(r.Context(), u, f, offsetOf(p), valuesPageSize)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	names, err := h.Framework.Names(r.Context())
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.CanImport = u.Role == catalog.RoleAdmin || u.Role == catalog.RoleCoordinator; p.CanImport {
		city := p.City
		if form == "import" {
			city = st.Value("city")
		}
		if p.ImportCities, err = h.cityOptions(r, u, city); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	var ids []string
	for _, v := range list.Values {
		ids = append(ids, v.Citation.DocumentID)
	}
	for _, s := range queueStatuses {
		p.Tabs = append(p.Tabs, statusTab{Status: string(s), Count: list.Counts[s], Current: string(s) == p.Status})
	}
	p.Total, p.Pages = list.Total, (list.Total+valuesPageSize-1)/valuesPageSize
	p.OutOfScope = h.cityOutOfReach(r, u, p.City)
	if p.OutOfScope == "" && p.Status == string(catalog.ClaimPending) && round != 0 && list.Total == 0 {
		others, err := h.otherRounds(r, round)
		if err == nil {
			p.Elsewhere, err = h.Values.PendingIn(r.Context(), u, values.Filter{City: p.City}, others)
		}
		if err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if p.PageNum > 1 {
		p.Prev = p.pageLink(min(p.PageNum-1, max(p.Pages, 1)))
	}
	if p.PageNum < p.Pages && list.Next != "" {
		p.Next = p.pageLink(p.PageNum+1) + "&after=" + url.QueryEscape(list.Next)
	}
	shown := list.Values
	if p.Values, err = h.valueRows(r, u, shown); err != nil {
		h.fail(w, r, err)
		return
	}
	contexts, err := h.Values.PageContexts(r.Context(), shown)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	for i := range p.Values {
		p.Values[i].IndicatorName = names[p.Values[i].Indicator]
		if c, ok := contexts[p.Values[i].ID]; ok {
			p.Values[i].Context = &c
		}
	}
	if form != "" && form != "import" && !slices.ContainsFunc(p.Values, func(v valueRow) bool { return v.ID == form && (v.CanReview || v.CanRevise) }) {
		p.Refused = st.Error
	}
	h.render(w, r, status, "values", tr(langOf(r), p.TitleKey), p)
}

// valuesPageWords are the title and introduction of /values for one
// account: a reviewer's queue to check, or, for the coordinator who
// records values there and imports the 数值台账 (and anyone else who
// only reads them), the city's values, which it does not review.
type valuesPageWords struct{ title, intro string }

func valuesWords(u *catalog.User) valuesPageWords {
	if u.Role == catalog.RoleReviewer || u.Role == catalog.RoleAdmin {
		return valuesPageWords{title: "values.title", intro: "values.intro"}
	}
	return valuesPageWords{title: "values.title.own", intro: "values.intro.own"}
}

// valueRows are list as /values and an indicator's page show them, for u:
// each with its cited document's title (or that it was deleted), its
// latest verdict, the previous round's value, the round a reviewer found
// the value it was carried from 与证据矛盾 in, the unit mismatch and the
// note when the number is not in the passage, recording's warnings, and
// whether u may review it now. The indicator's name and the number in
// its place on the page are the caller's to add.
func (h *handler) valueRows(r *http.Request, u *catalog.User, list []values.Listed) ([]valueRow, error) {
	ids := make([]string, len(list))
	for i, v := range list {
		ids[i] = v.Citation.DocumentID
	}
	sources, err := h.Documents.Sources(r.Context(), u, ids)
	if err != nil {
		return nil, err
	}
	last, err := h.Values.LastReviews(r.Context(), list)
	if err != nil {
		return nil, err
	}
	before, err := h.Values.ContradictedBefore(r.Context(), list)
	if err != nil {
		return nil, err
	}
	l := langOf(r)
	reviewer := u.Role == catalog.RoleReviewer || u.Role == catalog.RoleAdmin
	rows := make([]valueRow, len(list))
	for i, v := range list {
		src := sources[v.Citation.DocumentID]
		row := valueRow{Listed: v, Document: src.Title, Deleted: src.Deleted, Shown: v.WrittenIn(l == English),
			CanReview: reviewer && v.ReviewStatus() == catalog.ClaimPending && v.CreatedBy != u.Username,
			CanRevise: values.CheckRevise(u, &v.Value) == nil}
		if rv, ok := last[v.ID]; ok {
			row.Last = &rv
		}
		row.PreviousShown = previousShown(l, v)
		row.ContradictedIn = before[v.ID].FromRound
		row.Mismatch = unitMismatch(l, &v.Value)
		row.Note = valueNote(l, &v.Value, row.Mismatch)
		if v.ValueFound {
			row.Rough = values.RoughIn(v.Citation.Quote, &v.Value)
			if sp := values.SpacedIn(v.Citation.Quote, &v.Value); sp != "" {
				row.Spaced = inLang(l, values.SpacedNote(sp))
			}
		}
		for _, w := range v.Warnings {
			if w := inLang(l, w); w != row.Spaced {
				row.Unlikely = append(row.Unlikely, w)
			}
		}
		rows[i] = row
	}
	return rows, nil
}

// valueNote says why v's number is not in its cited passage, "" when it
// is: the quote is on another page or nowhere in the document, the
// passage counts in another unit (mismatch), or the number is not there.
func valueNote(l Lang, v *catalog.Value, mismatch string) string {
	c := v.Citation
	switch {
	case v.ValueFound:
		return ""
	case !c.QuoteFound && c.FoundOnPage != 0:
		return trf(l, "values.quote_elsewhere", c.Page, c.FoundOnPage)
	case !c.QuoteFound:
		return tr(l, "values.quote_not_found")
	case mismatch != "":
		return mismatch
	case values.RoughBound(c.Quote, v) != "":
		return trf(l, "values.rough_bound", values.RoughBound(c.Quote, v))
	}
	return tr(l, "values.not_found")
}

// valueReview records a reviewer's verdict on a value and goes back to
// the list it was given from; a verdict with a mistake comes back with
// what was typed and the error beside the form.
func (h *handler) valueReview(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	review := func(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
		return h.Values.ReviewSeen(ctx, u, id, seenOnPage(r), verdict, comment)
	}
	if r.PostFormValue("revise") == "1" {
		if asked := h.askReviseValue(w, r, id); asked {
			return
		}
		review = func(ctx context.Context, u *catalog.User, id, verdict, comment string) (*catalog.Review, error) {
			return h.Values.ReviseFrom(ctx, u, id, r.PostFormValue("previous"), seenOnPage(r), verdict, comment)
		}
	}
	if _, err := review(r.Context(), sessionFrom(r).User, id, r.PostFormValue("verdict"), r.PostFormValue("comment")); err != nil {
		code := catalog.ErrorCode(err)
		if code != catalog.EINVALID && code != catalog.ECONFLICT && code != catalog.ESTALE {
			h.fail(w, r, err)
			return
		}
		fields := []string{"verdict", "comment"}
		if code == catalog.ESTALE {
			// The page shows the new number: its verdict is to be chosen
			// anew; the comment typed is kept.
			fields = []string{"comment"}
		}
		st := typed(r, fields...)
		st.setError(langOf(r), err, "verdict", "comment")
		h.showValues(w, r, httperr.Prepare(w, r, h.Logger, err), id, st)
		return
	}
	// Back to the page the verdict was given on: the value left the
	// pending tab, the next ones moved up onto it.
	to := "/values?status=" + url.QueryEscape(r.PostFormValue("status"))
	to += "&" + verdictFilters(r).Encode()
	if n, err := strconv.Atoi(r.PostFormValue("page")); err == nil && n > 1 {
		to += "&page=" + strconv.Itoa(n)
		if after := r.PostFormValue("after"); after != "" {
			to += "&after=" + url.QueryEscape(after)
		}
	}
	done := "claim.reviewed"
	if r.PostFormValue("revise") == "1" {
		done = "claim.revised"
	}
	back(w, r, to, tr(langOf(r), done))
}

// askReviseValue shows the confirmation of a revision (改判) of a value's
// verdict, naming the old verdict and the new, unless it is confirmed
// already or has a mistake (no reason, the same verdict), which
// Values.Revise then refuses beside the form: asked is false then. The
// confirmation carries on the version of the value the form was sent
// from, so that a revision of a value moved since is not saved.
func (h *handler) askReviseValue(w http.ResponseWriter, r *http.Request, id string) (asked bool) {
	if r.PostFormValue("confirm") == "1" {
		return false
	}
	lang, u := langOf(r), sessionFrom(r).User
	v, err := h.Values.Get(r.Context(), u, id)
	if err != nil {
		return false
	}
	verdict, comment, err := values.CheckRevision(u, v, r.PostFormValue("verdict"), r.PostFormValue("comment"))
	if err != nil {
		return false
	}
	fields := []hiddenField{{"revise", "1"}, {"previous", cmp.Or(r.PostFormValue("previous"), string(v.Status))}, {"verdict", string(verdict)},
		{"comment", comment}, {"version", r.PostFormValue("version")}, {"confirm", "1"}}
	for _, k := range []string{"status", "filters", "page", "after"} {
		fields = append(fields, hiddenField{k, r.PostFormValue(k)})
	}
	h.render(w, r, http.StatusOK, "confirm", tr(lang, "claim.revise"), &confirmPage{
		Question: reviseQuestion(lang, v.Status, verdict),
		Items:    []string{tr(lang, "claim.revise_comment") + colon(lang) + catalog.TypedText(comment)},
		Action:   "/values/" + id + "/review", Fields: fields,
		Button: tr(lang, "claim.revise"), Cancel: "/values?" + verdictFilters(r).Encode() + "#value-" + id})
	return true
}

// verdictFilters are the filters a verdict form was sent from; a form
// of a page shown before /values opened on the current round sent no
// round, and meant every round.
func verdictFilters(r *http.Request) url.Values {
	q, _ := url.ParseQuery(r.PostFormValue("filters"))
	if !q.Has("round") {
		q.Set("round", "")
	}
	return q
}

// valueImport takes a city's ledger of values (数值台账, XLSX, XLS or .et) for a
// round, all rows or none; a ledger with mistakes comes back with every
// bad row named and the city and round as chosen.
func (h *handler) valueImport(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	file, _, err := r.FormFile("file")
	if err != nil {
		h.ledgerFailed(w, r, catalog.FieldErrorf("file", catalog.EINVALID, "请选择数值台账文件（.xlsx、.xls 或 .et）"))
		return
	}
	defer file.Close()
	round, err := catalog.ParseRound("round", r.PostFormValue("round"))
	if err != nil {
		h.ledgerFailed(w, r, err)
		return
	}
	city := strings.TrimSpace(r.FormValue("city"))
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	vs, err := h.Values.Import(r.Context(), u, city, round, file)
	if err != nil {
		h.ledgerFailed(w, r, err)
		return
	}
	q := url.Values{"status": {string(catalog.ClaimPending)}, "city": {city}}
	if round != 0 {
		q.Set("round", strconv.Itoa(round))
	}
	var warnings []catalog.Words
	for _, v := range vs {
		warnings = append(warnings, v.Warnings...)
	}
	l, n := langOf(r), values.TallyOf(vs)
	msg := trf(l, "values.imported", len(vs), n.Created, n.Updated, n.Unchanged)
	if n.VerdictsCleared > 0 {
		msg += trf(l, "values.verdicts_cleared", n.VerdictsCleared)
	}
	back(w, r, "/values?"+q.Encode(), msg+warningsIn(l, warnings, 5))
}

// ledgerFailed shows the values page again with the ledger's mistakes
// beside the import form; an error that is not about the ledger shows
// the error page.
func (h *handler) ledgerFailed(w http.ResponseWriter, r *http.Request, err error) {
	if !tableRefused(err) {
		h.fail(w, r, err)
		return
	}
	st := typed(r, "city", "round")
	st.setError(langOf(r), err, "file", "round")
	h.showValues(w, r, httperr.Prepare(w, r, h.Logger, err), "import", st)
}

// previousShown is the previous round's value as the values page shows it
// beside this round's: its round, the value with its unit, its review
// status, and, when the two do not compare (another unit, a review
// found it contradicted, or its source was deleted), that they are not
// compared.
func previousShown(l Lang, v values.Listed) string {
	p := v.Previous
	if p == nil {
		return ""
	}
	var why string
	switch c := v.Comparison(); c.Why {
	case catalog.IncomparableUnit:
		why = trf(l, "values.previous.unit", unitName(l, v.Unit))
	case catalog.IncomparableContradicted:
		why = tr(l, "values.previous.contradicted")
	case catalog.IncomparableSourcesDeleted:
		why = tr(l, "values.previous.sources_deleted")
	}
	return trf(l, "values.previous", p.Round, p.WrittenIn(l == English), tr(l, "claim."+string(p.Status)), why)
}
