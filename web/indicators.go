package web

import (
	"html/template"
	"net/http"
	"strconv"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/savedsearch"
	"github.com/lcmonitor/evidence/search"
	"github.com/lcmonitor/evidence/values"
)

type heatCell struct {
	City, Code string
	coverage.Cell
	Class, Symbol, Label string
}

type heatRow struct {
	Code, Name, Kind string
	// Dropped: today's framework no longer has the indicator (a past
	// round's, coverage.Column.Dropped), so its cells open the round's
	// documents linked to it rather than the indicator's page, which is
	// today's.
	Dropped bool
	Cells   []heatCell
}

type indicatorsPage struct {
	City    string
	Round   int
	Rounds  []catalog.Round
	Cities  []option
	Tree    []*coverage.Node
	Columns []catalog.City
	Rows    []heatRow
	// Downloads are the report and 佐证材料包 of the city shown, for the
	// round shown (the current one when all are): nil for no one city.
	Downloads *reportLink
	// OutOfScope says, in the page's language, why the heat map is empty
	// when the city asked for (a shared link's) is one the user may not
	// see (coverage.Matrix.OutOfScope); "" otherwise.
	OutOfScope string
}

// CellLook gives a heat-map cell its class, a symbol and words, so colour
// is never the only signal, by the cell's state (coverage.Cell.State, the
// order the xlsx sheet and `evidence coverage` share). Items carried over
// and not confirmed are the state (↻ 待确认) only when nothing outranks
// them (coverage.Cell.CarriedOnly); otherwise ↻ stands beside the state:
// a reviewer's verdict in the round, or, over all rounds (全部), whatever
// the rounds they were carried from hold.
func CellLook(l Lang, c coverage.Cell) (class, symbol, label string) {
	st := c.State()
	class, symbol, label = stateLook(l, st, c)
	if st == coverage.StateToConfirm {
		return class, symbol, label
	}
	return class, symbol + carried(c), label + carriedWords(l, c)
}

// stateLook is the look of the state st of the cell c, carried items
// beside it aside.
func stateLook(l Lang, st coverage.State, c coverage.Cell) (class, symbol, label string) {
	switch st {
	case coverage.StateContradicted:
		return "contradicted", "⚠", tr(l, "claim.contradicted")
	case coverage.StateInsufficient: // sent back for more evidence: the coordinator has work to do
		return "insufficient", "△", tr(l, "compare.status.insufficient") // "Insufficient evidence", as the legend, /compare and the xlsx say
	case coverage.StateVerifiedQuoteNotFound: // checked against the original's image: verified, the mark kept
		return "verifiedquote", "✔※", tr(l, "compare.status.verified_quote_not_found")
	case coverage.StateVerified:
		return "verified", "✔", tr(l, "claim.verified")
	case coverage.StateToConfirm:
		return "toconfirm", "↻", tr(l, "ind.to_confirm")
	case coverage.StateSourceDeleted: // not the gap's ✕: the cell may hold live documents too
		return "sourcedeleted", "⊘", tr(l, "compare.status.source_deleted")
	case coverage.StateValueNotFound:
		return "valuenotfound", "？", tr(l, "compare.status.value_not_found")
	case coverage.StateClaimNumberNotFound: // a qualitative indicator has no 数值: the statement is what to correct
		return "valuenotfound", "？", tr(l, "compare.status.claim_number_not_found")
	case coverage.StateClaimNumberToCheck:
		return "valuenotfound", "？", tr(l, "compare.status.number_to_check")
	case coverage.StateValueToCheck:
		return "valuenotfound", "？", tr(l, "compare.status.value_to_check")
	case coverage.StateNoValue:
		return "novalue", "◐" + strconv.Itoa(c.Documents), trf(l, "heat.no_value", c.Documents)
	case coverage.StateQuoteRecheck: // the value's marks are the old text's: why, as /compare says
		why := c.QuoteRecheck
		if l == English && c.QuoteRecheckEN != "" {
			why = c.QuoteRecheckEN
		}
		return "quoterecheck", "？", trf(l, "quote.recheck_why", why)
	case coverage.StateQuoteNotFound: // the hollow of ◆: cited, but by words the text does not have
		return "quotenotfound", "◇", tr(l, "compare.status.quote_not_found")
	case coverage.StateClaimed:
		return "claimed", "◆", tr(l, "ind.claimed")
	case coverage.StateValued:
		return "claimed", "◆", tr(l, "ind.valued")
	case coverage.StateDocuments:
		return "linked", "●" + strconv.Itoa(c.Documents), trf(l, "heat.documents", c.Documents)
	}
	return "none", "✕", tr(l, "ind.gap")
}

