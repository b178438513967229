package search

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/index"
)

// relax finds, for a search q that found nothing, which of the filters the
// user chose stands in the way: the same query once without each of them,
// counting only (no hits, facets or text), so the empty state can say
// "去掉"年份=2018"可找到 12 条". A coordinator's own city is not a filter
// they chose and is never dropped: the scope of req.User still applies.
// The documents whose index copy may lag the catalog (pendingChanges) are
// counted by the catalog's values, as the hits are found (pageAsCatalog):
// one index search among them for q's words, each filter dropped then
// checked against the catalog (filedHits). With nothing pending it reads
// nothing more.
func (s *Service) relax(ctx context.Context, q index.Query, req Request) ([]Relaxation, error) {
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst = 0, 0, 0, false, false
	p, err := s.pendingChanges(ctx)
	if err != nil {
		return nil, err
	}
	var pendingFound []index.Hit
	if pending := pendingAmong(p, q.Filter.IDs); len(pending) > 0 {
		if pendingFound, err = s.pendingWordHits(ctx, q, pending); err != nil {
			return nil, err
		}
		q.Filter.ExcludeIDs = slices.Concat(q.Filter.ExcludeIDs, pending)
	}
	years, rounds := itoas(req.Years), itoas(req.Rounds)
	filters := []struct {
		name   string
		values []string
		drop   func(f *index.Filter) bool
	}{
		{"city", req.Cities, func(f *index.Filter) bool {
			cities, visible := req.User.ScopeCities(nil)
			f.Cities = cities
			return visible
		}},
		{"doc_type", req.DocTypes, func(f *index.Filter) bool { f.DocTypes = nil; return true }},
		{"indicator", req.Indicators, func(f *index.Filter) bool { f.Indicators, f.IndicatorIDs = nil, nil; return true }},
		{"year", years, func(f *index.Filter) bool { f.Years = nil; return true }},
		{"round", rounds, func(f *index.Filter) bool { f.Rounds = nil; return true }},
		{"issued", issuedRange(req), func(f *index.Filter) bool { f.IssuedFrom, f.IssuedTo = time.Time{}, time.Time{}; return true }},
	}
	out := []Relaxation{}
	for _, f := range filters {
		if len(f.values) == 0 {
			continue
		}
		wider := q
		if !f.drop(&wider.Filter) {
			continue
		}
		res, err := s.idx.Search(ctx, wider)
		if err != nil {
			return nil, fmt.Errorf("count without filter %s: %w", f.name, err)
		}
		total := res.Total + uint64(len(filedHits(pendingFound, p, wider.Filter)))
		if total > 0 {
			out = append(out, Relaxation{Filter: f.name, Value: strings.Join(f.values, ","), Total: total})
		}
	}
	return out, nil
}

// issuedRange names a search's range of dates of issue as from..to (an
// open end empty), or nothing without one.
func issuedRange(req Request) []string {
	if req.IssuedFrom.IsZero() && req.IssuedTo.IsZero() {
		return nil
	}
	day := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format("2006-01-02")
	}
	return []string{day(req.IssuedFrom) + ".." + day(req.IssuedTo)}
}

// itoas writes each of ns in decimal.
func itoas(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}
