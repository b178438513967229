package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
)

func TestNearDuplicatesStoreAndFind(t *testing.T) { forEachStore(t, testNearDuplicatesStoreAndFind) }

func testNearDuplicatesStoreAndFind(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("A", "a1"), newDoc("B", "b1"), newDoc("C", "c1"), newDoc("Z", "z1")} {
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	copyA := newDoc("A2", "a1") // 成都's copy of A's bytes: an exact duplicate
	copyA.City = "510100"
	if err := s.CreateDocument(ctx, copyA, Submission{User: "li"}); err != nil {
		t.Fatal(err)
	}
	bands := map[string][]int64{"A": {1, 2, 3}, "A2": {1, 2, 3}, "B": {1, 9, 3}, "C": {7, 8, 9}, "Z": {1, 2, 3}}
	for id, b := range bands {
		if err := s.SetNearDuplicateBands(ctx, id, b, nil); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetNearDuplicateBands(ctx, "Z", []int64{1, 2, 3}, nil); err != nil {
		t.Fatalf("setting bands again: %v", err)
	}
	if _, err := s.DeleteDocument(ctx, "Z", "admin"); err != nil {
		t.Fatal(err)
	}
	cands, err := s.NearDuplicateCandidates(ctx, "A", "a1", bands["A"], nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 1 || cands[0].ID != "B" || cands[0].Shared != 2 {
		t.Fatalf("candidates of A: %+v; want B sharing 2 bands (not itself, not its exact copy A2, not deleted Z, not C)", cands)
	}
	// The prepared query again, and another band count (the query text).
	for _, b := range [][]int64{bands["A"], {1, 2}} {
		if cands, err := s.NearDuplicateCandidates(ctx, "A", "a1", b, nil, 10); err != nil || len(cands) != 1 || cands[0].ID != "B" {
			t.Fatalf("candidates of A for bands %v: %+v, %v; want B", b, cands, err)
		}
	}
	if err := s.AddNearDuplicates(ctx, "A", []NearDuplicate{{ID: "B", Similarity: 0.93}}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddNearDuplicates(ctx, "B", []NearDuplicate{{ID: "A", Similarity: 0.94}}); err != nil {
		t.Fatalf("recording a pair again: %v", err)
	}
	for _, pair := range [][2]string{{"A", "B"}, {"B", "A"}} {
		got, err := s.NearDuplicates(ctx, pair[0])
		if err != nil || len(got) != 1 || got[0].ID != pair[1] || got[0].Similarity != 0.94 || got[0].Title == "" {
			t.Errorf("near duplicates of %s: %+v, %v; want %s at 0.94", pair[0], got, err, pair[1])
		}
	}
	docs, pairs, err := s.HitDocuments(ctx, []string{"A", "B", "C"})
	if len(docs) != 3 {
		t.Errorf("hit documents of A, B, C: %d", len(docs))
	}
	if err != nil || !slices.Equal(pairs["A"], []string{"B"}) || !slices.Equal(pairs["B"], []string{"A"}) || len(pairs["C"]) != 0 {
		t.Errorf("pairs among A, B, C: %v, %v", pairs, err)
	}
	if _, pairs, err := s.HitDocuments(ctx, []string{"A", "C"}); err != nil || len(pairs) != 0 {
		t.Errorf("pairs among A and C (B, A's near duplicate, not asked): %v, %v", pairs, err)
	}
	if _, err := s.DeleteDocument(ctx, "B", "admin"); err != nil {
		t.Fatal(err)
	}
	if got, _ := s.NearDuplicates(ctx, "A"); len(got) != 0 {
		t.Errorf("a deleted document is still A's near duplicate: %+v", got)
	}
	if _, pairs, _ := s.HitDocuments(ctx, []string{"A", "B"}); len(pairs) != 0 {
		t.Errorf("pairs with a deleted document: %v", pairs)
	}
}

// The text hash goes in with the bands, the links with the status change:
// each in one transaction.
func TestNearDuplicatesWithTextHashAndStatus(t *testing.T) {
	forEachStore(t, testNearDuplicatesWithTextHashAndStatus)
}

func testNearDuplicatesWithTextHashAndStatus(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("A", "a1"), newDoc("B", "b1")} {
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	h := TextHash{SHA256: "t1", Size: 3200}
	if err := s.SetNearDuplicateBands(ctx, "A", []int64{4, 5}, &TextRecord{Original: "a1", Hash: h}); err != nil {
		t.Fatal(err)
	}
	if got, err := s.TextHashOf(ctx, "a1"); err != nil || got != h {
		t.Errorf("text hash of a1: %+v, %v; want %+v", got, err, h)
	}
	if err := s.SetNearDuplicateBands(ctx, "B", []int64{4, 6}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := s.TextHashOf(ctx, "b1"); !IsNotFound(err) {
		t.Errorf("text hash of b1 without a record: %v; want ENOTFOUND", err)
	}
	err := s.SetStatus(ctx, StatusChange{ID: "B", Status: StatusExtracted, Pages: 1,
		NearDuplicates: []NearDuplicate{{ID: "A", Similarity: 0.95}}})
	if err != nil {
		t.Fatal(err)
	}
	if d, err := s.Document(ctx, "B"); err != nil || d.Status != StatusExtracted {
		t.Fatalf("B after its status change: %+v, %v", d, err)
	}
	for _, pair := range [][2]string{{"A", "B"}, {"B", "A"}} {
		got, err := s.NearDuplicates(ctx, pair[0])
		if err != nil || len(got) != 1 || got[0].ID != pair[1] || got[0].Similarity != 0.95 {
			t.Errorf("near duplicates of %s: %+v, %v; want %s at 0.95", pair[0], got, err, pair[1])
		}
	}
	// A link to a document that does not exist fails the whole change.
	err = s.SetStatus(ctx, StatusChange{ID: "A", Status: StatusExtracted, Pages: 1,
		NearDuplicates: []NearDuplicate{{ID: "不存在", Similarity: 0.95}}})
	if err == nil {
		t.Fatal("a link to a missing document was recorded")
	}
	if d, _ := s.Document(ctx, "A"); d.Status == StatusExtracted {
		t.Errorf("A is extracted although its links were not recorded")
	}
}

// TestRecordExtractions: one call records many documents' bands, text
// hashes and statuses. Where writers are serial, a document sharing no
// band gets its status at once, and a later one in the same call finds an
// earlier one as its candidate; on PostgreSQL every status is left to the
// caller and both find each other. A document deleted meanwhile is skipped,
// and an extraction that cannot be recorded writes nothing of the call.
func TestRecordExtractions(t *testing.T) { forEachStore(t, testRecordExtractions) }

func testRecordExtractions(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("A", "a1"), newDoc("B", "b1"), newDoc("C", "c1"), newDoc("D", "d1")} {
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteDocument(ctx, "D", "zhang"); err != nil { // deleted while it was read
		t.Fatal(err)
	}
	extraction := func(id, sha string, bands ...int64) Extraction {
		return Extraction{ID: id, SHA256: sha, Bands: bands, Text: &TextRecord{Original: sha, Hash: TextHash{SHA256: "t-" + sha, Size: 100}},
			Alone: StatusChange{ID: id, Status: StatusExtracted, Pages: 3, Fill: &FieldFill{DocNumber: "杭教职成〔2018〕5号"}}}
	}

	// An extraction whose status cannot be applied fails the call, and
	// nothing of it stays: not the bands of A before it.
	bad := extraction("C", "c1", 90, 91)
	bad.Alone.ID = "不存在"
	if s.dialect.serialWriters {
		if _, err := s.RecordExtractions(ctx, []Extraction{extraction("A", "a1", 80, 81), bad}, 10); err == nil {
			t.Fatal("a status change of a missing document was recorded")
		}
		if cands, err := s.NearDuplicateCandidates(ctx, "B", "b1", []int64{80, 81}, nil, 10); err != nil || len(cands) != 0 {
			t.Fatalf("A's bands outlived the failed call: candidates %+v, %v", cands, err)
		}
		if _, err := s.TextHashOf(ctx, "a1"); !IsNotFound(err) {
			t.Fatalf("A's text hash outlived the failed call: %v", err)
		}
	}

	outs, err := s.RecordExtractions(ctx, []Extraction{extraction("A", "a1", 4, 5), extraction("B", "b1", 4, 6),
		extraction("D", "d1", 7, 8), extraction("C", "c1")}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(outs) != 4 {
		t.Fatalf("%d outcomes for 4 extractions", len(outs))
	}
	if !outs[2].Gone || outs[0].Gone || outs[1].Gone || outs[3].Gone {
		t.Errorf("gone: %v %v %v %v; want only the third", outs[0].Gone, outs[1].Gone, outs[2].Gone, outs[3].Gone)
	}
	ids := func(cs []Candidate) []string {
		var out []string
		for _, c := range cs {
			out = append(out, c.ID)
		}
		return out
	}
	if s.dialect.serialWriters {
		if !outs[0].Applied || len(outs[0].Candidates) != 0 {
			t.Errorf("A: applied %v, candidates %v; want applied alone", outs[0].Applied, ids(outs[0].Candidates))
		}
		if !outs[3].Applied {
			t.Error("C, without bands, was not applied")
		}
	} else if outs[0].Applied || outs[3].Applied || fmt.Sprint(ids(outs[0].Candidates)) != "[B]" {
		t.Errorf("A on PostgreSQL: applied %v, candidates %v; want B, not applied", outs[0].Applied, ids(outs[0].Candidates))
	}
	if outs[1].Applied || fmt.Sprint(ids(outs[1].Candidates)) != "[A]" {
		t.Errorf("B: applied %v, candidates %v; want A, not applied", outs[1].Applied, ids(outs[1].Candidates))
	}
	for id, want := range map[string]bool{"A": outs[0].Applied, "B": false, "C": outs[3].Applied} {
		d, err := s.Document(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		if got := d.Status == StatusExtracted; got != want {
			t.Errorf("%s is %s; applied %v", id, d.Status, want)
		}
		if want && (d.Pages != 3 || d.DocNumber != "杭教职成〔2018〕5号") {
			t.Errorf("%s applied without its pages or fields: %d pages, 文号 %q", id, d.Pages, d.DocNumber)
		}
	}
	for _, sha := range []string{"a1", "b1", "c1"} {
		if h, err := s.TextHashOf(ctx, sha); err != nil || h.SHA256 != "t-"+sha {
			t.Errorf("text hash of %s: %+v, %v", sha, h, err)
		}
	}
	if cands, err := s.NearDuplicateCandidates(ctx, "A", "a1", []int64{7, 8}, nil, 10); err != nil || len(cands) != 0 {
		t.Errorf("the deleted document's bands were recorded: candidates %+v, %v", cands, err)
	}

	// Read again, a document's bands replace its old ones; read twice in
	// one call, the later reading's stay.
	if _, err := s.RecordExtractions(ctx, []Extraction{extraction("A", "a1", 50, 51), extraction("C", "c1", 70, 71),
		extraction("A", "a1", 60, 61)}, 10); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		band int64
		want string
	}{{5, "[]"}, {51, "[]"}, {61, "[A]"}, {71, "[C]"}, {6, "[B]"}} {
		cands, err := s.NearDuplicateCandidates(ctx, "X", "x1", []int64{0, c.band}, nil, 10)
		if err != nil {
			t.Fatal(err)
		}
		if got := fmt.Sprint(ids(cands)); got != c.want {
			t.Errorf("documents with band 1 = %d after A was read again: %s, want %s", c.band, got, c.want)
		}
	}
}

// TestPartOf: the photo P of page 1 of notice N (杭教发〔2023〕5号) is
// recorded part of it: P lists N as part_of, N lists P as contains, both
// after N's near duplicate D (near); recording it again, or N as part of
// P, changes nothing; a pair of near duplicates stays near; search folds
// near duplicates only; PartsOf gives P part of N. SameDocNumber finds N's 文号 in its city alone.
func TestPartOf(t *testing.T) { forEachStore(t, testPartOf) }

func testPartOf(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("N", "n1"), newDoc("P", "p1"), newDoc("D", "d1"), newDoc("C", "c1")} {
		d.DocNumber = "杭教发〔2023〕5号"
		if d.ID == "C" {
			d.City = "510100"
		}
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.AddNearDuplicates(ctx, "N", []NearDuplicate{{ID: "D", Similarity: 0.95}}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if err := s.AddPartOf(ctx, "P", "N", 0.93); err != nil {
			t.Fatal(err)
		}
	}
	for _, pair := range [][2]string{{"N", "P"}, {"D", "N"}} {
		if err := s.AddPartOf(ctx, pair[0], pair[1], 0.85); err != nil {
			t.Fatal(err)
		}
	}
	rel := func(id string) string {
		t.Helper()
		nds, err := s.NearDuplicates(ctx, id)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, n := range nds {
			out = append(out, fmt.Sprintf("%s %s %.2f", n.ID, n.Relation, n.Similarity))
		}
		return fmt.Sprint(out)
	}
	if got, want := rel("N"), "[D near 0.95 P contains 0.93]"; got != want {
		t.Errorf("N: %s, want %s", got, want)
	}
	if got, want := rel("P"), "[N part_of 0.93]"; got != want {
		t.Errorf("P: %s, want %s", got, want)
	}
	pairs, err := nearDuplicatePairs(ctx, s.db, []string{"N", "P", "D"})
	if err != nil {
		t.Fatal(err)
	}
	if len(pairs["P"]) != 0 || !slices.Equal(pairs["N"], []string{"D"}) {
		t.Errorf("search folds %v, want N and D only", pairs)
	}
	parts, err := s.PartsOf(ctx, []string{"N", "P", "D"})
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(parts) != "map[P:[N]]" {
		t.Errorf("PartsOf %v, want P part of N alone", parts)
	}
	if parts, err := s.PartsOf(ctx, []string{"P", "D"}); err != nil || len(parts) != 0 {
		t.Errorf("PartsOf without N %v %v, want none", parts, err)
	}
	other := newDoc("Q", "q1")
	other.DocNumber = "杭教发〔2023〕6号"
	cands, err := s.SameDocNumber(ctx, []*Document{{ID: "P", SHA256: "p1", City: "330100", DocNumber: "杭教发〔2023〕5号"},
		other, {ID: "X", SHA256: "x1", City: "330100"}}, 10)
	if err != nil {
		t.Fatal(err)
	}
	if fmt.Sprint(cands) != "map[P:[{D d1 0} {N n1 0}]]" {
		t.Errorf("SameDocNumber of P: %v, want D and N of 杭州, and none for the others", cands)
	}
}

// TestRecordExtractionsTextHashesTogether: the text hashes of a call's
// documents are recorded in one statement, whatever their number; of two
// readings of one original in a call the later's stays, and a document
// deleted meanwhile records none.
func TestRecordExtractionsTextHashesTogether(t *testing.T) {
	forEachStore(t, testRecordExtractionsTextHashesTogether)
}

func testRecordExtractionsTextHashesTogether(t *testing.T, s *Store) {
	ctx := context.Background()
	for _, d := range []*Document{newDoc("A", "a1"), newDoc("B", "b1"), newDoc("C", "c1"), newDoc("D", "d1")} {
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.DeleteDocument(ctx, "D", "zhang"); err != nil {
		t.Fatal(err)
	}
	extraction := func(id, sha, text string) Extraction {
		e := Extraction{ID: id, SHA256: sha, Alone: StatusChange{ID: id, Status: StatusExtracted}}
		if text != "" {
			e.Text = &TextRecord{Original: sha, Hash: TextHash{SHA256: text, Size: 100}}
		}
		return e
	}
	cost := func(exts ...Extraction) int64 {
		t.Helper()
		before := s.Statements()
		if _, err := s.RecordExtractions(ctx, exts, 10); err != nil {
			t.Fatal(err)
		}
		return s.Statements() - before
	}
	without := cost(extraction("A", "a1", ""), extraction("B", "b1", ""), extraction("C", "c1", ""))
	with := cost(extraction("A", "a1", "t-a1"), extraction("B", "b1", "t-b1"), extraction("C", "c1", "t-c1"))
	if with != without+1 {
		t.Errorf("three documents with text hashes took %d statements, without %d: want %d (the hashes in one)", with, without, without+1)
	}
	cost(extraction("A", "a1", "t-a1-1"), extraction("A", "a1", "t-a1-2"), extraction("D", "d1", "t-d1"))
	for sha, want := range map[string]string{"a1": "t-a1-2", "b1": "t-b1", "c1": "t-c1"} {
		if h, err := s.TextHashOf(ctx, sha); err != nil || h.SHA256 != want {
			t.Errorf("text hash of %s: %+v, %v; want %s", sha, h, err, want)
		}
	}
	if _, err := s.TextHashOf(ctx, "d1"); !IsNotFound(err) {
		t.Errorf("text hash of the deleted document: %v, want none", err)
	}
}

// A short scan's candidates keep the long document it was taken of,
// which shares normal bands alone, among many templated short notices
// (one 通知 form filled in again and again) that share more bands with it,
// short ones: the two kinds are ranked apart.
func TestCandidatesKeepTheWholeAmongTemplatedShortNotices(t *testing.T) {
	forEachStore(t, testCandidatesKeepTheWholeAmongTemplatedShortNotices)
}

func testCandidatesKeepTheWholeAmongTemplatedShortNotices(t *testing.T, s *Store) {
	ctx := context.Background()
	// The scan's bands: 16 normal (100–115), then 32 short (200–231).
	scan := make([]int64, 0, 48)
	for i := range 48 {
		scan = append(scan, int64(100+i+84*(i/16)))
	}
	whole := newDoc("W", "w1")
	whole.Title = "杭州市关于推进学习型城市建设的实施意见"
	if err := s.CreateDocument(ctx, whole, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	// The whole shares 3 normal bands with the scan, and has no short ones.
	wholeBands := []int64{100, 101, 102, 903, 904, 905, 906, 907, 908, 909, 910, 911, 912, 913, 914, 915}
	if err := s.SetNearDuplicateBands(ctx, "W", wholeBands, nil); err != nil {
		t.Fatal(err)
	}
	for i := range 40 {
		id := fmt.Sprintf("T%02d", i)
		d := newDoc(id, "sha-"+id)
		d.Title = fmt.Sprintf("关于开展第%d期社区学习活动的通知", i+1)
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		// One normal band (the last) and 20 short bands in common.
		bands := make([]int64, 48)
		for j := range bands {
			bands[j] = int64(10000*(i+1) + j)
		}
		bands[15] = scan[15]
		copy(bands[16:36], scan[16:36])
		if err := s.SetNearDuplicateBands(ctx, id, bands, nil); err != nil {
			t.Fatal(err)
		}
	}
	cands, err := s.NearDuplicateCandidates(ctx, "S", "s1", scan, nil, 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 32 {
		t.Fatalf("candidates of the scan: %d; want 32 (the limit)", len(cands))
	}
	i := slices.IndexFunc(cands, func(c Candidate) bool { return c.ID == "W" })
	if i < 0 {
		t.Fatalf("candidates of the scan: %+v; want W, which shares 3 normal bands, among the 40 notices sharing 21", cands)
	}
	if cands[i].Shared != 3 || cands[0].Shared != 21 {
		t.Errorf("bands shared: W %d, first %s %d; want 3 and 21", cands[i].Shared, cands[0].ID, cands[0].Shared)
	}
}

// The templated notices may share as many normal bands with the scan as
// the whole does (3 each: the whole's id is the last, so it lost every
// tie), or more (4): the whole, whose text is long and has no short
// bands, is still among the candidates, taken first of the normal bands'
// ranking, where the notices that share short bands come after those that
// share none (the short bands' ranking has them).
func TestCandidatesKeepTheWholeAmongNoticesTyingItOnNormalBands(t *testing.T) {
	forEachStore(t, testCandidatesKeepTheWholeAmongNoticesTyingItOnNormalBands)
}

func testCandidatesKeepTheWholeAmongNoticesTyingItOnNormalBands(t *testing.T, s *Store) {
	ctx := context.Background()
	scan := templatedNotices(t, s, 40, 4)
	// The notices' normal bands shared are the scan's last 4 (112–115);
	// the whole's are 100–102. A notice that shares 3 then is one that
	// shares 112–114 only.
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		for i := range 20 {
			_, err := tx.ExecContext(ctx, `UPDATE near_duplicate_band SET hash = -1 WHERE document_id = ? AND band = ?`,
				fmt.Sprintf("T%05d", i), bandSchemeBase+15)
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	cands, err := s.NearDuplicateCandidates(ctx, "S", "s1", scan, nil, 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 32 {
		t.Fatalf("candidates of the scan: %d; want 32 (the limit)", len(cands))
	}
	i := slices.IndexFunc(cands, func(c Candidate) bool { return c.ID == "W" })
	if i < 0 {
		t.Fatalf("candidates of the scan: %+v; want W, which shares 3 normal bands, among 20 notices sharing 3 normal bands and 20 short ones and 20 sharing 4 and 20", cands)
	}
	if i > 1 || cands[i].Shared != 3 {
		t.Errorf("W is candidate %d sharing %d bands; want one of the first two (each ranking's first), sharing 3", i+1, cands[i].Shared)
	}
}

// A short scan's OCR'd twin, short too, sharing 6 normal bands and 20
// short ones, stays among the scan's candidates behind both what shares
// more short bands (40 templated notices, 21 to 32) and what shares
// normal bands without short ones (40 long 汇编, one band each): the
// short texts have a ranking by normal bands of their own, where the
// twin comes first.
func TestCandidatesKeepAShortTwinAmongNoticesAndLongCompilations(t *testing.T) {
	forEachStore(t, testCandidatesKeepAShortTwinAmongNoticesAndLongCompilations)
}

func testCandidatesKeepAShortTwinAmongNoticesAndLongCompilations(t *testing.T, s *Store) {
	ctx := context.Background()
	// The scan's bands: 16 normal (100–115), then 32 short (200–231).
	scan := make([]int64, 0, 48)
	for i := range 48 {
		scan = append(scan, int64(100+i+84*(i/16)))
	}
	add := func(id, title string, bands []int64) {
		t.Helper()
		d := newDoc(id, "sha-"+id)
		d.Title = title
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetNearDuplicateBands(ctx, id, bands, nil); err != nil {
			t.Fatal(err)
		}
	}
	own := func(seed, n int) []int64 {
		bands := make([]int64, n)
		for j := range bands {
			bands[j] = int64(100000*seed + j)
		}
		return bands
	}
	twin := own(1, 48)
	copy(twin[:6], scan[:6])
	copy(twin[16:36], scan[16:36])
	add("C", "杭州市社区教育工作会议纪要（扫描件识别）", twin)
	for i := range 40 {
		bands := own(i+2, 48)
		copy(bands[16:37+i%12], scan[16:37+i%12]) // 21 to 32 short bands
		add(fmt.Sprintf("T%02d", i), fmt.Sprintf("关于开展第%d期社区学习活动的通知", i+1), bands)
	}
	for i := range 40 {
		bands := own(i+100, 16)
		bands[6+i%10] = scan[6+i%10]
		add(fmt.Sprintf("H%02d", i), fmt.Sprintf("学习型城市建设文件汇编（第%d册）", i+1), bands)
	}
	cands, err := s.NearDuplicateCandidates(ctx, "S", "s1", scan, nil, 32)
	if err != nil {
		t.Fatal(err)
	}
	if len(cands) != 32 {
		t.Fatalf("candidates of the scan: %d; want 32 (the limit)", len(cands))
	}
	i := slices.IndexFunc(cands, func(c Candidate) bool { return c.ID == "C" })
	if i < 0 {
		t.Fatalf("candidates of the scan: %+v; want its twin C, sharing 6 normal and 20 short bands, among notices sharing 21–32 short and 汇编 sharing 1 normal", cands)
	}
	if cands[i].Shared != 26 || i > 4 {
		t.Errorf("C is candidate %d sharing %d bands; want one of the first two turns' (the first five), sharing 26", i+1, cands[i].Shared)
	}
}

func TestTextHashesOfManyOriginals(t *testing.T) { forEachStore(t, testTextHashesOfManyOriginals) }

// testTextHashesOfManyOriginals: the hashes asked for together are those
// recorded now, a rewritten text's its new one, and an original with none
// recorded is left out.
func testTextHashesOfManyOriginals(t *testing.T, s *Store) {
	ctx := context.Background()
	old, repaired := TextHash{SHA256: "旧文字", Size: 3200}, TextHash{SHA256: "修复后文字", Size: 3100}
	for sha, h := range map[string]TextHash{"a1": old, "b1": {SHA256: "乙", Size: 10}} {
		if err := s.RecordTextHash(ctx, sha, h); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.RecordTextHash(ctx, "a1", repaired); err != nil {
		t.Fatal(err)
	}
	got, err := s.TextHashesOf(ctx, []string{"a1", "b1", "c1"})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]TextHash{"a1": repaired, "b1": {SHA256: "乙", Size: 10}}
	if len(got) != len(want) || got["a1"] != want["a1"] || got["b1"] != want["b1"] {
		t.Errorf("text hashes of a1, b1, c1: %v; want %v (c1 has none)", got, want)
	}
}
