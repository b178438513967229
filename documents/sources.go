package documents

import (
	"context"

	"github.com/lcmonitor/evidence/catalog"
)

// Source is how a cited document is named where it is cited: its title
// (else its file name), and whether it was deleted since (its original
// stays available by SHA-256).
type Source struct {
	Title   string
	Deleted bool
}

// Sources returns, by ID, the cited documents among ids that u may see,
// deleted ones too, marked so; IDs of no document are left out.
func (s *Service) Sources(ctx context.Context, u *catalog.User, ids []string) (map[string]Source, error) {
	all, err := s.cat.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	live, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Source, len(all))
	for id, d := range all {
		if u.SeeObject(d.City, catalog.ObjectDocument, id) != nil {
			continue
		}
		src := Source{Title: d.Title, Deleted: live[id] == nil}
		if src.Title == "" {
			src.Title = d.Filename
		}
		out[id] = src
	}
	return out, nil
}
