package catalog

import (
	"context"
	"slices"
	"testing"
	"time"
)

func TestSavedSearches(t *testing.T) { forEachStore(t, testSavedSearches) }

// testSavedSearches: a private search and a pack search, each user's own
// last look, documents first indexed after a time (a re-index keeps the
// first time), delete.
func testSavedSearches(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, name := range []string{"liu", "chen"} {
		if err := s.CreateUser(ctx, &User{Username: name, Role: RoleExpert}, "hash", "cli"); err != nil {
			t.Fatal(err)
		}
	}
	clock := time.Now().UTC()
	s.now = func() time.Time { return clock }
	mine := &SavedSearch{Owner: "liu", Name: "学分银行", Query: "学分银行",
		Filters: SearchFilters{Cities: []string{"330100"}, Years: []int{2018}}}
	pack := &SavedSearch{Owner: "liu", Name: "社区教育网络", Query: "社区教育 四级网络", Indicator: "2.3.1"}
	for _, ss := range []*SavedSearch{mine, pack} {
		if err := s.CreateSavedSearch(ctx, ss); err != nil {
			t.Fatalf("save %q: %v", ss.Name, err)
		}
	}
	got, err := s.SavedSearch(ctx, mine.ID, "liu")
	if err != nil || got.Name != "学分银行" || !slices.Equal(got.Filters.Cities, []string{"330100"}) ||
		!slices.Equal(got.Filters.Years, []int{2018}) || !got.SeenAt.IsZero() || !got.LastLook().Equal(mine.CreatedAt) {
		t.Fatalf("saved search read back: %+v, %v", got, err)
	}
	own, err := s.FindSavedSearches(ctx, SavedSearchFilter{Viewer: "chen", Own: true})
	if err != nil || len(own) != 0 {
		t.Errorf("chen's own searches: %d, %v; want none", len(own), err)
	}
	inPack, err := s.FindSavedSearches(ctx, SavedSearchFilter{Viewer: "chen", Indicator: "2.3.1"})
	if err != nil || len(inPack) != 1 || inPack[0].ID != pack.ID {
		t.Fatalf("pack 2.3.1 for chen: %+v, %v", inPack, err)
	}

	clock = clock.Add(time.Minute)
	if _, err := s.MarkSavedSearchSeen(ctx, pack.ID, "chen"); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute)
	seen, err := s.MarkSavedSearchSeen(ctx, pack.ID, "chen")
	if err != nil {
		t.Fatal(err)
	}
	chens, _ := s.SavedSearch(ctx, pack.ID, "chen")
	lius, _ := s.SavedSearch(ctx, pack.ID, "liu")
	if !chens.SeenAt.Equal(seen) || !lius.SeenAt.IsZero() {
		t.Errorf("last looks: chen %v (want %v), liu %v (want never)", chens.SeenAt, seen, lius.SeenAt)
	}

	before := clock
	clock = clock.Add(time.Minute)
	d := newDoc("D1", "aa")
	if err := s.CreateDocument(ctx, d, Submission{User: "liu"}); err != nil {
		t.Fatal(err)
	}
	if ids, _, _ := s.DocumentsIndexedSince(ctx, before, 10); len(ids) != 0 {
		t.Errorf("a stored, not yet indexed document counts as new: %v", ids)
	}
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Minute)
	// Re-indexed later (after a link, say): still indexed at the first time.
	if err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusExtracted}, StatusChange{ID: "D1", Status: StatusIndexed}); err != nil {
		t.Fatal(err)
	}
	ids, more, err := s.DocumentsIndexedSince(ctx, before, 10)
	if err != nil || !slices.Equal(ids, []string{"D1"}) || more {
		t.Errorf("indexed since %v: %v more=%v %v; want [D1]", before, ids, more, err)
	}
	if ids, _, _ := s.DocumentsIndexedSince(ctx, clock.Add(-30*time.Second), 10); len(ids) != 0 {
		t.Errorf("a re-indexed document counts as new again: %v", ids)
	}

	if err := s.DeleteSavedSearch(ctx, pack.ID, "liu"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.SavedSearch(ctx, pack.ID, "chen"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("deleted saved search: %v, want ENOTFOUND", err)
	}
	if err := s.DeleteSavedSearch(ctx, pack.ID, "liu"); ErrorCode(err) != ENOTFOUND {
		t.Errorf("deleting twice: %v, want ENOTFOUND", err)
	}
}
