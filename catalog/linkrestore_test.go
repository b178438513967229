package catalog

import (
	"context"
	"testing"
)

// A link taken out of its document's own round by mistake and put back
// (on the document's page or by 重新计入本轮 on the carry-over list) counts
// where it did before the drop: it follows its document's round again, as
// an untouched link does, when the document moves to another round.
func TestRestoreIntoOwnRoundFollowsDocumentRound(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.AddRound(ctx, Round{Year: 2019}, "admin"); err != nil {
		t.Fatal(err)
	}
	restores := map[string]func(l *Link){
		"RestoreLinkToRound": func(l *Link) {
			if err := s.RestoreLinkToRound(ctx, l.ID, 2017, "wang"); err != nil {
				t.Fatal(err)
			}
		},
		"DecideCarryover": func(l *Link) {
			cs, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2017, State: CarryDropped})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range cs {
				if c.ObjectID == l.ID {
					if err := s.DecideCarryover(ctx, c.ID, CarryConfirmed, "wang"); err != nil {
						t.Fatal(err)
					}
					return
				}
			}
			t.Fatalf("no dropped row of link %s in 2017: %+v", l.ID, cs)
		},
	}
	for name, restore := range restores {
		d := newDoc("D"+name, "sha"+name)
		d.Title = "杭州市社区教育工作要点（" + name + "）"
		d.Round = "2017"
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		l := &Link{DocumentID: d.ID, IndicatorCode: "1.1.1", CreatedBy: "wang"}
		if err := s.CreateLinks(ctx, []*Link{l}, false); err != nil {
			t.Fatal(err)
		}
		if err := s.LinkInRound(ctx, []*Link{l}, 2018, "wang"); err != nil {
			t.Fatal(err)
		}
		if err := s.DropLinkFromRound(ctx, l.ID, 2017, "wang"); err != nil {
			t.Fatal(err)
		}
		restore(l)
		r := "2019"
		if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{Round: &r}, "wang"); err != nil {
			t.Fatal(err)
		}
		for y, want := range map[int]bool{2017: false, 2018: true, 2019: true} {
			docs, err := s.RoundLinkedDocuments(ctx, "330100", y)
			if err != nil {
				t.Fatal(err)
			}
			got := false
			for _, id := range docs["1.1.1"] {
				got = got || id == d.ID
			}
			if got != want {
				t.Errorf("%s: dropped from 2017, put back, document moved to 2019: link counts in %d: %v, want %v", name, y, got, want)
			}
		}
	}
}
