package ingest_test

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/draw"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/exif"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// stagePhoto stages data under name, as an upload would.
func stagePhoto(t *testing.T, e *testenv.Env, name string, data []byte) *ingest.Staged {
	t.Helper()
	st, err := e.Ingest.Stage(bytes.NewReader(data), name)
	if err != nil {
		t.Fatalf("stage %s: %v", name, err)
	}
	t.Cleanup(st.Remove)
	return st
}

func fixtureBytes(t *testing.T, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("extract", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// sidewaysPhoto is photo.jpg as a phone held upright stores it: the
// sensor's landscape rows, with EXIF Orientation 6.
func sidewaysPhoto(t *testing.T) []byte {
	t.Helper()
	src, err := jpeg.Decode(bytes.NewReader(fixtureBytes(t, "photo.jpg")))
	if err != nil {
		t.Fatal(err)
	}
	b := src.Bounds()
	up := image.NewGray(b)
	draw.Draw(up, b, src, b.Min, draw.Src)
	stored := image.NewGray(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			stored.SetGray(y, b.Dx()-1-x, up.GrayAt(x, y))
		}
	}
	var buf bytes.Buffer
	if err := jpeg.Encode(&buf, stored, &jpeg.Options{Quality: 85}); err != nil {
		t.Fatal(err)
	}
	return exif.WithOrientation(buf.Bytes(), 6, "II")
}

// TestPhotosOfOneNoticeBecomeOneDocument hands in three photos of one
// paper document's pages, asked to be joined: one document of three pages
// in the order sent, each page read by OCR (the sideways one upright), and
// an expert's search finds each page's words on its own page. The same
// photos sent again are the same document; a file that is not a photo
// refuses the whole, naming it, and stores nothing.
func TestPhotosOfOneNoticeBecomeOneDocument(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdftotext")
	e := testenv.New(t)
	ctx := context.Background()
	pages := []struct {
		name   string
		data   []byte
		phrase string
	}{
		{"IMG_0101.jpg", fixtureBytes(t, "masthead.jpg"), "杭州市教育局文件"},
		{"IMG_0102.jpg", sidewaysPhoto(t), "成都市社区教育工作情况报告"},
		{"IMG_0103.png", fixtureBytes(t, "page.png"), "武汉市学习型城市建设监测数据说明"},
	}
	upload := func(join bool, names ...string) ([]ingest.Outcome, error) {
		var files []*ingest.Staged
		for _, p := range pages {
			files = append(files, stagePhoto(t, e, p.name, p.data))
		}
		for _, n := range names {
			files = append(files, stagePhoto(t, e, n, []byte("这是一份说明，不是照片。")))
		}
		return e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: hangzhou, DocType: "meeting_notice"}, Files: files, JoinPhotos: join})
	}
	out, err := upload(true)
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Err != nil {
		t.Fatalf("outcomes %+v, want one document", out)
	}
	if out[0].JoinedPhotos != 3 || out[0].Filename != "IMG_0101.pdf" {
		t.Errorf("outcome: %d photos joined as %q, want 3 as IMG_0101.pdf", out[0].JoinedPhotos, out[0].Filename)
	}
	d := e.WaitFinished(out[0].Document.ID, catalog.StatusIndexed)
	if d.Pages != 3 || d.MIME != "application/pdf" {
		t.Fatalf("document has %d pages of %s, want 3 of application/pdf", d.Pages, d.MIME)
	}
	_, text, err := e.Documents.Text(ctx, testenv.Admin, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	sources := d.Reading.Sources(d.Pages)
	for i, p := range pages {
		if !strings.Contains(text.Pages[i], p.phrase) {
			t.Errorf("page %d lacks %q:\n%s", i+1, p.phrase, text.Pages[i])
		}
		if sources[i] != catalog.SourceOCR {
			t.Errorf("page %d read from %s, want OCR", i+1, sources[i])
		}
		res, err := e.Search.Search(ctx, search.Request{Query: `"` + p.phrase + `"`, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		if !foundOnPage(res, d.ID, i+1) {
			t.Errorf("%q not found on page %d by search", p.phrase, i+1)
		}
	}

	again, err := upload(true)
	if err != nil || len(again) != 1 || !again[0].Duplicate || again[0].Document.ID != d.ID {
		t.Errorf("the same photos again: %+v, %v; want the duplicate of %s", again, err, d.ID)
	}

	before, err := e.Catalog.CityDocuments(ctx, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	_, err = upload(true, "说明.txt")
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "第 4 个文件“说明.txt”不是照片") {
		t.Errorf("a text file among the photos: %v; want EINVALID naming it", err)
	}
	var ce *catalog.Error
	if !errors.As(err, &ce) || ce.Field != "file" || ce.English == "" {
		t.Errorf("refusal %#v: want it on the field file, with English", err)
	}
	after, err := e.Catalog.CityDocuments(ctx, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("%d documents after a refused join, %d before", len(after), len(before))
	}
}

// TestPhoneFormatsJoin: an iPhone's HEIC and an Android phone's WebP,
// stored sideways with its EXIF orientation, join with a JPEG into one
// document, each page upright for OCR, in the order sent; a HEIC that
// heif-convert cannot read refuses the join, naming it, and stores
// nothing.
func TestPhoneFormatsJoin(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdftotext", "heif-convert")
	e := testenv.New(t)
	ctx := context.Background()
	sideways := exif.WebPWithOrientation(fixtureBytes(t, "sideways.webp"), 1754, 1241, 6)
	pages := []struct {
		name   string
		data   []byte
		phrase string
	}{
		{"IMG_0201.jpg", fixtureBytes(t, "masthead.jpg"), "杭州市教育局文件"},
		{"IMG_0202.HEIC", fixtureBytes(t, "photo.heic"), "成都市社区教育工作情况报告"},
		{"微信图片_0203.webp", sideways, "成都市社区教育工作情况报告"},
	}
	var files []*ingest.Staged
	for _, p := range pages {
		files = append(files, stagePhoto(t, e, p.name, p.data))
	}
	out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "meeting_notice"}, Files: files, JoinPhotos: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(out) != 1 || out[0].Err != nil || out[0].JoinedPhotos != 3 {
		t.Fatalf("outcomes %+v, want one document of 3 photos", out)
	}
	d := e.WaitFinished(out[0].Document.ID, catalog.StatusIndexed)
	if d.Pages != 3 || d.MIME != "application/pdf" {
		t.Fatalf("document has %d pages of %s, want 3 of application/pdf", d.Pages, d.MIME)
	}
	_, text, err := e.Documents.Text(ctx, testenv.Admin, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, p := range pages {
		if !strings.Contains(text.Pages[i], p.phrase) {
			t.Errorf("page %d (%s) lacks %q:\n%s", i+1, p.name, p.phrase, text.Pages[i])
		}
	}
	// Upright: the HEIC's pixels turned by heif-convert, the WebP's by
	// its page's rotation (OCR would read a sideways page too).
	_, rc, err := e.Documents.Original(ctx, testenv.Admin, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	pdf, err := io.ReadAll(rc)
	rc.Close()
	if err != nil {
		t.Fatal(err)
	}
	if got := regexp.MustCompile(`/Rotate \d+`).FindAll(pdf, -1); len(got) != 3 || string(got[1]) != "/Rotate 0" || string(got[2]) != "/Rotate 90" {
		t.Errorf("pages turned %q, want the WebP's page (3) turned 90° and the HEIC's (2) not", got)
	}

	before, err := e.Catalog.CityDocuments(ctx, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	cut := fixtureBytes(t, "photo.heic")[:400]
	files = []*ingest.Staged{stagePhoto(t, e, "IMG_0301.jpg", fixtureBytes(t, "masthead.jpg")), stagePhoto(t, e, "IMG_0302.HEIC", cut)}
	_, err = e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
		Meta: ingest.Meta{City: hangzhou, DocType: "meeting_notice"}, Files: files, JoinPhotos: true})
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "第 2 张照片“IMG_0302.HEIC”已损坏") {
		t.Errorf("a damaged HEIC among the photos: %v; want EINVALID naming it", err)
	}
	after, err := e.Catalog.CityDocuments(ctx, hangzhou)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != len(before) {
		t.Errorf("%d documents after a refused join, %d before", len(after), len(before))
	}
}
