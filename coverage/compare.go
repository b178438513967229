package coverage

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// Round statuses of an indicator in a comparison, in the report and in
// the API: a State as they say it (State.Status).
const (
	StatusGap          = catalog.IndicatorGap          // 缺: no evidence and no value
	StatusEvidence     = catalog.IndicatorEvidence     // evidence or a value, nothing verified yet
	StatusVerified     = catalog.IndicatorVerified     // a verified claim or value
	StatusToConfirm    = catalog.IndicatorToConfirm    // carried from the last round, 待确认
	StatusContradicted = catalog.IndicatorContradicted // 与证据矛盾: outweighs everything else
	StatusInsufficient = catalog.IndicatorInsufficient // 证据不足: outweighs a verified one
	// StatusAbsent is an indicator a round compared never had (本轮无此指标)
	// and has nothing for: one added since a round that keeps its names,
	// one today's framework dropped in a round that follows it (compareRow).
	StatusAbsent = "absent"
	// StatusValueNotFound is 数值未在引文中找到: the round's value, or a
	// claim, not reviewed yet has a number its quotes do not write.
	StatusValueNotFound = catalog.IndicatorValueNotFound
	// StatusNumberToCheck is 定性描述中的数字待核对 (数值待核对 for a
	// value): a claim or value not reviewed yet has a number its quotes
	// write only spaced.
	StatusNumberToCheck = catalog.IndicatorNumberToCheck
	// StatusSourceDeleted is 出处已删除: a claim or the value rests only
	// on documents deleted since.
	StatusSourceDeleted = catalog.IndicatorSourceDeleted
	// StatusNoValue is 有佐证，缺数值: a quantitative indicator with
	// evidence and no value; covered by no count, as a gap is not.
	StatusNoValue = catalog.IndicatorNoValue
	// StatusQuoteNotFound is 引文未找到: the evidence ties the indicator
	// only by quotes its documents' text does not have; not covered.
	StatusQuoteNotFound = catalog.IndicatorQuoteNotFound
	// StatusVerifiedQuoteNotFound is 已核实（引文在文字中未找到）.
	StatusVerifiedQuoteNotFound = catalog.IndicatorVerifiedQuoteNotFound
)

// Comparison is a city's key indicators across rounds, side by side.
type Comparison struct {
	City       string       `json:"city"`
	CityName   string       `json:"city_name"`
	Rounds     []int        `json:"rounds"`
	Indicators []CompareRow `json:"indicators"`
}

// CompareRow is one key indicator in every round compared, named as the
// latest round compared names it (IndicatorName): a past round that keeps
// its own names as it had them, with today's name in Now and NowEN when
// renamed since (旧名（现名：新名）, as the round's report writes it).
type CompareRow struct {
	IndicatorName
	Kind   string      `json:"kind"`
	Unit   string      `json:"unit,omitempty"`
	Rounds []RoundCell `json:"rounds"`
}

// NamedThen is the name the row's i-th round (Rounds[i]) gave the
// indicator, in English when english and the round had an English name,
// when it differs from the row's; "" when it is the same, or the round
// follows the current framework. As in catalog.NameNow, a Chinese name
// unchanged is no other name when the round kept no English one: the
// English page does not call the round's Chinese name its name then.
func (r CompareRow) NamedThen(i int, english bool) string {
	if i < 0 || i >= len(r.Rounds) || r.Rounds[i].Name == "" {
		return ""
	}
	c := r.Rounds[i]
	if c.Name == r.Name && c.NameEN == "" {
		return ""
	}
	then := catalog.NameIn(c.Name, c.NameEN, english)
	if then == catalog.NameIn(r.Name, r.NameEN, english) {
		return ""
	}
	return then
}

