package catalog

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"
)

// newDatedDoc is a document of 杭州 uploaded at base plus minutes, issued
// on issued ("" undated).
func newDatedDoc(t *testing.T, s *Store, id string, base time.Time, minutes int, issued string) {
	t.Helper()
	d := newDoc(id, "sha-"+id)
	d.Title = "关于推进学习型城市建设的实施意见（" + id + "）"
	d.UploadedAt = base.Add(time.Duration(minutes) * time.Minute)
	d.IssuedOn = issued
	if err := s.CreateDocument(context.Background(), d, Submission{User: "zhang"}); err != nil {
		t.Fatalf("upload %s: %v", id, err)
	}
}

func ids(docs []*Document) []string {
	out := make([]string, len(docs))
	for i, d := range docs {
		out[i] = d.ID
	}
	return out
}

func TestDocumentPagingHoldsWhileUploadedAndDeleted(t *testing.T) {
	forEachStore(t, testDocumentPagingHoldsWhileUploadedAndDeleted)
}

// testDocumentPagingHoldsWhileUploadedAndDeleted: a reader going through
// 杭州's documents three at a time by cursor, newest first, meets every
// document there from start to end exactly once, though between its
// pages one is uploaded (at the top) and one deleted (one it has read):
// by offset the upload pushed a read one onto the next page, and the
// delete pulled an unread one onto a page already read.
func testDocumentPagingHoldsWhileUploadedAndDeleted(t *testing.T, s *Store) {
	ctx := context.Background()
	base := time.Date(2018, 5, 1, 9, 0, 0, 0, time.UTC)
	for i := range 8 {
		newDatedDoc(t, s, fmt.Sprintf("D%d", i), base, i/2, "") // two at a time: ties broken by id
	}
	f := DocumentFilter{City: "330100", Limit: 3}
	page, total, err := s.FindDocuments(ctx, f)
	if err != nil || total != 8 || !slices.Equal(ids(page), []string{"D7", "D6", "D5"}) {
		t.Fatalf("first page: %v of %d, %v; want D7 D6 D5 of 8", ids(page), total, err)
	}
	seen := map[string]int{}
	var order []string
	for step := 0; len(page) > 0 && step < 10; step++ {
		for _, d := range page {
			seen[d.ID]++
			order = append(order, d.ID)
		}
		switch step {
		case 0:
			newDatedDoc(t, s, "N1", base, 60, "")
		case 1:
			if _, err := s.DeleteDocument(ctx, "D6", "admin"); err != nil {
				t.Fatal(err)
			}
		}
		f.After = DocumentCursor(page[len(page)-1], f.Sort)
		if page, _, err = s.FindDocuments(ctx, f); err != nil {
			t.Fatalf("page after %v: %v", order, err)
		}
	}
	want := []string{"D7", "D6", "D5", "D4", "D3", "D2", "D1", "D0"}
	if !slices.Equal(order, want) {
		t.Errorf("read by cursor while uploading and deleting: %v, want %v (each once, in order)", order, want)
	}

	// The page before a page: the three just before its first document.
	f.After = ""
	all, _, err := s.FindDocuments(ctx, DocumentFilter{City: "330100", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	f.Before = DocumentCursor(all[5], f.Sort)
	prev, _, err := s.FindDocuments(ctx, f)
	if err != nil || !slices.Equal(ids(prev), ids(all[2:5])) {
		t.Errorf("page before %s: %v, %v; want %v", all[5].ID, ids(prev), err, ids(all[2:5]))
	}
}

func TestDocumentPagingByIssuedDate(t *testing.T) {
	forEachStore(t, testDocumentPagingByIssuedDate)
}

// testDocumentPagingByIssuedDate: by 成文日期, newest first and undated
// last, paging forward and back by cursor gives the same order as one
// page; a cursor of the other order, or garbage, is refused naming after.
func testDocumentPagingByIssuedDate(t *testing.T, s *Store) {
	ctx := context.Background()
	base := time.Date(2019, 3, 1, 9, 0, 0, 0, time.UTC)
	dates := []string{"2017-06-01", "", "2018-12-30", "2018-12-30", "", "2016-01-15", "2019-02-28"}
	for i, d := range dates {
		newDatedDoc(t, s, fmt.Sprintf("D%d", i), base, i, d)
	}
	one, _, err := s.FindDocuments(ctx, DocumentFilter{City: "330100", Sort: SortIssued})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"D6", "D3", "D2", "D0", "D5", "D4", "D1"}
	if !slices.Equal(ids(one), want) {
		t.Fatalf("by 成文日期 in one page: %v, want %v", ids(one), want)
	}
	var forward []string
	f := DocumentFilter{City: "330100", Sort: SortIssued, Limit: 2}
	for len(forward) < 20 {
		page, _, err := s.FindDocuments(ctx, f)
		if err != nil {
			t.Fatalf("page after %v: %v", forward, err)
		}
		if len(page) == 0 {
			break
		}
		forward = append(forward, ids(page)...)
		f.After = DocumentCursor(page[len(page)-1], SortIssued)
	}
	if !slices.Equal(forward, want) {
		t.Errorf("by 成文日期, two at a time forward: %v, want %v", forward, want)
	}
	var back []string
	f.After = ""
	f.Before = DocumentCursor(one[len(one)-1], SortIssued)
	for len(back) < 20 {
		page, _, err := s.FindDocuments(ctx, f)
		if err != nil {
			t.Fatalf("page before %v: %v", back, err)
		}
		if len(page) == 0 {
			break
		}
		back = append(ids(page), back...)
		f.Before = DocumentCursor(page[0], SortIssued)
	}
	if !slices.Equal(back, want[:len(want)-1]) {
		t.Errorf("by 成文日期, two at a time back from the last: %v, want %v", back, want[:len(want)-1])
	}
	for _, bad := range []string{DocumentCursor(one[2], SortUploaded), "不是游标", "dSAyMDE4"} {
		_, _, err := s.FindDocuments(ctx, DocumentFilter{City: "330100", Sort: SortIssued, After: bad})
		if ErrorCode(err) != EINVALID || ErrorField(err) != "after" {
			t.Errorf("after=%q by 成文日期: %v, want EINVALID about after", bad, err)
		}
	}
}
