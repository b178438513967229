package catalog

import (
	"context"
	"testing"
)

func TestDroppedCarriedItemsCanBeRestored(t *testing.T) {
	forEachStore(t, testDroppedCarriedItemsCanBeRestored)
}

// testDroppedCarriedItemsCanBeRestored: 杭州 dropped (本轮不用) the claim
// and the value carried from 2017 into 2018 by mistake; dropping deleted
// their 2018 copies (probe s36 finding 12: no way back). Restored, each is
// copied from its 2017 source again and waits to be confirmed, as when
// first carried; restoring twice, restoring an item not dropped, a value
// whose slot 2018 filled since, a claim whose source was withdrawn, and a
// link are refused, and nothing is copied for them.
func testDroppedCarriedItemsCanBeRestored(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2", "1.1.3")
	if err := s.CreateDocument(ctx, newDoc("D1", "D1-sha"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	cite := func() []Citation {
		return []Citation{{DocumentID: "D1", SHA256: "D1-sha", Page: 1, Quote: "学分银行", QuoteFound: true, FoundOnPage: 1}}
	}
	kept := &Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "杭州市建立学分银行", CreatedBy: "zhang", Citations: cite()}
	gone := &Claim{City: "330100", Round: 2017, Indicator: "1.1.3", Statement: "杭州市建立学习账户", CreatedBy: "zhang", Citations: cite()}
	for _, c := range []*Claim{kept, gone} {
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2017, Indicator: "1.1.2", Number: 312.5, Given: "312.5万人次", Unit: "万人次",
		Citation: cite()[0]}, "zhang"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "wang"); err != nil {
		t.Fatal(err)
	}
	list, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]Carryover{}
	for _, c := range list {
		by[c.Indicator] = c
	}
	for _, code := range []string{"1.1.1", "1.1.2", "1.1.3"} {
		if err := s.DecideCarryover(ctx, by[code].ID, CarryDropped, "wang"); err != nil {
			t.Fatalf("drop %s: %v", code, err)
		}
	}
	if _, err := s.WithdrawClaim(ctx, gone.ID, "zhang", "重复"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		code string
		want string
	}{
		{"1.1.1", ""}, {"1.1.1", ECONFLICT}, // a second restore finds it waiting
		{"1.1.2", ""},
		{"1.1.3", ECONFLICT}, // its 2017 source withdrawn since
	} {
		err := s.RestoreCarried(ctx, by[tt.code].ID, "wang")
		if ErrorCode(err) != tt.want && !(tt.want == "" && err == nil) {
			t.Errorf("restore %s: %v, want %q", tt.code, err, tt.want)
		}
	}
	now, err := s.Carryovers(ctx, CarryFilter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range now {
		switch c.Indicator {
		case "1.1.1":
			got, err := s.Claim(ctx, c.ObjectID)
			if c.State != CarryToConfirm || err != nil || got.Round != 2018 || got.Statement != kept.Statement || len(got.Citations) != 1 {
				t.Errorf("restored claim: %+v → %+v %v, want a 2018 copy of %q to confirm", c, got, err, kept.Statement)
			}
		case "1.1.2":
			got, err := s.Value(ctx, c.ObjectID)
			if c.State != CarryToConfirm || err != nil || got.Round != 2018 || got.Given != "312.5万人次" {
				t.Errorf("restored value: %+v → %+v %v, want a 2018 copy of 312.5万人次 to confirm", c, got, err)
			}
		case "1.1.3":
			if c.State != CarryDropped {
				t.Errorf("the claim whose source was withdrawn: %s, want still dropped", c.State)
			}
		}
	}
	// Dropped again, then 2018 records its own value: restoring the
	// carried one would give the slot two.
	if err := s.DecideCarryover(ctx, by["1.1.2"].ID, CarryDropped, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveValue(ctx, &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 330, Given: "330万人次", Unit: "万人次",
		Citation: cite()[0]}, "wang"); err != nil {
		t.Fatal(err)
	}
	if err := s.RestoreCarried(ctx, by["1.1.2"].ID, "wang"); ErrorCode(err) != ECONFLICT {
		t.Errorf("restore a value whose slot 2018 filled since: %v, want ECONFLICT", err)
	}
	if vals, err := s.FindValues(ctx, ValueFilter{City: "330100", Round: 2018}); err != nil || len(vals) != 1 {
		t.Errorf("2018's values after the refused restore: %d %v, want its own one", len(vals), err)
	}
}
