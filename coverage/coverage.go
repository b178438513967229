// Package coverage computes what the monitoring work wants to see at a
// glance: the indicator tree with evidence counts rolled up from key
// indicators to their areas, and the city × key-indicator matrix of linked
// documents with the gaps first. It is pure computation over catalog data.
package coverage

import (
	"context"
	"sort"

	"github.com/lcmonitor/evidence/catalog"
)

// Node is an indicator with the number of distinct documents linked to it
// or, for levels 1 and 2, to any key indicator beneath it.
type Node struct {
	Code     string   `json:"code"`
	Name     string   `json:"name"`
	NameEN   string   `json:"name_en,omitempty"`
	Level    int      `json:"level"`
	Kind     string   `json:"kind,omitempty"`
	Info     string   `json:"info,omitempty"`
	InfoEN   string   `json:"info_en,omitempty"`
	Unit     string   `json:"unit,omitempty"`
	Keywords []string `json:"keywords,omitempty"`
	Evidence int      `json:"evidence"`
	Children []*Node  `json:"children,omitempty"`
}

// Under maps each key indicator of inds (parents first) to the nodes of
// the tree its evidence counts under: itself, its parent and its area.
// Evidence of a node above the key indicators (a link to a level-2 code)
// counts nowhere.
func Under(inds []catalog.Indicator) map[string][]string {
	parent := map[string]string{}
	for _, ind := range inds {
		parent[ind.Code] = ind.ParentCode
	}
	under := map[string][]string{}
	for _, ind := range inds {
		if ind.Level != catalog.KeyLevel {
			continue
		}
		for c := ind.Code; c != ""; c = parent[c] {
			under[ind.Code] = append(under[ind.Code], c)
		}
	}
	return under
}

// Tree builds the indicator tree (inds with parents first) with each
// node's number of distinct evidence documents (evidence, by code: what
// catalog.Store.EvidenceGroupCountsUnder counts under the nodes Under
// names), a group of versions once, by the rule of the indicator page
// and the heat map (catalog.VersionGroups). A document linked to two key
// indicators of one area counts once for that area, as do the .pdf
// linked to one and the .docx of the same policy linked to the other.
func Tree(inds []catalog.Indicator, evidence map[string]int) []*Node {
	nodes := map[string]*Node{}
	var roots []*Node
	for _, ind := range inds {
		n := &Node{Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN, Level: ind.Level, Kind: string(ind.Kind),
			Info: ind.Info, InfoEN: ind.InfoEN, Unit: ind.Unit, Keywords: ind.Keywords, Evidence: evidence[ind.Code]}
		nodes[ind.Code] = n
		if p, ok := nodes[ind.ParentCode]; ok {
			p.Children = append(p.Children, n)
		} else {
			roots = append(roots, n)
		}
	}
	return roots
}

// Matrix is the coverage of key indicators by evidence documents (linked,
// or cited by a claim or value), per city.
type Matrix struct {
	Round int `json:"round,omitempty"`
	// NamesKept is true when Round keeps its own indicator names (a past
	// round): the columns are named as the round named them.
	NamesKept  bool           `json:"names_kept,omitempty"`
	Indicators []Column       `json:"indicators"`
	Cities     []CityCoverage `json:"cities"`
	// OutOfScope, when the city asked for is one the user may not see, is
	// why the matrix is empty, in the words /compare and the report give
	// for that city (城市 … 不在您的账号可查看的城市范围内…), and
	// OutOfScopeEN the same in English: a listing out of scope is empty,
	// not an error (catalog/scope.go), but it says so.
	OutOfScope   string `json:"out_of_scope,omitempty"`
	OutOfScopeEN string `json:"out_of_scope_en,omitempty"`
}

// Column is a key indicator of the matrix, named as the matrix's round
// names it (IndicatorName).
type Column struct {
	IndicatorName
	Kind string `json:"kind"`
	// Dropped is true for an indicator of a past round that today's
	// framework no longer has: the round's coverage still counts it, named
	// as the round named it.
	Dropped bool `json:"dropped,omitempty"`
}

// CityCoverage is one city's row: how many key indicators have evidence,
// and each indicator's count, gaps first (qualitative indicators without
// evidence, then quantitative ones without, then the rest by code).
type CityCoverage struct {
	Code    string `json:"code"`
	Name    string `json:"name"`
	Covered int    `json:"covered"`
	Total   int    `json:"total"`
	Cells   []Cell `json:"cells"`
}

