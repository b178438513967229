package claims_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// textPutAgain is a store whose text is put again (as a repair reads it
// anew) once it has been read (textReads): at the next Stat of it, as the
// text's new reading would land between a look and the check after it.
type textPutAgain struct {
	*textReads
	t     *testing.T
	sha   string
	again *ingest.StoredText // put once, then nil
}

func (s *textPutAgain) Stat(ctx context.Context, key string) (blob.Info, error) {
	if s.n.Load() > 0 && s.again != nil && key == catalog.TextKey(s.sha) {
		if _, err := ingest.SaveText(ctx, s.Store, s.sha, s.again); err != nil {
			s.t.Fatal(err)
		}
		s.again = nil
	}
	return s.Store.Stat(ctx, key)
}

// TestRecheckLinkLooksAgainInATextPutAgain: a link's quote looked for
// in the text its document had, and the text put again meanwhile (a
// repair read it anew, and its own look may have come first): the quote
// is looked for again, in the new text, and its mark is the new text's
// (found on page 1), not the old one's (not found).
func TestRecheckLinkLooksAgainInATextPutAgain(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "社区教育年报.txt", "杭州市开展全民终身学习活动月。")
	l := &catalog.Link{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1, Quote: "建成学分银行", CreatedBy: "admin"}
	if err := e.Catalog.CreateLinks(ctx, []*catalog.Link{l}, false); err != nil {
		t.Fatal(err)
	}
	blobs := &textPutAgain{textReads: &textReads{Store: e.Blobs}, t: t, sha: d.SHA256,
		again: &ingest.StoredText{Extractor: "txt", Pages: []string{"杭州市开展全民终身学习活动月，建成学分银行，开户3.2万人。"}}}
	n, err := claims.RecheckLink(ctx, e.Catalog, blobs, nil, d.SHA256, l.ID)
	if err != nil || n.Checked != 1 {
		t.Fatalf("look for the link's quote: %+v, %v; want 1 looked for", n, err)
	}
	if blobs.again != nil {
		t.Fatal("the text was not put again: the test no longer stands for a repair")
	}
	got, err := e.Catalog.Link(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (catalog.QuoteMark{Checked: true, QuoteFound: true, FoundOnPage: 1}); got.Passages()[0].QuoteMark != want {
		t.Errorf("the link's quote after its text was put again: %+v, want %+v (the new text's)", got.Passages()[0].QuoteMark, want)
	}
}
