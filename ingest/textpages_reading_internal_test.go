package ingest

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestTextPagesReadingIsLoadTexts: once its pages are read, a stored
// text read as a stream says how they were read as LoadText does, from
// the fields after the pages (where SaveText writes them) or before; a
// blob damaged after its pages is damaged text for both.
func TestTextPagesReadingIsLoadTexts(t *testing.T) {
	r := storeRig(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name, body string
		ocr, bad   bool
	}{
		{"OCR after the pages", `{"extractor":"ocr","pages":["第一页：学分银行","第二页"],"page_sources":["ocr","text"],"seal_pages":[1]}`, true, false},
		{"OCR before the pages", `{"page_sources":["ocr-low"],"pages":["模糊的照片"]}`, true, false},
		{"no page sources", ` { "pages" : [ "通知" ] , "title" : "关于举办活动周的通知" } ` + "\n", false, false},
		{"cut after the pages", `{"pages":["通知"],"page_sources":["oc`, false, true},
		{"more after the text", `{"pages":["通知"]} {"pages":[]}`, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			sha := fmt.Sprintf("%x", sha256.Sum256([]byte(tt.body)))
			if err := r.blobs.Put(ctx, catalog.TextKey(sha), strings.NewReader(tt.body), int64(len(tt.body)), "application/json"); err != nil {
				t.Fatal(err)
			}
			whole, wholeErr := LoadText(ctx, r.blobs, sha)
			tp, err := OpenTextPages(ctx, r.blobs, sha)
			if err != nil {
				t.Fatal(err)
			}
			defer tp.Close()
			for tp.Next() {
			}
			reading, err := tp.Reading()
			if tt.bad {
				if !errors.Is(err, ErrBadText) || !errors.Is(wholeErr, ErrBadText) {
					t.Fatalf("streamed: %v; whole: %v; want both damaged text", err, wholeErr)
				}
				return
			}
			if err != nil || wholeErr != nil {
				t.Fatalf("streamed: %v; whole: %v", err, wholeErr)
			}
			if reading.ByOCR() != tt.ocr || reading.ByOCR() != whole.Reading().ByOCR() ||
				strings.Join(reading.PageSources, ",") != strings.Join(whole.PageSources, ",") || len(reading.SealPages) != len(whole.SealPages) {
				t.Errorf("streamed reading %+v; LoadText's %+v (want OCR %v)", reading, whole.Reading(), tt.ocr)
			}
		})
	}
}
