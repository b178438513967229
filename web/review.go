package web

import (
	"cmp"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/search"
)

type claimRow struct {
	catalog.Claim
	IndicatorName string
	// ContradictedIn is the earlier round where a reviewer found the claim
	// this one was carried from 与证据矛盾, 0 when none did.
	ContradictedIn int
}

// statusTab is one status of the review queue with how many claims are in it.
type statusTab struct {
	Status  string
	Count   int
	Current bool
}

type reviewPage struct {
	Status string
	// ValuesKey names /values in its link as that page titles itself for
	// the account (valuesWords).
	ValuesKey string
	Tabs      []statusTab
	Claims    []claimRow
	// Next is the first claim waiting for this user's verdict.
	Next *catalog.Claim
	// City, Indicator and Round filter the queue (its tabs' counts and
	// Next too); Cities and Indicators are their menus. Round is the
	// current round unless the address names one, "" for every round.
	City, Indicator, Round string
	Cities, Indicators     []option
	// PageNum is the page of the tab shown (from 1), of Pages holding
	// Total claims; PrevPage and NextPage link the pages beside it, the
	// filters kept, so that no claim of a long tab goes unseen.
	PageNum, Pages, Total int
	PrevPage, NextPage    string
	// Elsewhere are the other rounds with claims waiting for review when
	// the round shown has none (本轮没有待审核的定性描述；其他轮次还有…),
	// so that the queue is no dead end.
	Elsewhere []claims.RoundCount
	// OutOfScope is why the queue is empty when its city is one the
	// user may not see (cityOutOfReach): never an empty queue without a
	// word.
	OutOfScope string
}

// RoundLink is the address of the pending tab in round, the city and
// indicator kept.
func (p *reviewPage) RoundLink(round int) string {
	return "/review?status=" + string(catalog.ClaimPending) + "&" + string(queueFilters(p.City, p.Indicator, strconv.Itoa(round)))
}

// AllRounds is the address of the tab shown over every round, its city
// and indicator kept; "" when every round is shown already.
func (p *reviewPage) AllRounds() string {
	if p.Round == "" {
		return ""
	}
	return "/review?status=" + url.QueryEscape(p.Status) + "&" + string(queueFilters(p.City, p.Indicator, ""))
}

// reviewQueueLimit is how many claims of a tab the queue lists at once.
const reviewQueueLimit = 200

// pageLink is the address of page n of the tab shown, its filters kept.
func (p *reviewPage) pageLink(n int) string {
	to := "/review?status=" + url.QueryEscape(p.Status)
	if f := p.Filters(); f != "" {
		to += "&" + string(f)
	}
	if n > 1 {
		to += "&page=" + strconv.Itoa(n)
	}
	return to
}

// Filters is the queue's city, indicator and round as an address's query
// ("city=…&indicator=…&round=…", city and indicator when set, the round
// always: round= is every round), kept by the tabs and the next link.
func (p *reviewPage) Filters() template.URL {
	return queueFilters(p.City, p.Indicator, p.Round)
}

// queueFilters is the query of a queue's filters: city and indicator when
// set, the round when one is given ("" there is round=, every round).
func queueFilters(city, indicator string, round ...string) template.URL {
	v := url.Values{}
	if len(round) > 0 {
		v.Set("round", round[0])
	}
	if city != "" {
		v.Set("city", city)
	}
	if indicator != "" {
		v.Set("indicator", indicator)
	}
	return template.URL(v.Encode())
}

// queueRound is the round a review queue's address asks for: the current
// round when it names none (no round= at all: the menu's link), every
// round ("", 0) for round= left blank (the 全部轮次 link, the round box
// emptied), as catalog.ParseListRound reads a list's round; anything
// else that is no round's year (0, abc, 2017年度) is its refusal, which
// used to show every round as if asked for.
func (h *handler) queueRound(r *http.Request, q url.Values) (shown string, round int, err error) {
	if !q.Has("round") {
		shown = h.currentRound(r)
		round, _ = strconv.Atoi(shown)
		return shown, round, nil
	}
	if round, err = catalog.ParseListRound("round", q.Get("round")); err != nil || round == 0 {
		return "", 0, err
	}
	return strconv.Itoa(round), round, nil
}

