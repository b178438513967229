package catalog

import (
	"context"
	"database/sql"
	"slices"
	"testing"
)

// bandsFrom returns n band hashes from first on.
func bandsFrom(first int64, n int) []int64 {
	out := make([]int64, n)
	for i := range out {
		out[i] = first + int64(i)
	}
	return out
}

// The fill of short bands (migration 049) gives a short text read before
// short bands its short bands, a batch at a time from its mark, leaves a
// long text, one read again meanwhile and one that has them as they are,
// and ends by deleting its mark; a new short scan sharing only short
// bands with the old text then finds it.
func TestShortBandsFilledForTextsReadBefore(t *testing.T) {
	forEachStore(t, testShortBandsFilledForTextsReadBefore)
}

func testShortBandsFilledForTextsReadBefore(t *testing.T, s *Store) {
	ctx := context.Background()
	old := append(bandsFrom(100, 16), bandsFrom(200, 32)...) // 旧通知's bands as read today
	stored := map[string][]int64{
		"A": old[:16],                                          // a short notice read before short bands
		"L": bandsFrom(300, 16),                                // a long document
		"R": bandsFrom(400, 16),                                // read again meanwhile: other bands
		"S": append(bandsFrom(500, 16), bandsFrom(600, 32)...), // read with its short bands
	}
	titles := map[string]string{"A": "关于召开社区教育工作会议的通知", "L": "杭州市终身教育发展规划",
		"R": "关于开展全民终身学习活动周的通知", "S": "关于举办老年大学开学典礼的通知"}
	for _, id := range []string{"A", "L", "R", "S"} {
		d := newDoc(id, "sha-"+id)
		d.Title = titles[id]
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNearDuplicateBands(ctx, id, stored[id], nil); err != nil {
			t.Fatal(err)
		}
	}
	// The mark migration 049 sets on a catalog of documents read before.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM short_band_fill`); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO short_band_fill (id, done, upto) VALUES (1, '', 'S')`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := func(docs []*Document) []string {
		var out []string
		for _, d := range docs {
			out = append(out, d.ID)
		}
		return out
	}
	docs, pending, err := s.ShortBandsToFill(ctx, 2)
	if err != nil || !pending || !slices.Equal(ids(docs), []string{"A", "L"}) {
		t.Fatalf("first batch: %v, %v, %v; want A and L pending", ids(docs), pending, err)
	}
	if n, err := s.AddShortBands(ctx, []NewBands{{ID: "A", Bands: old}}, "L"); err != nil || n != 1 {
		t.Fatalf("short bands of A: %d, %v; want 1 added", n, err)
	}
	docs, pending, err = s.ShortBandsToFill(ctx, 2)
	if err != nil || !pending || !slices.Equal(ids(docs), []string{"R"}) {
		t.Fatalf("second batch: %v, %v, %v; want R alone, after the mark", ids(docs), pending, err)
	}
	// R's text as it was: its normal bands are not those stored now.
	if n, err := s.AddShortBands(ctx, []NewBands{{ID: "R", Bands: append(bandsFrom(700, 16), bandsFrom(800, 32)...)}}, ""); err != nil || n != 0 {
		t.Fatalf("short bands of R, read again meanwhile: %d, %v; want none added", n, err)
	}
	if docs, pending, err := s.ShortBandsToFill(ctx, 2); err != nil || pending || len(docs) != 0 {
		t.Fatalf("after the last batch: %v, %v, %v; want the fill done", ids(docs), pending, err)
	}
	var rShort int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM near_duplicate_band WHERE document_id = 'R' AND band >= 32`).Scan(&rShort); err != nil || rShort != 0 {
		t.Errorf("R's short bands: %d, %v; want none", rShort, err)
	}
	// A new scan of 旧通知, its normal bands all misread, its short ones not.
	scan := append(bandsFrom(900, 16), old[16:]...)
	cands, err := s.NearDuplicateCandidates(ctx, "新", "sha-新", scan, nil, 32)
	if err != nil || !slices.ContainsFunc(cands, func(c Candidate) bool { return c.ID == "A" && c.Shared == 32 }) {
		t.Fatalf("candidates of the new scan: %+v, %v; want A sharing its 32 short bands", cands, err)
	}
}