// RoundCell is an indicator in one round: its status, value, and the
// documents and claims behind it.
type RoundCell struct {
	Round int `json:"round"`
	// Name and NameEN are the indicator's names in this round when the
	// round keeps names of its own (a past round) and has the indicator;
	// empty when it follows the current framework.
	Name   string   `json:"name,omitempty"`
	NameEN string   `json:"name_en,omitempty"`
	Status string   `json:"status"`
	Value  *float64 `json:"value"`
	Given  string   `json:"given,omitempty"` // the value as written with its unit, half-width (12.3万人: catalog.Value.Written), when there is one
	// GivenEN is the value in English form with its unit's English words
	// (123,000 people: catalog.Value.WrittenIn), when there is one.
	GivenEN string `json:"given_en,omitempty"`
	// ValueStatus is the value's review status (pending, verified,
	// insufficient, contradicted), when there is a value.
	ValueStatus string `json:"value_status,omitempty"`
	// KeptFrom, when the value was carried over and confirmed as it was
	// (确认沿用), is the round whose figure it is: the page says
	// 沿用2018年度数值 beside it, since it was not measured again.
	KeptFrom int `json:"kept_from,omitempty"`
	// QuoteRecheck, when there is a value whose quote's look in its text
	// read anew failed, is why (引文待重新核对), and QuoteRecheckEN the
	// same in English when it has one: the value's marks are the old
	// text's.
	QuoteRecheck   string `json:"quote_recheck,omitempty"`
	QuoteRecheckEN string `json:"quote_recheck_en,omitempty"`
	// Documents are the documents behind the cell: linked to the
	// indicator in the round, or the source its value cites, unless
	// deleted (撤回) since: a withdrawn document counts for nothing, and a
	// value or claim resting only on withdrawn documents leaves the
	// indicator a gap, as in the report. A group of versions (the .pdf
	// and .docx of one policy) is one, as on the indicator page.
	Documents int `json:"documents"`
	Claims    int `json:"claims"`
	Verified  int `json:"verified"`
	ToConfirm int `json:"to_confirm"`
	// ClaimsNotFound and ClaimsSpaced count the claims not reviewed yet
	// with a number of their statement no quote writes, or one a quote
	// writes only spaced, as the coverage matrix's cell does.
	ClaimsNotFound int `json:"claims_not_found"`
	ClaimsSpaced   int `json:"claims_spaced"`
	// SourcesDeleted counts the claims and the value whose cited
	// documents are all deleted (出处已删除), as the heat map's cell does:
	// the status is source_deleted when no verdict or carry-over
	// outweighs it.
	SourcesDeleted int `json:"sources_deleted"`
	// ValuesSpaced is 1 when the round's value, not reviewed yet, has its
	// number written only spaced in its quote (Cell.ValuesSpaced).
	ValuesSpaced int `json:"values_spaced"`
	// ValuesNotFound is 1 when the round's value, not reviewed yet, has
	// its number in no quote (Cell.ValuesNotFound): with ClaimsNotFound
	// it tells whose number value_not_found is, a value's or a claim's.
	ValuesNotFound int `json:"values_not_found"`
}

// Compare returns a city's key indicators in each of rounds (oldest
// first). A city u may not see is ENOTFOUND; an unknown round EINVALID.
func (s *Service) Compare(ctx context.Context, u *catalog.User, city string, rounds []int) (*Comparison, error) {
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if city == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "缺少城市代码")
	}
	if err := u.SeeObject(city, catalog.ObjectCity, city); err != nil {
		return nil, err
	}
	c, err := s.cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	if len(rounds) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "请给出要对比的轮次，如 rounds=2017,2019")
	}
	slices.Sort(rounds)
	rounds = slices.Compact(rounds)
	for _, r := range rounds {
		if ok, err := s.cat.RoundExists(ctx, r); err != nil {
			return nil, err
		} else if !ok {
			return nil, catalog.Errorf(catalog.EINVALID, "监测轮次 %d 不存在", r)
		}
	}
	_, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	names := make([]*catalog.RoundNames, len(rounds))
	cellOf := make([]func(catalog.Indicator) RoundCell, len(rounds))
	all := inds
	for i, r := range rounds {
		if cellOf[i], err = s.roundCells(ctx, city, r); err != nil {
			return nil, err
		}
		if names[i], err = s.cat.RoundNames(ctx, r); err != nil {
			return nil, err
		}
		if names[i].Kept {
			all = withDropped(all, names[i].Indicators)
		}
	}
	cmp := &Comparison{City: city, CityName: c.Name, Rounds: rounds, Indicators: []CompareRow{}}
	today := make(map[string]bool, len(inds))
	for _, ind := range inds {
		today[ind.Code] = true
	}
	for _, ind := range all {
		if ind.Level == catalog.KeyLevel {
			cmp.Indicators = append(cmp.Indicators, compareRow(ind, today[ind.Code], rounds, names, cellOf))
		}
	}
	return cmp, nil
}

