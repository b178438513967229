package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestCarriedAwaitingConfirmationIsOutOfTheQueue: 杭州's 2017 claims and
// value carried into 2018 are 待确认 there (to_confirm), not 待审核: the
// pending filter and counts leave them out, the to_confirm ones hold
// them, and a verdict on one is refused, saying the city must confirm it
// first; once the coordinator confirms one, it is 待审核 and takes a
// verdict. Both dialects.
func TestCarriedAwaitingConfirmationIsOutOfTheQueue(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		cite := Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行累计开户学习者12000人", QuoteFound: true, FoundOnPage: 1}
		for _, code := range []string{"1.1.1", "1.1.2"} {
			c := &Claim{City: "330100", Round: 2017, Indicator: code, Statement: "学分银行开户学习者达到1.2万人", CreatedBy: "zhang",
				Citations: []Citation{cite}}
			if err := s.CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2017, Indicator: "1.1.1", Number: 12000, Unit: "人",
			Citation: cite, ValueFound: true}, "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "zhang"); err != nil {
			t.Fatal(err)
		}
		carried, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
		if err != nil {
			t.Fatal(err)
		}
		objects := map[CarryKind][]Carryover{}
		for _, c := range carried {
			objects[c.Kind] = append(objects[c.Kind], c)
		}
		if len(objects[CarryClaim]) != 2 || len(objects[CarryValue]) != 1 {
			t.Fatalf("carried into 2018: %+v, want two claims and a value", carried)
		}
		queue := func(want map[ClaimStatus]int) {
			t.Helper()
			counts, err := s.ClaimStatusCounts(ctx, ClaimFilter{Round: 2018})
			if err != nil {
				t.Fatal(err)
			}
			for _, st := range []ClaimStatus{ClaimPending, ClaimToConfirm} {
				list, err := s.FindClaims(ctx, ClaimFilter{Round: 2018, Status: st})
				if err != nil {
					t.Fatal(err)
				}
				if len(list) != want[st] || counts[st] != want[st] {
					t.Errorf("2018 claims %s: listed %d, counted %d, want %d", st, len(list), counts[st], want[st])
				}
				for _, c := range list {
					if c.ReviewStatus() != st {
						t.Errorf("claim %s listed as %s has review status %s", c.ID, st, c.ReviewStatus())
					}
				}
			}
		}
		queue(map[ClaimStatus]int{ClaimToConfirm: 2})
		vcounts, err := s.CountValues(ctx, ValueFilter{Round: 2018})
		if err != nil {
			t.Fatal(err)
		}
		pendingValues, err := s.FindValues(ctx, ValueFilter{Round: 2018, Status: ClaimPending})
		if err != nil {
			t.Fatal(err)
		}
		if vcounts[ClaimPending] != 0 || vcounts[ClaimToConfirm] != 1 || len(pendingValues) != 0 {
			t.Errorf("2018 values: counts %v, %d pending listed; want one to_confirm, none pending", vcounts, len(pendingValues))
		}

		refused := []struct {
			name string
			err  error
		}{
			{"claim", s.AddReview(ctx, &Review{ClaimID: objects[CarryClaim][0].ObjectID, Reviewer: "liu", Verdict: ClaimVerified})},
			{"value", s.AddValueReview(ctx, objects[CarryValue][0].ObjectID, &Review{Reviewer: "liu", Verdict: ClaimVerified})},
		}
		for _, r := range refused {
			if ErrorCode(r.err) != ECONFLICT || !strings.Contains(ErrorMessage(r.err), "城市尚未确认在 2018年度沿用") {
				t.Errorf("verdict on a carried %s not confirmed: %v, want ECONFLICT saying the city must confirm it first", r.name, r.err)
			}
		}
		queue(map[ClaimStatus]int{ClaimToConfirm: 2}) // the refused verdict changed nothing

		if err := s.DecideCarryover(ctx, objects[CarryClaim][0].ID, CarryConfirmed, "wang"); err != nil {
			t.Fatal(err)
		}
		queue(map[ClaimStatus]int{ClaimPending: 1, ClaimToConfirm: 1})
		if err := s.AddReview(ctx, &Review{ClaimID: objects[CarryClaim][0].ObjectID, Reviewer: "liu", Verdict: ClaimVerified}); err != nil {
			t.Errorf("verdict on the confirmed claim: %v", err)
		}
		queue(map[ClaimStatus]int{ClaimToConfirm: 1})
	})
}
