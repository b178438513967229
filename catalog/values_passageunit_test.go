package catalog

import (
	"context"
	"testing"
)

// TestValuePassageUnitIsKept: the unit a value's passage writes its
// number in when it is not the value's (单位不符) is stored, read back and
// carried into the next round with the value, on both catalogs.
func TestValuePassageUnitIsKept(t *testing.T) { forEachStore(t, testValuePassageUnitIsKept) }

func testValuePassageUnitIsKept(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.CreateDocument(ctx, newDoc("D1", "sha-D1"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	v := &Value{City: "330100", Round: 2017, Indicator: "1.1.1", Number: 56, Given: "56", Unit: "%", PassageUnit: "场",
		Citation: Citation{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "举办学习活动周活动56场", QuoteFound: true, FoundOnPage: 1}}
	if err := s.SaveValue(ctx, v, "zhang"); err != nil {
		t.Fatal(err)
	}
	got, err := s.Value(ctx, v.ID)
	if err != nil || got.PassageUnit != "场" || got.ValueFound {
		t.Fatalf("value read back: %+v, %v; want passage unit 场, not found", got, err)
	}
	if _, err := s.CarryOver(ctx, "330100", 2017, 2018, "zhang"); err != nil {
		t.Fatal(err)
	}
	carried, err := s.FindValues(ctx, ValueFilter{City: "330100", Round: 2018})
	if err != nil || len(carried) != 1 || carried[0].PassageUnit != "场" {
		t.Fatalf("carried values: %+v, %v; want one with passage unit 场", carried, err)
	}
}
