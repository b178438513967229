package catalog

import (
	"context"
	"fmt"
	"testing"
)

func TestRereadMovesRoundsNamedInChineseNumerals(t *testing.T) {
	forEachStore(t, testRereadMovesRoundsNamedInChineseNumerals)
}

// testRereadMovesRoundsNamedInChineseNumerals: documents filed before
// years in Chinese numerals were read (field reader revision 7) under the
// round the names' rule then gave — the current one for want of a year,
// a 2018 date's for a summary of 二〇一七年 — move to the year their names
// write when read again by ChineseYearRevision, once; a round a person
// set (typed at upload, or changed by an edit) stays, and so does one the
// old rule no longer gives (a round added since).
func testRereadMovesRoundsNamedInChineseNumerals(t *testing.T, s *Store) {
	ctx := context.Background()
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name, title, filename, issuedOn, round string
		typed                                  bool   // the round typed at upload
		edit                                   string // a round a person set after
		want                                   string
	}{
		{name: "title", title: "杭州市二〇一八年度学习型城市建设工作报告", round: "2019", want: "2018"},
		{name: "filename", filename: "二零一七年社区教育统计表.xlsx", round: "2019", want: "2017"},
		{name: "report", title: "杭州市二〇一七年学习型城市建设工作总结", issuedOn: "2018-03-20", round: "2018", want: "2017"},
		{name: "typed", title: "杭州市二〇一八年度学习型城市建设工作报告", round: "2019", typed: true, want: "2019"},
		{name: "edited", title: "杭州市二〇一八年度学习型城市建设工作报告", round: "2019", edit: "2017", want: "2017"},
		// Filed when 2017 was the current round: not what the old rule
		// gives now, so nothing says it filed the document there.
		{name: "not the old rule's", title: "杭州市二〇一八年度学习型城市建设工作报告", round: "2017", want: "2017"},
		{name: "arabic", title: "杭州市2018年度学习型城市建设工作报告", round: "2019", want: "2019"},
	}
	for i, c := range cases {
		d := newDoc("D-"+c.name, fmt.Sprintf("%064x", i))
		if c.filename != "" {
			d.Filename = c.filename
		}
		d.Title, d.IssuedOn, d.Round = c.title, c.issuedOn, c.round
		if d.Title == "" {
			d.Title = DefaultTitle(d.Filename)
		}
		if !c.typed {
			d.ExtractedFields = []string{FieldRound}
		}
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		old := FieldFill{Title: c.title, IssuedOn: c.issuedOn, Revision: ChineseYearRevision - 1}
		if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
		if got, err := s.Document(ctx, d.ID); err != nil || got.Round != c.round {
			t.Fatalf("%s: filed by revision %d under %v, want %s (%v)", c.name, old.Revision, got, c.round, err)
		}
		if c.edit != "" {
			if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{Round: &c.edit}, "wang"); err != nil {
				t.Fatal(err)
			}
		}
		now := old
		now.Revision = ChineseYearRevision
		changed, err := s.RereadFields(ctx, d.ID, now)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		moved := c.want != c.round && c.edit == ""
		if got.Round != c.want || moved != (len(changed) == 1 && changed[0] == FieldRound) {
			t.Errorf("%s: round %s, changed %v after reading again; want %s", c.name, got.Round, changed, c.want)
		}
		if moved && got.Status != StatusExtracted {
			t.Errorf("%s: moved to %s but %s, want extracted (its index entry written anew)", c.name, got.Round, got.Status)
		}
		if moved && !got.IsExtracted(FieldRound) {
			t.Errorf("%s: moved by the reader, but its round is no longer marked inferred: %v", c.name, got.ExtractedFields)
		}
		// Once: a later reader leaves the round where it is.
		later := now
		later.Revision = ChineseYearRevision + 1
		if changed, err := s.RereadFields(ctx, d.ID, later); err != nil || len(changed) != 0 {
			t.Errorf("%s: read again later: changed %v (%v), want nothing", c.name, changed, err)
		}
	}
	events, err := s.Events(ctx, "D-title", 50)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range events {
		if e.Action == "document.fields" && e.Detail["round"] == "2018" {
			from, _ := e.Detail["from"].(map[string]any)
			found = from["round"] == "2019"
		}
	}
	if !found {
		t.Errorf("the audit log does not say the round moved from 2019 to 2018: %+v", events)
	}
}
