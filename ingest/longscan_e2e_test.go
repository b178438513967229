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
	svc, srch := cappedService(t, ctx, 2)
	// page.png: 武汉市学习型城市建设监测数据说明 … 全市终身学习公共服务平台注册用户达到三十五万人。
	img, err := png.Decode(bytes.NewReader(fixtureBytes(t, "page.png")))
	if err != nil {
		t.Fatal(err)
	}
	d := uploadAndWait(t, ctx, svc, testpdf.ScanWithPageNumbers(4, img), "统计年鉴摘编.pdf")
	if d.Status != catalog.StatusIndexed {
		t.Fatalf("4 页扫描件，识别上限 2 页: %s (%s); want indexed", d.Status, d.Error)
	}
	want := []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped, catalog.SourceOCRSkipped}
	if !slices.Equal(d.Reading.PageSources, want) {
		t.Errorf("page sources %v, want %v", d.Reading.PageSources, want)
	}
	if got := pagesFound(t, ctx, srch, d.ID, "终身学习公共服务平台"); !slices.Equal(got, []int{1, 2}) {
		t.Errorf("终身学习公共服务平台 found on pages %v, want 1 and 2 (those OCR read), never 3 or 4", got)
	}
	if got := pagesFound(t, ctx, srch, d.ID, `"第4页"`); !slices.Equal(got, []int{4}) {
		t.Errorf("第4页 found on pages %v, want 4 (its text layer)", got)
	}
}

// TestALongTIFFPastTheOCRCapIsSearchableUpToIt: a multi-page TIFF of more
// frames than OCR reads of one file ends indexed, not refused: the frames
// up to the cap are read and searched, the frame after it is an empty
// page marked as left out of OCR, whose words search does not find. The
// cap is 2 here (frames.tif has 3 frames), 500 on a server.
func TestALongTIFFPastTheOCRCapIsSearchableUpToIt(t *testing.T) {
	needPrograms(t, "tesseract")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	svc, srch := cappedService(t, ctx, 2)
	d := uploadAndWait(t, ctx, svc, fixtureBytes(t, "frames.tif"), "社区教育档案扫描件.tif")
	if d.Status != catalog.StatusIndexed {
		t.Fatalf("3 帧 TIFF，识别上限 2 页: %s (%s); want indexed", d.Status, d.Error)
	}
	want := []string{catalog.SourceOCR, catalog.SourceOCR, catalog.SourceOCRSkipped}
	if !slices.Equal(d.Reading.PageSources, want) {
		t.Errorf("page sources %v, want %v", d.Reading.PageSources, want)
	}
	if got := pagesFound(t, ctx, srch, d.ID, "全民终身学习大讲堂"); !slices.Equal(got, []int{2}) {
		t.Errorf("全民终身学习大讲堂 (frame 2) found on pages %v, want 2", got)
	}
	if got := pagesFound(t, ctx, srch, d.ID, "社区教育经费"); len(got) != 0 {
		t.Errorf("社区教育经费 (frame 3, left out of OCR) found on pages %v, want none", got)
	}
}

// cappedService is an ingest service whose OCR reads at most maxOCR pages
// of a file, and a search service over its index.
func cappedService(t *testing.T, ctx context.Context, maxOCR int) (*ingest.Service, *search.Service) {
	t.Helper()
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
		Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Limits: extract.Limits{MaxOCRPages: maxOCR}})
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(svc.Close)
	srch := search.NewService(idx, cat)
	t.Cleanup(srch.Close)
	return svc, srch
}

// uploadAndWait uploads data as name for Hangzhou and waits for its
// reading to end.
func uploadAndWait(t *testing.T, ctx context.Context, svc *ingest.Service, data []byte, name string) *catalog.Document {
	t.Helper()
	st, err := svc.Stage(bytes.NewReader(data), name)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Remove() })
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
	return docs[0]
}

// pagesFound is the pages of document id on which search finds query.
func pagesFound(t *testing.T, ctx context.Context, srch *search.Service, id, query string) []int {
	t.Helper()
	res, err := srch.Search(ctx, search.Request{Query: query, Size: 10, User: testenv.Admin})
	if err != nil {
		t.Fatal(err)
	}
	var pages []int
	for _, h := range res.Hits {
		for _, f := range h.Fragments {
			if h.ID == id && !slices.Contains(pages, f.Page) {
				pages = append(pages, f.Page)
			}
		}
	}
	slices.Sort(pages)
	return pages
}
