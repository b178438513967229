package catalog

import (
	"context"
	"reflect"
	"slices"
	"testing"
)

// TestEvidenceGroupCountsFollowTheVersionRule: the heat map's counts and
// the tree's, counted in SQL, are those VersionGroups gives each cell's
// documents in ID order, on both catalogs: 杭州's 1.1.1 has 方案 V1, V2,
// V3 (V3 a version of both, V1 and V2 not of each other: two groups in
// that order) and the .pdf and .docx of 意见 (W1, W2: one), 1.1.2 the
// 实施细则 S (a version of W1, in another cell: its own) and a version
// of S since deleted (no version); 成都's 1.1.1 a pair (C1, C2: one); B
// is linked to both of 杭州's. The tree counts S with W1 and W2, and B
// once, under 1.1 and 1.
func TestEvidenceGroupCountsFollowTheVersionRule(t *testing.T) {
	forEachStore(t, testEvidenceGroupCountsFollowTheVersionRule)
}

func testEvidenceGroupCountsFollowTheVersionRule(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
	linked := map[string][]string{"1.1.1": {"V1", "V2", "V3", "W1", "W2", "B", "C1", "C2"}, "1.1.2": {"S", "GONE", "B"}}
	var links []*Link
	created := map[string]bool{}
	for code, ids := range linked {
		for _, id := range ids {
			links = append(links, &Link{DocumentID: id, IndicatorCode: code, CreatedBy: "zhang"})
			if created[id] {
				continue
			}
			created[id] = true
			d := newDoc(id, "sha-"+id)
			if id[0] == 'C' {
				d.City = "510100"
			}
			if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := s.CreateLinks(ctx, links, false); err != nil {
		t.Fatal(err)
	}
	versions := [][2]string{{"V1", "V3"}, {"V2", "V3"}, {"W1", "W2"}, {"S", "W1"}, {"GONE", "S"}, {"C1", "C2"}}
	pairs := map[string][]string{}
	for _, v := range versions {
		if err := s.AddNearDuplicates(ctx, v[0], []NearDuplicate{{ID: v[1], Similarity: 0.95}}); err != nil {
			t.Fatal(err)
		}
		if v[0] != "GONE" {
			pairs[v[0]], pairs[v[1]] = append(pairs[v[0]], v[1]), append(pairs[v[1]], v[0])
		}
	}
	if _, err := s.DeleteDocument(ctx, "GONE", "admin"); err != nil {
		t.Fatal(err)
	}
	groups := func(ids ...string) int { return len(VersionGroups(slices.Sorted(slices.Values(ids)), 0, pairs)) }

	counts, err := s.EvidenceGroupCounts(ctx, EvidenceFilter{})
	if err != nil {
		t.Fatal(err)
	}
	want := []LinkCount{
		{City: "330100", Indicator: "1.1.1", Documents: 4},
		{City: "330100", Indicator: "1.1.2", Documents: 2},
		{City: "510100", Indicator: "1.1.1", Documents: 1},
	}
	if !reflect.DeepEqual(counts, want) {
		t.Errorf("heat map counts %v, want %v", counts, want)
	}
	if n := groups("V1", "V2", "V3", "W1", "W2", "B"); n != want[0].Documents {
		t.Errorf("VersionGroups makes %d groups of 杭州's 1.1.1, SQL %d", n, want[0].Documents)
	}

	under := map[string][]string{"1.1.1": {"1.1.1", "1.1", "1"}, "1.1.2": {"1.1.2", "1.1", "1"}}
	for _, tt := range []struct {
		name   string
		cities []string
		want   map[string]int
	}{
		{"杭州", []string{"330100"}, map[string]int{"1": 4, "1.1": 4, "1.1.1": 4, "1.1.2": 2}},
		{"every city", nil, map[string]int{"1": 5, "1.1": 5, "1.1.1": 5, "1.1.2": 2}},
	} {
		got, err := s.EvidenceGroupCountsUnder(ctx, EvidenceFilter{Cities: tt.cities}, under)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: tree counts %v, want %v", tt.name, got, tt.want)
		}
	}
	if n := groups("B", "S", "V1", "V2", "V3", "W1", "W2"); n != 4 {
		t.Errorf("VersionGroups makes %d groups of 杭州's 1.1, the tree counts 4", n)
	}
}
