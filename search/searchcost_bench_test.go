package search

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// versionedArchive is an archive of n documents of city 330100, every one
// a few lines of the monitoring report (testdata) with its own number, of
// which each tenth pair are two versions of one text (the .pdf and the
// .docx of one notice): ids doc-0000, doc-0001, …
func versionedArchive(tb testing.TB, n int) (*catalog.Store, *index.Bleve) {
	tb.Helper()
	ctx := context.Background()
	report, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(report), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	cat, err := catalog.Open(ctx, filepath.Join(tb.TempDir(), "catalog.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { cat.Close() })
	idx, err := index.OpenMem()
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { idx.Close() })
	const batch = 250
	for from := 0; from < n; from += batch {
		var docs []*catalog.Document
		var subs []catalog.Submission
		var indexed []index.Document
		for i := from; i < min(from+batch, n); i++ {
			id := fmt.Sprintf("doc-%04d", i)
			text := fmt.Sprintf("第%d号材料。%s%s", i, lines[i%len(lines)], lines[(i*7+3)%len(lines)])
			if i%20 == 1 {
				// The other version of doc i-1: its text with a line more.
				text = fmt.Sprintf("第%d号材料。%s%s", i-1, lines[(i-1)%len(lines)], lines[((i-1)*7+3)%len(lines)]) + "（修订稿）"
			}
			docs = append(docs, &catalog.Document{ID: id, SHA256: fmt.Sprintf("%064x", i), Size: int64(len(text)), MIME: "text/plain",
				Format: "txt", Filename: id + ".txt", Title: fmt.Sprintf("学习型城市建设材料%d", i), DocType: catalog.DocWorkSummary,
				City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"})
			subs = append(subs, catalog.Submission{User: "admin"})
			indexed = append(indexed, index.Document{ID: id, Title: docs[len(docs)-1].Title, Pages: []string{text}, City: "330100"})
		}
		if err := cat.CreateDocuments(ctx, docs, subs); err != nil {
			tb.Fatal(err)
		}
		if err := idx.Index(ctx, indexed); err != nil {
			tb.Fatal(err)
		}
	}
	for i := 0; i+1 < n; i += 20 {
		other := []catalog.NearDuplicate{{ID: fmt.Sprintf("doc-%04d", i+1), Similarity: 0.97}}
		if err := cat.AddNearDuplicates(ctx, fmt.Sprintf("doc-%04d", i), other); err != nil {
			tb.Fatal(err)
		}
	}
	return cat, idx
}

// BenchmarkSearchVersionedArchive times a search of an archive of 3,000
// documents, 300 of them versions (150 pairs), and counts the catalog's
// statements a search sends: the first page and a later one, whose
// groups fold versions.
func BenchmarkSearchVersionedArchive(b *testing.B) {
	cat, idx := versionedArchive(b, 3000)
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		req  Request
	}{
		{"first page", Request{Query: "学习型城市", User: admin}},
		{"page 5", Request{Query: "监测 数据", From: 40, User: admin}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			if _, err := svc.Search(ctx, tt.req); err != nil {
				b.Fatal(err)
			}
			stmts := cat.Statements()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.Search(ctx, tt.req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cat.Statements()-stmts)/float64(b.N), "catalog-queries/op")
		})
	}
}

// BenchmarkSearchAfterUpload times the search of
// BenchmarkSearchVersionedArchive after every upload (a document of the
// city not yet indexed, written untimed before each search), as under make
// load, where the catalog's stamps move between most searches: the
// versions and the citations are read again, and catalog-queries/op
// counts the search's statements alone.
func BenchmarkSearchAfterUpload(b *testing.B) {
	cat, idx := versionedArchive(b, 3000)
	svc := NewService(idx, cat)
	expert := &catalog.User{Username: "expert", Role: catalog.RoleExpert}
	ctx := context.Background()
	req := Request{Query: "学习型城市", User: expert}
	if _, err := svc.Search(ctx, req); err != nil {
		b.Fatal(err)
	}
	var stmts int64
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		b.StopTimer()
		n++
		d := &catalog.Document{ID: fmt.Sprintf("新-%d", n), SHA256: fmt.Sprintf("%064x", 1000000+n), Size: 9,
			MIME: "text/plain", Format: "txt", Filename: "新材料.txt", Title: "新上传的佐证材料", DocType: catalog.DocWorkSummary,
			City: "330100", Status: catalog.StatusStored, UploadedBy: "admin"}
		if err := cat.CreateDocuments(ctx, []*catalog.Document{d}, []catalog.Submission{{User: "admin"}}); err != nil {
			b.Fatal(err)
		}
		before := cat.Statements()
		b.StartTimer()
		if _, err := svc.Search(ctx, req); err != nil {
			b.Fatal(err)
		}
		stmts += cat.Statements() - before
	}
	b.ReportMetric(float64(stmts)/float64(b.N), "catalog-queries/op")
}

// longDocumentPassage is a document of 100 pages, each about 2,400 bytes
// of the monitoring report's paragraphs, which name the report's stock
// clauses (the 《全国学习型城市建设监测指导性指标体系》) on most pages,
// and the paragraph pasted from it as a passage (read as one), which page
// 58 alone holds.
func longDocumentPassage(tb testing.TB) (pages []string, passage string) {
	tb.Helper()
	report, paragraph := reportParagraph(tb, "制定出监测工作相关制度")
	var others []string
	for _, l := range strings.Split(report, "\n") {
		if !strings.Contains(l, paragraph[:30]) && strings.TrimSpace(l) != "" {
			others = append(others, l)
		}
	}
	k := 0
	for i := range 100 {
		var b strings.Builder
		for b.Len() < 2400 {
			b.WriteString(others[k%len(others)])
			b.WriteString("\n")
			k++
		}
		if i == 57 {
			b.WriteString(paragraph)
		}
		pages = append(pages, b.String())
	}
	return pages, asCopiedFromPDF(paragraph, 37)
}

// longDocumentHit is the passage of longDocumentPassage, read as one,
// and the hit its search finds: the document's pages and the spans the
// index found.
func longDocumentHit(tb testing.TB) (*Passage, index.Hit) {
	tb.Helper()
	ctx := context.Background()
	pages, passage := longDocumentPassage(tb)
	_, idx := openStores(tb)
	if err := idx.Index(ctx, []index.Document{{ID: "LONG", Title: "监测报告", Pages: pages, City: "330100"}}); err != nil {
		tb.Fatal(err)
	}
	p, err := parseQuery(passage)
	if err != nil || p.passage == nil {
		tb.Fatalf("the passage is not read as one: %v", err)
	}
	res, err := idx.Search(ctx, index.Query{Clauses: p.clauses, Size: 1, WithText: true})
	if err != nil || len(res.Hits) != 1 {
		tb.Fatalf("search of the passage: %v, %v", res, err)
	}
	return p.passage, res.Hits[0]
}

// BenchmarkMarkPassageLongDocument times marking a pasted passage on the
// hit of a 100-page document (longDocumentPassage): the spans the index
// found, on every page that has a clause of it, and the passage's clauses
// near them.
func BenchmarkMarkPassageLongDocument(b *testing.B) {
	p, h := longDocumentHit(b)
	b.ReportAllocs()
	cpu := cpuTime()
	for b.Loop() {
		p.markPassage(h.Pages, h.Spans)
	}
	b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
}
