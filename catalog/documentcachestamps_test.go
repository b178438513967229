package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// TestDocumentCacheLearnsChangesWithItsStamps: a DocumentCache whose
// stamps a search reads through it (SearchStamps) gives the page's kept
// documents unread after an upload of another document (the stamps'
// statement alone, where the seqs were checked before), and after every
// write to a kept document by another Store on the same catalog (another
// process on the SQLite file, another node on PostgreSQL) — re-extracted,
// edited, moved, deleted, restored, and edited after more changes than one
// statement lists — gives what the catalog holds.
func TestDocumentCacheLearnsChangesWithItsStamps(t *testing.T) {
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		open func(t *testing.T) (*Store, *Store)
	}{
		{"sqlite", func(t *testing.T) (*Store, *Store) {
			path := filepath.Join(t.TempDir(), "catalog.db")
			return openAt(t, func() (*Store, error) { return Open(ctx, path) })
		}},
		{"postgres", func(t *testing.T) (*Store, *Store) {
			url := pgtest.DatabaseURL(t)
			return openAt(t, func() (*Store, error) { return OpenPostgres(ctx, url) })
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			s, other := tt.open(t)
			testDocumentCacheLearnsChangesWithItsStamps(t, s, other)
		})
	}
}

// openAt opens two Stores with open: the one that searches and the other
// process that writes.
func openAt(t *testing.T, open func() (*Store, error)) (*Store, *Store) {
	t.Helper()
	var two [2]*Store
	for i := range two {
		s, err := open()
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		two[i] = s
	}
	return two[0], two[1]
}

