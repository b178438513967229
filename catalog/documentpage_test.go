package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

func TestDocumentPagesAreSlicesOfTheListing(t *testing.T) {
	forEachStore(t, testDocumentPagesAreSlicesOfTheListing)
}

// testDocumentPagesAreSlicesOfTheListing: a page chosen by its IDs first
// (documentPageSQL) is the same slice of the listing, in the same order,
// as the whole listing read at once, for each order and filter, by
// offset and from a cursor: twelve documents of 杭州, uploaded two at a
// time (ties broken by id), some undated, some indexed.
func testDocumentPagesAreSlicesOfTheListing(t *testing.T, s *Store) {
	ctx := context.Background()
	base := time.Date(2019, 3, 1, 9, 0, 0, 0, time.UTC)
	for i := range 12 {
		issued := ""
		if i%3 != 0 {
			issued = fmt.Sprintf("2019-0%d-1%d", 1+i%4, i%5)
		}
		id := fmt.Sprintf("P%02d", i)
		newDatedDoc(t, s, id, base, i/2, issued)
		if i%2 == 0 {
			if err := s.SetStatus(ctx, StatusChange{ID: id, Status: StatusIndexed}); err != nil {
				t.Fatal(err)
			}
		}
	}
	for _, f := range []DocumentFilter{
		{City: "330100"},
		{Status: StatusIndexed},
		{City: "330100", Sort: SortIssued},
		{Status: StatusIndexed, Sort: SortIssued},
	} {
		f.Limit = 50
		all, total, err := s.FindDocuments(ctx, f)
		if err != nil || len(all) != total || total == 0 {
			t.Fatalf("list %+v: %d of %d, %v", f, len(all), total, err)
		}
		for offset := range total + 1 {
			for _, limit := range []int{1, 3} {
				g := f
				g.Offset, g.Limit = offset, limit
				page, n, err := s.FindDocuments(ctx, g)
				want := ids(all[min(offset, total):min(offset+limit, total)])
				if err != nil || n != total || !slices.Equal(ids(page), want) {
					t.Errorf("%+v: %v of %d, %v; want %v of %d", g, ids(page), n, err, want, total)
				}
			}
		}
		g := f
		g.Limit, g.After = 4, DocumentCursor(all[1], f.Sort)
		if page, _, err := s.FindDocuments(ctx, g); err != nil || !slices.Equal(ids(page), ids(all[2:min(6, total)])) {
			t.Errorf("%+v: %v, %v; want %v", g, ids(page), err, ids(all[2:min(6, total)]))
		}
		g.After, g.Before = "", DocumentCursor(all[total-1], f.Sort)
		if page, _, err := s.FindDocuments(ctx, g); err != nil || !slices.Equal(ids(page), ids(all[total-5:total-1])) {
			t.Errorf("%+v: %v, %v; want %v", g, ids(page), err, ids(all[total-5:total-1]))
		}
	}
}
