package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// IndicatorOrder sorts codes as CompareCodes does, 1.1.2 before 1.1.10.
func TestIndicatorOrderSortsAsCompareCodes(t *testing.T) {
	codes := []string{"1.2", "1.1.10", "10.1", "1.1.2", "2", "1.1", "1.1.a", "1.1.1", "1.1.ab", "3.10.2", "3.9.12"}
	byCompare := slices.Clone(codes)
	slices.SortFunc(byCompare, CompareCodes)
	byOrder := slices.Clone(codes)
	slices.SortFunc(byOrder, func(a, b string) int { return strings.Compare(IndicatorOrder(a), IndicatorOrder(b)) })
	if !slices.Equal(byOrder, byCompare) {
		t.Errorf("by IndicatorOrder %v, by CompareCodes %v", byOrder, byCompare)
	}
	for _, c := range codes {
		if o := IndicatorOrder(c); strings.Trim(o, "0123456789") != "" {
			t.Errorf("IndicatorOrder(%q) = %q, want digits only (sorted alike under any collation)", c, o)
		}
	}
}

// The values list pages in SQL on both catalogs: by city, indicator in
// the framework's order (1.1.2 before 1.1.10) and round; a cursor goes on
// after the value it names, however values are saved before it
// meanwhile; counts go by status; each value's previous round's value is
// found for the page alone; a mangled cursor is EINVALID about after.
func TestValuesArePagedInSQL(t *testing.T) { forEachStore(t, testValuesArePagedInSQL) }

func testValuesArePagedInSQL(t *testing.T, s *Store) {
	ctx := context.Background()
	addRounds(t, s, 2016, 2019)
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	var vs []*Value
	for _, city := range []string{"330100", "510100"} {
		for _, code := range []string{"1.1.10", "1.1.2", "2.1"} {
			for _, round := range []int{2019, 2017, 2018} {
				vs = append(vs, &Value{City: city, Round: round, Indicator: code, Number: float64(round), Given: fmt.Sprint(round), Unit: "个",
					Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个"}})
			}
		}
	}
	if err := s.SaveValues(ctx, vs, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddValueReview(ctx, vs[0].ID, &Review{Reviewer: "liu", Verdict: ClaimVerified}); err != nil {
		t.Fatal(err)
	}
	slot := func(v Value) string { return fmt.Sprintf("%s/%s/%d", v.City, v.Indicator, v.Round) }
	var want []string
	for _, city := range []string{"330100", "510100"} {
		for _, code := range []string{"1.1.2", "1.1.10", "2.1"} {
			for _, round := range []int{2017, 2018, 2019} {
				want = append(want, fmt.Sprintf("%s/%s/%d", city, code, round))
			}
		}
	}
	var got []string
	after := ""
	for page := 0; page < 10; page++ {
		vals, err := s.FindValuePage(ctx, ValueFilter{}, after, 0, 4)
		if err != nil {
			t.Fatal(err)
		}
		for _, v := range vals {
			got = append(got, slot(v))
		}
		if len(vals) < 4 {
			break
		}
		after = ValueCursor(&vals[len(vals)-1])
		if page == 1 {
			// A value new to a slot before the cursor: the next page
			// starts where this one ended all the same.
			nv := &Value{City: "330100", Round: 2016, Indicator: "1.1.2", Number: 1, Given: "1", Unit: "个",
				Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个"}}
			if err := s.SaveValue(ctx, nv, "wang"); err != nil {
				t.Fatal(err)
			}
		}
	}
	if !slices.Equal(got, want) {
		t.Errorf("paged by cursor:\n%v\nwant\n%v", got, want)
	}
	all, err := s.FindValues(ctx, ValueFilter{City: "330100", Indicator: "1.1.2"})
	if err != nil || len(all) != 4 || all[0].Round != 2016 {
		t.Errorf("FindValues of 330100 1.1.2: %d values (%v), want 4 from 2016 on", len(all), err)
	}
	byOffset, err := s.FindValuePage(ctx, ValueFilter{Cities: []string{"510100"}}, "", 3, 3)
	if err != nil || len(byOffset) != 3 || slot(byOffset[0]) != "510100/1.1.10/2017" {
		t.Errorf("510100 from offset 3: %v %v, want 1.1.10 of 2017 first", byOffset, err)
	}
	counts, err := s.CountValues(ctx, ValueFilter{City: "330100", Status: ClaimPending})
	if err != nil || counts[ClaimPending] != 9 || counts[ClaimVerified] != 1 {
		t.Errorf("counts of 330100: %v %v, want 9 pending and 1 verified", counts, err)
	}
	if none, err := s.FindValuePage(ctx, ValueFilter{Cities: []string{}}, "", 0, 4); err != nil || len(none) != 0 {
		t.Errorf("no cities: %v %v, want none", none, err)
	}
	page, err := s.FindValuePage(ctx, ValueFilter{City: "510100", Round: 2019}, "", 0, 10)
	if err != nil {
		t.Fatal(err)
	}
	prev, err := s.PreviousValues(ctx, page)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range page {
		if p := prev[v.ID]; p == nil || p.City != v.City || p.Indicator != v.Indicator || p.Round != 2018 {
			t.Errorf("previous of %s: %+v, want 2018's", slot(v), p)
		}
	}
	for _, bad := range []string{"%%%", "bm90IGpzb24", ValueCursor(&Value{City: "330100"})} {
		if _, err := s.FindValuePage(ctx, ValueFilter{}, bad, 0, 4); ErrorCode(err) != EINVALID || ErrorField(err) != "after" {
			t.Errorf("cursor %q: %v, want EINVALID about after", bad, err)
		}
	}
}

// Values stored before migration 019 get their order from its Go step,
// which names a migration that exists.
func TestValueOrderIsFilledForOldValues(t *testing.T) {
	if _, err := migrations.ReadFile("migrations/019_value_order.sql"); err != nil {
		t.Fatalf("the migration fillValueOrder follows: %v", err)
	}
	for name := range migrationFills {
		if _, err := migrations.ReadFile(name); err != nil {
			t.Errorf("migrationFills names %s: %v", name, err)
		}
	}
	s := openTestStore(t)
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"1.1.10", "1.1.2"} {
		if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2018, Indicator: code, Number: 1, Unit: "个",
			Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "基地"}}, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.writer.ExecContext(ctx, `UPDATE value SET indicator_order = ''`); err != nil {
		t.Fatal(err)
	}
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return fillValueOrder(ctx, tx) }); err != nil {
		t.Fatal(err)
	}
	vs, err := s.FindValues(ctx, ValueFilter{})
	if err != nil || len(vs) != 2 || vs[0].Indicator != "1.1.2" {
		t.Errorf("after the fill: %v %v, want 1.1.2 before 1.1.10", vs, err)
	}
}

