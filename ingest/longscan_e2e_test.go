package ingest_test

import (
	"bytes"
	"context"
	"image/png"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/internal/testpdf"
	"github.com/lcmonitor/evidence/search"
)

// TestALongScanPastTheOCRCapIsSearchableUpToIt: a scan of more pages than
// OCR reads of one file, each page the same picture under its page
// number (第k页), ends indexed, not failed: the pages up to the cap are
// read by OCR and search finds the picture's words there, and only there;
// the pages after it keep their page numbers, which search finds, and are
// marked as left out of OCR. The cap is 2 here, 500 on a server.
func TestALongScanPastTheOCRCapIsSearchableUpToIt(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	dir := t.TempDir()
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	blobs, err := blob.NewFolder(filepath.Join(dir, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { idx.Close() })
	svc := ingest.New(cat, blobs, idx, ingest.Config{TempDir: filepath.Join(dir, "tmp"),
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: extract.Limits{MaxOCRPages: 2}})
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	srch := search.NewService(idx, cat)
	t.Cleanup(srch.Close)

	// page.png: 武汉市学习型城市建设监测数据说明 … 全市终身学习公共服务平台注册用户达到三十五万人。
	img, err := png.Decode(bytes.NewReader(fixtureBytes(t, "page.png")))
	if err != nil {
		t.Fatal(err)
	}
	st, err := svc.Stage(bytes.NewReader(testpdf.ScanWithPageNumbers(4, img)), "统计年鉴摘编.pdf")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	meta := ingest.Meta{City: hangzhou, DocType: "statistics"}
	if err := svc.CheckMeta(ctx, &meta); err != nil {
		t.Fatal(err)
	}
	out, err := svc.Submit(ctx, st, meta, testenv.Admin)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := svc.Wait(ctx, []string{out.Document.ID}, nil)
	if err != nil {
		t.Fatal(err)
	}
	d := docs[0]
	if d.Status != catalog.StatusIndexed {
		t.Fatalf("4 页扫描件，识别上限 2 页: %s (%s); want indexed", d.Status, d.Error)
	}
	want := []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	if !slices.Equal(d.Reading.PageSources, want) {
		t.Errorf("page sources %v, want %v", d.Reading.PageSources, want)
	}
	pagesFound := func(query string) []int {
		t.Helper()
		res, err := srch.Search(ctx, search.Request{Query: query, Size: 10, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		var pages []int
		for _, h := range res.Hits {
			for _, f := range h.Fragments {
				if h.ID == d.ID && !slices.Contains(pages, f.Page) {
					pages = append(pages, f.Page)
				}
			}
		}
		slices.Sort(pages)
		return pages
	}
	if got := pagesFound("终身学习公共服务平台"); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("终身学习公共服务平台 found on pages %v, want 1 and 2 (those OCR read), never 3 or 4", got)
	}
	if got := pagesFound(`"第4页"`); !slices.Equal(got, []int{4}) {
		t.Errorf("第4页 found on pages %v, want 4 (its text layer)", got)
	}
}
