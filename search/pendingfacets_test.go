package search

import (
	"context"
	"maps"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// The facets count a document under the catalog's values while its index
// copy still holds the old ones (probe s54): a change saved in the
// catalog whose index write has not happened yet — in flight, or queued
// for the pipeline after it failed (ingest's refreshLogged) — is held
// back here by not writing the index at all. The hit list already shows
// the catalog's document; the facets used to count it under its old
// city, type, year or indicator until the index caught up.
func TestFacetsCountTheCatalogsValuesWhileTheIndexCatchesUp(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	coord := &catalog.User{Username: "coordA", Role: catalog.RoleCoordinator, City: "330100"}
	str := func(s string) *string { return &s }
	cases := []struct {
		name   string
		change func(cat *catalog.Store) error
		user   *catalog.User
		field  string
		want   map[string]int
	}{
		{"moved to 成都, as an expert sees it", func(cat *catalog.Store) error {
			_, err := cat.MoveDocument(ctx, "A6", "510100", "admin")
			return err
		}, admin, "city", map[string]int{"330100": 4, "510100": 2}},
		{"moved to 成都, as 杭州's coordinator sees it", func(cat *catalog.Store) error {
			_, err := cat.MoveDocument(ctx, "A6", "510100", "admin")
			return err
		}, coord, "city", map[string]int{"330100": 4}},
		{"its type changed to 新闻报道", func(cat *catalog.Store) error {
			_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{DocType: str(string(catalog.DocPressReport))}, "admin")
			return err
		}, admin, "doc_type", map[string]int{"work_summary": 5, "press_report": 1}},
		{"its date of issue given", func(cat *catalog.Store) error {
			_, err := cat.UpdateDocument(ctx, "A6", catalog.DocumentPatch{IssuedOn: str("2018-05-10")}, "admin")
			return err
		}, admin, "year", map[string]int{"2018": 1}},
		{"linked to 1.1.2", func(cat *catalog.Store) error {
			return cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: "A6", IndicatorCode: "1.1.2", CreatedBy: "admin"}}, false)
		}, admin, indicatorFacet, map[string]int{"2.3.1": 4, "2.3.2": 2, "1.1.2": 2}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			svc := facetStores(t)
			req := Request{Query: "学分银行", User: c.user}
			// Searched once before, so that the index keeps the result.
			searchAs(t, svc, req)
			if err := c.change(svc.cat); err != nil {
				t.Fatal(err)
			}
			res := searchAs(t, svc, req)
			if got := facetCounts(res, c.field); !maps.Equal(got, c.want) {
				t.Errorf("%s facet after A6 %s, its index copy not written again: %v, want %v (hits %s)",
					c.field, c.name, got, c.want, hitList(res))
			}
			if res.FacetsApproximate {
				t.Errorf("facets marked approximate with one change pending")
			}
			if c.field == "city" {
				sum := 0
				for _, n := range facetCounts(res, "city") {
					sum += n
				}
				if uint64(sum) != res.Total {
					t.Errorf("city facet counts %d documents, the hit list %d", sum, res.Total)
				}
			}
		})
	}
}

// fixedFollower is an index following a shared catalog that has applied
// the changes up to seq.
type fixedFollower struct{ seq int64 }

func (f fixedFollower) IndexApplied() (int64, bool) { return f.seq, true }

// On a node whose index follows a shared catalog, a change another node
// saved and indexed (its status indexed again) is pending on this node
// until its follower applies it: the facets count the catalog's values
// of the changes after the last one the index applied.
func TestFacetsCountTheChangesTheFollowerHasNotApplied(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	req := Request{Query: "学分银行", User: admin}
	applied, err := svc.cat.LatestSeq(ctx)
	if err != nil {
		t.Fatal(err)
	}
	svc.UseIndexFollower(fixedFollower{applied})
	searchAs(t, svc, req)
	// Node A moves A6 and writes its own index; this node's is behind.
	if _, err := svc.cat.MoveDocument(ctx, "A6", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	if err := svc.cat.SetStatus(ctx, catalog.StatusChange{ID: "A6", Status: catalog.StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	res := searchAs(t, svc, req)
	if got, want := facetCounts(res, "city"), map[string]int{"330100": 4, "510100": 2}; !maps.Equal(got, want) {
		t.Errorf("city facet on a node that has not applied A6's move: %v, want %v", got, want)
	}
	// With more changes pending than a search corrects by, the latest
	// are corrected and the facets say they are approximate.
	svc.maxCorrected = 1
	if err := svc.cat.CreateLinks(ctx, []*catalog.Link{{DocumentID: "A1", IndicatorCode: "1.1.2", CreatedBy: "admin"}}, false); err != nil {
		t.Fatal(err)
	}
	res = searchAs(t, svc, req)
	if !res.FacetsApproximate {
		t.Errorf("two changes pending, one corrected: facets not marked approximate")
	}
	if got := facetCount(res, "1.1.2"); got != 2 {
		t.Errorf("indicator 1.1.2 counts %d with the latest change (A1 linked to it) corrected, want 2 (A1, A4 cited)", got)
	}
}

func facetCounts(res *Result, field string) map[string]int {
	out := map[string]int{}
	for _, f := range res.Facets[field] {
		out[f.Value] = f.Count
	}
	return out
}

// lagFollower is a node's index on a catalog only it writes whose
// removal of some deleted documents failed (ingest's DeletesNotApplied).
type lagFollower struct {
	ids *[]string
	gen *uint64
}

func (f lagFollower) IndexApplied() (int64, bool)           { return 0, false }
func (f lagFollower) DeletesNotApplied() ([]string, uint64) { return *f.ids, *f.gen }

// A deleted document whose removal from the index failed (the index
// keeps it till a retry) is left out of the total and the facets as it is
// left out of the hits: on one node it is not pending otherwise, and the
// facets counted it till the retry, or a restart, removed it (review s55).
func TestFacetsLeaveOutADeletedDocumentTheIndexStillHolds(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	var ids []string
	var gen uint64
	svc.UseIndexFollower(lagFollower{&ids, &gen})
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	req := Request{Query: "学分银行", User: admin}
	searchAs(t, svc, req)
	// The catalog deletes A1; its removal from the index fails.
	if _, err := svc.cat.DeleteDocument(ctx, "A1", "admin"); err != nil {
		t.Fatal(err)
	}
	ids, gen = []string{"A1"}, 1
	res := searchAs(t, svc, req)
	if got, want := facetCounts(res, "city"), map[string]int{"330100": 4, "510100": 1}; !maps.Equal(got, want) {
		t.Errorf("city facet with A1 deleted and still in the index: %v, want %v", got, want)
	}
	if got := sorted(hitIDList(res)); res.Total != 5 || slices.Contains(got, "A1") {
		t.Errorf("hits with A1 deleted and still in the index: %v, total %d, want 5 without A1", got, res.Total)
	}
}
