package values

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// maxHistory bounds the history a value's view shows, as a claim's.
const maxHistory = 1000

// View is one value as its reviewer reads it: where its source stands
// and what happened to it.
type View struct {
	// SourceTitle is the cited document's title, deleted or not;
	// SourceDeleted says it was deleted (出处已删除), which is why a
	// verified value is back to 待审核 with its old verdict listed.
	SourceTitle   string
	SourceDeleted bool
	// Newer is, when the source was deleted, the live version of it of
	// the value's city that the reviewer may check the value against
	// instead (catalog.Store.NewerVersion: Relation says how it holds the
	// source's text); nil for none.
	Newer *catalog.NearDuplicate
	// History is the value's audit log, oldest first: recorded, edited,
	// reviewed, reopened when its source was deleted, restored.
	History []catalog.Event
}

// ViewOf returns v's source and history for u, who may see v (Get).
func (s *Service) ViewOf(ctx context.Context, v *catalog.Value) (*View, error) {
	out := &View{}
	if id := v.Citation.DocumentID; id != "" {
		d, err := s.cat.DocumentAnyState(ctx, id)
		if err != nil {
			return nil, fmt.Errorf("source of value %s: %w", v.ID, err)
		}
		out.SourceTitle = cmp.Or(d.Title, d.Filename)
		_, err = s.cat.Document(ctx, id)
		if err != nil && !catalog.IsNotFound(err) {
			return nil, fmt.Errorf("source of value %s: %w", v.ID, err)
		}
		out.SourceDeleted = catalog.IsNotFound(err)
		if out.SourceDeleted {
			if out.Newer, err = s.cat.NewerVersion(ctx, d, v.City); err != nil {
				return nil, fmt.Errorf("newer version of the source of value %s: %w", v.ID, err)
			}
		}
	}
	events, err := s.cat.FindEvents(ctx, catalog.EventFilter{Object: "value:" + v.ID, Limit: maxHistory})
	if err != nil {
		return nil, fmt.Errorf("history of value %s: %w", v.ID, err)
	}
	slices.SortStableFunc(events, func(a, b catalog.Event) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	})
	out.History = events
	return out, nil
}
