package catalog

import (
	"context"
	"testing"
)

func TestEventsRecordTheDocumentsTitleThen(t *testing.T) {
	forEachStore(t, testEventsRecordTheDocumentsTitleThen)
}

// testEventsRecordTheDocumentsTitleThen: every event about a document
// records its title as it was then, so a rename after it does not change
// what the event says; one whose title is still its file's name records
// none, nor do events about anything else.
func testEventsRecordTheDocumentsTitleThen(t *testing.T, s *Store) {
	ctx := context.Background()
	d := newDoc("D1", "aa")
	d.Title = "学分银行建设情况"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang", Filename: "a.txt"}); err != nil {
		t.Fatal(err)
	}
	renamed := "关于推进学分银行建设的实施意见"
	if _, err := s.UpdateDocument(ctx, "D1", DocumentPatch{Title: &renamed}, "wang"); err != nil {
		t.Fatal(err)
	}
	later := "杭州市学分银行实施意见（修订）"
	if _, err := s.UpdateDocument(ctx, "D1", DocumentPatch{Title: &later}, "wang"); err != nil {
		t.Fatal(err)
	}
	// Titled by its file's name only, until its text is read: no title
	// to record.
	untitled := newDoc("D2", "bb")
	untitled.Filename, untitled.Title = "学分银行台账.xlsx", "学分银行台账"
	if err := s.CreateDocument(ctx, untitled, Submission{User: "zhang", Filename: untitled.Filename}); err != nil {
		t.Fatal(err)
	}
	if err := s.RecordEvent(ctx, Event{User: "li", Action: "search.save", Object: "search:S1", Detail: map[string]any{"name": "学分银行"}}); err != nil {
		t.Fatal(err)
	}
	events, err := s.Events(ctx, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string][]any{}
	for _, e := range events {
		got[e.Action] = append(got[e.Action], e.Detail[EventTitle])
	}
	want := map[string][]any{
		"document.upload": {nil, "学分银行建设情况"},
		"document.edit":   {later, renamed}, // newest first
		"search.save":     {nil},
	}
	for action, titles := range want {
		if len(got[action]) != len(titles) {
			t.Errorf("%s: titles %v, want %v", action, got[action], titles)
			continue
		}
		for i := range titles {
			if got[action][i] != titles[i] {
				t.Errorf("%s: titles %v, want %v", action, got[action], titles)
			}
		}
	}
}

func TestEventDocumentID(t *testing.T) {
	for _, tt := range []struct {
		e  Event
		id string
		ok bool
	}{
		{Event{Action: "document.upload", Object: "01J"}, "01J", true},
		{Event{Action: "link.create", Object: "01J"}, "01J", true},
		{Event{Action: "note.create", Object: "01J"}, "01J", true},
		{Event{Action: "round.use_links", Object: "document:01J"}, "01J", true},
		{Event{Action: "claim.create", Object: "claim:C1"}, "", false},
		{Event{Action: "search.save", Object: "S1"}, "", false},
		{Event{Action: "user.login", Object: "张三"}, "", false},
	} {
		if id, ok := tt.e.DocumentID(); id != tt.id || ok != tt.ok {
			t.Errorf("%s %s: %q %v, want %q %v", tt.e.Action, tt.e.Object, id, ok, tt.id, tt.ok)
		}
	}
}