// carried is the ↻ shown beside a cell's state when the cell also has
// items carried over and not confirmed yet, and carriedWords says so.
func carried(c coverage.Cell) string {
	if c.ToConfirm > 0 {
		return " ↻"
	}
	return ""
}

func carriedWords(l Lang, c coverage.Cell) string {
	if c.ToConfirm > 0 {
		return " · " + tr(l, "ind.to_confirm")
	}
	return ""
}

func (h *handler) indicatorsPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	lang := langOf(r)
	p := &indicatorsPage{City: r.URL.Query().Get("city")}
	var err error
	if p.Round, err = catalog.ParseListRound("round", r.URL.Query().Get("round")); err != nil {
		h.fail(w, r, err)
		return
	}
	if p.Rounds, err = h.Framework.Rounds(r.Context()); err != nil {
		h.fail(w, r, err)
		return
	}
	if _, chosen := r.URL.Query()["round"]; !chosen {
		// The heat map opens on the current round, as the board and the
		// comparison do: counting every round together showed round 1's
		// verdicts as if round 2 had them. 全部 (round=) still sums them.
		for _, rd := range p.Rounds {
			if rd.Current {
				p.Round = rd.Year
			}
		}
	}
	tree, err := h.Coverage.Tree(r.Context(), u, p.City)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.City, p.Tree = tree.City, tree.Nodes
	if p.Cities, err = h.cityOptions(r, u, p.City); err != nil {
		h.fail(w, r, err)
		return
	}
	m, err := h.Coverage.Matrix(r.Context(), u, p.Round, p.City)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p.OutOfScope = m.OutOfScope
	if lang == English && m.OutOfScopeEN != "" {
		p.OutOfScope = m.OutOfScopeEN
	}
	if round := downloadRound(p.Round, p.Rounds); p.City != "" && p.OutOfScope == "" && round != 0 {
		p.Downloads = reportLinks(p.City, round, lang)
	}
	byCity := map[string]map[string]coverage.Cell{}
	for _, c := range m.Cities {
		p.Columns = append(p.Columns, catalog.City{Code: c.Code, Name: cityLabel(lang, catalog.City{Code: c.Code, Name: c.Name})})
		byCity[c.Code] = map[string]coverage.Cell{}
		for _, cell := range c.Cells {
			byCity[c.Code][cell.Code] = cell
		}
	}
	for _, col := range m.Indicators {
		row := heatRow{Code: col.Code, Name: col.Name, Kind: col.Kind, Dropped: col.Dropped}
		for _, c := range m.Cities {
			cell := byCity[c.Code][col.Code]
			class, symbol, label := CellLook(lang, cell)
			row.Cells = append(row.Cells, heatCell{City: c.Code, Code: col.Code, Cell: cell, Class: class, Symbol: symbol, Label: label})
		}
		p.Rows = append(p.Rows, row)
	}
	h.render(w, r, http.StatusOK, "indicators", tr(lang, "ind.title"), p)
}

// downloadRound is the round whose report a page links: the one shown,
// or the current one when the page shows every round together.
func downloadRound(shown int, rounds []catalog.Round) int {
	if shown != 0 {
		return shown
	}
	for _, rd := range rounds {
		if rd.Current {
			return rd.Year
		}
	}
	return 0
}

