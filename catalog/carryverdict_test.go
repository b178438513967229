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
// longer passes it on. CarriedVerdicts leaves out a link's carry-over
// and one whose source, or a copy in the middle of its chain, was dropped
// (deleted), and gives a status without the comment when the latest
// review gave another verdict. Both dialects.
func TestContradictedBefore(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		addRounds(t, s, 2019, 2020)
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

		setStateOf := func(id string, state CarryState) {
			t.Helper()
			err := s.inTx(ctx, func(tx *sql.Tx) error {
				_, err := tx.ExecContext(ctx, `UPDATE carryover SET state = ? WHERE id = ?`, state, id)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		setState := func(state CarryState) { t.Helper(); setStateOf(carried19, state) }
		setState(CarryUpdated)
		marked(map[string]int{}, wrong19, right19)
		setState(CarryConfirmed)
		marked(map[string]int{wrong19: 2017}, wrong19)
		if err := s.AddReview(ctx, &Review{ClaimID: wrong19, Reviewer: "liu", Verdict: ClaimVerified, Comment: "已更正"}); err != nil {
			t.Fatal(err)
		}
		marked(map[string]int{}, wrong19, right19)
		// The 2018 copy confirmed by its city (a verdict waits for that)
		// and reviewed: what was carried from it into 2019 shows that
		// verdict, the 2018 carry-over still 2017's.
		setStateOf(carried18, CarryConfirmed)
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

		// A document of 2019 linked to an indicator: its link is carried
		// into 2020 with the claims, and its carry-over has no verdict.
		d2 := newDoc("D2", "D2-sha")
		d2.Round = "2019"
		if err := s.CreateDocument(ctx, d2, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D2", IndicatorCode: "1.1.1", CreatedBy: "zhang"}}, false); err != nil {
			t.Fatal(err)
		}
		carry(2019, wrong19, right19)
		// carryOf returns the ID of the carry-over of kind into round
		// from source ("" for any link).
		carryOf := func(round int, kind CarryKind, source string) string {
			t.Helper()
			list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: round})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range list {
				if c.Kind == kind && (source == "" || c.SourceID == source) {
					return c.ID
				}
			}
			t.Fatalf("no carry-over of %s %s into %d: %+v", kind, source, round, list)
			return ""
		}
		right18Carried, right19Carried := carryOf(2018, CarryClaim, right), carryOf(2019, CarryClaim, right18)
		right20Carried, linkCarried := carryOf(2020, CarryClaim, right19), carryOf(2020, CarryLink, "")
		ids := []string{carried18, right18Carried, right19Carried, right20Carried, linkCarried}
		verdicts, err = s.CarriedVerdicts(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range []string{right18Carried, right19Carried, right20Carried} {
			if v := verdicts[id]; v != (SourceVerdict{Status: ClaimVerified, Comment: "原文为12000人"}) {
				t.Errorf("verdict on the source of carry-over %s: %+v, want 2017's 属实 through the copies nobody reviewed", id, v)
			}
		}
		if v, ok := verdicts[linkCarried]; ok {
			t.Errorf("a link's carry-over has a verdict: %+v", v)
		}

		// The 2017 claim's status no longer the latest review's verdict:
		// the status shows, without that review's comment.
		err = s.inTx(ctx, func(tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE claim SET status = ? WHERE id = ?`, ClaimInsufficient, wrong)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		// The 2018 copy of right dropped (deleted): the carry-overs from
		// it into 2019 and, through the unreviewed 2019 copy, into 2020
		// have no source left, so no verdict; the 2018 one still has 2017's.
		if err := s.DecideCarryover(ctx, right18Carried, CarryDropped, "zhang"); err != nil {
			t.Fatal(err)
		}
		verdicts, err = s.CarriedVerdicts(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if v := verdicts[carried18]; v != (SourceVerdict{Status: ClaimInsufficient}) {
			t.Errorf("verdict on a claim whose latest review gave another: %+v, want 证据不足 without a comment", v)
		}
		if v := verdicts[right18Carried]; v != (SourceVerdict{Status: ClaimVerified, Comment: "原文为12000人"}) {
			t.Errorf("verdict on the 2017 claim once its 2018 copy is dropped: %+v, want 属实", v)
		}
		for _, id := range []string{right19Carried, right20Carried, linkCarried} {
			if v, ok := verdicts[id]; ok {
				t.Errorf("carry-over %s has a verdict with its source deleted: %+v", id, v)
			}
		}
		if len(verdicts) != 2 {
			t.Errorf("CarriedVerdicts = %+v, want two verdicts", verdicts)
		}
	})
}

// TestCarriedVerdictOfReopenedSource: 结转事项核对 shows, beside a claim
// carried from 2017, the last verdict given there even when the 2017
// claim was sent back to 待审核 since (a document it cites deleted): the
// verdict with its comment, marked reopened. Only a claim nobody ever
// reviewed shows 待审核. Both dialects.
func TestCarriedVerdictOfReopenedSource(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2", "1.1.3")
		for _, id := range []string{"D1", "D2"} {
			if err := s.CreateDocument(ctx, newDoc(id, id+"-sha"), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		cases := []struct {
			name, code, statement string
			verdict               ClaimStatus // "" none given
			want                  SourceVerdict
		}{
			{"审核后重新打开", "1.1.1", "学分银行开户学习者达到2万人", ClaimInsufficient,
				SourceVerdict{Status: ClaimInsufficient, Comment: "缺少学分银行管理办法", Reopened: true}},
			{"从未审核", "1.1.2", "建成社区学校12所", "", SourceVerdict{Status: ClaimPending}},
			{"审核后未重新打开", "1.1.3", "终身学习体验基地十几个", ClaimVerified,
				SourceVerdict{Status: ClaimVerified, Comment: "缺少学分银行管理办法"}},
		}
		sources := map[string]string{}
		for _, c := range cases {
			cites := []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行"}}
			if c.want.Reopened {
				cites = append(cites, Citation{DocumentID: "D2", SHA256: "D2-sha", Page: 1, Quote: "学分银行"})
			}
			cl := &Claim{City: "330100", Round: 2017, Indicator: c.code, Statement: c.statement, CreatedBy: "zhang", Citations: cites}
			if err := s.CreateClaim(ctx, cl); err != nil {
				t.Fatal(err)
			}
			if c.verdict != "" {
				if err := s.AddReview(ctx, &Review{ClaimID: cl.ID, Reviewer: "liu", Verdict: c.verdict, Comment: "缺少学分银行管理办法"}); err != nil {
					t.Fatal(err)
				}
			}
			sources[cl.ID] = c.name
		}
		// D2 deleted: the claim citing it goes back to 待审核.
		if _, err := s.DeleteDocument(ctx, "D2", "admin"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "zhang"); err != nil {
			t.Fatal(err)
		}
		list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
		if err != nil {
			t.Fatal(err)
		}
		carried := map[string]string{} // case name → carry-over
		var ids []string
		for _, c := range list {
			if name, ok := sources[c.SourceID]; ok {
				carried[name] = c.ID
				ids = append(ids, c.ID)
			}
		}
		verdicts, err := s.CarriedVerdicts(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range cases {
			if got := verdicts[carried[c.name]]; got != c.want {
				t.Errorf("%s: verdict on the carried claim's source = %+v, want %+v", c.name, got, c.want)
			}
		}
	})
}
