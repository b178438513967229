package assignments

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// MarkLinked fills the Linked of each open or returned task of tasks: the
// documents of its city linked to its indicator so that they count in
// its round (as the heat map counts links, catalog.EvidenceFilter) but
// handed in for no task of that indicator, links a coordinator made on
// the upload or document page. They are not the department's hand-in, and
// the task stays 未提交; the board and the missing-materials list say
// they are there, so nobody chases a department for material already in
// hand. tasks are what List gave u.
func (s *Service) MarkLinked(ctx context.Context, u *catalog.User, tasks []Task) error {
	type slot struct {
		city  string
		round int
	}
	owed := map[slot][]*Task{}
	for i := range tasks {
		t := &tasks[i]
		t.Linked = nil
		if (t.Status == catalog.AssignmentOpen || t.Status == catalog.AssignmentReturned) && u.CanSee(t.City) && t.Round != 0 {
			k := slot{t.City, t.Round}
			owed[k] = append(owed[k], t)
		}
	}
	for k, ts := range owed {
		linked, err := s.cat.EvidenceDocumentIDs(ctx, catalog.EvidenceFilter{Round: k.round, Cities: []string{k.city},
			Kinds: []string{catalog.EvidenceLink}})
		if err != nil {
			return fmt.Errorf("documents linked in %s's round %d: %w", k.city, k.round, err)
		}
		all, err := s.cat.FindAssignments(ctx, catalog.AssignmentFilter{Cities: []string{k.city}, Round: k.round})
		if err != nil {
			return fmt.Errorf("tasks of %s's round %d: %w", k.city, k.round, err)
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
					t.Linked = append(t.Linked, id)
				}
			}
		}
	}
	return nil
}