type indicatorPage struct {
	Indicator catalog.Indicator
	City      string
	Items     []search.EvidenceItem
	// Pack is the indicator's query pack (检索方案) with the user's counts.
	Pack *savedsearch.Pack
	// Claims are the current round's claims (定性描述) of the indicator
	// the user may see, with their latest review in Reviews (by claim
	// ID): a verdict such as 证据不足 and its reason show where the
	// coordinator looks.
	Claims  []catalog.Claim
	Reviews map[string]catalog.Review
	// More counts the claims past the list's limit (indicatorClaimsLimit),
	// which the page sends to the review queue for (MoreLink), rather
	// than leaving them out unsaid.
	More     int
	MoreLink template.URL
	// Round is the monitoring round whose claims and values are shown;
	// the documents that do not count in it are marked (OtherRound).
	Round int
	// Values are the round's values (数值) of a quantitative indicator
	// the user may see, one per city, each with its cited document and
	// its latest verdict and reason, as the claims have theirs.
	Values []valueRow
}

// indicatorClaimsLimit is how many claims an indicator's page lists; a
// variable for tests.
var indicatorClaimsLimit = 100

func (h *handler) indicatorPage(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	city := r.URL.Query().Get("city")
	// Another city's indicator page would list no evidence and no claims
	// without a word: it says the city is not the account's instead.
	if err := h.cityInReach(r, u, city); err != nil {
		h.fail(w, r, err)
		return
	}
	// The round asked for (?round=, as a past round's heat map may link),
	// else the current one: its claims and values are listed, and the
	// documents that do not count in it are marked. A round that is no
	// year, or no known round (IndicatorEvidence), is said to be unknown
	// rather than shown empty with every document marked.
	round, err := search.RoundParam(r.URL.Query().Get("round"))
	if err != nil {
		h.fail(w, r, err)
		return
	}
	if round == 0 {
		round, err = h.Framework.CurrentRound(r.Context())
	}
	if err != nil {
		h.fail(w, r, err)
		return
	}
	ev, err := h.Search.IndicatorEvidence(r.Context(), r.PathValue("code"), city, round, u, 10)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	pack, err := h.Saved.Pack(r.Context(), u, ev.Indicator.Code)
	if err != nil {
		h.fail(w, r, err)
		return
	}
	p := &indicatorPage{Indicator: ev.Indicator, City: city, Items: ev.Items, Pack: pack, Round: round}
	if ev.Indicator.Level == catalog.KeyLevel {
		f := catalog.ClaimFilter{Indicator: ev.Indicator.Code, City: city, Round: round, Limit: indicatorClaimsLimit}
		if p.Claims, err = h.Claims.List(r.Context(), u, f); err != nil {
			h.fail(w, r, err)
			return
		}
		if len(p.Claims) >= indicatorClaimsLimit {
			n, err := h.Claims.Count(r.Context(), u, f)
			if err != nil {
				h.fail(w, r, err)
				return
			}
			p.More, p.MoreLink = n-len(p.Claims), queueFilters(city, ev.Indicator.Code, strconv.Itoa(round))
		}
		if p.Reviews, err = h.Claims.LastReviews(r.Context(), p.Claims); err != nil {
			h.fail(w, r, err)
			return
		}
		if ev.Indicator.Kind == catalog.Quantitative {
			if p.Values, err = h.indicatorValues(r, ev.Indicator.Code, city, round); err != nil {
				h.fail(w, r, err)
				return
			}
		}
	}
	h.render(w, r, http.StatusOK, "indicator", indicatorTitle(langOf(r), ev.Indicator.Code, ev.Indicator.Name, ev.Indicator.NameEN), p)
}

// indicatorValues are the values of a quantitative indicator in a round
// that the user may see (a coordinator: their city's), as /values shows
// them (valueRows): the cited document, the latest verdict, and the
// notes when the number is not in the passage or the value it was
// carried from was found 与证据矛盾.
func (h *handler) indicatorValues(r *http.Request, code, city string, round int) ([]valueRow, error) {
	u := sessionFrom(r).User
	list, err := h.Values.List(r.Context(), u, values.Filter{City: city, Round: round, Indicator: code})
	if err != nil {
		return nil, err
	}
	return h.valueRows(r, u, list)
}
