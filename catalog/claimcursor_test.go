package catalog

import (
	"context"
	"errors"
	"fmt"
	"testing"
)

func TestClaimPagingHoldsWhileReviewed(t *testing.T) {
	forEachStore(t, testClaimPagingHoldsWhileReviewed)
}

// testClaimPagingHoldsWhileReviewed: a reader going through 定性描述 two
// at a time by cursor meets every one though the first is reviewed after
// the first page was read (by offset, the third slid onto page one, read
// already, and was never seen); the one reviewed comes again at the end,
// changed.
func testClaimPagingHoldsWhileReviewed(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "aa"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i := range 5 {
		c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: fmt.Sprintf("第%d条定性描述", i+1), CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "aa", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}}
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, c.ID)
	}
	f := ClaimFilter{City: "330100", Round: 2018, Limit: 2}
	page, err := s.FindClaims(ctx, f)
	if err != nil || len(page) != 2 || page[0].ID != ids[0] {
		t.Fatalf("first page: %v, %v; want the first two claims", page, err)
	}
	if err := s.AddReview(ctx, &Review{ClaimID: ids[0], Reviewer: "liu", Verdict: ClaimVerified, Comment: "属实"}); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	var order []string
	for _, c := range page {
		seen[c.ID]++
	}
	for f.After = ClaimCursor(page[len(page)-1]); len(page) == f.Limit; f.After = ClaimCursor(page[len(page)-1]) {
		if page, err = s.FindClaims(ctx, f); err != nil {
			t.Fatalf("page after %s: %v", f.After, err)
		}
		for _, c := range page {
			seen[c.ID]++
			order = append(order, c.Statement)
		}
		if len(page) == 0 {
			break
		}
	}
	for i, id := range ids {
		if seen[id] == 0 {
			t.Errorf("claim %d (%s) never listed; pages after the first gave %v", i+1, id, order)
		}
	}
	if seen[ids[0]] != 2 || order[len(order)-1] != "第1条定性描述" {
		t.Errorf("the claim reviewed meanwhile: listed %d times, pages after the first %v; want it again at the end", seen[ids[0]], order)
	}
	for _, bad := range []string{"nonsense", "bm9uc2Vuc2U", ClaimCursor(Claim{})[:4]} {
		_, err := s.FindClaims(ctx, ClaimFilter{After: bad})
		var e *Error
		if !errors.As(err, &e) || e.Code != EINVALID || e.Field != "after" {
			t.Errorf("cursor %q: %v, want EINVALID about after", bad, err)
		}
	}
}

func TestEventsPageBack(t *testing.T) { forEachStore(t, testEventsPageBack) }

// testEventsPageBack: Before pages the audit log back from a page's last
// event, on both catalogs.
func testEventsPageBack(t *testing.T, s *Store) {
	ctx := context.Background()
	for i := range 5 {
		if err := s.CreateDocument(ctx, newDoc(fmt.Sprintf("D%d", i), fmt.Sprintf("h%d", i)), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	f := EventFilter{User: "zhang", Limit: 2}
	var objects []string
	for range 5 {
		page, err := s.FindEvents(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range page {
			objects = append(objects, e.Object)
		}
		if len(page) < f.Limit {
			break
		}
		f.Before = page[len(page)-1].ID
	}
	if len(objects) != 5 || objects[0] != "D4" || objects[4] != "D0" {
		t.Errorf("the audit log two at a time, newest first: %v, want D4 … D0", objects)
	}
	// More than a page holds is a page of 1000, not 100.
	for i := range 120 {
		if err := s.RecordEvent(ctx, Event{User: "li", Action: "test.event", Object: fmt.Sprint(i)}); err != nil {
			t.Fatal(err)
		}
	}
	if got, err := s.FindEvents(ctx, EventFilter{User: "li", Limit: 5000}); err != nil || len(got) != 120 {
		t.Errorf("120 events asked 5000 at a time: %d, %v; want all 120", len(got), err)
	}
}
