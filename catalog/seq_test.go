package catalog

import (
	"context"
	"testing"
)

// TestSeqsNumberChangesInOrder: the documents a transaction changes are
// numbered after every committed change, in the order it changed them,
// without gaps, whether each was changed once (numbered by one statement)
// or one was changed twice (numbered one by one, by its last change).
func TestSeqsNumberChangesInOrder(t *testing.T) { forEachStore(t, testSeqsNumberChangesInOrder) }

func testSeqsNumberChangesInOrder(t *testing.T, s *Store) {
	ctx := context.Background()
	for i, id := range []string{"D1", "D2", "D3"} {
		d := newDoc(id, id)
		if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if d.Seq != int64(i+1) {
			t.Errorf("%s created with seq %d, want %d", id, d.Seq, i+1)
		}
	}
	seqs := func() map[string]int64 {
		out := map[string]int64{}
		for _, id := range []string{"D1", "D2", "D3", "D4"} {
			if d, err := s.Document(ctx, id); err == nil {
				out[id] = d.Seq
			}
		}
		return out
	}
	changes := func(ids ...string) []StatusChange {
		var out []StatusChange
		for _, id := range ids {
			out = append(out, StatusChange{ID: id, Status: StatusExtracted})
		}
		return out
	}
	before := s.Statements()
	if err := s.SetStatus(ctx, changes("D3", "D1", "D2")...); err != nil {
		t.Fatal(err)
	}
	// Three status moves and two statements to number them: add to the
	// counter if the provisional seqs are all there, renumber.
	if got := s.Statements() - before; got != 5 {
		t.Errorf("one change each of three documents took %d statements, want 5 (numbered at once)", got)
	}
	if got := seqs(); got["D3"] != 4 || got["D1"] != 5 || got["D2"] != 6 {
		t.Errorf("after one change each of D3, D1, D2: seqs %v, want 4, 5, 6 in that order", got)
	}
	before = s.Statements()
	if err := s.SetStatus(ctx, changes("D1", "D2", "D1")...); err != nil {
		t.Fatal(err)
	}
	if got := s.Statements() - before; got <= 5 {
		t.Errorf("D1 changed twice took %d statements, want more than 5 (numbered one by one)", got)
	}
	if got := seqs(); got["D2"] != 7 || got["D1"] != 8 || got["D3"] != 4 {
		t.Errorf("after D1, D2, D1: seqs %v, want D2 7, D1 8 (its last change), D3 still 4", got)
	}
	d := newDoc("D4", "D4")
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if d.Seq != 9 {
		t.Errorf("D4 created with seq %d, want 9 (no gap)", d.Seq)
	}
	// A committed negative seq (a transaction begun outside inTx) must not
	// pass for one of this transaction's: counted with D1's two changes it
	// would make three, as many as handed out.
	if _, err := s.writer.ExecContext(ctx, `UPDATE document SET seq = -5 WHERE id = 'D4'`); err != nil {
		t.Fatal(err)
	}
	if err := s.SetStatus(ctx, changes("D1", "D2", "D1")...); err != nil {
		t.Fatal(err)
	}
	if got := seqs(); got["D2"] != 10 || got["D1"] != 11 || got["D4"] != 12 {
		t.Errorf("after D1, D2, D1 beside a stray provisional seq: seqs %v, want D2 10, D1 11, D4 12", got)
	}
	var neg int
	if err := s.db.QueryRowContext(ctx, `SELECT COUNT(*) FROM document WHERE seq < 0`).Scan(&neg); err != nil || neg != 0 {
		t.Errorf("%d provisional seqs left committed (%v)", neg, err)
	}
}
