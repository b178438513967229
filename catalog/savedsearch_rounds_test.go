package catalog

import (
	"context"
	"slices"
	"strings"
	"testing"
)

func TestSavedSearchRounds(t *testing.T) { forEachStore(t, testSavedSearchRounds) }

// testSavedSearchRounds: a search saved with a monitoring round reads
// back with it, kept in the row's filters as rounds; a row written before
// rounds were kept (its filters without them) reads with none, its years
// as they were.
func testSavedSearchRounds(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateUser(ctx, &User{Username: "liu", Role: RoleExpert}, "hash", "cli"); err != nil {
		t.Fatal(err)
	}
	ss := &SavedSearch{Owner: "liu", Name: "学习周（2024 轮）", Query: "学习周",
		Filters: SearchFilters{Cities: []string{"330100"}, Rounds: []int{2024}}}
	if err := s.CreateSavedSearch(ctx, ss); err != nil {
		t.Fatal(err)
	}
	got, err := s.SavedSearch(ctx, ss.ID, "liu")
	if err != nil || !slices.Equal(got.Filters.Rounds, []int{2024}) || len(got.Filters.Years) != 0 {
		t.Fatalf("saved search with round 2024 read back: %+v, %v; want rounds [2024] and no year", got, err)
	}
	var stored string
	if err := s.db.QueryRowContext(ctx, `SELECT filters FROM saved_search WHERE id = ?`, ss.ID).Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(stored, `"rounds":[2024]`) {
		t.Errorf("stored filters %s, want them to hold \"rounds\":[2024]", stored)
	}

	if _, err := s.writer.ExecContext(ctx, `INSERT INTO saved_search (id, owner, name, query, filters, indicator, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, "OLD1", "liu", "学分银行（旧）", "学分银行", `{"cities":["330100"],"years":[2018]}`, "",
		formatTime(s.now().UTC())); err != nil {
		t.Fatal(err)
	}
	old, err := s.SavedSearch(ctx, "OLD1", "liu")
	if err != nil || old.Filters.Rounds != nil || !slices.Equal(old.Filters.Years, []int{2018}) {
		t.Fatalf("a search saved before rounds were kept: %+v, %v; want year 2018 and no round", old, err)
	}
}
