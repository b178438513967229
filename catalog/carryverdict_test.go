package catalog

import (
	"context"
	"database/sql"
	"testing"
)

// TestContradictedBefore: 杭州's 2017 claim found 与证据矛盾 and carried
// into 2018 is marked there, one verified is not; carried on unreviewed
// into 2019 the mark follows it (from 2017); the 2019 copy loses it once
// a reviewer gives it a verdict, and a carry-over changed (updated) no
// longer passes it on. Both dialects.
func TestContradictedBefore(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		claim := func(code, statement string, verdict ClaimStatus) string {
			t.Helper()
			c := &Claim{City: "330100", Round: 2017, Indicator: code, Statement: statement, CreatedBy: "zhang",
				Citations: []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
			if err := s.CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
			if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: verdict, Comment: "原文为12000人"}); err != nil {
				t.Fatal(err)
			}
			return c.ID
		}
		wrong := claim("1.1.1", "学分银行开户学习者达到2万人", ClaimContradicted)
		right := claim("1.1.2", "学分银行开户学习者达到1.2万人", ClaimVerified)
		// carry takes the round's claims on and returns the copies of
		// wrong and right, and the carry-over of wrong's copy.
		carry := func(from int, wrong, right string) (string, string, string) {
			t.Helper()
			if _, err := s.CarryOver(ctx, "330100", from, from+1, "zhang"); err != nil {
				t.Fatal(err)
			}
			list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: from + 1})
			if err != nil {
				t.Fatal(err)
			}
			var w, r, carried string
			for _, c := range list {
				switch c.SourceID {
				case wrong:
					w, carried = c.ObjectID, c.ID
				case right:
					r = c.ObjectID
				}
			}
			if w == "" || r == "" {
				t.Fatalf("carry-over into %d: %+v, want both claims", from+1, list)
			}
			return w, r, carried
		}
		marked := func(want map[string]int, ids ...string) {
			t.Helper()
			got, err := s.ContradictedBefore(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Errorf("ContradictedBefore = %+v, want %v", got, want)
			}
			for id, from := range want {
				if got[id] != (PreviousVerdict{FromRound: from, Status: ClaimContradicted}) {
					t.Errorf("ContradictedBefore[%s] = %+v, want contradicted in %d", id, got[id], from)
				}
			}
		}
		wrong18, right18, carried18 := carry(2017, wrong, right)
		marked(map[string]int{wrong18: 2017}, wrong18, right18)
		wrong19, right19, carried19 := carry(2018, wrong18, right18)
		marked(map[string]int{wrong19: 2017}, wrong19, right19)
		// 结转事项核对 shows the 2017 verdict and its reason beside both
		// copies of wrong, asked in one statement.
		statements := s.Statements()
		verdicts, err := s.CarriedVerdicts(ctx, []string{carried18, carried19})
		if err != nil {
			t.Fatal(err)
		}
		if n := s.Statements() - statements; n != 1 {
			t.Errorf("CarriedVerdicts sent %d statements, want one", n)
		}
		for _, id := range []string{carried18, carried19} {
			if v := verdicts[id]; v != (SourceVerdict{Status: ClaimContradicted, Comment: "原文为12000人"}) {
				t.Errorf("verdict on the source of carry-over %s: %+v, want 2017's 与证据矛盾 with its reason", id, v)
			}
		}

		setState := func(state CarryState) {
			t.Helper()
			err := s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ? WHERE id = ?`, state, carried19)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		setState(CarryUpdated)
		marked(map[string]int{}, wrong19, right19)
		setState(CarryConfirmed)
		marked(map[string]int{wrong19: 2017}, wrong19)
		if err := s.AddReview(ctx, &Review{ClaimID: wrong19, Reviewer: "liu", Verdict: ClaimVerified, Comment: "已更正"}); err != nil {
			t.Fatal(err)
		}
		marked(map[string]int{}, wrong19, right19)
		// The 2018 copy reviewed: what was carried from it into 2019 shows
		// that verdict, the 2018 carry-over still 2017's.
		if err := s.AddReview(ctx, &Review{ClaimID: wrong18, Reviewer: "liu", Verdict: ClaimVerified, Comment: " 已更正 "}); err != nil {
			t.Fatal(err)
		}
		verdicts, err = s.CarriedVerdicts(ctx, []string{carried18, carried19})
		if err != nil {
			t.Fatal(err)
		}
		if v := verdicts[carried19]; v != (SourceVerdict{Status: ClaimVerified, Comment: " 已更正 "}) {
			t.Errorf("verdict on the 2018 copy once reviewed: %+v, want its own 属实 (已更正)", v)
		}
		if v := verdicts[carried18]; v.Status != ClaimContradicted {
			t.Errorf("verdict on the 2017 claim: %+v, want still 与证据矛盾", v)
		}
	})
}