// compareRow is ind's row over rounds (their names and cells): named as
// the latest round that has it names it, and absent (本轮无此指标) in a
// round that never had it: a round that keeps its names and lacks it (an
// indicator added since, which the round's report does not count either),
// or, for an indicator not in today's framework (inToday false), a round
// that keeps no names and so has only today's. A round's cell that has
// anything (documents, claims, a value, items to re-confirm) is shown
// all the same: evidence is never hidden.
func compareRow(ind catalog.Indicator, inToday bool, rounds []int, names []*catalog.RoundNames, cellOf []func(catalog.Indicator) RoundCell) CompareRow {
	row := CompareRow{IndicatorName: IndicatorName{Code: ind.Code, Name: ind.Name, NameEN: ind.NameEN}, Kind: string(ind.Kind), Unit: ind.Unit}
	for i, r := range rounds {
		then, had := names[i].Indicator(ind.Code)
		had = had && names[i].Kept
		cell := cellOf[i](ind)
		if !had && (names[i].Kept || !inToday) && cell.empty() {
			row.Rounds = append(row.Rounds, RoundCell{Round: r, Status: StatusAbsent})
			continue
		}
		row.Name, row.NameEN, row.Now, row.NowEN = ind.Name, ind.NameEN, "", ""
		if had {
			cell.Name, cell.NameEN = then.Name, then.NameEN
			row.Name, row.NameEN = then.Name, then.NameEN
			if now, renamed := names[i].Now[ind.Code]; renamed {
				row.Now, row.NowEN = now.Name, now.NameEN
			}
		}
		row.Rounds = append(row.Rounds, cell)
	}
	return row
}

// empty reports whether the cell has nothing of the round's: no
// documents, claims, value or items to re-confirm.
func (c RoundCell) empty() bool {
	return c.Documents == 0 && c.Claims == 0 && c.Value == nil && c.ToConfirm == 0
}

// roundCells loads one round of a city and returns its cell per indicator.
func (s *Service) roundCells(ctx context.Context, city string, round int) (func(catalog.Indicator) RoundCell, error) {
	// The indicator's evidence documents as every page counts them:
	// linked in the round, or cited by its claims or its value. A value's
	// source deleted (撤回) since it was cited is no evidence, as in the
	// report; the value itself is still shown.
	// A group of versions is one document, as on the indicator page.
	counts, err := countEvidence(ctx, s.cat, round, city)
	if err != nil {
		return nil, err
	}
	docs := map[string]int{}
	for _, c := range counts {
		docs[c.Indicator] = c.Documents
	}
	claims, err := s.cat.CountClaims(ctx, round, city)
	if err != nil {
		return nil, err
	}
	vals, err := s.cat.FindValues(ctx, catalog.ValueFilter{City: city, Round: round})
	if err != nil {
		return nil, err
	}
	carried, err := s.cat.Carryovers(ctx, catalog.CarryFilter{City: city, Round: round, State: catalog.CarryToConfirm, Live: true})
	if err != nil {
		return nil, err
	}
	withdrawn, err := withdrawnSources(ctx, s.cat, vals)
	if err != nil {
		return nil, err
	}
	checked, err := s.checkClaims(ctx, city, round)
	if err != nil {
		return nil, err
	}
	kept, err := s.cat.KeptValues(ctx, city, round)
	if err != nil {
		return nil, err
	}
	standings, err := s.cat.QuoteStandings(ctx, catalog.EvidenceFilter{Round: round, Cities: []string{city}})
	if err != nil {
		return nil, err
	}
	return func(ind catalog.Indicator) RoundCell {
		code := ind.Code
		cell := RoundCell{Round: round}
		verified, contradicted, insufficient, backed, notFound := false, false, false, false, false
		for _, c := range claims {
			if c.Indicator == code {
				cell.Claims, cell.Verified, cell.SourcesDeleted = c.Claims, c.Verified, c.SourcesDeleted
				verified, contradicted, insufficient, backed = c.Verified > 0, c.Contradicted > 0, c.Insufficient > 0, c.Backed > 0
			}
		}
		for _, v := range vals {
			if v.Indicator == code {
				n := v.Number
				cell.Value, cell.Given, cell.GivenEN, cell.ValueStatus = &n, v.Written(), v.WrittenIn(true), string(v.Status)
				cell.KeptFrom = kept[v.ID]
				// A value resting only on deleted documents is no more 属实
				// than such a claim (CountClaims): both are 出处已删除.
				gone := catalog.SourcesDeleted(catalog.ValueDocuments(&v), func(id string) bool { return withdrawn[id] })
				if gone && v.Status != catalog.ClaimContradicted {
					cell.SourcesDeleted++
				}
				verified = verified || v.Status == catalog.ClaimVerified && !gone
				contradicted = contradicted || v.Status == catalog.ClaimContradicted
				insufficient = insufficient || v.Status == catalog.ClaimInsufficient
				if !withdrawn[v.Citation.DocumentID] && catalog.ValueNumberNotInQuote(v) {
					notFound = true
					cell.ValuesNotFound++
				}
				if !withdrawn[v.Citation.DocumentID] && !catalog.ValueNumberNotInQuote(v) && numberSpaced(&v, s.valueSpaced) {
					cell.ValuesSpaced++
				}
				if c := v.Citation; c.RecheckError != "" && !withdrawn[c.DocumentID] {
					cell.QuoteRecheck, cell.QuoteRecheckEN = c.RecheckError, c.RecheckErrorEN
				}
			}
		}
		cell.Documents = docs[code]
		cell.ClaimsNotFound, cell.ClaimsSpaced = checked[code][0], checked[code][1]
		for _, c := range carried {
			if c.Indicator == code {
				cell.ToConfirm++
			}
		}
		cell.Status = Facts{Contradicted: contradicted, Insufficient: insufficient, Verified: verified,
			ToConfirm: cell.ToConfirm > 0, SourceDeleted: cell.SourcesDeleted > 0, ValueNotFound: notFound, ClaimNumberNotFound: cell.ClaimsNotFound > 0,
			ClaimNumberToCheck: cell.ClaimsSpaced > 0, ValueToCheck: cell.ValuesSpaced > 0,
			QuoteNotFound: standings[[2]string{city, code}].NotFound, VerifiedQuoteNotFound: standings[[2]string{city, code}].VerifiedNotFound,
			NoValue:  ind.Kind == catalog.Quantitative && cell.Value == nil,
			Evidence: cell.Documents > 0 || backed}.Status()
		return cell
	}, nil
}

