package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestAuditLookupsReadAPagesObjectsAtOnce: what the audit log names a
// page's objects by, several at a time, on both catalogs: each object's
// newest events logged with it (at most as many as asked, none of
// another object), the tasks and the carry-over rows that exist (a
// deleted or unknown one absent).
func TestAuditLookupsReadAPagesObjectsAtOnce(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, e := range []Event{
			{User: "wang", Action: "claim.create", Object: "claim:A", Detail: map[string]any{"indicator": "1.1.1", "statement": "已建立学分银行"}},
			{User: "wang", Action: "claim.update", Object: "claim:A", Detail: map[string]any{"indicator": "1.1.1", "statement": "已建立市级学分银行"}},
			{User: "li", Action: "claim.review", Object: "claim:A", Detail: map[string]any{"verdict": "verified"}},
			{User: "wang", Action: "claim.create", Object: "claim:B", Detail: map[string]any{"indicator": "1.1.2"}},
			{User: "wang", Action: "value.create", Object: "value:C", Detail: map[string]any{"indicator": "1.1.2"}},
		} {
			if err := s.RecordEvent(ctx, e); err != nil {
				t.Fatal(err)
			}
		}
		events, err := s.LatestEventsOf(ctx, []string{"claim:A", "claim:B", "claim:X", "claim:A"}, 2)
		if err != nil {
			t.Fatal(err)
		}
		actions := map[string][]string{}
		for obj, list := range events {
			for _, e := range list {
				actions[obj] = append(actions[obj], e.Action)
			}
		}
		want := map[string][]string{"claim:A": {"claim.review", "claim.update"}, "claim:B": {"claim.create"}}
		if len(actions) != len(want) || !slices.Equal(actions["claim:A"], want["claim:A"]) || !slices.Equal(actions["claim:B"], want["claim:B"]) {
			t.Errorf("latest events %v, want %v", actions, want)
		}

		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		imp, err := s.ImportAssignments(ctx, "330100", 2017, []AssignmentRow{
			{Indicator: "1.1.1", Department: "市教育局", Due: "2017-03-31"}, {Indicator: "1.1.2", Department: "市民政局", Due: "2017-03-31"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		tasks, err := s.AssignmentsByID(ctx, []string{imp.Assignments[1].ID, "01NOSUCHTASK"})
		if err != nil {
			t.Fatal(err)
		}
		if a := tasks[imp.Assignments[1].ID]; len(tasks) != 1 || a == nil || a.Department != "市民政局" || a.Indicator != "1.1.2" || a.City != "330100" {
			t.Errorf("tasks %+v, want 市民政局's 1.1.2 alone", tasks)
		}

		if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateClaim(ctx, &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "学分银行开户学习者达到1.2万人", CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "zhang"); err != nil {
			t.Fatal(err)
		}
		carried, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
		if err != nil || len(carried) == 0 {
			t.Fatalf("carried into 2018: %+v %v", carried, err)
		}
		rows, err := s.CarryoversByID(ctx, []string{carried[0].ID, "01NOSUCHROW"})
		if err != nil {
			t.Fatal(err)
		}
		if c := rows[carried[0].ID]; len(rows) != 1 || c == nil || c.Indicator != carried[0].Indicator || c.Round != 2018 || c.Kind != carried[0].Kind {
			t.Errorf("carry-over rows %+v, want %+v alone", rows, carried[0])
		}
	})
}
