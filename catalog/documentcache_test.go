package catalog

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

func TestDocumentCacheSeesEveryWrite(t *testing.T) {
	forEachStore(t, testDocumentCacheSeesEveryWrite)
}

// testDocumentCacheSeesEveryWrite: after each kind of write to a document
// kept by a DocumentCache (indexed, a reading that only ends a guessed
// 文号, an edit, a move to another city, deletion, restoring), the cache
// gives what the catalog holds, as DocumentsByID reads it, whether asked
// with no stamp or with the catalog's stamp; asked again at a stamp that
// has not moved, it reads nothing.
func testDocumentCacheSeesEveryWrite(t *testing.T, s *Store) {
	ctx := context.Background()
	kept := NewDocumentCache(16)
	d := newDoc("D-终身学习", fmt.Sprintf("%064x", 11))
	d.Title = DefaultTitle(d.Filename)
	other := newDoc("D-社区教育", fmt.Sprintf("%064x", 12))
	for _, doc := range []*Document{d, other} {
		if err := s.CreateDocument(ctx, doc, Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
	}
	ids := []string{d.ID, other.ID, "D-没有"}
	same := func(after string) {
		t.Helper()
		want, err := s.DocumentsByID(ctx, ids)
		if err != nil {
			t.Fatalf("%s: %v", after, err)
		}
		got, err := kept.DocumentsByID(ctx, s, ids, VersionsStamp{})
		if err != nil {
			t.Fatalf("%s: %v", after, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("%s: kept documents\n%+v\nwant what the catalog holds\n%+v", after, got[d.ID], want[d.ID])
		}
		// At the catalog's stamp: checked once, then given unread while
		// the stamp stays.
		stamp, err := s.VersionsStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		var live []string
		for id := range want {
			live = append(live, id)
		}
		for i := range 2 {
			before := s.Statements()
			got, err := kept.DocumentsByID(ctx, s, live, stamp)
			if err != nil {
				t.Fatalf("%s: %v", after, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("%s, at the stamp: kept documents\n%+v\nwant what the catalog holds\n%+v", after, got[d.ID], want[d.ID])
			}
			if n := s.Statements() - before; i == 1 && n != 0 {
				t.Errorf("%s: documents checked at the same stamp were read again (%d statements)", after, n)
			}
		}
	}
	same("stored")
	guess := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号", DocNumberRead: "教发〔2023〕125"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &guess}); err != nil {
		t.Fatal(err)
	}
	same("indexed")
	asWritten := guess
	asWritten.DocNumberRead, asWritten.Revision = "", 1
	if _, err := s.RereadFields(ctx, d.ID, asWritten); err != nil {
		t.Fatal(err)
	}
	same("read again as written")
	title := "关于推进全民终身学习的实施意见"
	if _, err := s.UpdateDocument(ctx, d.ID, DocumentPatch{Title: &title}, "wang"); err != nil {
		t.Fatal(err)
	}
	same("edited")
	if _, err := s.MoveDocument(ctx, d.ID, "330200", "admin"); err != nil {
		t.Fatal(err)
	}
	same("moved")
	if _, err := s.DeleteDocument(ctx, d.ID, "wang"); err != nil {
		t.Fatal(err)
	}
	same("deleted")
	if _, err := s.RestoreDocument(ctx, d.ID, "wang"); err != nil {
		t.Fatal(err)
	}
	same("restored")
	got, err := kept.DocumentsByID(ctx, s, ids, VersionsStamp{})
	if err != nil {
		t.Fatal(err)
	}
	got[d.ID].Title = "改动的是副本"
	if again, err := kept.DocumentsByID(ctx, s, ids, VersionsStamp{}); err != nil || again[d.ID].Title != title {
		t.Errorf("a caller's change of a kept document reached the cache: title %q, %v", again[d.ID].Title, err)
	}
}

// A document a DocumentCache gives is the caller's to change: changing its
// slices changes neither what the cache gives next nor another caller's
// (review s47 #7); and a read of more ids than a page of hits (an
// export's) keeps none of them, leaving the pages' documents kept.
func TestDocumentCacheGivesDeepCopiesAndLetsLargeReadsPass(t *testing.T) {
	ctx := context.Background()
	s := openTestStore(t)
	d := newDoc("D-深拷贝", fmt.Sprintf("%064x", 9))
	d.Title = DefaultTitle(d.Filename)
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	fill := FieldFill{Title: "关于推进学习型城市建设的意见", DocNumber: "教发〔2023〕12号"}
	if err := s.SetStatus(ctx, StatusChange{ID: d.ID, Status: StatusIndexed, Fill: &fill}); err != nil {
		t.Fatal(err)
	}
	c := NewDocumentCache(16)
	for range 2 { // read, then kept
		got, err := c.DocumentsByID(ctx, s, []string{d.ID}, VersionsStamp{})
		if err != nil || len(got[d.ID].ExtractedFields) == 0 {
			t.Fatalf("read through the cache: %v, %v; want the fields read from the text", got, err)
		}
		got[d.ID].ExtractedFields[0] = "被调用方改动"
	}
	again, err := c.DocumentsByID(ctx, s, []string{d.ID}, VersionsStamp{})
	if err != nil {
		t.Fatal(err)
	}
	if f := again[d.ID].ExtractedFields; f[0] == "被调用方改动" {
		t.Errorf("a caller's change to a document given went into the cache: %v", f)
	}
	many := []string{d.ID}
	for i := range maxCachedRead {
		many = append(many, fmt.Sprintf("D-无此文件%03d", i))
	}
	c = NewDocumentCache(16)
	if got, err := c.DocumentsByID(ctx, s, many, VersionsStamp{}); err != nil || got[d.ID] == nil {
		t.Fatalf("a large read: %v, %v", got, err)
	}
	if len(c.docs) != 0 {
		t.Errorf("a read of %d ids kept %d documents; want none kept", len(many), len(c.docs))
	}
}
