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
	// Newer is, when the source was deleted, the newest live version of
	// it (a near duplicate uploaded after it, of the value's city) that
	// the reviewer may check the value against instead; nil for none.
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
			if out.Newer, err = s.newerVersion(ctx, d, v.City); err != nil {
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

// newerVersion is the newest live version of the deleted document d (a
// near duplicate both ways, NearDuplicates lists them newest first)
// uploaded after it, of city; nil for none.
func (s *Service) newerVersion(ctx context.Context, d *catalog.Document, city string) (*catalog.NearDuplicate, error) {
	versions, err := s.cat.NearDuplicates(ctx, d.ID)
	if err != nil {
		return nil, err
	}
	for _, n := range versions {
		if n.Relation == catalog.Near && n.City == city && n.UploadedAt.After(d.UploadedAt) {
			return &n, nil
		}
	}
	return nil, nil
}
