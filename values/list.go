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
// there is one to compare with.
func (l Listed) Change() (float64, bool) {
	if l.Previous == nil {
		return 0, false
	}
	return l.Number - l.Previous.Number, true
}

// Filter selects values to list; empty fields match all.
type Filter struct {
	City      string
	Round     int
	Indicator string
	Status    catalog.ClaimStatus
}

// List returns the values u may see (a coordinator: their city's), each
// with its previous round's value.
func (s *Service) List(ctx context.Context, u *catalog.User, f Filter) ([]Listed, error) {
	cities, visible := u.ScopeCity(strings.TrimSpace(f.City))
	if !visible {
		return []Listed{}, nil
	}
	vs, err := s.cat.FindValues(ctx, catalog.ValueFilter{Cities: cities, Round: f.Round, Indicator: f.Indicator, Status: f.Status})
	if err != nil {
		return nil, err
	}
	var history []catalog.Value
	if f.Round != 0 {
		// Only the earlier rounds' values were left out; fetch them.
		if history, err = s.cat.FindValues(ctx, catalog.ValueFilter{Cities: cities, Indicator: f.Indicator}); err != nil {
			return nil, err
		}
	} else {
		history = vs
	}
	out := make([]Listed, len(vs))
	for i, v := range vs {
		out[i] = Listed{Value: v, Previous: previous(history, v)}
	}
	return out, nil
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
