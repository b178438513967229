package catalog

import (
	"context"
	"strings"
	"sync"
	"testing"
)

// Two reviewers give the first verdict on the same pending claim, and on
// the same pending value, at the same moment: one lands, the other is
// ECONFLICT naming the verdict already recorded (审核结论已被他人记录为
// “属实”…), its review not saved; whichever wins, the status is its
// verdict and the only review.
func TestFirstVerdictLandsOnce(t *testing.T) { forEachStore(t, testFirstVerdictLandsOnce) }

func testFirstVerdictLandsOnce(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立市民学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	v := &Value{City: "330100", Round: 2018, Indicator: "1.1.1", Number: 123, Given: "123个", Unit: "个",
		Citation:   Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个", QuoteFound: true, FoundOnPage: 1},
		ValueFound: true}
	if err := s.SaveValue(ctx, v, "zhang"); err != nil {
		t.Fatal(err)
	}
	reviews := []Review{
		{Reviewer: "liu", Verdict: ClaimVerified, Comment: "与原文一致"},
		{Reviewer: "zhao", Verdict: ClaimContradicted, Comment: "原文只说试点区"},
	}
	for _, tt := range []struct {
		what    string
		review  func(r *Review) error
		status  func() (ClaimStatus, error)
		reviews func() ([]Review, error)
	}{
		{"claim", func(r *Review) error { r.ClaimID = c.ID; return s.AddReview(ctx, r) },
			func() (ClaimStatus, error) { got, err := s.Claim(ctx, c.ID); return statusOf(got, err) },
			func() ([]Review, error) { return s.Reviews(ctx, c.ID) }},
		{"value", func(r *Review) error { return s.AddValueReview(ctx, v.ID, r) },
			func() (ClaimStatus, error) { got, err := s.Value(ctx, v.ID); return valueStatusOf(got, err) },
			func() ([]Review, error) { return s.ValueReviews(ctx, v.ID) }},
	} {
		errs := make([]error, len(reviews))
		start := make(chan struct{})
		var wg sync.WaitGroup
		for i := range reviews {
			r := reviews[i]
			wg.Go(func() {
				<-start
				errs[i] = tt.review(&r)
			})
		}
		close(start)
		wg.Wait()
		winner, loser := -1, -1
		for i, err := range errs {
			if err == nil {
				winner = i
			} else {
				loser = i
			}
		}
		if winner < 0 || loser < 0 {
			t.Fatalf("%s: two first verdicts at once: %v, want one to land and one refused", tt.what, errs)
		}
		won := reviews[winner].Verdict
		if ErrorCode(errs[loser]) != ECONFLICT || !strings.Contains(ErrorMessage(errs[loser]), "审核结论已被他人记录为“"+VerdictIn(won).Chinese+"”") {
			t.Errorf("%s: the second verdict: %v, want ECONFLICT naming %s", tt.what, errs[loser], VerdictIn(won))
		}
		if st, err := tt.status(); err != nil || st != won {
			t.Errorf("%s: status %s %v, want the verdict that landed (%s)", tt.what, st, err, won)
		}
		if rs, err := tt.reviews(); err != nil || len(rs) != 1 || rs[0].Reviewer != reviews[winner].Reviewer {
			t.Errorf("%s: reviews %+v %v, want only %s's", tt.what, rs, err, reviews[winner].Reviewer)
		}
	}
}

// A reviewer keeping their verdict and correcting its comment is a
// review of its own, revising the verdict into itself, recorded as a
// comment change (claim.review_comment, value.review_comment) naming the
// verdict kept; a revision to another verdict stays claim.revise.
func TestSameVerdictNewCommentIsACommentChange(t *testing.T) {
	forEachStore(t, testSameVerdictNewCommentIsACommentChange)
}

func testSameVerdictNewCommentIsACommentChange(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立市民学分银行", CreatedBy: "zhang",
		Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		review     Review
		wantAction string
	}{
		{Review{Verdict: ClaimInsufficient, Comment: "缺少文号"}, "claim.review"},
		{Review{Verdict: ClaimInsufficient, Comment: "缺少文号和盖章页", Revises: ClaimInsufficient}, "claim.review_comment"},
		{Review{Verdict: ClaimVerified, Comment: "已补盖章页", Revises: ClaimInsufficient}, "claim.revise"},
	} {
		r := tt.review
		r.ClaimID, r.Reviewer = c.ID, "liu"
		if err := s.AddReview(ctx, &r); err != nil {
			t.Fatalf("%s %q: %v", r.Verdict, r.Comment, err)
		}
		ev, err := s.Events(ctx, "claim:"+c.ID, 1)
		if err != nil || len(ev) != 1 || ev[0].Action != tt.wantAction || ev[0].Detail["comment"] != r.Comment {
			t.Errorf("%s %q: last event %+v %v, want %s with the comment", r.Verdict, r.Comment, ev, err, tt.wantAction)
		}
	}
	if got, err := s.Claim(ctx, c.ID); err != nil || got.Status != ClaimVerified {
		t.Errorf("claim after the comment change and the revision: %+v %v, want verified", got, err)
	}
}

func statusOf(c *Claim, err error) (ClaimStatus, error) {
	if err != nil {
		return "", err
	}
	return c.Status, nil
}

func valueStatusOf(v *Value, err error) (ClaimStatus, error) {
	if err != nil {
		return "", err
	}
	return v.Status, nil
}
