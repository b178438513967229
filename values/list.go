package values

import (
	"context"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// Listed is a value with the same indicator's value of the city's latest
// earlier round, so a change between rounds shows.
type Listed struct {
	catalog.Value
	Previous *catalog.Value // nil when no earlier round has one
}

// Change is the difference from the previous round's value, and whether
// there is one to compare with: none when there is no previous value, or
// it is counted in another unit, or a review contradicted it
// (Comparison says which).
func (l Listed) Change() (float64, bool) {
	c := l.Comparison()
	return c.Change, c.Comparable
}

// Comparison is how the value stands against the previous round's; the
// zero Comparison when there is none.
func (l Listed) Comparison() catalog.Comparison {
	if l.Previous == nil {
		return catalog.Comparison{}
	}
	return l.Value.CompareWith(l.Previous)
}

// Filter selects values to list; empty fields match all.
type Filter struct {
	City      string
	Round     int
	Indicator string
	Status    catalog.ClaimStatus
}

// List returns every value u may see that matches f (a coordinator:
// their city's), each with its previous round's value and the warnings
// recording it gave (Warnings).
func (s *Service) List(ctx context.Context, u *catalog.User, f Filter) ([]Listed, error) {
	p, err := s.ListPage(ctx, u, f, 0, 0)
	if err != nil {
		return nil, err
	}
	return p.Values, nil
}

// Page is one page of a listing of values: the values on it, how many
// match the filter in all, and how many of those u may see are in each
// review status with the filter's status aside (the tabs of /values).
type Page struct {
	Values []Listed
	Total  int
	Counts map[catalog.ClaimStatus]int
}

// ListPage returns the page of the values List returns that starts at
// offset and holds at most limit (all when limit is 0), in List's order:
// by city, indicator in the framework's order, then round. The order is
// the values' slots (city, round, indicator), so a value saved or reviewed
// between two pages stays on its page; only a value new to a slot moves
// those after it one place on.
func (s *Service) ListPage(ctx context.Context, u *catalog.User, f Filter, offset, limit int) (*Page, error) {
	switch f.Status {
	case "", catalog.ClaimPending, catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted:
	default:
		return nil, catalog.FieldErrorf("status", catalog.EINVALID, "status 应为 pending、verified、insufficient 或 contradicted")
	}
	p := &Page{Values: []Listed{}, Counts: map[catalog.ClaimStatus]int{}}
	cities, visible := u.ScopeCity(strings.TrimSpace(f.City))
	if !visible {
		return p, nil
	}
	all, err := s.cat.FindValues(ctx, catalog.ValueFilter{Cities: cities, Round: f.Round, Indicator: f.Indicator})
	if err != nil {
		return nil, err
	}
	var vs []catalog.Value
	for _, v := range all {
		p.Counts[v.Status]++
		if f.Status == "" || v.Status == f.Status {
			vs = append(vs, v)
		}
	}
	p.Total = len(vs)
	offset = min(max(offset, 0), len(vs))
	vs = vs[offset:]
	if limit > 0 && limit < len(vs) {
		vs = vs[:limit]
	}
	history := all
	if f.Round != 0 && len(vs) > 0 {
		// Only the earlier rounds' values were left out; fetch them.
		if history, err = s.cat.FindValues(ctx, catalog.ValueFilter{Cities: cities, Indicator: f.Indicator}); err != nil {
			return nil, err
		}
	}
	for _, v := range vs {
		p.Values = append(p.Values, Listed{Value: v, Previous: previous(history, v)})
	}
	shown := make([]*catalog.Value, len(p.Values))
	for i := range p.Values {
		shown[i] = &p.Values[i].Value
	}
	return p, s.warnStored(ctx, shown...)
}

// previous finds the value of v's city and indicator in the latest round
// before v's.
func previous(all []catalog.Value, v catalog.Value) *catalog.Value {
	var best *catalog.Value
	for i := range all {
		p := &all[i]
		if p.City == v.City && p.Indicator == v.Indicator && p.Round < v.Round && (best == nil || p.Round > best.Round) {
			best = p
		}
	}
	return best
}
