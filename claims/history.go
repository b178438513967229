package claims

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// EventCitation is a citation as a claim's audit event records it
// (catalog.EventCitationsAdded, catalog.EventCitationsRemoved).
type EventCitation struct {
	Number     int    `json:"number"`
	DocumentID string `json:"document_id"`
	Page       int    `json:"page"`
	Quote      string `json:"quote"`
}

// EventCitations are the citations a claim event added and removed;
// none for an event recorded before they were (it said only how many
// the claim had).
func EventCitations(e catalog.Event) (added, removed []EventCitation) {
	return eventCitations(e.Detail[catalog.EventCitationsAdded]), eventCitations(e.Detail[catalog.EventCitationsRemoved])
}

// eventCitations reads a list of an event's Detail as decoded from the
// log (numbers as float64) or as recorded (ints) alike, through JSON;
// anything else is none.
func eventCitations(v any) []EventCitation {
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var out []EventCitation
	if json.Unmarshal(b, &out) != nil {
		return nil
	}
	return out
}

// titles fills v.Titles: the title of each document its citations and
// its history's cite, a deleted one's too, so that the history names
// what a removed citation cited.
func (s *Service) titles(ctx context.Context, v *View) error {
	v.Titles = map[string]string{}
	for _, p := range v.Passages {
		v.Titles[p.DocumentID] = p.Title
	}
	for _, e := range v.History {
		added, removed := EventCitations(e)
		var ids []string
		for _, c := range append(added, removed...) {
			ids = append(ids, c.DocumentID)
		}
		// A document's own event (its deletion) is in the claim's history
		// through event_about: named by the document's title too.
		if id, ok := e.DocumentID(); ok {
			ids = append(ids, id)
		}
		for _, id := range ids {
			if _, ok := v.Titles[id]; ok {
				continue
			}
			d, err := s.cat.DocumentAnyState(ctx, id)
			switch {
			case catalog.IsNotFound(err):
				v.Titles[id] = ""
			case err != nil:
				return err
			default:
				v.Titles[id] = cmp.Or(d.Title, d.Filename)
			}
		}
	}
	return nil
}

// history is a claim's audit log, oldest first. A claim carried from an
// earlier round (carry, else nil) starts with the carry-over that copied
// it (round.carryover, which names its copies since it was recorded so;
// for one carried before, or copied again by a restore, an entry made
// from the carry-over's row, with no user) and has the coordinator's
// decisions on it (确认沿用, 本轮不用, 恢复: the carryover's own events):
// without them a carried claim's history started empty in its new round.
func (s *Service) history(ctx context.Context, id string, carry *catalog.Carryover) ([]catalog.Event, error) {
	events, err := s.cat.FindEvents(ctx, catalog.EventFilter{Object: "claim:" + id, Limit: maxHistory})
	if err != nil {
		return nil, fmt.Errorf("history of claim %s: %w", id, err)
	}
	if carry != nil {
		decided, err := s.cat.FindEvents(ctx, catalog.EventFilter{Object: "carryover:" + carry.ID, Limit: maxHistory})
		if err != nil {
			return nil, fmt.Errorf("carry-over history of claim %s: %w", id, err)
		}
		events = append(events, decided...)
		if !slices.ContainsFunc(events, func(e catalog.Event) bool { return e.Action == catalog.EventRoundCarryover }) {
			events = append(events, catalog.Event{At: carry.CreatedAt, Action: catalog.EventRoundCarryover,
				Object: fmt.Sprintf("round:%d", carry.Round), Detail: map[string]any{"from": carry.FromRound}})
		}
	}
	slices.SortStableFunc(events, func(a, b catalog.Event) int {
		return cmp.Or(a.At.Compare(b.At), cmp.Compare(a.ID, b.ID))
	})
	return events, nil
}
