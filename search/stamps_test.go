package search

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A search asks the catalog for its stamps once: the indicator filter,
// the indicator facet and the versions it pages by share one read of the
// citations' and versions' stamps (searchStamps), so a search filtered by
// an indicator sends the catalog no more statements than the same search
// unfiltered, once what both keep is read.
func TestASearchReadsItsStampsOnce(t *testing.T) {
	ctx := context.Background()
	svc := facetStores(t)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	statements := func(req Request) int64 {
		t.Helper()
		for range 2 { // the second reads what the first kept
			if _, err := svc.Search(ctx, req); err != nil {
				t.Fatal(err)
			}
		}
		before := svc.cat.Statements()
		res, err := svc.Search(ctx, req)
		if err != nil {
			t.Fatal(err)
		}
		if res.Total == 0 {
			t.Fatalf("%+v finds nothing: the test needs hits", req)
		}
		return svc.cat.Statements() - before
	}
	plain := statements(Request{Query: "学分银行", User: admin})
	filtered := statements(Request{Query: "学分银行", User: admin, Indicators: []string{"1.1.2"}})
	if filtered != plain {
		t.Errorf("filtered by an indicator a search sends %d statements, unfiltered %d: the filter read a stamp again", filtered, plain)
	}

	// Outside a search each stamp is read alone, as the caches did.
	var c citedCache
	var v versionCache
	stampReads := func(ctx context.Context) int64 {
		t.Helper()
		before := svc.cat.Statements()
		for range 2 {
			if _, err := c.cited(ctx, svc.cat, nil); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := v.versions(ctx, svc.cat); err != nil {
			t.Fatal(err)
		}
		return svc.cat.Statements() - before
	}
	stampReads(ctx) // read what they keep
	alone := stampReads(ctx)
	if shared := stampReads(withSearchStamps(ctx, nil)); shared != 1 || alone != 3 {
		t.Errorf("kept citations and versions: %d statements within one search (want 1), %d outside (want 3)", shared, alone)
	}
}
