package coverage

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Load assembles the coverage matrix of a round (0: all rounds) for the
// cities named, or for every city when none is (or only "" is), counting
// the pending values whose number spaced finds only spaced (nil: none).
func Load(ctx context.Context, cat *catalog.Store, round int, spaced ValueSpaced, codes ...string) (*Matrix, error) {
	inds, naming, err := roundIndicators(ctx, cat, round)
	if err != nil {
		return nil, err
	}
	var cities []catalog.City
	for _, code := range codes {
		if code == "" {
			continue
		}
		c, err := cat.City(ctx, code)
		if err != nil {
			return nil, err
		}
		cities = append(cities, c)
	}
	if cities == nil {
		if cities, err = cat.Cities(ctx); err != nil {
			return nil, err
		}
	}
	counts, err := countEvidence(ctx, cat, round, codes...)
	if err != nil {
		return nil, err
	}
	claims, err := cat.CountClaims(ctx, round, codes...)
	if err != nil {
		return nil, err
	}
	f := catalog.ValueFilter{Round: round}
	for _, c := range cities {
		f.Cities = append(f.Cities, c.Code)
	}
	vals, err := cat.FindValues(ctx, f)
	if err != nil {
		return nil, err
	}
	withdrawn, err := withdrawnSources(ctx, cat, vals)
	if err != nil {
		return nil, err
	}
	carried, err := cat.Carryovers(ctx, catalog.CarryFilter{Cities: f.Cities, Round: round, State: catalog.CarryToConfirm, Live: true})
	if err != nil {
		return nil, err
	}
	standings, err := cat.QuoteStandings(ctx, catalog.EvidenceFilter{Round: round, Cities: codes})
	if err != nil {
		return nil, err
	}
	m := Build(round, cities, inds, counts, claims)
	m.nameRound(naming)
	m.AddValues(vals, withdrawn, spaced)
	m.AddQuoteStandings(standings)
	m.AddCarried(carried)
	m.Finish()
	return m, nil
}

// countEvidence counts the evidence documents of each city and indicator
// in a round (0: all rounds): linked, or cited by a claim or a value, as
// the indicator page, the tree, the comparison and the report have them,
// a group of versions (the .pdf and .docx of one policy) counted once, by
// the rule the indicator page counts them by (catalog.VersionGroups),
// counted in the catalog (catalog.Store.EvidenceGroupCounts) rather than
// from every document ID of the view. The documents of a cell are grouped
// in ID order, the page in its listing's: the two differ only for three
// versions of which the first and the last are not versions of each
// other.
func countEvidence(ctx context.Context, cat *catalog.Store, round int, cities ...string) ([]catalog.LinkCount, error) {
	return cat.EvidenceGroupCounts(ctx, catalog.EvidenceFilter{Round: round, Cities: cities})
}
