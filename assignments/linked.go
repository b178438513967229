package assignments

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// MarkLinked fills the Linked of each open or returned task of tasks (but
// those List or Get already marked): the
// documents of its city linked to its indicator so that they count in
// its round (as the heat map counts links, catalog.EvidenceFilter),
// links a coordinator made on the upload or document page. Left out are
// documents handed in, and not returned, for a task of that indicator in
// the task's round or an earlier one (last year's hand-in, carried into
// this round, is no link the coordinator made), documents returned for
// the task itself (the coordinator rejected them for it), and links
// carried into the round and still 待确认 (to_confirm): nobody has said
// they hold for this round yet. A later round's hand-in, or a returned
// one, changes nothing here: a task's coverage depends on its own round.
// They are not the department's hand-in, and the task stays 未提交; the
// board and the missing-materials list say they are there, so nobody
// chases a department for material already in hand. Such a task is
// Covered, and so never Overdue: the indicator has its evidence for the
// round, whoever hands it in. tasks are what List gave u.
func (s *Service) MarkLinked(ctx context.Context, u *catalog.User, tasks []Task) error {
	type slot struct {
		city  string
		round int
	}
	owed := map[slot][]*Task{}
	for i := range tasks {
		t := &tasks[i]
		if t.marked {
			continue
		}
		t.marked, t.Linked, t.Covered = true, nil, false
		if t.Owed() && u.CanSee(t.City) && t.Round != 0 {
			k := slot{t.City, t.Round}
			owed[k] = append(owed[k], t)
		}
	}
	handedIn := map[string]map[[2]string]int{} // by city: indicator and document → earliest round handed in
	for k, ts := range owed {
		handed, ok := handedIn[k.city]
		if !ok {
			var err error
			if handed, err = s.handedInRounds(ctx, k.city); err != nil {
				return err
			}
			handedIn[k.city] = handed
		}
		linked, err := s.confirmedLinks(ctx, k.city, k.round)
		if err != nil {
			return err
		}
		for _, t := range ts {
			for _, id := range linked[t.Indicator] {
				first, wasHanded := handed[[2]string{t.Indicator, id}]
				if wasHanded && first <= t.Round {
					continue
				}
				if _, returned := t.Returned[id]; !returned && !slices.Contains(t.Linked, id) {
					t.Linked = append(t.Linked, id)
				}
			}
			if len(t.Linked) > 0 {
				t.Covered, t.Overdue = true, false
			}
		}
	}
	return nil
}

// handedInRounds is, for every indicator and document handed in for a
// task of city and not returned there, the earliest round it was handed
// in.
func (s *Service) handedInRounds(ctx context.Context, city string) (map[[2]string]int, error) {
	all, err := s.cat.FindAssignments(ctx, catalog.AssignmentFilter{Cities: []string{city}})
	if err != nil {
		return nil, fmt.Errorf("tasks of %s: %w", city, err)
	}
	handed := map[[2]string]int{}
	for _, a := range all {
		for _, id := range a.HandedIn() {
			k := [2]string{a.Indicator, id}
			if first, ok := handed[k]; !ok || a.Round < first {
				handed[k] = a.Round
			}
		}
	}
	return handed, nil
}

// confirmedLinks are, by indicator, the documents of city linked so that
// they count in round, in the order they were linked, but for links
// carried into round and still to confirm.
func (s *Service) confirmedLinks(ctx context.Context, city string, round int) (map[string][]string, error) {
	uses, err := s.cat.EvidenceUses(ctx, catalog.EvidenceFilter{Round: round, Cities: []string{city},
		Kinds: []string{catalog.EvidenceLink}})
	if err != nil {
		return nil, fmt.Errorf("documents linked in %s's round %d: %w", city, round, err)
	}
	waiting, err := s.cat.Carryovers(ctx, catalog.CarryFilter{City: city, Round: round, State: catalog.CarryToConfirm})
	if err != nil {
		return nil, fmt.Errorf("links carried into %s's round %d: %w", city, round, err)
	}
	unconfirmed := map[string]bool{}
	for _, c := range waiting {
		if c.Kind == catalog.CarryLink {
			unconfirmed[c.ObjectID] = true
		}
	}
	out := map[string][]string{}
	for _, use := range uses {
		if !unconfirmed[use.SourceID] {
			out[use.Indicator] = append(out[use.Indicator], use.DocumentID)
		}
	}
	return out, nil
}

