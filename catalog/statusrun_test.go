package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"testing"
	"time"
)

// statusRunDocuments makes the documents of the status-run tests on s,
// with the clock stopped at a fixed time so that two stores' rows can be
// compared: 学分银行 documents, the odd ones with a typed 文号 and the
// first in round 2018, each read once from its text (its fields filled,
// moved to extracted) by the per-document path.
func statusRunDocuments(t *testing.T, s *Store, n int) []*Document {
	t.Helper()
	ctx := context.Background()
	clock := time.Date(2026, 12, 7, 9, 0, 0, 0, time.UTC)
	s.now = func() time.Time { clock = clock.Add(time.Second); return clock }
	for _, y := range []int{2018, 2019} {
		if err := s.AddRound(ctx, Round{Year: y}, "admin"); err != nil && ErrorCode(err) != ECONFLICT { // a new catalog may hold them
			t.Fatal(err)
		}
	}
	docs := make([]*Document, n)
	subs := make([]Submission, n)
	for i := range docs {
		docs[i] = newDoc(fmt.Sprintf("D%02d", i), fmt.Sprintf("sha-%02d", i))
		docs[i].Title = ""
		if i%2 == 1 {
			docs[i].DocNumber = fmt.Sprintf("杭教职成〔2019〕%d号", i)
		}
		subs[i] = Submission{User: "zhang"}
	}
	docs[0].Round = "2018"
	if err := s.CreateDocuments(ctx, docs, subs); err != nil {
		t.Fatal(err)
	}
	for _, d := range docs {
		first := FieldFill{Title: "关于建立学分银行的实施意见", DocNumber: "浙政发〔2016〕3号", IssuedOn: "2019-03-12", Revision: 6}
		if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusExtracted, Fill: &first}); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}

// statusRunChanges are the documents' extractions read again, in an order
// that is not their IDs': a new reading, a reader, fields of which the
// 文号 and the date change for some (a document.fields event each, and a
// round inferred anew), and near duplicates for one.
func statusRunChanges(docs []*Document) []StatusChange {
	conf := 0.83
	changes := make([]StatusChange, 0, len(docs))
	for k := range docs {
		i := (k*5 + 3) % len(docs)
		d := docs[i]
		fill := FieldFill{Title: "关于建立学分银行的实施意见", DocNumber: "浙政发〔2016〕3号", IssuedOn: "2019-03-12", Revision: 7}
		reading := Reading{}
		if i%3 == 0 {
			fill.DocNumber, fill.DocNumberWritten = fmt.Sprintf("杭教职成〔2018〕%d号", i), fmt.Sprintf("杭教职成[2018]%d号", i)
			fill.IssuedOn = "2018-06-01"
			reading = Reading{PageSources: []string{SourceText, SourceOCR}, OCRConfidence: &conf, SealPages: []int{2}}
		}
		c := StatusChange{ID: d.ID, Status: StatusExtracted, Pages: 1 + i%2, Reading: &reading,
			Reader: &TextReader{Name: "pdf", Version: 7}, Fill: &fill}
		if k == 1 {
			c.NearDuplicates = []NearDuplicate{{ID: docs[(i+1)%len(docs)].ID, Similarity: 0.91}}
		}
		changes = append(changes, c)
	}
	return changes
}

// catalogRows are the rows of a table, ordered by order, each column
// printed.
func catalogRows(t *testing.T, s *Store, table, order string) [][]string {
	t.Helper()
	rows, err := s.db.QueryContext(context.Background(), `SELECT * FROM `+table+` ORDER BY `+order)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		t.Fatal(err)
	}
	var out [][]string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		row := make([]string, len(cols))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			row[i] = cols[i] + "=" + fmt.Sprint(v)
		}
		out = append(out, row)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

func TestStatusRunIsTheOneByOnePath(t *testing.T) {
	for _, o := range storeOpeners {
		t.Run(o.name, func(t *testing.T) {
			oneByOne, run := o.open(t), o.open(t)
			t.Cleanup(func() { oneByOne.Close(); run.Close() })
			testStatusRunIsTheOneByOnePath(t, oneByOne, run)
		})
	}
}

