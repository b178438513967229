package catalog

import (
	"context"
	"fmt"
	"testing"
)

func TestBulkEventsRecordEachTitleInOneQuery(t *testing.T) {
	forEachStore(t, testBulkEventsRecordEachTitleInOneQuery)
}

// testBulkEventsRecordEachTitleInOneQuery: a bulk link of three documents
// records on each link.create the title its document had then (a rename
// after it changes nothing; one titled by its file's name only records
// none), and a batch of status moves that fail N documents records each
// document.fail with its title at a cost that does not grow with N: the
// titles are read at once, the events written together.
func testBulkEventsRecordEachTitleInOneQuery(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	titles := map[string]string{}
	var ids []string
	for i := 1; i <= 6; i++ {
		id := fmt.Sprintf("D%d", i)
		d := newDoc(id, "sha-"+id)
		d.Title = fmt.Sprintf("杭州市社区教育工作总结（第%d批）", i)
		if i == 3 { // still titled by its file's name
			d.Filename, d.Title = "社区学校名单.xlsx", "社区学校名单"
		}
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang", Filename: d.Filename}); err != nil {
			t.Fatal(err)
		}
		titles[id], ids = d.Title, append(ids, id)
	}
	titles["D3"] = ""
	if err := s.CreateLinks(ctx, []*Link{{DocumentID: "D1", IndicatorCode: "1.1.1", CreatedBy: "wang"},
		{DocumentID: "D2", IndicatorCode: "1.1.1", CreatedBy: "wang"}, {DocumentID: "D3", IndicatorCode: "1.1.1", CreatedBy: "wang"}}, false); err != nil {
		t.Fatal(err)
	}
	renamed := "杭州市社区教育三年行动计划"
	if _, err := s.UpdateDocument(ctx, "D1", DocumentPatch{Title: &renamed}, "wang"); err != nil {
		t.Fatal(err)
	}
	recorded := func(action string) map[string]any {
		t.Helper()
		events, err := s.FindEvents(ctx, EventFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		out := map[string]any{}
		for _, e := range events {
			if id, ok := e.DocumentID(); ok && e.Action == action {
				if _, seen := out[id]; !seen { // newest first
					out[id] = e.Detail[EventTitle]
				}
			}
		}
		return out
	}
	links := recorded("link.create")
	for _, id := range []string{"D1", "D2", "D3"} {
		want := any(titles[id])
		if titles[id] == "" {
			want = nil
		}
		if links[id] != want {
			t.Errorf("link.create of %s records title %v, want %v (its title then)", id, links[id], want)
		}
	}
	titles["D1"] = renamed
	// What a batch of N status moves costs beyond the same moves with no
	// event, the failure's events: it must not grow with N.
	extra := func(batch []string) int64 {
		t.Helper()
		cost := func(st Status) int64 {
			var changes []StatusChange
			for _, id := range batch {
				changes = append(changes, StatusChange{ID: id, Status: st, Error: "无法读取：文件已损坏"})
			}
			before := s.Statements()
			if err := s.SetStatus(ctx, changes...); err != nil {
				t.Fatal(err)
			}
			return s.Statements() - before
		}
		return cost(StatusFailed) - cost(StatusExtracted)
	}
	few, many := extra(ids[:2]), extra(ids)
	if few != many || many > 2 {
		t.Errorf("the failure events of 2 documents cost %d statements, of 6 %d: want the same, at most 2 (titles read at once, events written together)", few, many)
	}
	fails := recorded("document.fail")
	for _, id := range ids {
		want := any(titles[id])
		if titles[id] == "" {
			want = nil
		}
		if fails[id] != want {
			t.Errorf("document.fail of %s records title %v, want %v", id, fails[id], want)
		}
	}
}
