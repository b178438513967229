package catalog

import (
	"context"
	"fmt"
	"testing"
)

// BenchmarkDocumentReturns is the catalog's part of a document's page
// (DocumentReturns of the one document) in a SQLite catalog of 500 tasks
// of 杭州, each of which returned its two files once: 1,000 returns.
//
//	go test ./catalog -run '^$' -bench DocumentReturns -count 5
func BenchmarkDocumentReturns(b *testing.B) {
	ctx := context.Background()
	s := openBenchStore(b)
	rows := make([]AssignmentRow, 500)
	for i := range rows {
		rows[i] = AssignmentRow{Indicator: "2.3.1", Department: fmt.Sprintf("第%03d责任单位", i), Due: "2018-06-30"}
	}
	imp, err := s.ImportAssignments(ctx, "330100", 2018, rows, "wang")
	if err != nil {
		b.Fatal(err)
	}
	var docs []string
	for i, a := range imp.Assignments {
		pair := []string{fmt.Sprintf("台账%03d", i), fmt.Sprintf("名单%03d", i)}
		for _, d := range pair {
			if err := s.CreateDocument(ctx, newDoc(d, "sha-"+d), Submission{User: "dept", Filename: d + ".xlsx", Assignment: a.ID}); err != nil {
				b.Fatal(err)
			}
		}
		if err := s.ChangeAssignment(ctx, AssignmentChange{ID: a.ID, From: AssignmentStatuses, To: AssignmentSubmitted,
			Documents: pair, By: "dept"}); err != nil {
			b.Fatal(err)
		}
		if _, err := s.ReturnAssignment(ctx, a.ID, "缺少各区县分项数据", "wang"); err != nil {
			b.Fatal(err)
		}
		docs = append(docs, pair...)
	}
	b.ResetTimer()
	i := 0
	for b.Loop() {
		id := docs[i%len(docs)]
		i++
		r, err := s.DocumentReturns(ctx, []string{id})
		if err != nil || len(r[id]) != 1 {
			b.Fatalf("returns of %s: %+v %v, want one", id, r[id], err)
		}
	}
}
