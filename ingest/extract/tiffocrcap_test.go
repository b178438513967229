package extract

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestAMultiPageTIFFPastTheOCRCapIsReadUpToIt: a TIFF of more frames
// than OCR reads of one file is read, not refused, as a long scanned PDF
// is: OCR reads its first frames up to the cap (here 2 of frames.tif's
// 3), and the frames after them are empty pages marked as left out of
// OCR.
func TestAMultiPageTIFFPastTheOCRCapIsReadUpToIt(t *testing.T) {
	needOCR(t)
	var total atomic.Int64
	lim := Limits{MaxOCRPages: 2, Progress: func(_, n int) { total.Store(int64(n)) }}
	res, err := Extract(context.Background(), FormatImage, fixture("frames.tif"), lim)
	if err != nil {
		t.Fatalf("3 帧 TIFF，识别上限 2 页: %v (%s); want its first 2 frames read by OCR and the third left out", err, catalog.ErrorMessage(err))
	}
	want := []string{SourceOCR, SourceOCR, SourceOCRSkipped}
	if len(res.Pages) != 3 || strings.Join(res.PageSources, " ") != strings.Join(want, " ") {
		t.Fatalf("%d pages, sources %v; want 3 pages, %v", len(res.Pages), res.PageSources, want)
	}
	for i, phrase := range []string{"市民终身学习服务中心", "全民终身学习大讲堂"} {
		if !strings.Contains(res.Pages[i], phrase) {
			t.Errorf("page %d lacks %q: %q", i+1, phrase, res.Pages[i])
		}
	}
	if res.Pages[2] != "" {
		t.Errorf("page 3, left out of OCR: %q, want empty", res.Pages[2])
	}
	if total.Load() != 2 {
		t.Errorf("progress said %d pages to read, want 2", total.Load())
	}
	if res.OCRConfidence == nil {
		t.Error("no OCR confidence for the frames read")
	}
}

// TestALongTIFFAtTheRealOCRCap: 510 frames under the default cap of 500;
// OCR is counted, not run (TestAMultiPageTIFFPastTheOCRCapIsReadUpToIt
// runs it).
func TestALongTIFFAtTheRealOCRCap(t *testing.T) {
	calls := countedOCR(t)
	path := writeTemp(t, "档案扫描件.tif", tiffWithFrames(DefaultMaxOCRPages+10))
	res, err := Extract(context.Background(), FormatImage, path, Limits{})
	if err != nil {
		t.Fatalf("510 帧 TIFF: %v (%s); want its first 500 frames read by OCR and the rest left out", err, catalog.ErrorMessage(err))
	}
	if calls.Load() != DefaultMaxOCRPages || len(res.Pages) != DefaultMaxOCRPages+10 || len(res.PageSources) != len(res.Pages) {
		t.Fatalf("OCR read %d frames, %d pages, %d sources; want 500 read of 510 pages", calls.Load(), len(res.Pages), len(res.PageSources))
	}
	for i, source := range res.PageSources {
		want := SourceOCR
		if i >= DefaultMaxOCRPages {
			want = SourceOCRSkipped
		}
		if source != want || want == SourceOCRSkipped && res.Pages[i] != "" {
			t.Fatalf("page %d: %q (%s), want %s", i+1, res.Pages[i], source, want)
		}
	}
}

// TestALongBlankTIFFPastTheOCRCapIsTooLong: when the frames OCR read are
// all blank and the others were not read, nothing says the file is a
// blank scan: it fails as needing too many pages read, as a long blank PDF
// does; within the cap an all-blank TIFF is a blank scan.
func TestALongBlankTIFFPastTheOCRCapIsTooLong(t *testing.T) {
	withOCR(t, func(context.Context, []byte, Limits) (PageOCR, error) { return PageOCR{}, nil })
	path := writeTemp(t, "空白扫描件.tif", tiffWithFrames(5))
	_, err := Extract(context.Background(), FormatImage, path, Limits{MaxOCRPages: 2})
	wantError(t, "5 帧空白 TIFF，识别上限 2 页", err, catalog.ETOOLARGE, "需要文字识别（OCR）的页数为 5 页，超过每个文件 2 页的上限")
	_, err = Extract(context.Background(), FormatImage, path, Limits{MaxOCRPages: 5})
	wantError(t, "5 帧空白 TIFF，识别上限 5 页", err, catalog.EINVALID, "扫描件的每一页都是空白")
}
