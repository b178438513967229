package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestWithdrawTakesAClaimOutOfTheQueueAndTheCounts: a coordinator
// withdraws their city's pending claim; it leaves the queue, the counts
// behind the heat map and the carry-over, is not reopened when its
// document changes, keeps its history (claim.withdraw), and can be
// neither edited, reviewed nor withdrawn again. A verified claim, another
// city's coordinator, a reviewer and an expert are refused.
func TestWithdrawTakesAClaimOutOfTheQueueAndTheCounts(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	doc := e.Upload("330100", "学分银行.txt", "杭州市建立学分银行 推进学习成果认证")
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	reviewer := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	write := func(statement string) *catalog.Claim {
		c, err := e.Claims.Create(ctx, wang, claims.Input{Indicator: "2.3.1", Round: 2018, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	kept, gone, verified := write("杭州市建立了学分银行"), write("杭州市重复填报的定性描述"), write("杭州市推进学习成果认证")
	if _, err := e.Claims.Review(ctx, reviewer, verified.ID, "verified", ""); err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name string
		u    *catalog.User
		id   string
		code string
	}{
		{"another city's coordinator", &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: "510100"}, gone.ID, catalog.ENOTFOUND},
		{"a reviewer", reviewer, gone.ID, catalog.EFORBIDDEN},
		{"an expert", &catalog.User{Username: "zhou", Role: catalog.RoleExpert}, gone.ID, catalog.EFORBIDDEN},
		{"a verified claim", wang, verified.ID, catalog.ECONFLICT},
		{"no such claim", wang, "01ARZ3NDEKTSV4RRFFQ69G5FAV", catalog.ENOTFOUND},
	} {
		if _, err := e.Claims.Withdraw(ctx, tt.u, tt.id, ""); catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %s", tt.name, err, tt.code)
		}
	}

	c, err := e.Claims.Withdraw(ctx, wang, gone.ID, "与另一条定性描述重复")
	if err != nil || c.Status != catalog.ClaimWithdrawn {
		t.Fatalf("withdraw: %+v %v", c, err)
	}
	if _, err := e.Claims.Withdraw(ctx, testenv.Admin, gone.ID, ""); catalog.ErrorCode(err) != catalog.ECONFLICT ||
		catalog.MessageIn(err, true) != "This claim has already been withdrawn" {
		t.Errorf("withdrawing twice: %v, want ECONFLICT, in English %q", err, catalog.MessageIn(err, true))
	}
	q, err := e.Claims.Queue(ctx, reviewer, catalog.ClaimFilter{Status: catalog.ClaimPending})
	if err != nil || len(q.Claims) != 1 || q.Claims[0].ID != kept.ID || q.Counts[catalog.ClaimPending] != 1 {
		t.Errorf("the queue after the withdrawal: %+v %v", q, err)
	}
	all, err := e.Claims.List(ctx, wang, catalog.ClaimFilter{})
	if err != nil || len(all) != 2 {
		t.Errorf("the city's claims (every status but withdrawn): %d %v", len(all), err)
	}
	if w, err := e.Claims.List(ctx, wang, catalog.ClaimFilter{Status: catalog.ClaimWithdrawn}); err != nil || len(w) != 1 || w[0].ID != gone.ID {
		t.Errorf("the withdrawn claims: %+v %v", w, err)
	}
	counts, err := e.Catalog.CountClaims(ctx, 2018, "330100")
	if err != nil || len(counts) != 1 || counts[0].Claims != 2 || counts[0].Verified != 1 {
		t.Errorf("the heat map's counts: %+v %v", counts, err)
	}
	v, err := e.Claims.View(ctx, wang, gone.ID)
	if err != nil || v.CanEdit || v.CanWithdraw || v.CanReview {
		t.Fatalf("view of the withdrawn claim: %+v %v", v, err)
	}
	found := false
	for _, ev := range v.History {
		found = found || (ev.Action == "claim.withdraw" && ev.User == "wang" && ev.Detail["reason"] == "与另一条定性描述重复")
	}
	if !found {
		t.Errorf("no claim.withdraw in the history: %+v", v.History)
	}
	st := "改一下"
	if _, err := e.Claims.Update(ctx, wang, gone.ID, &st, nil); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("editing a withdrawn claim: %v, want ECONFLICT", err)
	}
	if _, err := e.Claims.Review(ctx, reviewer, gone.ID, "verified", ""); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("reviewing a withdrawn claim: %v, want ECONFLICT", err)
	}
	// The same race at the store, past the service's look: a verdict or an
	// edit that arrives after the withdraw committed does not undo it.
	if err := e.Catalog.AddReview(ctx, &catalog.Review{ClaimID: gone.ID, Reviewer: "li", Verdict: catalog.ClaimVerified}); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("a verdict stored after the withdraw: %v, want ECONFLICT", err)
	}
	if err := e.Catalog.UpdateClaim(ctx, &catalog.Claim{ID: gone.ID, Statement: "改一下"}, "wang"); catalog.ErrorCode(err) != catalog.ECONFLICT {
		t.Errorf("an edit stored after the withdraw: %v, want ECONFLICT", err)
	}
	if c, err := e.Catalog.Claim(ctx, gone.ID); err != nil || c.Status != catalog.ClaimWithdrawn {
		t.Errorf("after the late writes: %+v %v, want still withdrawn", c, err)
	}
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	if rep, err := e.Values.CarryOver(ctx, wang, "330100", 2019); err != nil || rep.Claims != 2 {
		t.Errorf("carried into 2019: %+v %v, want the 2 claims not withdrawn", rep, err)
	}
	// Its document deleted: the other claims go back to review, the
	// withdrawn one stays withdrawn.
	if _, err := e.Documents.Delete(ctx, testenv.Admin, doc.ID); err != nil {
		t.Fatal(err)
	}
	if got, err := e.Claims.Get(ctx, wang, gone.ID); err != nil || got.Status != catalog.ClaimWithdrawn {
		t.Errorf("after its document was deleted: %+v %v", got, err)
	}
}