// Cell is one city × indicator: linked documents, claims, verified claims,
// and the claims and values a reviewer found contradicted by their
// evidence (与证据矛盾), which outweigh any verified one: the indicator
// needs correcting before it can count as verified.
type Cell struct {
	Code string `json:"code"`
	Name string `json:"name"`
	Kind string `json:"kind"`
	// Documents counts the evidence documents, a group of versions (the
	// .pdf and .docx of one policy) once, as the indicator page does
	// (countEvidence).
	Documents    int `json:"documents"`
	Claims       int `json:"claims"`
	Verified     int `json:"verified"`
	Contradicted int `json:"contradicted"`
	// Insufficient counts the claims and values a reviewer found 证据不足
	// (sent back for more evidence): after a contradiction, they outweigh
	// a verified one and anything carried over to confirm, as /compare and
	// the report show.
	Insufficient int `json:"insufficient"`
	// Backed counts the claims citing a document not withdrawn (撤回):
	// claims whose documents were all withdrawn are no evidence, as in
	// the report, where such an indicator is 缺.
	Backed int `json:"backed"`
	// SourcesDeleted counts the claims and values whose cited documents
	// are all deleted (出处已删除, catalog.SourcesDeleted): claims and
	// values alike, none of them counts as verified or as a value.
	SourcesDeleted int `json:"sources_deleted"`
	// Values counts the values recorded whose cited source is not
	// withdrawn, and VerifiedValues those a reviewer verified: a
	// quantitative indicator with its number is no gap, linked documents
	// or not, as on /compare and in the report.
	Values         int `json:"values"`
	VerifiedValues int `json:"verified_values"`
	// ValuesNotFound counts the values among Values still 待审核 whose
	// number is not in their quote (value_found false, 数值未在引文中找到):
	// the cell says so rather than 已填报数值, as /compare does
	// (StatusValueNotFound).
	ValuesNotFound int `json:"values_not_found"`
	// ClaimsNotFound counts the claims (定性描述) still 待审核 with a number
	// in their statement that none of their quotes writes (the claim's
	// numbers_not_found, 定性描述中的数字…未在引文中找到): the heat map marks
	// the cell ？ as it does for ValuesNotFound.
	ClaimsNotFound int `json:"claims_not_found"`
	// ClaimsSpaced counts the other claims still 待审核 with a number of
	// their statement a quote writes only as digits parted by a space (the
	// claim's numbers_spaced: 1200场 against “1 200”, which may be a
	// table's neighbours 1 and 200): not found, as on the claim's page,
	// the heat map marks the cell ？ 定性描述中的数字待核对.
	ClaimsSpaced int `json:"claims_spaced"`
	// ValuesSpaced counts the values among Values still 待审核 whose number
	// their quote writes only as digits parted by a space (1200 against
	// “累计开户 1 200 人”, which may be a table's 1 and 200): found, but to
	// check, the heat map marks the cell ？ as for ClaimsSpaced, as
	// /values and the report warn of it.
	ValuesSpaced int `json:"values_spaced"`
	// QuotesToRecheck counts the values among Values whose quote's look
	// in its text read anew failed (引文待重新核对): their marks are the
	// old text's, so they count in no ValuesNotFound; QuoteRecheck and
	// QuoteRecheckEN say why (the first one's).
	QuotesToRecheck int    `json:"quotes_to_recheck"`
	QuoteRecheck    string `json:"quote_recheck,omitempty"`
	QuoteRecheckEN  string `json:"quote_recheck_en,omitempty"`
	// QuoteNotFound says the cell's evidence ties the indicator only by
	// quotes on no page of their documents' text (引文未找到), and
	// VerifiedQuoteNotFound that a reviewer verified such a claim or value
	// all the same (已核实（引文在文字中未找到）): catalog.QuoteStanding, the
	// rule the report and /compare follow too (AddQuoteStandings).
	QuoteNotFound         bool `json:"quote_not_found"`
	VerifiedQuoteNotFound bool `json:"verified_quote_not_found"`
	// ToConfirm counts the claims, values and links carried over from the
	// last round that the city has not confirmed yet (待确认): until it
	// does, the cell says so after a reviewer's verdict in the round (与证据
	// 矛盾, 证据不足, 属实, which stays the state with ↻ beside it) and before
	// anything else, as /compare and the report do (StatusToConfirm).
	ToConfirm int `json:"to_confirm"`
	// AllRounds says the cell sums every round (全部, round 0). A carried
	// item to confirm is a copy of evidence an earlier round of the sum
	// holds (or held), so there it stands beside the state that evidence
	// gives rather than instead of it: 全部 is at least as covered as any
	// of its rounds (CarriedOnly).
	AllRounds bool `json:"-"`
}

