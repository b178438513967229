package assignments

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// LinkedNotHandedIn returns, by task ID, the documents of each open or
// returned task's city linked to its indicator so that they count in its
// round (as the heat map counts links, catalog.EvidenceFilter) but handed
// in for no task of that indicator: links a coordinator made on the
// upload or document page. They are not the department's hand-in, and
// the task stays 未提交; the board says they are there, so nobody chases
// a department for material already in hand. Tasks without such
// documents are not in the map. tasks are what List gave u.
func (s *Service) LinkedNotHandedIn(ctx context.Context, u *catalog.User, tasks []Task) (map[string][]string, error) {
	type slot struct {
		city  string
		round int
	}
	owed := map[slot][]Task{}
	for _, t := range tasks {
		if (t.Status == catalog.AssignmentOpen || t.Status == catalog.AssignmentReturned) && u.CanSee(t.City) && t.Round != 0 {
			k := slot{t.City, t.Round}
			owed[k] = append(owed[k], t)
		}
	}
	out := map[string][]string{}
	for k, ts := range owed {
		linked, err := s.cat.EvidenceDocumentIDs(ctx, catalog.EvidenceFilter{Round: k.round, Cities: []string{k.city},
			Kinds: []string{catalog.EvidenceLink}})
		if err != nil {
			return nil, fmt.Errorf("documents linked in %s's round %d: %w", k.city, k.round, err)
		}
		all, err := s.cat.FindAssignments(ctx, catalog.AssignmentFilter{Cities: []string{k.city}, Round: k.round})
		if err != nil {
			return nil, err
		}
		handed := map[[2]string]bool{}
		for _, a := range all {
			for _, id := range a.Documents {
				handed[[2]string{a.Indicator, id}] = true
			}
		}
		for _, t := range ts {
			for _, id := range linked[[2]string{k.city, t.Indicator}] {
				if !handed[[2]string{t.Indicator, id}] {
					out[t.ID] = append(out[t.ID], id)
				}
			}
		}
	}
	return out, nil
}
