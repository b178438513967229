package catalog

import (
	"context"
	"slices"
	"testing"
	"time"
)

// TestAReturnedFileACityCitesIsEvidence: on SQLite and PostgreSQL, the
// coordinator returns 市教育局's 台账 (D1) and 统计表 (D4); a claim on
// 2.3.1 then cites D1 and a value D4. Cited, each is the city's evidence
// (search filters by an indicator find the documents its claims and
// values cite), so neither is left out of a search as nobody's evidence
// (ReturnedOnly), though both keep their return.
func TestAReturnedFileACityCitesIsEvidence(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		clock := time.Now().UTC()
		s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
		imp, err := s.ImportAssignments(ctx, "330100", 2018, []AssignmentRow{
			{Indicator: "2.3.1", Department: "市教育局", Due: "2018-06-30"}}, "wang")
		if err != nil {
			t.Fatal(err)
		}
		task := imp.Assignments[0].ID
		for _, d := range []string{"D1", "D4"} {
			if err := s.CreateDocument(ctx, newDoc(d, "sha-"+d), Submission{User: "jiaoyu", Filename: d + ".xlsx", Assignment: task}); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: task, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: []string{"D1", "D4"}, By: "jiaoyu"}); err != nil {
			t.Fatal(err)
		}
		if _, err := s.ReturnAssignment(ctx, task, "缺少各区县分项数据", "wang"); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ReturnedOnly(ctx, nil); err != nil || !slices.Equal(got, []string{"D1", "D4"}) {
			t.Fatalf("ReturnedOnly = %v %v, want [D1 D4]", got, err)
		}
		claim := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "全市社区学校全覆盖", CreatedBy: "wang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "社区学校", QuoteFound: true, FoundOnPage: 1}}}
		if err := s.CreateClaim(ctx, claim); err != nil {
			t.Fatal(err)
		}
		if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 96.5, Given: "96.50%", Unit: "%",
			Citation: Citation{DocumentID: "D4", SHA256: "sha-D4", Page: 1, Quote: "96.50%", QuoteFound: true, FoundOnPage: 1}}, "wang"); err != nil {
			t.Fatal(err)
		}
		if got, err := s.ReturnedOnly(ctx, nil); err != nil || len(got) != 0 {
			t.Errorf("ReturnedOnly = %v %v, want none: a claim cites D1, a value D4", got, err)
		}
		if returns, err := s.DocumentReturns(ctx, []string{"D1", "D4"}); err != nil || len(returns["D1"]) != 1 || len(returns["D4"]) != 1 {
			t.Errorf("DocumentReturns = %v %v, want one return each", returns, err)
		}
	})
}
