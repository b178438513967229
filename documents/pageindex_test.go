package documents_test

import (
	"context"
	"crypto/sha256"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestIndexedPagesReadAsFromTheStart: once a text's pages were shown, a
// page is read from where its index says it begins in the blob, not from
// the start; each page and part of a text of short, empty and long pages
// (with quotes, backslashes, control characters and characters beyond
// the BMP, which its JSON escapes) reads as it does from the start, with
// its neighbours, counts, sheet name and index cut, and so do a page and
// a part past the end.
func TestIndexedPagesReadAsFromTheStart(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	clause := "推进\"学分银行\"建设\\积分\t兑换𠀋。\n" // JSON escapes ", \ and the tab
	long := "工作表:老年大学名录\n" + strings.Repeat(clause, 2*documents.PartBytes/len(clause)+3)
	pages := []string{"目录", "", long, "附录:第二页", strings.Repeat("社区教育。", 100), long[:documents.PartBytes], "末页"}
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	h, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	read := func(s *documents.Service, at documents.PageAt) string {
		t.Helper()
		r, err := s.Read(ctx, coordA, d.ID, at, 5)
		if err != nil {
			t.Fatalf("%+v: %v", at, err)
		}
		defer r.Close()
		p := r.Page
		return fmt.Sprintf("page %d/%d part %d/%d prev %d line %q cut %+v\ntext %q\nbefore %q\nafter %q",
			p.Number, p.Count, p.Part, p.Parts, p.PrevParts, p.FirstLine, p.Cut, digest(p.Text), digest(p.Before), digest(p.After))
	}
	// A view indexes the text; e.Documents reads from its index then.
	read(e.Documents, documents.PageAt{})
	for page := 0; page <= len(pages)+1; page++ {
		for part := 0; part <= 4; part++ {
			at := documents.PageAt{Page: page, Part: part}
			fresh := documents.NewService(e.Catalog, e.Blobs, e.Ingest, e.Search)
			if got, want := read(e.Documents, at), read(fresh, at); got != want {
				t.Errorf("%+v read by the index:\n%s\nwant, as read from the start:\n%s", at, got, want)
			}
		}
	}
}

// TestIndexedTextRangesReadAsFromTheStart: once a text's pages were
// shown, /text's ranges open the blob at their first page; each range,
// shown or not, reads as it does from the start, with the extractor, the
// count of pages and the index cut, and a page past the end is refused
// alike.
func TestIndexedTextRangesReadAsFromTheStart(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	long := strings.Repeat("推进\"学分银行\"建设。\n", documents.PartBytes/20)
	pages := []string{"目录", "", long, "附录:第二页", "末页"}
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	h, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
	if err != nil {
		t.Fatal(err)
	}
	r.Close()
	text := func(s *documents.Service, req documents.TextRequest) string {
		t.Helper()
		tr, err := s.OpenText(ctx, coordA, d.ID, req)
		if err != nil {
			return "error: " + err.Error()
		}
		defer tr.Close()
		var b strings.Builder
		for tr.Next() {
			var page []byte
			for {
				var err error
				if page, err = tr.Chunk(page); err != nil {
					break
				}
			}
			fmt.Fprintf(&b, "page %d: %s\n", tr.Page(), digest(string(page)))
		}
		cut, err := tr.Cut()
		fmt.Fprintf(&b, "%s, %d pages, cut %+v %v", tr.Extractor, tr.PageCount, cut, err)
		return b.String()
	}
	for from := 0; from <= len(pages)+1; from++ {
		for _, to := range []int{0, from, from + 1} {
			for _, shown := range []bool{false, true} {
				req := documents.TextRequest{From: from, To: to, Shown: shown}
				fresh := documents.NewService(e.Catalog, e.Blobs, e.Ingest, e.Search)
				if got, want := text(e.Documents, req), text(fresh, req); got != want {
					t.Errorf("%+v read by the index:\n%s\nwant, as read from the start:\n%s", req, got, want)
				}
			}
		}
	}
}

// digest is s's length with its ends and its hash.
func digest(s string) string {
	if len(s) <= 40 {
		return s
	}
	return fmt.Sprintf("%d bytes: %q…%q %x", len(s), s[:20], s[len(s)-20:], sha256.Sum256([]byte(s)))
}
