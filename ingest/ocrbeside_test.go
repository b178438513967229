package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPhotoIsNotHeldBackByALongScan: a scan of many pages is being OCR'd
// by the one OCR worker when a phone photo comes; the photo is read beside
// it and is searchable before the long scan is done, instead of waiting
// behind all its pages.
func TestPhotoIsNotHeldBackByALongScan(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdfimages")
	e := testenv.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	// 20 pages, joined from photos of paper: each OCR'd on its own.
	var pages []*ingest.Staged
	for i := range 20 {
		img := image.NewGray(image.Rect(0, 0, 320, 240))
		for p := range img.Pix {
			img.Pix[p] = 235
		}
		img.SetGray(i, i, color.Gray{Y: 20}) // every page a different photo
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, nil); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, stagePhoto(t, e, fmt.Sprintf("年报第%d页.jpg", i+1), buf.Bytes()))
	}
	out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "work_summary"}, Files: pages, JoinPhotos: true})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("upload the long scan: %+v, %v", out, err)
	}
	long := out[0].Document.ID
	for {
		if _, _, ok := e.Ingest.Progress(long); ok {
			break
		}
		if d, err := e.Catalog.Document(ctx, long); err == nil && d.Status != catalog.StatusStored {
			t.Fatalf("the long scan is %s before its OCR was seen to start", d.Status)
		}
		select {
		case <-time.After(10 * time.Millisecond):
		case <-ctx.Done():
			t.Fatal("the long scan's OCR did not start")
		}
	}

	photo := stagePhoto(t, e, "通知照片.png", fixtureBytes(t, "scan.png"))
	out, err = e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "meeting_notice"}, Files: []*ingest.Staged{photo}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("upload the photo: %+v, %v", out, err)
	}
	short := out[0].Document.ID

	var order []string
	if _, err := e.Ingest.Wait(ctx, []string{long, short}, func(d *catalog.Document) {
		order = append(order, d.ID)
	}); err != nil {
		t.Fatal(err)
	}
	if order[0] != short {
		t.Errorf("the photo finished after the 20-page scan that was being OCR'd when it came; want it read beside the scan, first")
	}
}
