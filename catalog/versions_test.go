package catalog

import (
	"context"
	"fmt"
	"reflect"
	"testing"
)

// TestVersionGroups: each document joins the first group holding a
// version of it, the first fixed ones standing alone; documents without
// versions are groups of one.
func TestVersionGroups(t *testing.T) {
	pairs := map[string][]string{"意见.pdf": {"意见.docx"}, "意见.docx": {"意见.pdf"}}
	for _, c := range []struct {
		name  string
		ids   []string
		fixed int
		want  int
	}{
		{"无版本", []string{"总结", "方案"}, 0, 2},
		{"pdf与docx", []string{"意见.pdf", "总结", "意见.docx"}, 0, 2},
		{"都已列出", []string{"意见.pdf", "意见.docx"}, 2, 2},
		{"空", nil, 0, 0},
	} {
		if got := len(VersionGroups(c.ids, c.fixed, pairs)); got != c.want {
			t.Errorf("%s: %d groups, want %d", c.name, got, c.want)
		}
	}
}

// TestVersionPairsOfFewAndManyDocuments: the versions among a few
// documents and among more than one run of ids holds (read all at once)
// are the same pairs, each both ways, a deleted version and a document
// not asked of left out. Both dialects.
func TestVersionPairsOfFewAndManyDocuments(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"意见.pdf", "意见.docx", "方案", "方案修订", "已删版本"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		for doc, other := range map[string]string{"意见.pdf": "意见.docx", "方案": "方案修订", "已删版本": "意见.pdf"} {
			if err := s.AddNearDuplicates(ctx, doc, []NearDuplicate{{ID: other, Similarity: 0.95}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteDocument(ctx, "已删版本", "zhang"); err != nil {
			t.Fatal(err)
		}
		few := []string{"意见.pdf", "意见.docx", "方案", "已删版本"} // 方案修订 not asked of
		many := append([]string{}, few...)
		for i := range maxInList {
			many = append(many, fmt.Sprintf("未上传%04d", i))
		}
		want := map[string][]string{"意见.pdf": {"意见.docx"}, "意见.docx": {"意见.pdf"}}
		for name, ids := range map[string][]string{"few": few, "many": many} {
			got, err := s.VersionPairs(ctx, ids)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%s: %v, want %v", name, got, want)
			}
		}
	})
}

// TestVersionedDocuments: the documents that have a live version, sorted;
// a document whose only version was deleted, and the deleted one, are
// left out. Both dialects.
func TestVersionedDocuments(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"意见.pdf", "意见.docx", "方案", "总结", "已删版本"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		for doc, other := range map[string]string{"意见.pdf": "意见.docx", "方案": "已删版本"} {
			if err := s.AddNearDuplicates(ctx, doc, []NearDuplicate{{ID: other, Similarity: 0.95}}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.DeleteDocument(ctx, "已删版本", "zhang"); err != nil {
			t.Fatal(err)
		}
		got, err := s.VersionedDocuments(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := []string{"意见.docx", "意见.pdf"}; !reflect.DeepEqual(got, want) {
			t.Errorf("documents with versions %v, want %v", got, want)
		}
	})
}

// TestVersionsStampMovesWithVersions: AllVersionPairs lists every live
// pair both ways; the stamp stays while nothing changes and moves when a
// pair is recorded (which gives no document a change number) and when a
// version is deleted, so a search that keeps the pairs with the stamp
// sees both. Both dialects.
func TestVersionsStampMovesWithVersions(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		for _, id := range []string{"通知.pdf", "通知.docx", "总结"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		stamp := func() VersionsStamp {
			t.Helper()
			st, err := s.VersionsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// A search reads both stamps in one query: the same stamp.
			cs, both, err := s.SearchStamps(ctx)
			if err != nil {
				t.Fatal(err)
			}
			alone, err := s.CitationsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if both != st || cs != alone {
				t.Errorf("SearchStamps read %v and %v, each alone %v and %v", cs, both, alone, st)
			}
			return st
		}
		first := stamp()
		if again := stamp(); again != first {
			t.Errorf("the stamp moved from %v to %v with nothing changed", first, again)
		}
		if err := s.AddNearDuplicates(ctx, "通知.pdf", []NearDuplicate{{ID: "通知.docx", Similarity: 0.97}}); err != nil {
			t.Fatal(err)
		}
		paired := stamp()
		if paired == first {
			t.Errorf("the stamp %v did not move when a pair of versions was recorded", paired)
		}
		pairs, err := s.AllVersionPairs(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[string][]string{"通知.pdf": {"通知.docx"}, "通知.docx": {"通知.pdf"}}; !reflect.DeepEqual(pairs, want) {
			t.Errorf("versions %v, want %v", pairs, want)
		}
		if _, err := s.DeleteDocument(ctx, "通知.docx", "zhang"); err != nil {
			t.Fatal(err)
		}
		if st := stamp(); st == paired {
			t.Errorf("the stamp %v did not move when a version was deleted", st)
		}
		if pairs, err := s.AllVersionPairs(ctx); err != nil || len(pairs) != 0 {
			t.Errorf("versions once one is deleted: %v (%v), want none", pairs, err)
		}
	})
}