// queueStatuses are the review queue's tabs, in the order work flows; the
// last holds the carried claims or values their city has yet to confirm,
// which wait outside the queue.
var queueStatuses = []catalog.ClaimStatus{catalog.ClaimPending, catalog.ClaimInsufficient, catalog.ClaimContradicted,
	catalog.ClaimVerified, catalog.ClaimToConfirm}

// reviewPage is the queue: pending claims for reviewers, and for
// coordinators their city's claims in every state; each status with its
// count, and a link to the first claim waiting for a verdict.
func (h *handler) reviewPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	query := r.URL.Query()
	status := query.Get("status")
	if status == "" && u.Role != catalog.RoleCoordinator {
		status = string(catalog.ClaimPending)
	}
	p := &reviewPage{Status: status, City: strings.TrimSpace(query.Get("city")), Indicator: strings.TrimSpace(query.Get("indicator")),
		ValuesKey: valuesWords(u).title}
	var round int
	var err error
	if p.Round, round, err = h.queueRound(r, query); err != nil {
		h.fail(w, r, err)
		return
	}
	p.OutOfScope = h.cityOutOfReach(r, u, p.City)
	asked := readPage(query)
	p.PageNum = asked.shown(100000)
	q, err := h.Claims.Queue(r.Context(), u, catalog.ClaimFilter{Status: catalog.ClaimStatus(status), City: p.City,
		Indicator: p.Indicator, Round: round, Limit: reviewQueueLimit, Offset: (p.PageNum - 1) * reviewQueueLimit})
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
	if p.Indicators, err = h.keyOptions(r, p.Indicator, 24); err != nil {
		h.fail(w, r, err)
		return
	}
	p.Next = q.Next
	tabs := queueStatuses
	if u.Role == catalog.RoleCoordinator || u.Role == catalog.RoleAdmin {
		// Those who withdraw claims find them again, apart from the queue.
		tabs = append(tabs[:len(tabs):len(tabs)], catalog.ClaimWithdrawn)
	}
	for _, s := range tabs {
		p.Tabs = append(p.Tabs, statusTab{Status: string(s), Count: q.Counts[s], Current: string(s) == status})
	}
	for _, c := range q.Claims {
		p.Claims = append(p.Claims, claimRow{Claim: c, IndicatorName: names[c.Indicator], ContradictedIn: q.ContradictedBefore[c.ID].FromRound})
	}
	total := q.Counts[catalog.ClaimStatus(status)]
	if status == "" {
		total = 0
		for st, n := range q.Counts {
			if st != catalog.ClaimWithdrawn {
				total += n
			}
		}
	}
	p.Total, p.Pages = total, (total+reviewQueueLimit-1)/reviewQueueLimit
	if outOfRange(w, r, asked, p.Pages) {
		return
	}
	if status == string(catalog.ClaimPending) && round != 0 && total == 0 {
		if p.Elsewhere, err = h.pendingElsewhere(r, u, p, round); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	if p.PageNum > 1 {
		p.PrevPage = p.pageLink(min(p.PageNum-1, max(p.Pages, 1)))
	}
	if p.PageNum < p.Pages {
		p.NextPage = p.pageLink(p.PageNum + 1)
	}
	h.render(w, r, http.StatusOK, "review", tr(langOf(r), "review.title"), p)
}

// pendingElsewhere counts the claims waiting for review in the rounds
// other than shown, under p's city and indicator.
func (h *handler) pendingElsewhere(r *http.Request, u *catalog.User, p *reviewPage, shown int) ([]claims.RoundCount, error) {
	others, err := h.otherRounds(r, shown)
	if err != nil {
		return nil, err
	}
	return h.Claims.PendingIn(r.Context(), u, catalog.ClaimFilter{City: p.City, Indicator: p.Indicator}, others)
}