// Build makes the matrix for cities over the key indicators of inds. Add
// values with AddValues and carried objects with AddCarried, then count
// each city's covered indicators with Finish: Build counts none, as
// whether an indicator is covered depends on all of them.
func Build(round int, cities []catalog.City, inds []catalog.Indicator, counts []catalog.LinkCount, claims []catalog.ClaimCount) *Matrix {
	m := &Matrix{Round: round, Indicators: []Column{}, Cities: []CityCoverage{}}
	for _, ind := range inds {
		if ind.Level == catalog.KeyLevel {
			m.Indicators = append(m.Indicators, Column{IndicatorName: IndicatorName{Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN}, Kind: string(ind.Kind)})
		}
	}
	n := map[[2]string]int{}
	for _, c := range counts {
		n[[2]string{c.City, c.Indicator}] = c.Documents
	}
	cl := map[[2]string]catalog.ClaimCount{}
	for _, c := range claims {
		cl[[2]string{c.City, c.Indicator}] = c
	}
	for _, city := range cities {
		row := CityCoverage{Code: city.Code, Name: city.Name, Total: len(m.Indicators)}
		for _, col := range m.Indicators {
			key := [2]string{city.Code, col.Code}
			docs := n[key]
			row.Cells = append(row.Cells, Cell{Code: col.Code, Name: col.Name, Kind: col.Kind, Documents: docs,
				Claims: cl[key].Claims, Verified: cl[key].Verified, Contradicted: cl[key].Contradicted,
				Insufficient: cl[key].Insufficient, Backed: cl[key].Backed, SourcesDeleted: cl[key].SourcesDeleted, AllRounds: round == 0})
		}
		sort.SliceStable(row.Cells, func(i, j int) bool { return gapRank(row.Cells[i]) < gapRank(row.Cells[j]) })
		m.Cities = append(m.Cities, row)
	}
	return m
}

// gapRank orders cells: qualitative gaps, quantitative gaps, the rest.
func gapRank(c Cell) int {
	switch {
	case c.Documents == 0 && c.Kind == string(catalog.Qualitative):
		return 0
	case c.Documents == 0:
		return 1
	}
	return 2
}

// AddCarried counts the carried objects still to confirm in the cells of
// their city and indicator; once Finish counts, a city does not count as
// covered an indicator whose evidence waits to be confirmed
// (Cell.State).
func (m *Matrix) AddCarried(carried []catalog.Carryover) {
	cells := m.cells()
	for _, c := range carried {
		if cell := cells[[2]string{c.City, c.Indicator}]; cell != nil && c.State == catalog.CarryToConfirm {
			cell.ToConfirm++
		}
	}
}

// Status is the cell's state as /compare and the report say it
// (State.Status).
func (c Cell) Status() string { return c.State().Status() }

// CarriedOnly reports whether the cell's state is 待确认 (↻) alone: it has
// items carried over to confirm and no reviewer's verdict, and, over all
// rounds (AllRounds), nothing but a gap without them: the rounds they
// were carried from count as they are (2018 covered, 2019 待确认: covered,
// ↻ beside). Otherwise any ↻ stands beside the cell's state.
func (c Cell) CarriedOnly() bool {
	if c.ToConfirm == 0 {
		return false
	}
	f := c.facts()
	f.ToConfirm = true
	if st := f.State(); st != StateToConfirm || !c.AllRounds {
		return st == StateToConfirm
	}
	f.ToConfirm = false
	st := f.State()
	return st == StateGap || st == StateNoValue
}

// facts are what the cell's state rests on, carried items left aside.
func (c Cell) facts() Facts {
	return Facts{Contradicted: c.Contradicted > 0, Insufficient: c.Insufficient > 0, Verified: c.Verified > 0 || c.VerifiedValues > 0,
		SourceDeleted: c.SourcesDeleted > 0, ValueNotFound: c.ValuesNotFound > 0, ClaimNumberNotFound: c.ClaimsNotFound > 0,
		ClaimNumberToCheck: c.ClaimsSpaced > 0, ValueToCheck: c.ValuesSpaced > 0,
		NoValue: c.Kind == string(catalog.Quantitative) && c.Values == 0, Evidence: c.Documents > 0 || c.Backed > 0,
		QuoteRecheck: c.QuotesToRecheck > 0, QuoteNotFound: c.QuoteNotFound, VerifiedQuoteNotFound: c.VerifiedQuoteNotFound,
		Claimed: c.Backed > 0, Valued: c.Values > 0}
}

