package catalog

import (
	"context"
	"testing"
)

func TestClaimSavedUnchangedIsNoChange(t *testing.T) {
	forEachStore(t, testClaimSavedUnchangedIsNoChange)
}

// testClaimSavedUnchangedIsNoChange: a coordinator's save of a verified
// claim with its very statement and citations put it back to pending,
// after which it could be withdrawn (probe s39 finding 1). Saving what
// is stored changes nothing; a real change still clears the verdict and
// names it in the event.
func testClaimSavedUnchangedIsNoChange(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	cite := func(quote string) Citation {
		return Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1}
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "杭州市颁布终身学习促进条例", CreatedBy: "wang",
		Citations: []Citation{cite("终身学习促进条例"), cite("市人大常委会公告")}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatal(err)
	}
	verified, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	edits := func() int {
		events, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID, Action: string(ClaimEdited)})
		if err != nil {
			t.Fatal(err)
		}
		return len(events)
	}
	same := &Claim{ID: c.ID, Statement: verified.Statement, UpdatedAt: verified.UpdatedAt,
		Citations: []Citation{cite("终身学习促进条例"), cite("市人大常委会公告")}}
	changed, err := s.UpdateClaimChanged(ctx, same, "wang", ClaimEdited)
	if err != nil || changed {
		t.Fatalf("saving the same statement and citations: changed %v, %v; want no change", changed, err)
	}
	if same.Status != ClaimVerified || !same.UpdatedAt.Equal(verified.UpdatedAt) || len(same.Citations) != 2 || same.Citations[1].Number != 2 {
		t.Errorf("the claim given back: %s at %v with %+v; want it as stored, verified at %v", same.Status, same.UpdatedAt, same.Citations, verified.UpdatedAt)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil || got.Status != ClaimVerified || got.Version() != verified.Version() {
		t.Errorf("after the same save: %+v %v; want verified, version %s", got, err, verified.Version())
	}
	if n := edits(); n != 0 {
		t.Errorf("the same save recorded %d claim.edit events, want none", n)
	}
	if _, err := s.WithdrawClaim(ctx, c.ID, "wang", ""); ErrorCode(err) != ECONFLICT {
		t.Errorf("withdrawing the verified claim after the same save: %v, want ECONFLICT", err)
	}

	// A quote changed is a change: the verdict goes, and its event says so.
	quoteChanged := &Claim{ID: c.ID, Statement: verified.Statement, UpdatedAt: verified.UpdatedAt,
		Citations: []Citation{cite("终身学习促进条例"), cite("市人大常委会公告第12号")}}
	if changed, err := s.UpdateClaimChanged(ctx, quoteChanged, "wang", ClaimEdited); err != nil || !changed {
		t.Fatalf("changing a quote: changed %v, %v; want a change", changed, err)
	}
	if quoteChanged.Status != ClaimPending {
		t.Errorf("after a quote changed: %s, want pending", quoteChanged.Status)
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID, Action: string(ClaimEdited)})
	if err != nil || len(events) != 1 {
		t.Fatalf("claim.edit events: %v %v, want one", events, err)
	}
	if got := events[0].Detail[EventVerdictCleared]; got != string(ClaimVerified) {
		t.Errorf("the edit's %s: %v, want %s", EventVerdictCleared, got, ClaimVerified)
	}
	// A change of a claim waiting for review clears no verdict.
	pending, err := s.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	pending.Statement = "杭州市人大常委会颁布终身学习促进条例"
	if changed, err := s.UpdateClaimChanged(ctx, pending, "wang", ClaimEdited); err != nil || !changed {
		t.Fatalf("changing the statement: changed %v, %v; want a change", changed, err)
	}
	events, err = s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID, Action: string(ClaimEdited)})
	if err != nil || len(events) != 2 {
		t.Fatalf("claim.edit events: %v %v, want two", events, err)
	}
	if got, ok := events[0].Detail[EventVerdictCleared]; ok {
		t.Errorf("the edit of a pending claim names a verdict cleared: %v", got)
	}
}

func TestVerdictRevised(t *testing.T) { forEachStore(t, testVerdictRevised) }

// testVerdictRevised: a reviewer could not correct their verdict (probe
// s39 finding 2). A revision replaces the verdict it names, recorded as
// claim.revise with the old and the new; one naming a verdict the claim
// no longer has (its city changed it since) is refused.
func testVerdictRevised(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "杭州市建成社区学校1200所", CreatedBy: "wang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "建成社区学校1200所", QuoteFound: true, FoundOnPage: 1}}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: ClaimVerified}); err != nil {
		t.Fatal(err)
	}
	rev := &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: ClaimContradicted, Comment: "原文为120所，误读一位", Revises: ClaimVerified}
	if err := s.AddReview(ctx, rev); err != nil {
		t.Fatalf("revising verified to contradicted: %v", err)
	}
	got, err := s.Claim(ctx, c.ID)
	if err != nil || got.Status != ClaimContradicted {
		t.Fatalf("after the revision: %+v %v, want contradicted", got, err)
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID, Action: "claim.revise"})
	if err != nil || len(events) != 1 {
		t.Fatalf("claim.revise events: %v %v, want one", events, err)
	}
	if d := events[0].Detail; d["verdict"] != string(ClaimContradicted) || d[EventPreviousVerdict] != string(ClaimVerified) || d["comment"] != rev.Comment {
		t.Errorf("the revision's detail: %v, want contradicted after verified with its comment", d)
	}
	// A revision built on verified when the claim is contradicted now
	// (another reviewer's revision landed first) is refused.
	stale := &Review{ClaimID: c.ID, Reviewer: "zhao", Verdict: ClaimInsufficient, Comment: "需补充名单", Revises: ClaimVerified}
	if err := s.AddReview(ctx, stale); ErrorCode(err) != ECONFLICT {
		t.Errorf("a revision of a verdict the claim no longer has: %v, want ECONFLICT", err)
	}
	if got, _ := s.Claim(ctx, c.ID); got.Status != ClaimContradicted {
		t.Errorf("after the refused revision: %s, want contradicted", got.Status)
	}

	v := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 1200, Given: "1200所", Unit: "所",
		Citation:   Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "建成社区学校1200所", QuoteFound: true, FoundOnPage: 1},
		ValueFound: true}
	if err := s.SaveValue(ctx, v, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, v.ID, &Review{Reviewer: "liu", Verdict: ClaimInsufficient, Comment: "需补充名单"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, v.ID, &Review{Reviewer: "liu", Verdict: ClaimVerified, Comment: "名单见附件二", Revises: ClaimInsufficient}); err != nil {
		t.Fatalf("revising the value's verdict: %v", err)
	}
	events, err = s.FindEvents(ctx, EventFilter{Object: "value:" + v.ID, Action: "value.revise"})
	if err != nil || len(events) != 1 || events[0].Detail[EventPreviousVerdict] != string(ClaimInsufficient) {
		t.Errorf("value.revise events: %v %v, want one naming insufficient", events, err)
	}
	if err := s.AddValueReview(ctx, v.ID, &Review{Reviewer: "zhao", Verdict: ClaimContradicted, Comment: "重复", Revises: ClaimInsufficient}); ErrorCode(err) != ECONFLICT {
		t.Errorf("a value revision of a verdict it no longer has: %v, want ECONFLICT", err)
	}
}
