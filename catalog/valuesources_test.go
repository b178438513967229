package catalog

import (
	"context"
	"strings"
	"testing"
)

// The values listed, one by one or a page at a time, say which rest on a
// deleted document (出处已删除) alike on both catalogs: the value citing
// the deleted 2017 公报 does, the two citing the kept 2018 公报 do not.
func TestValueSourcesDeletedInTheListing(t *testing.T) {
	forEachStore(t, testValueSourcesDeletedInTheListing)
}

func testValueSourcesDeletedInTheListing(t *testing.T, s *Store) {
	ctx := context.Background()
	addRounds(t, s, 2019)
	for _, id := range []string{"D2017", "D2018"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	cite := map[int]string{2017: "D2017", 2018: "D2018", 2019: "D2018"}
	var vs []*Value
	for _, round := range []int{2017, 2018, 2019} {
		vs = append(vs, &Value{City: "330100", Round: round, Indicator: "5.1.1", Number: 32.5, Given: "32.5%", Unit: "%",
			Citation: Citation{DocumentID: cite[round], SHA256: "sha-" + cite[round], Page: 1, Quote: "全市成人年参与学习率为32.5%"}})
	}
	if err := s.SaveValues(ctx, vs, "wang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.DeleteDocument(ctx, "D2017", "admin"); err != nil {
		t.Fatal(err)
	}
	want := map[int]bool{2017: true, 2018: false, 2019: false}
	page, err := s.FindValuePage(ctx, ValueFilter{City: "330100"}, "", 0, 10)
	if err != nil || len(page) != 3 {
		t.Fatalf("values of 330100: %d, %v; want 3", len(page), err)
	}
	byID, err := s.ValuesByID(ctx, []string{vs[0].ID, vs[1].ID, vs[2].ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range page {
		one, err := s.Value(ctx, v.ID)
		if err != nil {
			t.Fatal(err)
		}
		for how, got := range map[string]bool{"listed": v.SourcesDeleted, "alone": one.SourcesDeleted, "by id": byID[v.ID].SourcesDeleted} {
			if got != want[v.Round] {
				t.Errorf("%d's value citing %s (%s): sources deleted %v, want %v", v.Round, v.Citation.DocumentID, how, got, want[v.Round])
			}
		}
	}
}

// A listing of values reads each value's cited document by a join in its
// one pass, not by a subquery run again for every value listed (the
// listing of 200 values ran the source check 200 times).
func TestValueListingJoinsTheCitedDocuments(t *testing.T) {
	s := openTestStore(t)
	rows, err := s.db.QueryContext(context.Background(), `EXPLAIN QUERY PLAN `+valueQuery(`WHERE v.city = ?`+valueOrder), "330100")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var plan []string
	for rows.Next() {
		var id, parent, unused int
		var detail string
		if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
			t.Fatal(err)
		}
		plan = append(plan, detail)
	}
	var perRow int
	for _, d := range plan {
		if strings.HasPrefix(d, "CORRELATED") {
			perRow++
		}
	}
	// The one left is the carry-over's state, at most one row per value
	// by its key, which a join would not make cheaper.
	if perRow > 1 {
		t.Errorf("the listing runs %d subqueries per value, want at most 1 (the carry-over's):\n%s", perRow, strings.Join(plan, "\n"))
	}
	t.Logf("plan:\n%s", strings.Join(plan, "\n"))
}