// AddQuoteStandings marks the cells whose evidence ties their indicator
// only by quotes not found in the text (catalog.Store.QuoteStandings, by
// city and indicator).
func (m *Matrix) AddQuoteStandings(standings map[[2]string]catalog.QuoteStanding) {
	cells := m.cells()
	for key, st := range standings {
		if c := cells[key]; c != nil {
			c.QuoteNotFound, c.VerifiedQuoteNotFound = st.NotFound, st.VerifiedNotFound
		}
	}
}

// Finish counts each city's covered indicators, once the cells have
// their documents, claims, values and carried objects: those with
// evidence documents whose state counts as covered (State.Covered), as
// the report counts them (a quantitative indicator without its value is
// not covered, 有佐证，缺数值 or not; evidence carried over and not
// confirmed does not count).
func (m *Matrix) Finish() {
	for i := range m.Cities {
		row := &m.Cities[i]
		row.Covered = 0
		for _, c := range row.Cells {
			if c.Documents > 0 && c.State().Covered() {
				row.Covered++
			}
		}
	}
}

// cells are the matrix's cells by city and indicator code.
func (m *Matrix) cells() map[[2]string]*Cell {
	cells := map[[2]string]*Cell{}
	for i := range m.Cities {
		row := &m.Cities[i]
		for j := range row.Cells {
			cells[[2]string{row.Code, row.Cells[j].Code}] = &row.Cells[j]
		}
	}
	return cells
}

// AddClaimNumbers counts in the cells of their city and indicator the
// claims of pending whose statement has a number check finds in none of
// their quotes (ClaimsNotFound), or the others' with one a quote writes
// only spaced (ClaimsSpaced). Only claims still 待审核 are checked: a
// reviewer's verdict settles the others.
func (m *Matrix) AddClaimNumbers(ctx context.Context, pending []catalog.Claim, check ClaimNumbers) {
	cells := m.cells()
	for i := range pending {
		c := &pending[i]
		cell := cells[[2]string{c.City, c.Indicator}]
		if cell == nil {
			continue
		}
		switch catalog.CheckClaimNumbers(ctx, c, check) {
		case catalog.ClaimNumbersMissing:
			cell.ClaimsNotFound++
		case catalog.ClaimNumbersSpaced:
			cell.ClaimsSpaced++
		}
	}
}

// AddValues counts vals in the cells of their city and indicator: those a
// reviewer found contradicted by their evidence, and the others whose
// cited source is not in withdrawn (documents deleted since), with those
// pending whose number spaced finds only spaced in their quote (nil:
// none).
func (m *Matrix) AddValues(vals []catalog.Value, withdrawn map[string]bool, spaced ValueSpaced) {
	cells := m.cells()
	for _, v := range vals {
		c := cells[[2]string{v.City, v.Indicator}]
		switch {
		case c == nil:
		case v.Status == catalog.ClaimContradicted:
			c.Contradicted++
		case catalog.SourcesDeleted(catalog.ValueDocuments(&v), func(id string) bool { return withdrawn[id] }):
			// Its verdict of 证据不足 still stands, as a claim's does
			// (catalog.CountClaims) and /compare and the report read it:
			// the reviewer told to judge so (SourcesDeletedVerdictError)
			// sees the state they gave.
			c.SourcesDeleted++
			if v.Status == catalog.ClaimInsufficient {
				c.Insufficient++
			}
		default:
			c.Values++
			if v.Status == catalog.ClaimInsufficient {
				c.Insufficient++
			}
			if v.Status == catalog.ClaimVerified {
				c.VerifiedValues++
			}
			if catalog.ValueNumberNotInQuote(v) {
				c.ValuesNotFound++
			} else if numberSpaced(&v, spaced) {
				c.ValuesSpaced++
			}
			if v.Citation.RecheckError != "" {
				if c.QuotesToRecheck++; c.QuoteRecheck == "" {
					c.QuoteRecheck, c.QuoteRecheckEN = v.Citation.RecheckError, v.Citation.RecheckErrorEN
				}
			}
		}
	}
}
