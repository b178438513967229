package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A versions group whose best-ranked member moved to another city, while
// the index still files it under the old one, is shown by its versions
// still in the city searched (review s46 #2): the moved head used to be
// dropped with the versions folded under it, and the old city's
// coordinator saw 共 2 条 and no hit at all. A moved version folded under
// a head that stays is not named among the head's versions either.
func TestVersionsStayWhenTheirHeadMovesAway(t *testing.T) {
	ctx := context.Background()
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	const q = "第0号材料"
	for _, tc := range []struct {
		moved, stays string
	}{
		{moved: "doc-0000", stays: "doc-0001"},
		{moved: "doc-0001", stays: "doc-0000"},
	} {
		cat, idx := versionedArchive(t, 2)
		svc := NewService(idx, cat)
		res := searchAs(t, svc, Request{Query: q, User: coordA})
		if len(res.Hits) != 1 || res.Hits[0].ID != "doc-0000" || !slices.Equal(res.Hits[0].NearDuplicateIDs, []string{"doc-0001"}) {
			t.Fatalf("%q before the move: hits %v, want doc-0000 with doc-0001 folded under it", q, foldedList(res))
		}
		// Moved in the catalog; the index still files it under 杭州.
		if _, err := cat.MoveDocument(ctx, tc.moved, "510100", "admin"); err != nil {
			t.Fatal(err)
		}
		res = searchAs(t, svc, Request{Query: q, User: coordA})
		if len(res.Hits) != 1 || res.Hits[0].ID != tc.stays || len(res.Hits[0].NearDuplicateIDs) != 0 || res.Folded != 0 {
			t.Errorf("%q after %s moved to 成都: hits %v (folded %d), want %s alone, still in 杭州",
				q, tc.moved, foldedList(res), res.Folded, tc.stays)
		}
		if res.Total != 1 || res.Groups != 1 {
			t.Errorf("%q after %s moved to 成都: total %d, groups %d, want 1 and 1 (the hit shown)", q, tc.moved, res.Total, res.Groups)
		}
	}
}

// The counts of a page leave out the hits it drops because they moved
// out of the cities searched (review s46 #8): a page whose only hit moved
// said 共 1 条 and showed nothing.
func TestCountsLeaveOutAHitMovedAway(t *testing.T) {
	ctx := context.Background()
	cat, idx := versionedArchive(t, 3)
	svc := NewService(idx, cat)
	coordA := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	const q = "第2号材料"
	res := searchAs(t, svc, Request{Query: q, User: coordA})
	if !hitIs(res, "doc-0002") || res.Total != 1 {
		t.Fatalf("%q before the move: hits %v, total %d, want doc-0002 alone", q, hitList(res), res.Total)
	}
	if _, err := cat.MoveDocument(ctx, "doc-0002", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	res = searchAs(t, svc, Request{Query: q, User: coordA})
	if len(res.Hits) != 0 || res.Total != 0 || res.Groups != 0 {
		t.Errorf("%q after doc-0002 moved to 成都: hits %v, total %d, groups %d, want none, 0 and 0", q, hitList(res), res.Total, res.Groups)
	}
}

// foldedList is each hit's ID with the versions folded under it.
func foldedList(res *Result) map[string][]string {
	out := map[string][]string{}
	for _, h := range res.Hits {
		out[h.ID] = h.NearDuplicateIDs
	}
	return out
}
