package claims_test

import (
	"context"
	"io"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// textReads counts the reads of stored texts from its store.
type textReads struct {
	blob.Store
	n atomic.Int32
}

func (r *textReads) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		r.n.Add(1)
	}
	return r.Store.Get(ctx, key)
}

func (r *textReads) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		r.n.Add(1)
	}
	return r.Store.GetRange(ctx, key, off, n, version)
}

// TestRecheckReadsTheTextOnce: the quotes two claims and a value cite in
// one text are looked for again in one reading of it, each found where it
// is, and the value's number marks are given the passage its quote found.
func TestRecheckReadsTheTextOnce(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "学习活动周.txt", "杭州市终身学习活动周期间共开展学习活动1260场。全市社区学校实现全覆盖。")
	for _, quote := range []string{"共开展学习活动1260场", "社区学校实现全覆盖"} {
		if _, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
			Statement: "杭州市" + quote, Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: quote}}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Values.Record(ctx, testenv.Admin, values.Input{City: "330100", Round: 2017, Indicator: "2.2.1", Value: "1260",
		Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: "共开展学习活动1260场"}}); err != nil {
		t.Fatal(err)
	}
	reads := &textReads{Store: e.Blobs}
	var passages []string
	numbers := func(q catalog.CitedQuote, pages []string, m claims.Match) *catalog.ValueMarks {
		passages = append(passages, m.Passage(pages))
		return nil
	}
	if _, err := claims.Recheck(ctx, e.Catalog, reads, nil, d.SHA256, numbers); err != nil {
		t.Fatal(err)
	}
	if n := reads.n.Load(); n != 1 {
		t.Errorf("the text was read %d times for its three quotes, want once", n)
	}
	if len(passages) != 1 || passages[0] != "共开展学习活动1260场" {
		t.Errorf("the value's passage: %q, want 共开展学习活动1260场 alone", passages)
	}
}

// TestRecheckFindsAQuoteOnAnotherPage: a quote the text read anew has on
// another page than its citation names is marked so (not found on its
// page, found on that one), with the page in its audit entry.
func TestRecheckFindsAQuoteOnAnotherPage(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "活动周总结.txt", "杭州市终身学习活动周工作总结。")
	claim, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Round: 2017, Indicator: "1.1.1",
		Statement: "杭州市社区学校实现全覆盖", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "全市社区学校实现全覆盖"}}})
	if err != nil || claim.Citations[0].QuoteFound || claim.Citations[0].FoundOnPage != 0 {
		t.Fatalf("claim: %+v, %v; want its quote saved not found", claim, err)
	}
	// The text read anew: the quote is on page 2.
	text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	text.Pages = append(text.Pages, "二、全市社区学校实现全覆盖。")
	if _, err := e.SaveText(d.SHA256, text); err != nil {
		t.Fatal(err)
	}
	if n, err := claims.Recheck(ctx, e.Catalog, e.Blobs, nil, d.SHA256, nil); err != nil || n.Changed != 1 || n.Checked != 1 {
		t.Fatalf("recheck looked for %d quotes and changed %d marks (%v), want 1 and 1", n.Checked, n.Changed, err)
	}
	c, err := e.Catalog.Claim(ctx, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Citations[0]; got.QuoteFound || got.FoundOnPage != 2 {
		t.Errorf("the citation: %+v; want its quote not on page 1 but found on page 2", got)
	}
	events, err := e.Catalog.Events(ctx, "claim:"+claim.ID, 5)
	if err != nil || len(events) == 0 || events[0].Action != "claim.quote" || events[0].Detail["found_on_page"] != float64(2) {
		t.Errorf("audit entries: %+v, %v; want the system's claim.quote naming page 2", events, err)
	}
}
