package catalog

import (
	"context"
	"fmt"
	"testing"
)

// TestReadingsOfABatchAskTheRoundsOncePerYear: on SQLite, whose writers
// are serial, the readings of one transaction ask the rounds once for
// each pair of years that decides a round, not once a document, and
// every document still lands where InferRound puts it: the round of its
// date, or the current one for a year that is no round.
func TestReadingsOfABatchAskTheRoundsOncePerYear(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	// The store's rounds are 2017 and 2018.
	dates := []string{"2017-03-01", "2018-05-12", "2017-11-20", "2018-01-08", "2021-06-30", "2017-09-09", "2018-12-01", "2021-02-02"}
	read := func(prefix string, n int) int64 {
		t.Helper()
		var changes []StatusChange
		for i := range n {
			d := newDoc(fmt.Sprintf("%s%d", prefix, i), fmt.Sprintf("%s-sha-%d", prefix, i))
			if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
			changes = append(changes, StatusChange{ID: d.ID, Status: StatusExtracted,
				Fill: &FieldFill{Title: "杭州市学习型城市建设工作总结", IssuedOn: dates[i]}})
		}
		before := s.Statements()
		if err := s.SetStatus(ctx, changes...); err != nil {
			t.Fatal(err)
		}
		return s.Statements() - before
	}
	one, eight := read("A", 1), read("B", len(dates))
	// Each document's row read and updated; the rounds asked for 2017,
	// 2018 and 2021 (the first asked in both), each round held once.
	if want := one + 7*2 + 2 + 1; eight != want {
		t.Errorf("eight readings of three years took %d statements, one %d: want %d", eight, one, want)
	}
	for i, date := range dates {
		d, err := s.Document(ctx, fmt.Sprintf("B%d", i))
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.InferRound(ctx, date, "杭州市学习型城市建设工作总结")
		if err != nil {
			t.Fatal(err)
		}
		if d.Round != want || want == "" || date[:4] != "2021" && want != date[:4] {
			t.Errorf("document dated %s: round %q, want %s", date, d.Round, want)
		}
	}
}