// testStatusRunIsTheOneByOnePath: the extractions of a batch moved by
// setStatuses' run leave the catalog as setStatus moving each in turn
// leaves it: every column of every document (the fields, a round moved
// by a date read anew, the reading, the reader, the seqs in the order
// given), the same events in the same order (a document.fields event
// for each 文号 read anew) and the same near duplicates.
func testStatusRunIsTheOneByOnePath(t *testing.T, oneByOne, run *Store) {
	ctx := context.Background()
	const n = 12
	changes := statusRunChanges(statusRunDocuments(t, oneByOne, n))
	statusRunDocuments(t, run, n)
	if !statusRunnable(changes) {
		t.Fatal("the batch's extractions are not runnable")
	}
	err := oneByOne.inTx(ctx, func(tx *sql.Tx) error {
		rounds := oneByOne.filledRounds(ctx, tx)
		for _, c := range changes {
			if _, err := oneByOne.setStatus(ctx, tx, c, rounds); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := run.inTx(ctx, func(tx *sql.Tx) error { return run.setStatuses(ctx, tx, changes, run.filledRounds(ctx, tx)) }); err != nil {
		t.Fatal(err)
	}
	for _, table := range []struct{ name, order string }{
		{"document", "id"}, {"event", "id"}, {"near_duplicates", "document_id, other_id"},
	} {
		want, got := catalogRows(t, oneByOne, table.name, table.order), catalogRows(t, run, table.name, table.order)
		if len(got) != len(want) {
			t.Errorf("%s: %d rows by the run, %d one by one", table.name, len(got), len(want))
			continue
		}
		for i := range want {
			if !slices.Equal(got[i], want[i]) {
				t.Errorf("%s row %d by the run:\n%v\none by one:\n%v", table.name, i, got[i], want[i])
			}
		}
	}
	var seqs []string
	for _, c := range changes {
		d, err := run.Document(ctx, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		seqs = append(seqs, fmt.Sprintf("%s:%d", d.ID, d.Seq))
		if len(seqs) > 1 && d.Seq <= mustSeq(t, run, changes[len(seqs)-2].ID) {
			t.Errorf("seqs by the run not in the order given: %v", seqs)
		}
	}
	events, err := run.FindEvents(ctx, EventFilter{Action: "document.fields"})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) == 0 {
		t.Error("no document.fields event: the test reads no 文号 anew")
	}
}

func mustSeq(t *testing.T, s *Store, id string) int64 {
	t.Helper()
	d, err := s.Document(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return d.Seq
}

func TestStatusRunStatements(t *testing.T) { forEachStore(t, testStatusRunStatements) }

// testStatusRunStatements: 40 extractions with fields read (their round
// typed, so none is inferred) move in four statements — one to read (and
// on PostgreSQL lock) the rows, one UPDATE, the numbering's two — where
// setStatus took two a document.
func testStatusRunStatements(t *testing.T, s *Store) {
	ctx := context.Background()
	const n = 40
	docs := statusRunDocuments(t, s, n)
	changes := make([]StatusChange, n)
	for i, d := range docs {
		changes[i] = StatusChange{ID: d.ID, Status: StatusExtracted, Pages: 3, Reading: &Reading{}, Reader: &TextReader{Name: "docx", Version: 2},
			Fill: &FieldFill{Title: "关于建立学分银行的实施意见", DocNumber: "浙政发〔2016〕3号", IssuedOn: "2019-03-12", Revision: 6}}
	}
	before := s.Statements()
	if err := s.inTx(ctx, func(tx *sql.Tx) error { return s.setStatuses(ctx, tx, changes, s.filledRounds(ctx, tx)) }); err != nil {
		t.Fatal(err)
	}
	if got := s.Statements() - before; got != 4 {
		t.Errorf("%d extractions moved by %d statements, want 4 (read the rows, one UPDATE, number them)", n, got)
	}
}

// TestRecordExtractionsMovesABatchByOneUpdate: on SQLite, where
// RecordExtractions applies the moves of the extractions with no
// candidates, a batch of 64 takes a few statements, not two more a
// document.
func TestRecordExtractionsMovesABatchByOneUpdate(t *testing.T) {
	s := openTestStore(t)
	ctx := context.Background()
	const n = 64
	docs := statusRunDocuments(t, s, n)
	exts := make([]Extraction, n)
	for i, d := range docs {
		bands := make([]int64, 16)
		for k := range bands {
			bands[k] = int64(i*100 + k + 1)
		}
		exts[i] = Extraction{ID: d.ID, SHA256: d.SHA256, Bands: bands,
			Alone: StatusChange{ID: d.ID, Status: StatusExtracted, Pages: 2, Reading: &Reading{}, Reader: &TextReader{Name: "pdf", Version: 7},
				Fill: &FieldFill{Title: "关于建立学分银行的实施意见", DocNumber: "浙政发〔2016〕3号", IssuedOn: "2019-03-12", Revision: 7}}}
	}
	before := s.Statements()
	outs, err := s.RecordExtractions(ctx, exts, 10)
	if err != nil {
		t.Fatal(err)
	}
	got := s.Statements() - before
	for i, o := range outs {
		if !o.Applied {
			t.Fatalf("extraction %d: %+v, want applied", i, o)
		}
	}
	if got > 16 {
		t.Errorf("a batch of %d extractions took %d statements, want at most 16 (the moves two statements for the batch)", n, got)
	}
	for _, d := range docs {
		got, err := s.Document(ctx, d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != StatusExtracted || got.Pages != 2 || got.Title != "关于建立学分银行的实施意见" {
			t.Errorf("%s after the batch: %s, %d pages, title %s; want extracted, 2 pages, the title read", d.ID, got.Status, got.Pages, got.Title)
		}
	}
}
