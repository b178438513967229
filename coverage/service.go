package coverage

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Service answers coverage questions for a user, within their city scope
// (catalog/scope.go): a coordinator sees their own city's coverage; asking
// for another city gives an empty matrix and a tree without evidence.
type Service struct {
	cat          *catalog.Store
	claimNumbers ClaimNumbers
	valueSpaced  ValueSpaced
}

// NewService returns the coverage service over the catalog.
func NewService(cat *catalog.Store) *Service { return &Service{cat: cat} }

// ClaimNumbers says which numbers of a claim's statement (定性描述) none
// of its quotes writes, and which a quote writes only spaced
// (catalog.ClaimNumberCheck; values.Service.ClaimNumberCheck).
type ClaimNumbers = catalog.ClaimNumberCheck

// UseClaimNumbers makes the matrix count in each cell the pending claims
// whose numbers check says are not in their quotes (Cell.ClaimsNotFound)
// or only spaced (Cell.ClaimsSpaced), and /compare the same;
// without it none are counted.
func (s *Service) UseClaimNumbers(check ClaimNumbers) { s.claimNumbers = check }

// ValueSpaced is the run of digits parted by a space (1 200) that v's
// quote writes its number in when it writes it only so
// (values.SpacedIn: one number, or a table's neighbours 1 and 200), ""
// when the quote writes it plainly.
type ValueSpaced func(v *catalog.Value) string

// UseValueSpaced makes the matrix count in each cell the pending values
// whose number spaced says their quote writes only spaced
// (Cell.ValuesSpaced), and /compare say number_to_check of them, as of
// such a claim; without it none are counted.
func (s *Service) UseValueSpaced(spaced ValueSpaced) { s.valueSpaced = spaced }

// Matrix is the coverage matrix of a round (0: all rounds) for one city,
// or for every city u may see when city is empty.
func (s *Service) Matrix(ctx context.Context, u *catalog.User, round int, city string) (*Matrix, error) {
	scoped, visible := u.ScopeCity(city)
	if !visible {
		inds, naming, err := roundIndicators(ctx, s.cat, round)
		if err != nil {
			return nil, err
		}
		m := Build(round, nil, inds, nil, nil)
		m.nameRound(naming)
		why := catalog.MessageWords(u.SeeObject(city, catalog.ObjectCity, city))
		m.OutOfScope, m.OutOfScopeEN = why.Chinese, why.English
		return m, nil
	}
	m, err := Load(ctx, s.cat, round, s.valueSpaced, scoped...)
	if err != nil || s.claimNumbers == nil {
		return m, err
	}
	// Every pending claim of the matrix, a page at a time (the catalog
	// lists at most 500 at once), by cursor.
	f := catalog.ClaimFilter{Cities: scoped, Round: round, Status: catalog.ClaimPending, Limit: claimsPage}
	for {
		pending, err := s.cat.FindClaims(ctx, f)
		if err != nil {
			return nil, err
		}
		m.AddClaimNumbers(ctx, pending, s.claimNumbers)
		if len(pending) < f.Limit {
			return m, nil
		}
		f.After = catalog.ClaimCursor(pending[len(pending)-1])
	}
}

// claimsPage is how many pending claims Matrix reads at a time.
const claimsPage = 500

// IndicatorTree is the current framework as a tree, with the distinct
// evidence documents (linked, or cited by a claim or a value; a group of
// versions once) under each node for the city asked (every city u may
// see when empty).
type IndicatorTree struct {
	Framework *catalog.Framework
	City      string // the city counted, "" for all
	Nodes     []*Node
}

// Tree returns the indicator tree with evidence counts for u.
func (s *Service) Tree(ctx context.Context, u *catalog.User, city string) (*IndicatorTree, error) {
	fw, inds, err := s.cat.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	scoped, visible := u.ScopeCity(city)
	evidence := map[string]int{}
	if visible {
		// Counted in the catalog: every evidence document ID of the
		// archive, read to be grouped here, was megabytes on each view.
		if evidence, err = s.cat.EvidenceGroupCountsUnder(ctx, catalog.EvidenceFilter{Cities: scoped}, Under(inds)); err != nil {
			return nil, err
		}
		if len(scoped) == 1 {
			city = scoped[0]
		}
	}
	return &IndicatorTree{Framework: fw, City: city, Nodes: Tree(inds, evidence)}, nil
}
