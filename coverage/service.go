package coverage

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Service answers coverage questions for a user, within their city scope
// (catalog/scope.go): a coordinator sees their own city's coverage; asking
// for another city gives an empty matrix and a tree without evidence.
type Service struct {
	cat *catalog.Store
}

// NewService returns the coverage service over the catalog.
func NewService(cat *catalog.Store) *Service { return &Service{cat: cat} }

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
		return m, nil
	}
	return Load(ctx, s.cat, round, scoped...)
}

// IndicatorTree is the current framework as a tree, with the distinct
// evidence documents (linked, or cited by a claim or a value) under each
// node for the city asked (every city u may
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
	linked := map[string][]string{}
	if visible {
		evidence, err := s.cat.EvidenceDocumentIDs(ctx, catalog.EvidenceFilter{Cities: scoped})
		if err != nil {
			return nil, err
		}
		for key, ids := range evidence {
			linked[key[1]] = append(linked[key[1]], ids...)
		}
		if len(scoped) == 1 {
			city = scoped[0]
		}
	}
	return &IndicatorTree{Framework: fw, City: city, Nodes: Tree(inds, linked)}, nil
}