// otherRounds are the monitoring rounds but shown: where an empty queue
// of /review or /values looks for work waiting.
func (h *handler) otherRounds(r *http.Request, shown int) ([]int, error) {
	rounds, err := h.Framework.Rounds(r.Context())
	if err != nil {
		return nil, err
	}
	var others []int
	for _, rd := range rounds {
		if rd.Year != shown {
			others = append(others, rd.Year)
		}
	}
	return others, nil
}

// cityOutOfReach is why a queue asked for city (/review, /values) is
// empty when u may not see that city, in the words /compare gives (城市
// 330100 不在您的账号可查看的城市范围内；请选择您负责的城市……); "" when
// no city is asked for or u may see it.
//
// A city the archive does not have (杭州 typed for 330100, a mistyped
// code) is said to be no city code (未知的城市代码“杭州”…), to any user,
// as the search and the API say it: not "not among your cities" to the
// city's own coordinator, nor an empty queue to a reviewer of every city.
func (h *handler) cityOutOfReach(r *http.Request, u *catalog.User, city string) string {
	if city == "" {
		return ""
	}
	if err := h.cityInReach(r, u, city); err != nil {
		return errorText(langOf(r), err)
	}
	return ""
}

// cityInReach is ENOTFOUND, saying so in the words /indicators and
// /carryovers give (城市 330100 不在您的账号可查看的城市范围内……), when
// the city asked for in an address (a shared link, a typed code) is one u
// may not see: a page fixed to the user's own city would otherwise show
// that city under the other's address without a word. A city the archive
// does not have is EINVALID on city, as the API's cityInReach answers it.
func (h *handler) cityInReach(r *http.Request, u *catalog.User, city string) error {
	city = strings.TrimSpace(city)
	if city == "" {
		return nil
	}
	if _, err := h.Framework.City(r.Context(), city); err != nil {
		return catalog.OnInvalidField("city", catalog.NotFoundAsInvalid(err))
	}
	return u.SeeObject(city, catalog.ObjectCity, city)
}

// QuoteNotInText are the numbers of the claim's citations whose quote is
// not in its document's text: 属实 asks to tick that the original's image
// was checked (claims.QuoteNotInText).
func (p *claimPage) QuoteNotInText() []int { return claims.QuoteNotInText(p.Claim) }

type claimPage struct {
	Claim         *catalog.Claim
	IndicatorName string
	Passages      []claims.CitedPassage
	Reviews       []catalog.Review
	History       []catalog.Event
	// Titles are the titles of the documents the history's citations
	// cite, by ID (claims.View.Titles).
	Titles map[string]string
	// Changes are how the history's events changed the statement, by
	// event ID (claims.View.Changes): a reviewer re-reading a claim sent
	// back sees what its city changed.
	Changes map[int64]claims.StatementChange
	// CanRevise: the user may correct the claim's verdict (改判).
	CanRevise   bool
	Candidates  []search.Candidate
	CanEdit     bool
	CanReview   bool
	CanWithdraw bool
	// AuditLog is, for an admin, the link to the claim's events in the
	// audit log (/admin, filtered by it): the history here lists the
	// claim's own, the log also who saw the claim's documents change.
	AuditLog string
	// CarriedFrom is the earlier round's claim this one was carried
	// from, with its verdicts there; nil for a claim written in its round.
	CarriedFrom        *catalog.Claim
	CarriedFromReviews []catalog.Review
	// Verdict is the review that sent the claim back (证据不足, 与证据矛盾),
	// shown beside its status, as /values shows a value's: its reason is
	// what the coordinator must act on, not a line deep in the history.
	Verdict *catalog.Review
	// NumberWarnings say which numbers of the statement its quotes do not
	// write, or write only roughly (values.CheckStatement), in the page's
	// language: for its coordinator and its reviewer alike.
	NumberWarnings []string
	// Next is the next claim waiting for this user's verdict (in the
	// queue of Filters, the city and indicator it was opened from).
	Next    *catalog.Claim
	Filters template.URL
	// Form names the form that came back with errors ("edit", "cite",
	// "review"), State what was typed into it.
	Form  string
	State formState
	// CiteState is the add-citation form's: State when that form came back.
	CiteState formState
}

