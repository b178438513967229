package catalog

import (
	"context"
	"slices"
	"testing"
)

// TestBandSchemesAreComparedApart: during the change of band scheme, a
// document whose stored bands are still scheme 1's is found by the
// scheme 1 bands of a new text, and only by those (a band hash of one
// scheme equal to one of the other is no candidate), both by
// NearDuplicateCandidates and by RecordExtractions; ReplaceLegacyBands
// gives it bands of the current scheme, leaves a document whose bands
// are already the current scheme's as it is, and then no scheme 1 band
// is left.
func TestBandSchemesAreComparedApart(t *testing.T) { forEachStore(t, testBandSchemesAreComparedApart) }

func testBandSchemesAreComparedApart(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("旧", "o1"), newDoc("新", "n1"), newDoc("来", "x1")} {
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if has, err := s.HasLegacyBands(ctx); err != nil || has {
		t.Fatalf("a new catalog has bands of scheme 1: %v, %v", has, err)
	}
	// 旧's bands as a catalog before scheme 2 stored them: bands 0–2.
	for i, h := range []int64{1, 2, 3} {
		if _, err := s.writer.ExecContext(ctx, `INSERT INTO near_duplicate_band (document_id, band, hash) VALUES (?, ?, ?)`, "旧", i, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetNearDuplicateBands(ctx, "新", []int64{1, 2, 3}, nil); err != nil {
		t.Fatal(err)
	}
	if has, err := s.HasLegacyBands(ctx); err != nil || !has {
		t.Fatalf("HasLegacyBands: %v, %v; want true", has, err)
	}
	ids := func(cs []Candidate) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		slices.Sort(out)
		return out
	}
	for _, tc := range []struct {
		bands, legacy []int64
		want          []string
	}{
		{[]int64{1, 2, 3}, nil, []string{"新"}},
		{[]int64{9, 9, 9}, []int64{1, 2, 3}, []string{"旧"}},
		{[]int64{1, 2, 3}, []int64{1, 2, 3}, []string{"新", "旧"}},
	} {
		cands, err := s.NearDuplicateCandidates(ctx, "来", "x1", tc.bands, tc.legacy, 10)
		if err != nil || !slices.Equal(ids(cands), tc.want) {
			t.Fatalf("candidates of bands %v and scheme 1 bands %v: %v, %v; want %v", tc.bands, tc.legacy, ids(cands), err, tc.want)
		}
	}
	ext := Extraction{ID: "来", SHA256: "x1", Bands: []int64{9, 8, 7}, Legacy: []int64{1, 5, 6},
		Alone: StatusChange{ID: "来", Status: StatusExtracted, Pages: 1}}
	outs, err := s.RecordExtractions(ctx, []Extraction{ext}, 10)
	if err != nil || len(outs) != 1 || !slices.Equal(ids(outs[0].Candidates), []string{"旧"}) {
		t.Fatalf("RecordExtractions with scheme 1 bands: %+v, %v; want 旧 a candidate", outs, err)
	}
	var legacy []string
	if err := s.DocumentsWithLegacyBands(ctx, func(d *Document) { legacy = append(legacy, d.ID) }); err != nil ||
		!slices.Equal(legacy, []string{"旧"}) {
		t.Fatalf("DocumentsWithLegacyBands: %v, %v; want [旧]", legacy, err)
	}
	n, err := s.ReplaceLegacyBands(ctx, []NewBands{{ID: "旧", Bands: []int64{4, 5, 6}}, {ID: "新", Bands: []int64{0}}})
	if err != nil || n != 1 {
		t.Fatalf("ReplaceLegacyBands: %d, %v; want 1 (新's bands are already the current scheme's)", n, err)
	}
	if has, err := s.HasLegacyBands(ctx); err != nil || has {
		t.Fatalf("HasLegacyBands after the replacement: %v, %v; want false", has, err)
	}
	for _, tc := range []struct {
		bands []int64
		want  []string
	}{
		{[]int64{4, 5, 6}, []string{"旧"}}, {[]int64{1, 2, 3}, []string{"新"}}, {[]int64{0}, nil},
	} {
		cands, err := s.NearDuplicateCandidates(ctx, "来", "x1", tc.bands, nil, 10)
		if err != nil || !slices.Equal(ids(cands), tc.want) {
			t.Fatalf("candidates of %v after the replacement: %v, %v; want %v", tc.bands, ids(cands), err, tc.want)
		}
	}
}
