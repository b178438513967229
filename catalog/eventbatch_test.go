package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
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

func TestHeldEventsKeepTheirDetailAndAreSeenInTheirTransaction(t *testing.T) {
	forEachStore(t, testHeldEventsKeepTheirDetailAndAreSeenInTheirTransaction)
}

// testHeldEventsKeepTheirDetailAndAreSeenInTheirTransaction: a
// transaction records 市教育局's task returned (材料不全), then changes
// the map it gave and reads, as reopening the task does, where the task
// stood before its hand-in. The read sees the return recorded earlier in
// the transaction (its events are written before the read), and the log
// keeps the reason as it was recorded, not the map changed after.
func testHeldEventsKeepTheirDetailAndAreSeenInTheirTransaction(t *testing.T, s *Store) {
	ctx := context.Background()
	const reason = "材料不全，请补充2018年学分银行开户数据"
	var status AssignmentStatus
	var why string
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		detail := map[string]any{"reason": reason}
		if err := s.recordEvent(ctx, tx, Event{User: "wang", Action: "assignment." + string(AssignmentReturned), Object: "assignment:T1", Detail: detail}); err != nil {
			return err
		}
		detail["reason"] = "已改动的理由"
		var err error
		status, why, err = s.statusBeforeHandIn(ctx, tx, "T1")
		if err != nil {
			return err
		}
		// An event recorded after the read is written at commit.
		return s.recordEvent(ctx, tx, Event{User: "wang", Action: "assignment.reopen", Object: "assignment:T1", Detail: map[string]any{"to": string(status)}})
	})
	if err != nil {
		t.Fatal(err)
	}
	if status != AssignmentReturned || why != reason {
		t.Errorf("before its hand-in, the task stood %q (%q); want returned with %q, recorded earlier in the transaction", status, why, reason)
	}
	events, err := s.FindEvents(ctx, EventFilter{Object: "assignment:T1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 || events[1].Detail["reason"] != reason || events[0].Action != "assignment.reopen" {
		t.Errorf("the task's events: %+v; want the return with %q, then the reopening", events, reason)
	}
	if n := len(s.events.pending); n != 0 {
		t.Errorf("%d transactions' events still held after commit", n)
	}
}

func TestFailedBatchWritesNoEvents(t *testing.T) {
	forEachStore(t, testFailedBatchWritesNoEvents)
}

// testFailedBatchWritesNoEvents: a batch of status moves whose last
// change names no document fails whole: none of its document.fail
// events is written, and nothing stays held for its transaction.
func testFailedBatchWritesNoEvents(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"D1", "D2"} {
		d := newDoc(id, "sha-"+id)
		d.Title = "杭州市社区教育工作总结" + id
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.SetStatus(ctx, StatusChange{ID: "D1", Status: StatusFailed, Error: "无法读取：文件已损坏"},
		StatusChange{ID: "D2", Status: StatusFailed, Error: "无法读取：文件已损坏"},
		StatusChange{ID: "不存在的文档", Status: StatusFailed, Error: "无法读取：文件已损坏"})
	if !IsNotFound(err) {
		t.Fatalf("a batch whose last document does not exist: %v, want ENOTFOUND", err)
	}
	events, err := s.FindEvents(ctx, EventFilter{Action: "document.fail"})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 0 {
		t.Errorf("the failed batch wrote %d document.fail events: %+v", len(events), events)
	}
	if n := len(s.events.pending); n != 0 {
		t.Errorf("%d transactions' events still held after the failed batch", n)
	}
}

func TestMoreEventsThanOneInsertAreAllWrittenInOrder(t *testing.T) {
	forEachStore(t, testMoreEventsThanOneInsertAreAllWrittenInOrder)
}

// testMoreEventsThanOneInsertAreAllWrittenInOrder: a bulk link of 150
// documents, more than one INSERT takes (eventRowsPerInsert), writes its
// 150 link.create events, in the order of the links, with ascending ids.
func testMoreEventsThanOneInsertAreAllWrittenInOrder(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	const n = 150
	var links []*Link
	for i := range n {
		id := fmt.Sprintf("D%03d", i)
		d := newDoc(id, "sha-"+id)
		d.Title = fmt.Sprintf("社区学校办学情况（第%d所）", i)
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		links = append(links, &Link{DocumentID: id, IndicatorCode: "1.1.1", CreatedBy: "wang"})
	}
	if err := s.CreateLinks(ctx, links, false); err != nil {
		t.Fatal(err)
	}
	events, err := s.FindEvents(ctx, EventFilter{Action: "link.create", Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != n {
		t.Fatalf("%d link.create events written, want %d", len(events), n)
	}
	slices.Reverse(events) // newest first
	for i, e := range events {
		if id, _ := e.DocumentID(); id != links[i].DocumentID || e.Detail[EventTitle] != fmt.Sprintf("社区学校办学情况（第%d所）", i) {
			t.Errorf("event %d is about %s (%v), want %s", i, id, e.Detail[EventTitle], links[i].DocumentID)
		}
		if i > 0 && e.ID <= events[i-1].ID {
			t.Errorf("event %d has id %d, not after %d", i, e.ID, events[i-1].ID)
		}
	}
}
