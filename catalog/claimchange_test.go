package catalog

import (
	"context"
	"slices"
	"testing"
)

func TestClaimChangesAreNamed(t *testing.T) { forEachStore(t, testClaimChangesAreNamed) }

// testClaimChangesAreNamed: a citation added to a claim was recorded as
// claim.edit, which the history shows as 修改定性描述 (probe s36 finding
// 11); each change is now recorded as what it was, and the claim goes
// back to review whichever it is.
func testClaimChangesAreNamed(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.2")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "wang"}); err != nil {
		t.Fatal(err)
	}
	cite := func(quote string) Citation {
		return Citation{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: quote, QuoteFound: true, FoundOnPage: 1}
	}
	c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.2", Statement: "杭州市颁布终身学习促进条例", CreatedBy: "wang",
		Citations: []Citation{cite("终身学习促进条例")}}
	if err := s.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		change    ClaimChange
		statement string
		cits      []Citation
	}{
		{ClaimCited, "杭州市颁布终身学习促进条例", []Citation{cite("终身学习促进条例"), cite("市人大常委会公告")}},
		{ClaimUncited, "杭州市颁布终身学习促进条例", []Citation{cite("市人大常委会公告")}},
		{ClaimEdited, "杭州市人大常委会颁布终身学习促进条例", []Citation{cite("市人大常委会公告")}},
	} {
		if err := s.AddReview(ctx, &Review{ClaimID: c.ID, Reviewer: "liu", Verdict: ClaimInsufficient, Comment: "请补充条例文本"}); err != nil {
			t.Fatal(err)
		}
		// The change is built on the claim as the verdict left it (a
		// save built on it before is refused: UpdateClaimAs).
		read, err := s.Claim(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		c.UpdatedAt, c.Statement, c.Citations = read.UpdatedAt, tt.statement, tt.cits
		if err := s.UpdateClaimAs(ctx, c, "wang", tt.change); err != nil {
			t.Fatalf("%s: %v", tt.change, err)
		}
		got, err := s.Claim(ctx, c.ID)
		if err != nil || got.Status != ClaimPending || len(got.Citations) != len(tt.cits) {
			t.Errorf("after %s: %+v %v, want pending with %d citations", tt.change, got, err, len(tt.cits))
		}
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "claim:" + c.ID, Action: "claim."})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range events {
		if e.Action != "claim.review" {
			actions = append(actions, e.Action)
		}
	}
	slices.Reverse(actions) // listed newest first
	if want := []string{"claim.create", "claim.cite", "claim.uncite", "claim.edit"}; !slices.Equal(actions, want) {
		t.Errorf("the claim's history: %v, want %v", actions, want)
	}
}
