package ingest_test

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestLinkQuotesLookedForAgainWhenReadAnew: a link given a quote has it
// looked for at once (这句话不在文中: not found; 开展全民终身学习活动月 on
// page 1: found); a look that fails marks both not looked for; the text
// read again (evidence repair deletes a damaged one, retry reads it)
// marks them again, as it marks claims' citations.
func TestLinkQuotesLookedForAgainWhenReadAnew(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "社区教育年报.txt", "杭州市开展全民终身学习活动月。")
	missing := &catalog.Link{DocumentID: d.ID, IndicatorCode: "1.1.1", Page: 1, Quote: "这句话不在文中"}
	found := &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: "开展全民终身学习活动月"}
	for _, l := range []*catalog.Link{missing, found} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, l); err != nil {
			t.Fatal(err)
		}
	}
	marks := func() [2]catalog.QuoteMark {
		t.Helper()
		var out [2]catalog.QuoteMark
		for i, l := range []*catalog.Link{missing, found} {
			got, err := e.Catalog.Link(ctx, l.ID)
			if err != nil {
				t.Fatal(err)
			}
			out[i] = got.Passages()[0].QuoteMark
		}
		return out
	}
	want := [2]catalog.QuoteMark{{Checked: true}, {Checked: true, QuoteFound: true, FoundOnPage: 1}}
	if got := marks(); got != want || missing.QuoteChecked != true || missing.QuoteFound {
		t.Errorf("links just given their quotes: %+v (the link answered %+v), want %+v", got, missing, want)
	}
	// Counted are the quotes given a reason (claims', values'); a link's
	// is only not looked for.
	if n, err := e.Catalog.MarkQuotesToRecheck(ctx, d.SHA256, "文字存储暂时无法读取", ""); err != nil || n != 0 {
		t.Fatalf("marked %d quotes with a reason (%v), want 0: only links cite the text", n, err)
	}
	if got := marks(); got != [2]catalog.QuoteMark{} {
		t.Errorf("after a failed look: %+v, want both not looked for", got)
	}
	if err := e.Blobs.Delete(ctx, catalog.TextKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	retry(t, e, d)
	if got := marks(); got != want {
		t.Errorf("after the text was read again: %+v, want %+v", got, want)
	}
}

// TestLinkQuoteLookedForWhileItsDocumentIsRead: a reading saves the text,
// asks whether a link has a quote, and only later records the status; a
// link given its quote in between is looked for at once, as its text is
// stored, though the document is not yet marked read.
func TestLinkQuoteLookedForWhileItsDocumentIsRead(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "社区教育年报.txt", "杭州市开展全民终身学习活动月。")
	// The text stays stored; the status is what a reading not yet
	// recorded leaves.
	if _, err := e.Catalog.MoveStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusStored,
		From: []catalog.Status{catalog.StatusIndexed}}); err != nil {
		t.Fatal(err)
	}
	l := &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: "开展全民终身学习活动月"}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, l); err != nil {
		t.Fatal(err)
	}
	got, err := e.Catalog.Link(ctx, l.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := (catalog.QuoteMark{Checked: true, QuoteFound: true, FoundOnPage: 1}); got.Passages()[0].QuoteMark != want {
		t.Errorf("quote given while the document is read: %+v, want %+v", got.Passages()[0].QuoteMark, want)
	}
}

// TestAddingALinkLooksForItsQuotesOnly: a link given a quote has that
// quote looked for and marked, and nothing else cited in the text: a
// claim's citation there keeps its mark (here one recorded not found,
// which a look at the whole text would have changed), for the text did
// not change.
func TestAddingALinkLooksForItsQuotesOnly(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload(hangzhou, "社区教育年报.txt", "杭州市开展全民终身学习活动月。")
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: hangzhou, Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市开展全民终身学习活动月", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "开展全民终身学习活动月"}}})
	if err != nil {
		t.Fatal(err)
	}
	quotes, err := e.Catalog.QuotesIn(ctx, d.SHA256)
	if err != nil || len(quotes) != 1 {
		t.Fatalf("quotes in the text: %+v, %v; want the claim's", quotes, err)
	}
	if _, err := e.Catalog.RecordQuotesFoundAgain(ctx, []catalog.QuoteFoundAgain{{Quote: quotes[0]}}); err != nil {
		t.Fatal(err)
	}
	l := &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1, Quote: "开展全民终身学习活动月"}
	if err := e.Ingest.AddLink(ctx, testenv.Admin, l); err != nil {
		t.Fatal(err)
	}
	if want := (catalog.QuoteMark{Checked: true, QuoteFound: true, FoundOnPage: 1}); l.Passages()[0].QuoteMark != want {
		t.Errorf("the link just given its quote: %+v, want %+v", l.Passages()[0].QuoteMark, want)
	}
	got, err := e.Catalog.Claim(ctx, c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Citations[0].QuoteFound {
		t.Errorf("the claim's citation after a link was given a quote in its text: %+v, want its mark left as recorded (not found)", got.Citations[0])
	}
}
