package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestEventsOfADocumentEitherWayLogged: a document's events are logged by
// its bare ID (upload, links, notes), a round's use of its links as
// document:ID, and a claim citing it names it bare (event_about). Asked
// for as document:ID or by its bare ID, the log gives all of them, and
// nothing of another kind logged under the same bare string (an old saved
// search's) nor of another document.
func TestEventsOfADocumentEitherWayLogged(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const doc, other = "01JDOC0000000000000000000A", "01JDOC0000000000000000000B"
		for _, e := range []Event{
			{User: "wang", Action: "document.upload", Object: doc, Detail: map[string]any{"filename": "杭州市社区教育工作总结.pdf"}},
			{User: "wang", Action: "link.create", Object: doc, Detail: map[string]any{"indicator": "2.3.1"}},
			{User: "li", Action: "note.create", Object: doc},
			{User: "wang", Action: "round.use_links", Object: "document:" + doc, Detail: map[string]any{"round": 2019}},
			{User: "wang", Action: "claim.cite", Object: "claim:01JCLAIM000000000000000000", Also: []string{doc}},
			{User: "wang", Action: "search.save", Object: doc, Detail: map[string]any{"name": "同一串字符的旧检索"}},
			{User: "wang", Action: "document.upload", Object: other},
		} {
			if err := s.RecordEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		want := []string{"claim.cite", "document.upload", "link.create", "note.create", "round.use_links"}
		for _, object := range []string{"document:" + doc, doc} {
			events, err := s.FindEvents(ctx, EventFilter{Object: object})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, e := range events {
				got = append(got, e.Action)
			}
			slices.Sort(got)
			if object == doc {
				// A bare string is asked for as written too: the old
				// saved search logged by it.
				want = append(want, "search.save")
				slices.Sort(want)
			}
			if !slices.Equal(got, want) {
				t.Errorf("events of %s: %v, want %v", object, got, want)
			}
		}
	})
}