func (h *handler) claimPage(w http.ResponseWriter, r *http.Request) {
	h.showClaim(w, r, http.StatusOK, "", formState{})
}

// showClaim renders a claim's page; form and st carry a form sent back
// with errors.
func (h *handler) showClaim(w http.ResponseWriter, r *http.Request, status int, form string, st formState) {
	u := sessionFrom(r).User
	v, err := h.Claims.View(r.Context(), u, r.PathValue("id"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	c := v.Claim
	p := &claimPage{Claim: c, CanEdit: v.CanEdit, CanReview: v.CanReview, CanWithdraw: v.CanWithdraw, Passages: v.Passages, Reviews: v.Reviews,
		History: v.History, Titles: v.Titles, Changes: v.Changes, CanRevise: v.CanRevise, Form: form, State: st, CarriedFrom: v.CarriedFrom, CarriedFromReviews: v.CarriedFromReviews}
	if form == "cite" {
		p.CiteState = st
	}
	if u.Role == catalog.RoleAdmin {
		p.AuditLog = eventsOfClaim(c.ID)
	}
	if rs := c.ReviewStatus(); (rs == catalog.ClaimInsufficient || rs == catalog.ClaimContradicted) && len(v.Reviews) > 0 {
		p.Verdict = &v.Reviews[len(v.Reviews)-1] // oldest first: the last is the one the status shows
	}
	for _, w := range h.Values.ClaimNumbers(r.Context(), c).Warnings() {
		p.NumberWarnings = append(p.NumberWarnings, inLang(langOf(r), w))
	}
	// Cited documents written after the claim's round or returned, warned of beside
	// the numbers; a check that fails leaves the page as it was.
	later, _ := h.Values.SourceWarnings(r.Context(), c.Round, c.Citations)
	for _, w := range later {
		p.NumberWarnings = append(p.NumberWarnings, inLang(langOf(r), w))
	}
	q := r.URL.Query()
	// Opened from the queue, the claim page goes on in the queue's round;
	// opened otherwise (no round=), among every round's. A round the
	// queue would refuse is dropped here rather than refuse the claim,
	// so that the way back to the queue is not refused either.
	round, err := catalog.ParseListRound("round", q.Get("round"))
	p.Filters = queueFilters(q.Get("city"), q.Get("indicator"))
	if q.Has("round") && err == nil {
		p.Filters = queueFilters(q.Get("city"), q.Get("indicator"), roundValue(round))
	}
	if next, err := h.Claims.NextPendingIn(r.Context(), u, c.ID, catalog.ClaimFilter{City: q.Get("city"), Indicator: q.Get("indicator"),
		Round: round}); err == nil {
		p.Next = next
	}
	names, err := h.Framework.Names(r.Context())
	if err == nil {
		p.IndicatorName = names[c.Indicator]
	}
	if err == nil && p.CanEdit {
		p.Candidates, err = h.Claims.Candidates(r.Context(), u, c.ID, 5)
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	title := c.Indicator + " " + h.roundNamer(r).name(c.Round, c.Indicator) // as the h1: the name the claim's round keeps
	if title == c.Indicator+" " {
		nameEN := ""
		if langOf(r) == English {
			nameEN = h.indicatorNamesEN(r)[c.Indicator]
		}
		title = indicatorTitle(langOf(r), c.Indicator, p.IndicatorName, nameEN)
	}
	h.render(w, r, status, "claim", title, p)
}

// claimFields are the claim form's fields, by form name; an error about
// the citation as a whole shows beside the quote.
var claimFields = []string{"city", "indicator", "round", "statement", "document_id", "page", "quote", "citations"}

type claimNewPage struct {
	Cities     []option
	KeyOptions []option
	State      formState
}

func (h *handler) claimNewPage(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	h.showClaimNew(w, r, http.StatusOK, formState{Values: map[string]string{"indicator": q.Get("indicator"), "city": q.Get("city"),
		"round": q.Get("round")}})
}

// showClaimNew renders the new-claim form with what st holds: the values
// given in the address, or typed when the form came back with errors.
func (h *handler) showClaimNew(w http.ResponseWriter, r *http.Request, status int, st formState) {
	u := sessionFrom(r).User
	if u.Role == catalog.RoleCoordinator {
		st.Values["city"] = u.City
	}
	p := &claimNewPage{State: st}
	var err error
	if p.Cities, err = h.cityOptions(r, u, st.Value("city")); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.KeyOptions, err = h.keyOptions(r, st.Value("indicator"), 30); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "claim_new", tr(langOf(r), "claim.new"), p)
}

// citationFromForm reads a citation's fields; a page that is not a number
// is refused beside its field rather than read as page 0 (a page left
// out, which the service takes as the page its quote starts on): the
// citation comes with page -1, which the service refuses too, so that its
// other mistakes are found as well (withFormMistake).
func citationFromForm(r *http.Request) (claims.CitationInput, error) {
	cit := claims.CitationInput{DocumentID: strings.TrimSpace(r.PostFormValue("document_id")), Quote: r.PostFormValue("quote")}
	if s := strings.TrimSpace(r.PostFormValue("page")); s != "" {
		page, err := strconv.Atoi(halfWidthDigits(s))
		if err != nil {
			cit.Page = -1
			return cit, catalog.FieldErrorf("page", catalog.EINVALID, "页码应为数字，收到 %q", s)
		}
		cit.Page = page
	}
	return cit, nil
}

// typed is what was typed into fields of the posted form.
func typed(r *http.Request, fields ...string) formState {
	st := formState{Values: map[string]string{}}
	for _, f := range fields {
		st.Values[f] = r.PostFormValue(f)
	}
	return st
}

// withFormMistake puts a mistake found reading the form (a page that is
// no number, sent on as none) in place of the service's mistakes about the
// same field, beside its others; an error that is not about the input
// (forbidden, internal) stays as it is.
func withFormMistake(formErr, err error) error {
	if formErr == nil || err != nil && catalog.ErrorCode(err) != catalog.EINVALID {
		return err
	}
	mistakes := []error{formErr}
	for _, e := range catalog.Each(err) {
		if e.Field != catalog.ErrorField(formErr) {
			mistakes = append(mistakes, e)
		}
	}
	return catalog.Join(mistakes...)
}

// claimCreate saves a new claim with the form's one citation, which the
// claim needs: every mistake of the form comes back at once, each beside
// its field.
func (h *handler) claimCreate(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	// A round that is no number (2017年度) is sent as one the service
	// refuses, beside its other mistakes, never read as the current one.
	round, roundErr := catalog.ParseRound("round", r.PostFormValue("round"))
	if roundErr != nil {
		round = -1
	}
	cit, pageErr := citationFromForm(r)
	in := claims.Input{City: r.PostFormValue("city"), Round: round, Indicator: r.PostFormValue("indicator"),
		Statement: r.PostFormValue("statement"), Citations: []claims.CitationInput{cit}}
	c, err := h.Claims.Create(r.Context(), u, in)
	err = withFormMistake(roundErr, withFormMistake(pageErr, err))
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		st := typed(r, claimFields...)
		st.setError(langOf(r), err, claimFields...)
		h.showClaimNew(w, r, httperr.Prepare(w, r, h.Logger, err), st)
		return
	}
	back(w, r, "/claims/"+c.ID, h.withNumberWarning(r, withQuoteWarning(langOf(r), tr(langOf(r), "claim.saved"), c.Citations, 1), c))
}

// withQuoteWarning adds to the notice of a saved claim that the quote of
// one of its last n citations is not on its page: on which page it is,
// as the citation's card says, else that the document does not have it,
// so that whoever typed it learns so at once, not from the reviewer's
// return.
//
// A quote found only approximately on a scan (QuoteRead) is said too,
// after any not found: the coordinator sees what OCR read, and that the
// reviewer will check it against the scan.
func withQuoteWarning(l Lang, notice string, cits []catalog.Citation, n int) string {
	approx := ""
	for _, c := range cits[max(len(cits)-n, 0):] {
		switch {
		case c.QuoteFound && c.QuoteRead != "" && approx == "":
			approx = tr(l, "claim.notice_sep") + trf(l, "claim.quote_approx", c.Number, c.QuoteRead)
			continue
		case c.QuoteFound:
			continue
		case c.FoundOnPage > 0 && c.FoundOnPage != c.Page:
			return notice + tr(l, "claim.notice_sep") + trf(l, "claim.quote_elsewhere", c.Number, c.Page, c.FoundOnPage)
		}
		return notice + tr(l, "claim.notice_sep") + trf(l, "claim.quote_unfound", c.Number, c.Page)
	}
	return notice + approx
}

// withNumberWarning adds to the notice of a saved claim the numbers of
// its statement its quotes do not write, read on their pages
// (values.Service.ClaimNumbers), so that its coordinator learns so on
// saving, not from the reviewer.
func (h *handler) withNumberWarning(r *http.Request, notice string, c *catalog.Claim) string {
	l := langOf(r)
	for _, w := range h.Values.ClaimNumbers(r.Context(), c).Warnings() {
		notice += tr(l, "claim.notice_sep") + inLang(l, w)
	}
	return notice
}

// claimFormFailed shows the claim again with the form's error beside its
// field, or the error page when the claim itself cannot be shown.
func (h *handler) claimFormFailed(w http.ResponseWriter, r *http.Request, form string, err error, fields ...string) {
	if code := catalog.ErrorCode(err); code != catalog.EINVALID && code != catalog.ECONFLICT && code != catalog.ESTALE {
		h.fail(w, r, err)
		return
	}
	st := typed(r, fields...)
	st.setError(langOf(r), err, fields...)
	h.showClaim(w, r, httperr.Prepare(w, r, h.Logger, err), form, st)
}

func (h *handler) claimEdit(w http.ResponseWriter, r *http.Request) {
	st := r.PostFormValue("statement")
	c, changed, err := h.Claims.Edit(r.Context(), sessionFrom(r).User, r.PathValue("id"), nil, &st, nil)
	if err != nil {
		h.claimFormFailed(w, r, "edit", err, "statement")
		return
	}
	if !changed {
		back(w, r, "/claims/"+c.ID, tr(langOf(r), "claim.unchanged"))
		return
	}
	back(w, r, "/claims/"+c.ID, h.withNumberWarning(r, tr(langOf(r), "claim.updated"), c))
}

func (h *handler) claimAddCitation(w http.ResponseWriter, r *http.Request) {
	cit, pageErr := citationFromForm(r)
	c, err := h.Claims.AddCitation(r.Context(), sessionFrom(r).User, r.PathValue("id"), cit)
	err = withFormMistake(pageErr, err)
	if err != nil {
		h.claimFormFailed(w, r, "cite", err, "document_id", "page", "quote")
		return
	}
	back(w, r, "/claims/"+c.ID+"#cith", h.withNumberWarning(r, withQuoteWarning(langOf(r), tr(langOf(r), "claim.cited"), c.Citations, 1), c))
}

// claimRemoveCitation removes a citation by its number; from a claim
// that has a verdict, only once asked to confirm: the removal clears the
// verdict, which a single click should not.
func (h *handler) claimRemoveCitation(w http.ResponseWriter, r *http.Request) {
	n, _ := strconv.Atoi(r.PathValue("n"))
	if r.PostFormValue("confirm") != "1" {
		if asked, err := h.askRemoveCitation(w, r, n); err != nil || asked {
			if err != nil {
				h.claimFormFailed(w, r, "remove", err)
			}
			return
		}
	}
	c, err := h.Claims.RemoveCitation(r.Context(), sessionFrom(r).User, r.PathValue("id"), n)
	if err != nil {
		h.claimFormFailed(w, r, "remove", err)
		return
	}
	back(w, r, "/claims/"+c.ID+"#cith", fmt.Sprintf(tr(langOf(r), "claim.uncited"), n))
}

// askRemoveCitation shows the confirmation before removing citation n of
// a claim that has a verdict, naming the verdict it clears and the
// citation; asked is false when the claim has none, to remove at once.
func (h *handler) askRemoveCitation(w http.ResponseWriter, r *http.Request, n int) (asked bool, err error) {
	lang, id := langOf(r), r.PathValue("id")
	v, err := h.Claims.View(r.Context(), sessionFrom(r).User, id)
	if err != nil {
		return false, err
	}
	c := v.Claim
	if c.Status != catalog.ClaimVerified && c.Status != catalog.ClaimInsufficient && c.Status != catalog.ClaimContradicted {
		return false, nil
	}
	if err := claims.CheckRemoveCitation(c, n); err != nil {
		return false, err
	}
	if !v.CanEdit {
		return false, nil // refused by RemoveCitation, with its reason
	}
	var items []string
	for _, t := range c.Citations {
		if t.Number == n {
			items = append(items, citationLine(lang, claims.EventCitation{Number: t.Number, DocumentID: t.DocumentID, Page: t.Page, Quote: t.Quote},
				v.Titles[t.DocumentID]))
		}
	}
	h.render(w, r, http.StatusOK, "confirm", tr(lang, "claim.remove_citation"), &confirmPage{
		Question: trf(lang, "claim.uncite.confirm", n), Items: items,
		Warning: trf(lang, "claim.uncite.verdict", verdictName(lang, string(c.Status))),
		Action:  fmt.Sprintf("/claims/%s/citations/%d/delete", id, n), Fields: []hiddenField{{"confirm", "1"}},
		Button: tr(lang, "claim.remove_citation"), Cancel: "/claims/" + id + "#citation-" + strconv.Itoa(n)})
	return true, nil
}

// seenOnPage is the version of the claim or value the page showed, as
// its form sends it back (version): nil for a form without one (a page
// from before forms carried it), which gives the verdict on the object as
// it is.
func seenOnPage(r *http.Request) catalog.IfMatch {
	if v := strings.TrimSpace(r.PostFormValue("version")); v != "" {
		return catalog.IfMatch{v}
	}
	return nil
}

func (h *handler) claimReview(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	if r.PostFormValue("revise") == "1" {
		h.claimRevise(w, r, id)
		return
	}
	in := claims.Verdict{Verdict: r.PostFormValue("verdict"), Comment: r.PostFormValue("comment"),
		Seen: seenOnPage(r), QuoteChecked: r.PostFormValue("quote_checked") == "1"}
	if _, err := h.Claims.Give(r.Context(), sessionFrom(r).User, id, in); err != nil {
		fields := []string{"verdict", "comment", "quote_checked"}
		if catalog.ErrorCode(err) == catalog.ESTALE {
			// The page shows the new text: its verdict is to be chosen
			// anew; the comment typed is kept.
			fields = []string{"comment"}
		}
		h.claimFormFailed(w, r, "review", err, fields...)
		return
	}
	back(w, r, "/claims/"+id, tr(langOf(r), "claim.reviewed"))
}

// claimWithdraw asks to confirm, then withdraws the claim: it leaves the
// review queue and the heat map and stays, with its history, on its page.
func (h *handler) claimWithdraw(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	u := sessionFrom(r).User
	id := r.PathValue("id")
	if r.PostFormValue("confirm") != "1" {
		c, err := h.Claims.Get(r.Context(), u, id)
		if err == nil {
			err = claims.CheckWithdraw(u, c)
		}
		if err != nil {
			h.claimFormFailed(w, r, "withdraw", err)
			return
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "claim.withdraw"), &confirmPage{
			Question: tr(lang, "claim.withdraw.confirm"), Items: []string{c.Indicator + " " + catalog.TypedText(c.Statement)},
			Action: "/claims/" + id + "/withdraw", Fields: []hiddenField{{"confirm", "1"}},
			Button: tr(lang, "claim.withdraw"), Cancel: "/claims/" + id})
		return
	}
	c, err := h.Claims.Withdraw(r.Context(), u, id, r.PostFormValue("reason"))
	if err != nil {
		h.claimFormFailed(w, r, "withdraw", err)
		return
	}
	back(w, r, "/claims/"+c.ID, tr(lang, "claim.withdrawn_done"))
}