// The values list (ordered in SQL) goes as the indicator tree
// (CompareCodes) for codes with letters: 1.2a before 1.3 and 1.10.
func TestValuesListCodesWithLettersAsTheTree(t *testing.T) {
	forEachStore(t, testValuesListCodesWithLettersAsTheTree)
}

func testValuesListCodesWithLettersAsTheTree(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"1.10", "1.3", "1.2a", "1.2"} {
		if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2018, Indicator: code, Number: 1, Unit: "个",
			Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个"}}, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	vs, err := s.FindValues(ctx, ValueFilter{})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, v := range vs {
		got = append(got, v.Indicator)
	}
	if want := []string{"1.2", "1.2a", "1.3", "1.10"}; !slices.Equal(got, want) {
		t.Errorf("values listed %v, want %v as the indicator tree lists them", got, want)
	}
}

// Values saved by a catalog of version 18 get their indicator_order from
// migrate itself (migration 019's Go step), so they list in the
// framework's order and a cursor goes on after them.
func TestMigrationFillsTheValueOrder(t *testing.T) { forEachStore(t, testMigrationFillsTheValueOrder) }

func testMigrationFillsTheValueOrder(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for _, code := range []string{"1.1.10", "1.1.2"} {
		if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2018, Indicator: code, Number: 1, Unit: "个",
			Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "认定市民终身学习基地123个"}}, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	// Wound back to version 18: what migrations 019 to 022 add is gone.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if err := undoSubmissionAssignment(ctx, tx); err != nil { // 023
			return err
		}
		if err := undoTextReader(ctx, tx); err != nil {
			return err
		}
		if err := undoFieldsRevision(ctx, tx); err != nil {
			return err
		}
		for _, q := range []string{`DROP TABLE round_indicator`, `DROP TABLE round_framework`, `DROP INDEX value_order`,
			`ALTER TABLE value DROP COLUMN indicator_order`} {
			if _, err := tx.ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
		return s.dialect.setVersion(ctx, tx, 18)
	})
	if err != nil {
		t.Fatalf("wind the catalog back to version 18: %v", err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from 18: %v", err)
	}
	vs, err := s.FindValues(ctx, ValueFilter{})
	if err != nil || len(vs) != 2 || vs[0].Indicator != "1.1.2" {
		t.Fatalf("after migrating: %+v %v, want 1.1.2 before 1.1.10", vs, err)
	}
	if next, err := s.FindValuePage(ctx, ValueFilter{}, ValueCursor(&vs[0]), 0, 10); err != nil || len(next) != 1 || next[0].Indicator != "1.1.10" {
		t.Errorf("after the first value's cursor: %+v %v, want 1.1.10 alone", next, err)
	}
}