// CoordinatorLinks are the documents the coordinator linked to an owed
// task's indicator for its round that the user may read: no hand-in by
// the department, the task stays open.
type CoordinatorLinks struct {
	Count     int         `json:"count"`
	Documents []LinkedDoc `json:"documents"`
	// CanHandIn says the user may hand one of them in as the
	// department's submission (确认以此提交, Service.HandInLinked): the
	// task's department, the city's coordinators and admins.
	CanHandIn bool `json:"can_hand_in"`
}

// LinkedDoc is a document the coordinator linked, by id and title; Doc
// is the whole document, for the pages.
type LinkedDoc struct {
	ID    string            `json:"id"`
	Title string            `json:"title"`
	Doc   *catalog.Document `json:"-"`
}

// ListLinked is List with, beside each owed task, what the coordinator
// linked to its indicator (AttachLinked): the one list of tasks the API
// and the CLI give.
func (s *Service) ListLinked(ctx context.Context, u *catalog.User, f Filter) ([]Task, error) {
	list, err := s.List(ctx, u, f)
	if err != nil {
		return nil, err
	}
	if err := s.AttachLinked(ctx, u, list); err != nil {
		return nil, err
	}
	if err := s.NameReturned(ctx, u, list); err != nil {
		return nil, err
	}
	return list, nil
}

// GetLinked is one task u may see (Get) as ListLinked gives it: with what
// the coordinator linked beside it and its returned files named.
func (s *Service) GetLinked(ctx context.Context, u *catalog.User, id string) (*Task, error) {
	t, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	one := []Task{*t}
	if err := s.AttachLinked(ctx, u, one); err != nil {
		return nil, err
	}
	if err := s.NameReturned(ctx, u, one); err != nil {
		return nil, err
	}
	return &one[0], nil
}

// DocName is a document's title and stored file name.
type DocName struct {
	Title, Filename string
}

// NameReturned fills each task's ReturnedDocs with the title and file
// name of its returned files u may read (one of a city u may not see is
// left out; a file withdrawn or deleted since is named as it was, so that
// its return reads in full), read at once.
func (s *Service) NameReturned(ctx context.Context, u *catalog.User, tasks []Task) error {
	var ids []string
	for _, t := range tasks {
		for id := range t.Returned {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	docs, err := s.cat.DocumentsAnyStateByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("returned documents: %w", err)
	}
	for i := range tasks {
		t := &tasks[i]
		for id := range t.Returned {
			d, ok := docs[id]
			if !ok || u.SeeObject(d.City, catalog.ObjectDocument, id) != nil {
				continue
			}
			if t.ReturnedDocs == nil {
				t.ReturnedDocs = map[string]DocName{}
			}
			t.ReturnedDocs[id] = DocName{Title: d.Title, Filename: d.Filename}
		}
	}
	return nil
}

// AttachLinked fills, beside each owed task of tasks (what List gave u),
// LinkedByCoordinator: the documents MarkLinked finds linked to its
// indicator for its round that u may read (a deleted one, or one of a
// city u may not see, is left out), their titles read at once.
func (s *Service) AttachLinked(ctx context.Context, u *catalog.User, tasks []Task) error {
	if err := s.MarkLinked(ctx, u, tasks); err != nil {
		return err
	}
	var ids []string
	for _, t := range tasks {
		for _, id := range t.Linked {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	docs, err := s.cat.DocumentsByID(ctx, ids)
	if err != nil {
		return fmt.Errorf("documents the coordinator linked: %w", err)
	}
	for i := range tasks {
		t := &tasks[i]
		t.LinkedByCoordinator = nil
		for _, id := range t.Linked {
			d, ok := docs[id]
			if !ok || u.SeeObject(d.City, catalog.ObjectDocument, id) != nil {
				continue
			}
			if t.LinkedByCoordinator == nil {
				t.LinkedByCoordinator = &CoordinatorLinks{CanHandIn: u.Role == catalog.RoleContributor || u.CanEdit(t.City) == nil}
			}
			l := t.LinkedByCoordinator
			l.Documents = append(l.Documents, LinkedDoc{ID: d.ID, Title: d.Title, Doc: d})
			l.Count = len(l.Documents)
		}
	}
	return nil
}