// withdrawnSources returns the documents cited by vals that are deleted
// (撤回) now, read in one query however many values a round has.
func withdrawnSources(ctx context.Context, cat *catalog.Store, vals []catalog.Value) (map[string]bool, error) {
	var ids []string
	for _, v := range vals {
		if id := v.Citation.DocumentID; id != "" {
			ids = append(ids, id)
		}
	}
	slices.Sort(ids)
	ids = slices.Compact(ids)
	live, err := cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, fmt.Errorf("load cited documents: %w", err)
	}
	withdrawn := map[string]bool{}
	for _, id := range ids {
		if live[id] == nil {
			withdrawn[id] = true
		}
	}
	return withdrawn, nil
}

// checkClaims counts by indicator the pending claims of city in round
// whose numbers the claim check (UseClaimNumbers) finds in no quote
// ([0]) or only spaced ([1]), as the matrix's AddClaimNumbers does; none
// without the check.
func (s *Service) checkClaims(ctx context.Context, city string, round int) (map[string][2]int, error) {
	out := map[string][2]int{}
	if s.claimNumbers == nil {
		return out, nil
	}
	f := catalog.ClaimFilter{Cities: []string{city}, Round: round, Status: catalog.ClaimPending, Limit: claimsPage}
	for {
		pending, err := s.cat.FindClaims(ctx, f)
		if err != nil {
			return nil, err
		}
		for i := range pending {
			n := out[pending[i].Indicator]
			switch catalog.CheckClaimNumbers(ctx, &pending[i], s.claimNumbers) {
			case catalog.ClaimNumbersMissing:
				n[0]++
			case catalog.ClaimNumbersSpaced:
				n[1]++
			}
			out[pending[i].Indicator] = n
		}
		if len(pending) < f.Limit {
			return out, nil
		}
		f.After = catalog.ClaimCursor(pending[len(pending)-1])
	}
}

// numberSpaced reports whether v waits for review with its number found
// in its quote only as digits parted by a space (spaced, nil: never): one
// number or a table's neighbours, for the reviewer to check. A quote to
// be checked again is not: its marks are the old text's.
func numberSpaced(v *catalog.Value, spaced ValueSpaced) bool {
	return spaced != nil && v.Status == catalog.ClaimPending && v.ValueFound && v.Citation.QuoteFound &&
		v.Citation.RecheckError == "" && spaced(v) != ""
}
