package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// The title line of extract/testdata/src/fullwidth-title.html, as the
// notice writes it and as the stored text folds it.
const (
	fullwidthTitle = "关于印发《杭州市学分银行管理办法（试行）》的通知"
	foldedTitle    = "关于印发《杭州市学分银行管理办法(试行)》的通知"
)

// TestTitleKeepsItsFullWidthMarks uploads a real DOCX and a real PDF with
// a text layer, both made by LibreOffice from one notice whose title line
// writes （试行）: each is stored with the title as the notice wrote it,
// not with the (试行) of the folded text, and a search by either form of
// the title finds them under that title (the PDF as the DOCX's near
// duplicate).
func TestTitleKeepsItsFullWidthMarks(t *testing.T) {
	e := testenv.New(t)
	var ids []string
	for _, name := range []string{"fullwidth-title.docx", "fullwidth-title.pdf"} {
		data, err := os.ReadFile(filepath.Join("extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		d := e.Upload(hangzhou, name, string(data))
		if d.Title != fullwidthTitle || !d.IsExtracted(catalog.FieldTitle) {
			t.Errorf("%s: title %q (read from the text: %v), want %q as the notice writes it", name, d.Title,
				d.IsExtracted(catalog.FieldTitle), fullwidthTitle)
		}
		ids = append(ids, d.ID)
	}
	for _, q := range []string{"学分银行管理办法(试行)", "学分银行管理办法（试行）"} {
		res, err := e.Search.Search(context.Background(), search.Request{Query: q, User: testenv.Admin})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var found []string
		for _, h := range res.Hits {
			if h.Title == fullwidthTitle {
				found = append(found, h.ID)
				found = append(found, h.NearDuplicateIDs...)
			}
		}
		slices.Sort(found)
		slices.Sort(ids)
		if !slices.Equal(found, ids) {
			t.Errorf("search %q: hits %+v, want both notices under the title %q", q, res.Hits, fullwidthTitle)
		}
	}
}

// TestRereadFieldsUnfoldsTitlesFromTheHead: notices whose fields an
// older field reader read, each with the folded title (试行). Re-reading
// the fields of the one whose stored text keeps its head as written gives
// its title back its （试行）. One stored before heads were kept is read
// again from its original, which gives the same pages: its text is
// stored with the head added (its pages as they were, its new hash
// recorded) and its title takes back its （试行）. One whose original
// reads differently now keeps its text and its folded title, its other
// fields read anew, and is counted. One whose title a person typed with
// the ASCII (试行) keeps it as typed.
func TestRereadFieldsUnfoldsTitlesFromTheHead(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	withHead := e.Upload(hangzhou, "通知甲.txt", fullwidthTitle+"\n杭教职成〔2018〕12号\n各区、县（市）教育局：\n现印发给你们。\n杭州市教育局\n2018年6月5日\n")
	noHead := e.Upload(hangzhou, "通知乙.txt", fullwidthTitle+"\n杭教职成〔2018〕13号\n各区、县（市）教育局：\n现印发给你们，请遵照执行。\n杭州市教育局\n2018年6月8日\n")
	differs := e.Upload(hangzhou, "通知丁.txt", fullwidthTitle+"\n杭教职成〔2018〕15号\n各区、县（市）教育局：\n现印发给你们，请抓好落实。\n杭州市教育局\n2018年6月10日\n")
	typed := e.Upload(hangzhou, "通知丙.txt", fullwidthTitle+"\n杭教职成〔2018〕14号\n各区、县（市）教育局：\n现印发给你们，请认真执行。\n杭州市教育局\n2018年6月9日\n")
	person := foldedTitle
	if _, err := e.Documents.Edit(ctx, testenv.Admin, typed.ID, catalog.DocumentPatch{Title: &person}); err != nil {
		t.Fatal(err)
	}

	// As an older release stored them: no head; the one whose original
	// reads differently now, with a page an older reader read otherwise.
	var stored []string
	for _, d := range []*catalog.Document{noHead, differs} {
		text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if text.Head == "" {
			t.Fatal("the text extracted today has no head")
		}
		text.Head = ""
		if d == differs {
			text.Pages[0] += "\n附件:管理办法"
		}
		h, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, text)
		if err != nil {
			t.Fatal(err)
		}
		if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
			t.Fatal(err)
		}
		stored = append(stored, text.Pages[0])
	}
	for _, d := range []*catalog.Document{withHead, noHead, differs, typed} {
		// What the older reader read: the folded title and a cited 文号, at revision 0.
		old := catalog.FieldFill{Title: foldedTitle, DocNumber: "浙政发〔2016〕3号", Issuer: d.Issuer, IssuedOn: d.IssuedOn}
		if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusIndexed, Fill: &old}); err != nil {
			t.Fatal(err)
		}
	}

	got, err := e.Ingest.RereadFields(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Read != 4 || got.Unreadable != 0 || got.Heads != 1 || got.HeadsLeft != 1 {
		t.Errorf("RereadFields read %d, unreadable %d, heads added %d, left %d; want all four read, one head added, one left",
			got.Read, got.Unreadable, got.Heads, got.HeadsLeft)
	}
	for _, c := range []struct {
		d             *catalog.Document
		title, number string
	}{
		{withHead, fullwidthTitle, "杭教职成〔2018〕12号"},
		{noHead, fullwidthTitle, "杭教职成〔2018〕13号"},
		{differs, foldedTitle, "杭教职成〔2018〕15号"},
		{typed, foldedTitle, "杭教职成〔2018〕14号"},
	} {
		d, err := e.Catalog.Document(ctx, c.d.ID)
		if err != nil {
			t.Fatal(err)
		}
		if d.Title != c.title || d.DocNumber != c.number {
			t.Errorf("%s after re-reading: title %q 文号 %q, want %q %q", c.d.Filename, d.Title, d.DocNumber, c.title, c.number)
		}
	}
	for i, d := range []*catalog.Document{noHead, differs} {
		text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if text.Pages[0] != stored[i] || (text.Head != "") != (d == noHead) {
			t.Errorf("%s after re-reading: head %q, page %q; want the page as stored, a head only when it reads the same",
				d.Filename, text.Head, text.Pages[0])
		}
		// The catalog holds the text to what is stored now: the same
		// text written again hashes to what it recorded.
		recorded, err := e.Catalog.TextHashOf(ctx, d.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		if h, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, text); err != nil || h != recorded {
			t.Errorf("%s after re-reading: the recorded hash is not the stored text's (%v)", d.Filename, err)
		}
	}
}

// TestReuploadGivesAHeadlessTextItsHead: a notice whose stored text has no
// head (stored before heads were kept), deleted and uploaded again (in
// another city), is
// read again from its original, no other document using its text: the
// new copy has the title as the notice writes it, （试行）, and its text
// keeps its head.
func TestReuploadGivesAHeadlessTextItsHead(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	const body = fullwidthTitle + "\n杭教职成〔2018〕12号\n各区、县（市）教育局：\n现印发给你们。\n杭州市教育局\n2018年6月5日\n"
	d := e.Upload(hangzhou, "通知.txt", body)
	text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	text.Head = ""
	h, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, text)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatal(err)
	}
	// Uploaded by 宁波: 杭州's own bytes again are offered the restore of
	// its deleted document, not stored anew.
	again := e.Upload("330200", "通知.txt", body)
	if again.Title != fullwidthTitle {
		t.Errorf("uploaded again: title %q, want %q as the notice writes it", again.Title, fullwidthTitle)
	}
	if text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256); err != nil || text.Head == "" {
		t.Errorf("uploaded again: the stored text has no head (%v)", err)
	}
}
