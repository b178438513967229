package catalog

import (
	"context"
	"fmt"
	"sync"
	"testing"
)

// roundSetupIDs keeps what a writer's setup made in a store (the task of
// round 2026, the link dropped from it) for its write, which runs after
// the round, and with it the task, may have been deleted.
var roundSetupIDs sync.Map

type roundSetupKey struct {
	s    *Store
	name string
}

func keepSetupID(t *testing.T, s *Store, name, id string) {
	t.Helper()
	if id == "" {
		t.Fatalf("setup made no %s", name)
	}
	roundSetupIDs.Store(roundSetupKey{s, name}, id)
	t.Cleanup(func() { roundSetupIDs.Delete(roundSetupKey{s, name}) })
}

func setupID(s *Store, name string) string {
	v, _ := roundSetupIDs.Load(roundSetupKey{s, name})
	id, _ := v.(string)
	return id
}

// roundTaskSetup is roundWriterSetup with an open task in round 2026,
// the 市民政局's for 1.1.2, nothing handed in for it yet.
func roundTaskSetup(t *testing.T, s *Store) {
	t.Helper()
	roundWriterSetup(t, s)
	ctx := context.Background()
	if _, err := s.ImportAssignments(ctx, "330100", 2026, []AssignmentRow{
		{Indicator: "1.1.2", Department: "市民政局", Due: "2026-06-30", Contact: "李老师"}}, "zhang"); err != nil {
		t.Fatal(err)
	}
	tasks, err := s.FindAssignments(ctx, AssignmentFilter{City: "330100", Round: 2026})
	if err != nil || len(tasks) != 1 {
		t.Fatalf("the task of round 2026: %v, %v", tasks, err)
	}
	keepSetupID(t, s, "task", tasks[0].ID)
}

// roundDroppedLinkSetup is roundWriterSetup with D1's link to 1.1.2
// counting in 2017 and taken out of 2026 (本轮不用), where its row stays
// dropped, which DeleteRound does not count.
func roundDroppedLinkSetup(t *testing.T, s *Store) {
	t.Helper()
	roundWriterSetup(t, s)
	ctx := context.Background()
	for _, round := range []int{2017, 2026} {
		if err := s.LinkInRound(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.2", CreatedBy: "zhang"}}, round, "zhang"); err != nil {
			t.Fatalf("use D1's link in %d: %v", round, err)
		}
	}
	links, err := s.DocumentLinks(ctx, "D1")
	if err != nil || len(links) != 1 {
		t.Fatalf("D1's links: %v, %v", links, err)
	}
	if err := s.DropLinkFromRound(ctx, links[0].ID, 2026, "zhang"); err != nil {
		t.Fatalf("take D1's link out of 2026: %v", err)
	}
	keepSetupID(t, s, "link", links[0].ID)
	var carried string
	if err := s.db.QueryRow(`SELECT id FROM carryover WHERE round = 2026`).Scan(&carried); err != nil {
		t.Fatalf("the row taking D1's link out of 2026: %v", err)
	}
	keepSetupID(t, s, "carryover", carried)
}

// roundDocument is a document of round, new to the store.
func roundDocument(round int) *Document {
	d := newDoc("D2", "D2-sha")
	d.Title, d.Round = "杭州市2026年社区教育工作总结", fmt.Sprint(round)
	return d
}

// roundReadingSetup is roundWriterSetup with D2 uploaded without a round
// or a date, waiting to be read.
func roundReadingSetup(t *testing.T, s *Store) {
	t.Helper()
	roundWriterSetup(t, s)
	d := roundDocument(0)
	d.Round = ""
	if err := s.CreateDocument(context.Background(), d, Submission{User: "zhang", Filename: "D2.txt"}); err != nil {
		t.Fatal(err)
	}
}
