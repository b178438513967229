package notes_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/notes"
)

const (
	hangzhou = "330100"
	chengdu  = "510100"
)

var (
	admin       = &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	expert      = &catalog.User{Username: "zhou", Role: catalog.RoleExpert}
	reviewer    = &catalog.User{Username: "li", Role: catalog.RoleReviewer}
	reviewerHZ  = &catalog.User{Username: "zhao", Role: catalog.RoleReviewer, Cities: []string{hangzhou}}
	coordCD     = &catalog.User{Username: "chen", Role: catalog.RoleCoordinator, City: chengdu}
	contribCD   = &catalog.User{Username: "cdjiaoyu", Role: catalog.RoleContributor, City: chengdu, Department: "教育局"}
	coordHZ     = &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: hangzhou}
	noteOnCD    = notes.Input{Page: 1, Quote: "锦江区社区学院", Body: "学分银行的认证办法未见正式文件,需补充文号"}
	noteOnWhole = notes.Input{Body: "整体材料偏少"}
)

func TestNotesAreForExpertsAndReviewersOnly(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	doc := e.Upload(chengdu, "锦江区工作总结.txt", "成都市锦江区社区学院开展社区教育,建立学分银行。")
	n, err := e.Notes.Add(ctx, expert, doc.ID, noteOnCD)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Notes.Add(ctx, reviewer, doc.ID, noteOnWhole); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		u    *catalog.User
		// read: the listing's error code ("" for none) and how many notes.
		code  string
		count int
	}{
		{"the expert who wrote it", expert, "", 2},
		{"a reviewer of every city", reviewer, "", 2},
		{"an admin", admin, "", 2},
		{"the document's city's coordinator", coordCD, catalog.EFORBIDDEN, 0},
		{"the city's department", contribCD, catalog.EFORBIDDEN, 0},
		{"a reviewer of 杭州 only", reviewerHZ, catalog.ENOTFOUND, 0},
	}
	for _, tt := range tests {
		got, err := e.Notes.OnDocument(ctx, tt.u, doc.ID, "")
		if catalog.ErrorCode(err) != tt.code || len(got) != tt.count {
			t.Errorf("%s reads the notes: %d notes, error %v; want %d, code %q", tt.name, len(got), err, tt.count, tt.code)
		}
		byAuthor, _, err := e.Notes.ByAuthor(ctx, tt.u, "zhou", 0, 0)
		wantCount := min(tt.count, 1)
		if tt.code == catalog.ENOTFOUND {
			err = nil // a listing: empty, not an error
		}
		if (tt.code == catalog.EFORBIDDEN) != (catalog.ErrorCode(err) == catalog.EFORBIDDEN) || len(byAuthor) != wantCount {
			t.Errorf("%s lists zhou's notes: %d, error %v; want %d", tt.name, len(byAuthor), err, wantCount)
		}
	}
	got, _ := e.Notes.OnDocument(ctx, expert, doc.ID, "zhou")
	if len(got) != 1 || got[0].ID != n.ID || got[0].Page != 1 || got[0].Quote != "锦江区社区学院" || got[0].Title == "" {
		t.Errorf("zhou's notes on the document: %+v, want the one on page 1 quoting 锦江区社区学院", got)
	}
	for _, tt := range tests {
		if tt.code == "" {
			continue
		}
		if _, err := e.Notes.Add(ctx, tt.u, doc.ID, noteOnWhole); catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s writes a note: %v, want %s", tt.name, err, tt.code)
		}
	}
	events, err := e.Catalog.FindEvents(ctx, catalog.EventFilter{Object: doc.ID, Action: "note.create"})
	if err != nil || len(events) < 2 || events[len(events)-1].User != "zhou" {
		t.Errorf("audit log of notes: %+v %v, want zhou's note first", events, err)
	}
}

func TestBadNotesAreRefused(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	doc := e.Upload(hangzhou, "学分银行.txt", "杭州市建立学分银行。")
	for name, in := range map[string]notes.Input{
		"an empty note":        {Body: "  "},
		"a page past the last": {Page: 9, Body: "第九页"},
		"a quote without page": {Quote: "学分银行", Body: "引文"},
		"a NUL in the body":    {Body: "学分\x00银行"},
		"a bidi override":      {Body: "核实\u202e属实"},
	} {
		if _, err := e.Notes.Add(ctx, expert, doc.ID, in); catalog.ErrorCode(err) != catalog.EINVALID {
			t.Errorf("%s: %v, want EINVALID", name, err)
		}
	}
	if _, err := e.Notes.Add(ctx, expert, doc.ID, notes.Input{Body: "第一点：已核对。\n第二点：\t待补充台账。"}); err != nil {
		t.Errorf("a note of two lines with a tab: %v, want it saved", err)
	}
	if _, err := e.Notes.Add(ctx, coordHZ, doc.ID, noteOnWhole); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("the city's coordinator writes a note: %v, want EFORBIDDEN", err)
	}
	if _, _, err := e.Notes.ByAuthor(ctx, expert, "", 0, 0); catalog.ErrorCode(err) != catalog.EINVALID {
		t.Errorf("notes without an author: %v, want EINVALID", err)
	}
}
