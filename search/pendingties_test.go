package search

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// A search without words ranks every document it finds alike: the
// index orders such ties its own way (Bleve's, by its internal document
// number), and a pending document found by the catalog's values must be
// ranked among them so that page after page holds the list once (review
// s55 #1: it was ranked by ID among ties the index had not ordered by ID,
// so that pages past the first showed it twice and left out another).
func TestPagesHoldAPendingDocumentOnceAmongTies(t *testing.T) {
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	svc := facetStores(t)
	req := Request{User: admin, Size: 10}
	searchAs(t, svc, req)
	if _, err := svc.cat.MoveDocument(ctx, "A6", "510100", "admin"); err != nil {
		t.Fatal(err)
	}
	res := searchAs(t, svc, req)
	all := hitIDList(res)
	var paged []string
	for from := 0; from < len(all); from++ {
		page := req
		page.From, page.Size = from, 1
		paged = append(paged, hitIDList(searchAs(t, svc, page))...)
	}
	if !slices.Equal(paged, all) {
		t.Errorf("pages of one hit: %v, the page of ten %v", paged, all)
	}
}
