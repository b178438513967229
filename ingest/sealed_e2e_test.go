package ingest_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestSealedNoticeReadsItsDocNumberThroughOCR uploads one sealed notice,
// a seal pressed over the end of its 文号 湖政办发〔2023〕12号, as a phone
// photo, as a scanned PDF and as photos joined into one PDF: OCR reads
// the 号 under the red ink as a mark or a character (12%, 12所), and each
// document gets the 文号 all the same, not marked a guess, with a title
// that holds neither the 文号 nor the junk of the seal.
func TestSealedNoticeReadsItsDocNumberThroughOCR(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm", "pdftotext")
	e := testenv.New(t)
	ctx := context.Background()
	const number = "湖政办发〔2023〕12号"
	const title = "湖州市人民政府办公室关于推进学习型城市建设的实施意见"
	meta := ingest.Meta{City: hangzhou, DocType: "policy"}
	uploads := []struct {
		name  string
		files []*ingest.Staged
		join  bool
		title string // "" when OCR lost a character of it: only what it must not hold is checked
	}{
		{"phone photo", []*ingest.Staged{stagePhoto(t, e, "IMG_2301.jpg", fixtureBytes(t, "sealed-photo.jpg"))}, false, title},
		{"scanned PDF", []*ingest.Staged{stagePhoto(t, e, "湖政办发12号扫描件.pdf", fixtureBytes(t, "sealed-scan.pdf"))}, false, ""},
		{"joined photos", []*ingest.Staged{stagePhoto(t, e, "IMG_2302.jpg", fixtureBytes(t, "sealed-photo.jpg")),
			stagePhoto(t, e, "IMG_2303.png", fixtureBytes(t, "page.png"))}, true, title},
	}
	for _, u := range uploads {
		out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{Meta: meta, Files: u.files, JoinPhotos: u.join})
		if err != nil || len(out) != 1 || out[0].Err != nil {
			t.Fatalf("%s: upload %+v, %v; want one document", u.name, out, err)
		}
		d := e.WaitFinished(out[0].Document.ID, catalog.StatusIndexed)
		if d.DocNumber != number || !d.IsExtracted(catalog.FieldDocNumber) {
			if _, text, err := e.Documents.Text(ctx, testenv.Admin, d.ID); err == nil {
				t.Logf("%s: page 1 as OCR read it: %q", u.name, text.Pages[0])
			}
			t.Errorf("%s: 文号 %q (read from the text: %v), want %q", u.name, d.DocNumber, d.IsExtracted(catalog.FieldDocNumber), number)
		}
		// Its 号 read as a mark (12%, 12所) or lost at the end of its
		// line, never as a digit: the 文号 is read, not guessed.
		if d.DocNumberRead != "" {
			t.Errorf("%s: 文号 %q marked a guess (read as %q); only a 号 taken from a digit is one", u.name, d.DocNumber, d.DocNumberRead)
		}
		if u.title != "" && d.Title != u.title {
			t.Errorf("%s: title %q, want %q", u.name, d.Title, u.title)
		}
		if strings.Contains(d.Title, "2023") || strings.ContainsAny(d.Title, "[]【】%") || strings.HasPrefix(d.Title, "Re") {
			t.Errorf("%s: title %q holds the 文号 or the seal's junk", u.name, d.Title)
		}
	}
}
