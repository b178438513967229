package catalog

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
)

// TestDocumentCacheBeginsAgainWhenTheCatalogGoesBack: a catalog put back
// in place to an earlier copy while serve runs hands out again the change
// numbers a DocumentCache had learnt up to, with other changes behind
// them. The kept documents are then given as the restored catalog holds
// them (one moved back to the city it was in), and so are the changes it
// takes after, whose numbers are below what the cache had learnt. The
// cache listed only changes above its last stamp, so it gave the kept
// documents of the other line of changes unread: a document shown in the
// city it had left, an edit never seen (review s60). Two catalog files
// stand for the catalog before and after its restore.
func TestDocumentCacheBeginsAgainWhenTheCatalogGoesBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	open := func(name string) *Store {
		s, err := Open(ctx, filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		return s
	}
	// dumped is the catalog as last night's dump holds it; later, the
	// same catalog after the day's changes, as serve saw it.
	dumped, later := open("dumped.db"), open("later.db")
	ids := []string{"D-学分银行", "D-社区学院", "D-老年大学"}
	for _, s := range []*Store{dumped, later} {
		for i, id := range ids {
			if err := s.CreateDocument(ctx, newDoc(id, fmt.Sprintf("%064x", 700+i)), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
	}
	if _, err := later.MoveDocument(ctx, ids[0], "330200", "admin"); err != nil {
		t.Fatal(err)
	}
	for i := range 5 {
		if err := later.CreateDocument(ctx, newDoc(fmt.Sprintf("D-新上传%d", i), fmt.Sprintf("%064x", 800+i)), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	kept := NewDocumentCache(16)
	search := func(s *Store, after string) {
		t.Helper()
		_, vs, _, err := kept.SearchStamps(ctx, s)
		if err != nil {
			t.Fatal(err)
		}
		got, err := kept.DocumentsByID(ctx, s, ids, vs)
		if err != nil {
			t.Fatal(err)
		}
		want, err := s.DocumentsByID(ctx, ids)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			if !reflect.DeepEqual(got[id], want[id]) {
				t.Errorf("%s: %s through the cache is %s, want the catalog's %s", after, id, cachedAs(got[id]), cachedAs(want[id]))
			}
		}
	}
	search(later, "first")
	search(later, "kept")
	search(dumped, "put back to the dump")
	title := "关于推进全民终身学习的实施意见"
	if _, err := dumped.UpdateDocument(ctx, ids[1], DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	search(dumped, "edited after the catalog was put back")
}

// cachedAs says of d what the test compares: its city, title and seq.
func cachedAs(d *Document) string {
	if d == nil {
		return "none"
	}
	return fmt.Sprintf("《%s》 in %s at seq %d", d.Title, d.City, d.Seq)
}
