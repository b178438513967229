package catalog

import (
	"context"
	"testing"
)

// TestCitationsStampMovesWithCitations: the stamp stays while nothing
// changes and moves when a claim cites a document, when a value is saved,
// when a claim is withdrawn and when a cited document is deleted, so a
// search that keeps what claims and values cite with the stamp sees each.
// Both dialects.
func TestCitationsStampMovesWithCitations(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		for _, id := range []string{"D1", "D2"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		stamp := func() CitationsStamp {
			t.Helper()
			st, err := s.CitationsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		last := stamp()
		moved := func(what string) {
			t.Helper()
			if now := stamp(); now == last {
				t.Errorf("the stamp %v did not move when %s", now, what)
			} else {
				last = now
			}
		}
		if again := stamp(); again != last {
			t.Errorf("the stamp moved from %v to %v with nothing changed", last, again)
		}
		c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "学分银行"}}}
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		moved("a claim cited D1")
		v := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 12, Given: "12",
			Citation: Citation{DocumentID: "D2", SHA256: "sha-D2", Page: 1, Quote: "学分十二万"}}
		if err := s.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		moved("a value cited D2")
		if _, err := s.WithdrawClaim(ctx, c.ID, "zhang", "重复填报"); err != nil {
			t.Fatal(err)
		}
		moved("the claim citing D1 was withdrawn")
		if _, err := s.DeleteDocument(ctx, "D2", "zhang"); err != nil {
			t.Fatal(err)
		}
		moved("D2, which a value cites, was deleted")
	})
}