// claimRevise corrects the claim's verdict (改判) once asked to confirm,
// naming the verdict it replaces and the new one; the form's mistakes
// (no comment, the same verdict, 属实 on a quote not in the text without
// the tick box) come back beside their fields first. Like the review form
// it carries the version shown, so that a revision of a claim changed
// since is not saved.
func (h *handler) claimRevise(w http.ResponseWriter, r *http.Request, id string) {
	lang, u := langOf(r), sessionFrom(r).User
	in := claims.Verdict{Verdict: r.PostFormValue("verdict"), Comment: r.PostFormValue("comment"),
		Seen: seenOnPage(r), QuoteChecked: r.PostFormValue("quote_checked") == "1"}
	fields := []string{"verdict", "comment", "quote_checked"}
	if r.PostFormValue("confirm") != "1" {
		c, err := h.Claims.Get(r.Context(), u, id)
		var v catalog.ClaimStatus
		comment := in.Comment
		if err == nil {
			v, comment, err = claims.CheckRevision(u, c, in.Verdict, in.Comment)
		}
		if err == nil {
			err = claims.CheckQuoteChecked(c, v, in)
		}
		if err != nil {
			h.claimFormFailed(w, r, "revise", err, fields...)
			return
		}
		h.render(w, r, http.StatusOK, "confirm", tr(lang, "claim.revise"), &confirmPage{
			Question: reviseQuestion(lang, c.Status, v),
			Items:    []string{tr(lang, "claim.revise_comment") + colon(lang) + catalog.TypedText(comment)},
			Action:   "/claims/" + id + "/review",
			Fields: []hiddenField{{"revise", "1"}, {"previous", cmp.Or(r.PostFormValue("previous"), string(c.Status))}, {"verdict", string(v)},
				{"comment", comment}, {"version", r.PostFormValue("version")}, {"quote_checked", r.PostFormValue("quote_checked")}, {"confirm", "1"}},
			Button: tr(lang, "claim.revise"), Cancel: "/claims/" + id + "#revise"})
		return
	}
	if _, err := h.Claims.ReviseFrom(r.Context(), u, id, r.PostFormValue("previous"), in); err != nil {
		if catalog.ErrorCode(err) == catalog.ESTALE {
			fields = []string{"comment"} // the page shows the new text: the verdict is chosen anew
		}
		h.claimFormFailed(w, r, "revise", err, fields...)
		return
	}
	back(w, r, "/claims/"+id, tr(lang, "claim.revised"))
}

// reviseQuestion is the confirmation a revision (改判) of the verdict from
// into to asks: the two verdicts named, or, the same one, that only its
// comment changes.
func reviseQuestion(lang Lang, from, to catalog.ClaimStatus) string {
	if from == to {
		return trf(lang, "claim.recomment_confirm", verdictName(lang, from))
	}
	return trf(lang, "claim.revise_confirm", verdictName(lang, from), verdictName(lang, to))
}
