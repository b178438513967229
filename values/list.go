package values

import (
	"context"
	"fmt"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
)

// Listed is a value with the same indicator's value of the city's latest
// earlier round, so a change between rounds shows.
type Listed struct {
	catalog.Value
	Previous *catalog.Value // nil when no earlier round has one
}

// Change is the difference from the previous round's value, and whether
// there is one to compare with: none when there is no previous value, or
// it is counted in another unit, a review contradicted it or its source
// was deleted (Comparison says which).
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
	// After is a cursor (Page.Next, catalog.ValueCursor): the listing
	// goes on after that value, the offset counted from there.
	After string
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
	// Next is where the next page starts (catalog.ValueCursor), when this
	// one is full; "" otherwise.
	Next string
}

// ListPage returns the page of the values List returns that starts at
// offset (after f.After when it is set) and holds at most limit (all when
// limit is 0), in List's order: by city, indicator in the framework's
// order, then round. The order is the values' slots (city, round,
// indicator), which saving or reviewing a value does not change. By
// offset, a value new to a slot moves those after it one place on (one
// read twice), and with f.Status a verdict takes a value out of the
// listing and moves those after it one place back (one never read: a
// reviewer's page 2 of 待审核 after verdicts on page 1); after a cursor
// (Page.Next) each value there throughout comes once. Only the page is
// read from the catalog, with the counts and the previous rounds' values
// of its values.
func (s *Service) ListPage(ctx context.Context, u *catalog.User, f Filter, offset, limit int) (*Page, error) {
	switch f.Status {
	case "", catalog.ClaimPending, catalog.ClaimToConfirm, catalog.ClaimVerified, catalog.ClaimInsufficient, catalog.ClaimContradicted:
	default:
		return nil, catalog.FieldErrorf("status", catalog.EINVALID, "审核状态应为 pending（待审核）、to_confirm（待确认）、verified（属实）、insufficient（证据不足）或 contradicted（与证据矛盾）")
	}
	p := &Page{Values: []Listed{}, Counts: map[catalog.ClaimStatus]int{}}
	cities, visible := u.ScopeCity(strings.TrimSpace(f.City))
	if !visible {
		return p, nil
	}
	cf := catalog.ValueFilter{Cities: cities, Round: f.Round, Indicator: f.Indicator, Status: f.Status}
	vs, err := s.cat.FindValuePage(ctx, cf, f.After, offset, limit)
	if err != nil {
		return nil, err
	}
	if p.Counts, err = s.cat.CountValues(ctx, cf); err != nil {
		return nil, err
	}
	for st, n := range p.Counts {
		if f.Status == "" || st == f.Status {
			p.Total += n
		}
	}
	listed, err := s.WithPrevious(ctx, vs...)
	if err != nil {
		return nil, err
	}
	p.Values = append(p.Values, listed...)
	if limit > 0 && len(vs) == limit {
		p.Next = catalog.ValueCursor(&vs[len(vs)-1])
	}
	shown := make([]*catalog.Value, len(p.Values))
	for i := range p.Values {
		shown[i] = &p.Values[i].Value
	}
	if err := s.warnStored(ctx, shown...); err != nil {
		return nil, err
	}
	// A source dated after the round is warned of in the listing too,
	// as the number's warnings are (probe s41 observation 10).
	return p, s.warnLater(ctx, shown...)
}

// WithPrevious is each of vs with the same indicator's value of its
// city's latest earlier round (Listed.Previous), read in one query: the
// one way a listing, a value just recorded or imported and a value read
// alone get last round's value and the change, so that the three agree.
func (s *Service) WithPrevious(ctx context.Context, vs ...catalog.Value) ([]Listed, error) {
	prev, err := s.cat.PreviousValues(ctx, vs)
	if err != nil {
		return nil, fmt.Errorf("read the previous rounds' values: %w", err)
	}
	out := make([]Listed, len(vs))
	for i, v := range vs {
		out[i] = Listed{Value: v, Previous: prev[v.ID]}
	}
	return out, nil
}

// PendingIn counts, in each of rounds (those with none left out), the
// values of f's city and indicator within u's scope waiting for a
// verdict (待审核), so that an empty /values can say where values wait,
// as claims.Service.PendingIn does for the review queue.
func (s *Service) PendingIn(ctx context.Context, u *catalog.User, f Filter, rounds []int) ([]claims.RoundCount, error) {
	cities, visible := u.ScopeCity(strings.TrimSpace(f.City))
	if !visible {
		return nil, nil
	}
	var out []claims.RoundCount
	for _, y := range rounds {
		counts, err := s.cat.CountValues(ctx, catalog.ValueFilter{Cities: cities, Round: y, Indicator: f.Indicator})
		if err != nil {
			return nil, fmt.Errorf("count pending values of round %d: %w", y, err)
		}
		if n := counts[catalog.ClaimPending]; n > 0 {
			out = append(out, claims.RoundCount{Round: y, Count: n})
		}
	}
	return out, nil
}

// ContradictedBefore returns, by ID, those of vs carried over from a
// round where a reviewer found their source 与证据矛盾 and not reviewed
// since (catalog.Store.ContradictedBefore): /values marks them as the
// review queue marks such claims.
func (s *Service) ContradictedBefore(ctx context.Context, vs []Listed) (map[string]catalog.PreviousVerdict, error) {
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return s.cat.ContradictedBefore(ctx, ids)
}
