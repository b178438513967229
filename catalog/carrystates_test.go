package catalog

import (
	"context"
	"strings"
	"testing"
)

func TestCarriedItemsChangedOrWithdrawnMoveOn(t *testing.T) {
	forEachStore(t, testCarriedItemsChangedOrWithdrawnMoveOn)
}

// testCarriedItemsChangedOrWithdrawnMoveOn: 杭州's 2017 claims and value
// are carried into 2018. The coordinator confirms the claim a reviewer
// found 与证据矛盾 (已核对，仍沿用) and the value, then corrects both: they
// are 已修改 (updated), no longer 已确认沿用, and the corrected claim is no
// longer marked 上一轮：与证据矛盾 (they stayed confirmed and marked). The
// claim withdrawn while waiting is 本轮不再使用 (dropped), not 待确认 with a
// button to confirm it.
func testCarriedItemsChangedOrWithdrawnMoveOn(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	cite := func() []Citation {
		return []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}
	}
	wrong := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "学分银行开户学习者达到2万人", CreatedBy: "zhang", Citations: cite()}
	other := &Claim{City: "330100", Round: 2017, Indicator: "1.1.2", Statement: "已建立市民终身学习账户", CreatedBy: "zhang", Citations: cite()}
	for _, c := range []*Claim{wrong, other} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddReview(ctx, &Review{ClaimID: wrong.ID, Reviewer: "liu", Verdict: ClaimContradicted, Comment: "原文为1.2万人"}); err != nil {
		t.Fatal(err)
	}
	value := func(round int, number float64, given string) *Value {
		return &Value{City: "330100", Round: round, Indicator: "1.1.2", Number: number, Given: given, Unit: "个",
			Citation: Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行"}}
	}
	if err := s.SaveValue(ctx, value(2017, 123, "123个"), "zhang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "wang"); err != nil {
		t.Fatal(err)
	}
	carried := func() map[string]Carryover {
		t.Helper()
		list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]Carryover{}
		for _, c := range list {
			key := string(c.Kind)
			switch c.SourceID {
			case wrong.ID:
				key = "wrong"
			case other.ID:
				key = "other"
			}
			out[key] = c
		}
		return out
	}
	was := carried()
	for _, key := range []string{"wrong", "value"} {
		if err := s.DecideCarryover(ctx, was[key].ID, CarryConfirmed, "wang"); err != nil {
			t.Fatalf("confirm the carried %s: %v", key, err)
		}
	}
	copyOfWrong := was["wrong"].ObjectID
	if marked, err := s.ContradictedBefore(ctx, []string{copyOfWrong}); err != nil || len(marked) != 1 {
		t.Fatalf("the confirmed copy of the contradicted claim: marked %v, %v; want it marked", marked, err)
	}
	if err := s.UpdateClaim(ctx, &Claim{ID: copyOfWrong, Statement: "学分银行开户学习者达到1.2万人", Citations: cite()}, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveValue(ctx, value(2018, 156, "156个"), "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.WithdrawClaim(ctx, was["other"].ObjectID, "wang", "本轮不再报送"); err != nil {
		t.Fatal(err)
	}
	now := carried()
	for key, want := range map[string]CarryState{"wrong": CarryUpdated, "value": CarryUpdated, "other": CarryDropped} {
		if c := now[key]; c.State != want || c.DecidedBy != "wang" {
			t.Errorf("the carried %s after the coordinator's change: %s by %q, want %s by wang", key, c.State, c.DecidedBy, want)
		}
	}
	if marked, err := s.ContradictedBefore(ctx, []string{copyOfWrong}); err != nil || len(marked) != 0 {
		t.Errorf("the corrected copy of the contradicted claim: marked %v, %v; want it no longer marked", marked, err)
	}
}

func TestACarryOverFailingToMoveOnIsSaidOnce(t *testing.T) {
	forEachStore(t, testACarryOverFailingToMoveOnIsSaidOnce)
}

// testACarryOverFailingToMoveOnIsSaidOnce: when the carried claim cannot
// be marked 已修改 (the database refuses), the coordinator's correction
// fails saying what it was marking, once (it said "mark carried claim
// updated: mark carried claim … updated: …").
func testACarryOverFailingToMoveOnIsSaidOnce(t *testing.T, s *Store) {
	if s.dialect.name != "sqlite" {
		t.Skip("the refusing trigger is written for SQLite")
	}
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	cite := func() []Citation {
		return []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}
	}
	c := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "已建立市民终身学习账户", CreatedBy: "zhang", Citations: cite()}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "wang"); err != nil {
		t.Fatal(err)
	}
	list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
	if err != nil || len(list) != 1 {
		t.Fatalf("carried: %v %v, want the claim", list, err)
	}
	if _, err := s.writer.ExecContext(ctx, `CREATE TRIGGER carry_refused BEFORE UPDATE ON carryover BEGIN SELECT RAISE(ABORT, '沿用记录暂不可改'); END`); err != nil {
		t.Fatal(err)
	}
	err = s.UpdateClaim(ctx, &Claim{ID: list[0].ObjectID, Statement: "已建立市民终身学习账户12万个", Citations: cite()}, "wang")
	if err == nil || strings.Count(err.Error(), "mark carried claim") != 1 {
		t.Errorf("correcting a carried claim that cannot be marked: %v, want it saying once what it was marking", err)
	}
}
