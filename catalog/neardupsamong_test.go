package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
)

// TestNearDuplicatesAmong: the scan S of notice N (an OCR'd copy) is N's
// near duplicate and N is S's, on both catalogs, even when the report's
// documents fill more than one IN list and S falls in the last; N's near
// duplicate D outside the ids asked about is not given, nor a part P.
func TestNearDuplicatesAmong(t *testing.T) { forEachStore(t, testNearDuplicatesAmong) }

func testNearDuplicatesAmong(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, id := range []string{"N", "S", "D", "P"} {
		if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddNearDuplicates(ctx, "N", []NearDuplicate{{ID: "S", Similarity: 0.92}, {ID: "D", Similarity: 0.95}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddPartOf(ctx, "P", "N", 0.93); err != nil {
		t.Fatal(err)
	}
	// N first and S last, with more ids between than one IN list holds.
	ids := []string{"N", "P"}
	for i := range maxInList + 10 {
		ids = append(ids, fmt.Sprintf("其他文档%04d", i))
	}
	ids = append(ids, "S")
	near, err := s.NearDuplicatesAmong(ctx, ids)
	if err != nil {
		t.Fatalf("NearDuplicatesAmong %d ids: %v", len(ids), err)
	}
	if len(near) != 2 || !slices.Equal(near["N"], []string{"S"}) || !slices.Equal(near["S"], []string{"N"}) {
		t.Errorf("NearDuplicatesAmong = %v, want N and S each other's alone (D not asked about, P a part)", near)
	}
	if near, err := s.NearDuplicatesAmong(ctx, []string{"N", "P"}); err != nil || len(near) != 0 {
		t.Errorf("NearDuplicatesAmong without S = %v, %v, want none", near, err)
	}
}