func testDocumentCacheLearnsChangesWithItsStamps(t *testing.T, s, other *Store) {
	ctx := context.Background()
	kept := NewDocumentCache(16)
	var ids []string
	for i := range 3 {
		d := newDoc(fmt.Sprintf("D-社区学院%d", i), fmt.Sprintf("%064x", 100+i))
		if err := other.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		ids = append(ids, d.ID)
	}
	uploaded := 0
	upload := func(n int) {
		t.Helper()
		var docs []*Document
		var subs []Submission
		for range n {
			uploaded++
			docs = append(docs, newDoc(fmt.Sprintf("D-新上传%04d", uploaded), fmt.Sprintf("%064x", 10000+uploaded)))
			subs = append(subs, Submission{User: "zhang"})
		}
		if err := other.CreateDocuments(ctx, docs, subs); err != nil {
			t.Fatal(err)
		}
	}
	// search reads the stamps through the cache and then the page's
	// documents at them, as a search does, and says how many statements
	// the documents took beyond the stamps'.
	search := func(after string) int64 {
		t.Helper()
		before := s.Statements()
		_, vs, _, err := kept.SearchStamps(ctx, s)
		if err != nil {
			t.Fatalf("%s: %v", after, err)
		}
		if n := s.Statements() - before; n != 1 {
			t.Errorf("%s: the stamps took %d statements, want 1", after, n)
		}
		before = s.Statements()
		got, err := kept.DocumentsByID(ctx, s, ids, vs)
		if err != nil {
			t.Fatalf("%s: %v", after, err)
		}
		n := s.Statements() - before
		want, err := s.DocumentsByID(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			for _, id := range ids {
				if !reflect.DeepEqual(got[id], want[id]) {
					t.Fatalf("%s: %s through the cache\n%+v\nwant what the catalog holds\n%+v", after, id, got[id], want[id])
				}
			}
		}
		return n
	}
	search("first")
	search("read")
	for i := range 3 {
		upload(1)
		if n := search(fmt.Sprintf("upload %d", i)); n != 0 {
			t.Errorf("after the upload of another document %d: the page's kept documents took %d statements, want none (the stamps' statement said what changed)", i, n)
		}
	}
	d := ids[0]
	fill := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号"}
	if err := other.SetStatus(ctx, StatusChange{ID: d, Status: StatusIndexed, Fill: &fill}); err != nil {
		t.Fatal(err)
	}
	search("indexed by the other process")
	if err := other.SetStatus(ctx, StatusChange{ID: d, Status: StatusExtracted, Pages: 3}); err != nil {
		t.Fatal(err)
	}
	search("extracted again by the other process")
	title := "关于推进全民终身学习的实施意见"
	if _, err := other.UpdateDocument(ctx, d, DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	upload(1)
	search("edited by the other process, then another uploaded")
	if _, err := other.MoveDocument(ctx, d, "330200", "admin"); err != nil {
		t.Fatal(err)
	}
	search("moved by the other process")
	if _, err := other.DeleteDocument(ctx, d, "wang"); err != nil {
		t.Fatal(err)
	}
	search("deleted by the other process")
	if _, err := other.RestoreDocument(ctx, d, "wang"); err != nil {
		t.Fatal(err)
	}
	search("restored by the other process")
	search("read again")
	upload(listedChanges + 10)
	title = "关于建设学习型社区的通知"
	if _, err := other.UpdateDocument(ctx, ids[1], DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	search(fmt.Sprintf("%d uploaded, then edited by the other process", listedChanges+10))
	upload(1)
	if n := search("one more uploaded"); n != 0 {
		t.Errorf("after more changes than one statement lists and one upload: %d statements for the kept documents, want none", n)
	}
}

// TestDocumentCacheBeginsAgainPastWhatItRemembers: a DocumentCache that
// would remember more changes than learntChanges, or was listed more than
// one statement lists, forgets what it learnt and begins at the new
// stamp, so a document kept before is no longer given unread, and one
// listed as changed since it was checked never is.
func TestDocumentCacheBeginsAgainPastWhatItRemembers(t *testing.T) {
	c := NewDocumentCache(4)
	kept := keptDocument{doc: &Document{ID: "D-学分银行", Seq: 5}, checked: 10}
	c.docs[kept.doc.ID] = kept
	c.learn(c.line, -1, 10, nil)
	c.learn(c.line, 10, 20, map[string]documentChange{"D-其他": {seq: 15, live: true}})
	if got := c.currentTo(kept.doc.ID, kept); got != 20 {
		t.Fatalf("unchanged since its check at 10, changes known to 20: current to %d, want 20", got)
	}
	c.learn(c.line, 20, 25, map[string]documentChange{kept.doc.ID: {seq: 22, live: true}})
	if got := c.currentTo(kept.doc.ID, kept); got != 10 {
		t.Errorf("changed at 22 after its check at 10: current to %d, want 10 (checked again)", got)
	}
	other := keptDocument{doc: &Document{ID: "D-社区学院", Seq: 18}, checked: 20}
	c.docs[other.doc.ID] = other
	if got := c.currentTo(other.doc.ID, other); got != 25 {
		t.Fatalf("unchanged since its check at 20, changes known to 25: current to %d, want 25", got)
	}
	c.learn(c.line, 25, 30, nil) // more than one statement lists
	for _, k := range []keptDocument{kept, other} {
		if got := c.currentTo(k.doc.ID, k); got != k.checked {
			t.Errorf("%s after a listing too long: current to %d, want %d (checked again)", k.doc.ID, got, k.checked)
		}
	}
	c = NewDocumentCache(4)
	c.docs[kept.doc.ID] = kept
	c.learn(c.line, -1, 10, nil)
	many := make(map[string]documentChange, learntChanges+1)
	for i := range learntChanges + 1 {
		many[fmt.Sprintf("D-%05d", i)] = documentChange{seq: 11 + int64(i%5), live: true}
	}
	c.learn(c.line, 10, 40, many)
	if got := c.currentTo(kept.doc.ID, kept); got != 10 {
		t.Errorf("after more changes than it remembers: current to %d, want 10", got)
	}
	if len(c.changes) != 0 || c.from != 40 || c.to != 40 {
		t.Errorf("after more changes than it remembers: %d kept, from %d to %d; want none, from 40 to 40", len(c.changes), c.from, c.to)
	}
}
