package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestSourcesDeletedRule: the Go rule and the SQL one say the same of a
// claim's or value's documents: cited at least once, every one deleted.
func TestSourcesDeletedRule(t *testing.T) {
	deleted := map[string]bool{"总结": true, "通知": false}
	for _, tt := range []struct {
		name string
		docs []string
		want bool
	}{
		{"引用的唯一文档已删除", []string{"总结"}, true},
		{"两处引用同一份已删除文档", []string{"总结", "总结"}, true},
		{"另一份文档仍在", []string{"总结", "通知"}, false},
		{"文档仍在", []string{"通知"}, false},
		{"没有引用", nil, false},
	} {
		if got := SourcesDeleted(tt.docs, func(id string) bool { return deleted[id] }); got != tt.want {
			t.Errorf("%s: SourcesDeleted(%v) = %v, want %v", tt.name, tt.docs, got, tt.want)
		}
	}
}

// TestDeletedSourcesRefuseConfirmAndVerified: 杭州's 2017 summary is
// cited by claim 单引 (alone), claim 双引 (beside the 通知) and a value;
// all three are carried into 2018, then the summary is deleted. The
// copies of 单引 and the value are marked 出处已删除 and cannot be
// confirmed (双引's can); 属实 is refused on 单引 and on the value (证据不足
// is not), accepted on 双引; each claim and value, carried copies too,
// finds the deletion in its own history; the heat map's count says
// which claims rest on deleted documents and counts none of them
// verified. Both dialects.
func TestDeletedSourcesRefuseConfirmAndVerified(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		for _, id := range []string{"总结", "通知"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		cite := func(doc string) Citation {
			return Citation{DocumentID: doc, SHA256: "sha-" + doc, Page: 1, Quote: "全市开展各类学习活动1200余场", QuoteFound: true, FoundOnPage: 1}
		}
		single := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "举办第八届杭州学习节。", CreatedBy: "zhang",
			Citations: []Citation{cite("总结")}}
		double := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "出台学分银行实施意见。", CreatedBy: "zhang",
			Citations: []Citation{cite("总结"), cite("通知")}}
		for _, c := range []*Claim{single, double} {
			if err := s.CreateClaim(ctx, c); err != nil {
				t.Fatal(err)
			}
		}
		value := &Value{City: "330100", Round: 2017, Indicator: "1.1.2", Number: 732160, Unit: "人", Citation: cite("总结"), ValueFound: true}
		if err := s.SaveValue(ctx, value, "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "zhang"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.DeleteDocument(ctx, "总结", "admin1"); err != nil {
			t.Fatal(err)
		}
		carried, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
		if err != nil {
			t.Fatal(err)
		}
		wantGone := map[string]bool{single.ID: true, double.ID: false, value.ID: true}
		copies := map[string]string{}
		for _, c := range carried {
			copies[c.SourceID] = c.ObjectID
			if c.SourcesDeleted != wantGone[c.SourceID] {
				t.Errorf("carried %s %s: SourcesDeleted %v, want %v", c.Kind, c.SourceID, c.SourcesDeleted, wantGone[c.SourceID])
			}
			err := s.DecideCarryover(ctx, c.ID, CarryConfirmed, "hz_coord")
			if wantGone[c.SourceID] != (ErrorCode(err) == ECONFLICT) {
				t.Errorf("confirming carried %s %s: %v, want refused (ECONFLICT) %v", c.Kind, c.SourceID, err, wantGone[c.SourceID])
			}
			if wantGone[c.SourceID] {
				if err := s.DecideCarryover(ctx, c.ID, CarryDropped, "hz_coord"); err != nil {
					t.Errorf("dropping carried %s %s: %v, want allowed", c.Kind, c.SourceID, err)
				}
			}
		}
		if len(copies) != 3 {
			t.Fatalf("carried %+v, want the two claims and the value", carried)
		}
		for _, tt := range []struct {
			id      string
			value   bool
			verdict ClaimStatus
			refused bool
		}{
			{single.ID, false, ClaimVerified, true},
			{single.ID, false, ClaimInsufficient, false},
			{double.ID, false, ClaimVerified, false},
			{value.ID, true, ClaimVerified, true},
			{value.ID, true, ClaimInsufficient, false},
		} {
			r := &Review{ClaimID: tt.id, Reviewer: "rev1", Verdict: tt.verdict}
			if tt.value {
				err = s.AddValueReview(ctx, tt.id, r)
			} else {
				err = s.AddReview(ctx, r)
			}
			if tt.refused != (ErrorCode(err) == ECONFLICT) {
				t.Errorf("verdict %s on %s: %v, want refused %v", tt.verdict, tt.id, err, tt.refused)
			}
		}
		for _, object := range []string{"claim:" + single.ID, "claim:" + double.ID, "value:" + value.ID, "claim:" + copies[double.ID]} {
			events, err := s.FindEvents(ctx, EventFilter{Object: object, Action: "document.delete"})
			if err != nil {
				t.Fatal(err)
			}
			if len(events) != 1 || events[0].Object != "总结" || events[0].User != "admin1" {
				t.Errorf("history of %s: %+v, want admin1's deletion of 总结", object, events)
			}
		}
		counts, err := s.CountClaims(ctx, 2017, "330100")
		if err != nil {
			t.Fatal(err)
		}
		i := slices.IndexFunc(counts, func(c ClaimCount) bool { return c.Indicator == "1.1.1" })
		if i < 0 || counts[i].SourcesDeleted != 1 || counts[i].Verified != 1 {
			t.Errorf("2017 claims of 1.1.1: %+v, want 1 resting on deleted documents and 1 verified (双引)", counts)
		}
	})
}
