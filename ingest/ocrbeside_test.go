package ingest_test

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPhotoIsNotHeldBackByALongScan: a scan of many pages is being OCR'd
// by the one OCR worker when a phone photo comes; the photo is read beside
// it and is searchable before the long scan is done, instead of waiting
// behind all its pages. Every page of the scan is the photo itself (each
// a different copy), so that the scan is 20 times the photo's OCR
// whatever the machine's speed: read beside, the photo is done long
// before; behind, only after all 20 pages. (Pages blank but for a dot,
// as this test had, took less OCR than the photo: on a loaded machine the
// scan was done first whichever way the photo was read.)
func TestPhotoIsNotHeldBackByALongScan(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdfimages")
	e := testenv.New(t)
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()

	// 20 pages, joined from photos of paper: each OCR'd on its own.
	photoBytes := fixtureBytes(t, "scan.png")
	src, err := png.Decode(bytes.NewReader(photoBytes))
	if err != nil {
		t.Fatal(err)
	}
	var pages []*ingest.Staged
	for i := range 20 {
		img := image.NewRGBA(src.Bounds())
		draw.Draw(img, img.Bounds(), src, src.Bounds().Min, draw.Src)
		img.Set(i, 0, color.RGBA{R: 200, G: 200, B: 200, A: 255}) // every page a different photo
		var buf bytes.Buffer
		if err := png.Encode(&buf, img); err != nil {
			t.Fatal(err)
		}
		pages = append(pages, stagePhoto(t, e, fmt.Sprintf("年报第%d页.png", i+1), buf.Bytes()))
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

	photo := stagePhoto(t, e, "通知照片.png", photoBytes)
	out, err = e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "meeting_notice"}, Files: []*ingest.Staged{photo}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("upload the photo: %+v, %v", out, err)
	}
	short := out[0].Document.ID

	if _, err := e.Ingest.Wait(ctx, []string{short}, nil); err != nil {
		t.Fatal(err)
	}
	d, err := e.Catalog.Document(ctx, long)
	if err != nil {
		t.Fatal(err)
	}
	if d.Status == catalog.StatusIndexed || d.Status == catalog.StatusFailed {
		t.Errorf("the photo finished after the 20-page scan that was being OCR'd when it came (%s); want it read beside the scan, first", d.Status)
	}
}
