package claims_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestNextPendingReachesTheWholeQueue: "next pending claim" goes on past
// the 500th 定性描述 of a long queue, where it turned back to the first,
// and finds a claim an admin may review behind 500 of their own, where it
// found none.
func TestNextPendingReachesTheWholeQueue(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	doc := e.Upload("330100", "学分银行.txt", "杭州市建立学分银行")
	write := func(u *catalog.User, i int) string {
		c, err := e.Claims.Create(ctx, u, claims.Input{City: "330100", Indicator: "2.3.1", Round: 2018,
			Statement: fmt.Sprintf("杭州市建立了学分银行（第%d条）", i),
			Citations: []claims.CitationInput{{DocumentID: doc.ID, Page: 1, Quote: "建立学分银行"}}})
		if err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	var ids []string
	for i := range 500 {
		ids = append(ids, write(testenv.Admin, i))
	}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	last := write(wang, 500)
	if next, err := e.Claims.NextPendingIn(ctx, testenv.Admin, "", catalog.ClaimFilter{}); err != nil || next.ID != last {
		t.Errorf("an admin's next pending claim behind 500 of their own: %v, %v; want wang's %s", next, err, last)
	}
	li := &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	if next, err := e.Claims.NextPendingIn(ctx, li, ids[499], catalog.ClaimFilter{City: "330100"}); err != nil || next.ID != last {
		t.Errorf("the next pending claim after the 500th: %v, %v; want the 501st %s", next, err, last)
	}
	if next, err := e.Claims.NextPendingIn(ctx, li, last, catalog.ClaimFilter{}); err != nil || next.ID != ids[0] {
		t.Errorf("the next pending claim after the last: %v, %v; want the first again %s", next, err, ids[0])
	}
}
