package documents

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// LinksOf returns the links of each of docs (a page of a listing u was
// given), oldest first, in one query; a document with none has an empty
// list, never a missing one.
func (s *Service) LinksOf(ctx context.Context, docs []*catalog.Document) (map[string][]catalog.Link, error) {
	ids := make([]string, len(docs))
	out := make(map[string][]catalog.Link, len(docs))
	for i, d := range docs {
		ids[i] = d.ID
		out[d.ID] = []catalog.Link{}
	}
	if len(ids) == 0 {
		return out, nil
	}
	links, err := s.cat.LinksOfDocuments(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, l := range links {
		out[l.DocumentID] = append(out[l.DocumentID], l)
	}
	return out, nil
}
