package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestRereadFindsQuotesSavedAsNotFound: a claim's citation and a value
// that quote a text an older reader gave as garbage were saved with their
// quote not found; once 重新读取 reads the text anew, both are marked
// found on their page (the value's number looked for in the passage, as
// its save would), and the audit log says the system changed the mark
// and what it was.
func TestRereadFindsQuotesSavedAsNotFound(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	oldText, _ := e.OutdatedArchive(hangzhou, "wang")
	const quote = "共开展学习活动" + testenv.OutdatedWords
	claim, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: hangzhou, Round: 2017, Indicator: "1.1.1",
		Statement: "宁波市终身学习活动周开展学习活动1260场", Citations: []claims.CitationInput{{DocumentID: oldText.ID, Page: 1, Quote: quote}}})
	if err != nil {
		t.Fatal(err)
	}
	value, err := e.Values.Record(ctx, testenv.Admin, values.Input{City: hangzhou, Round: 2017, Indicator: "2.2.1", Value: "1260",
		Citation: claims.CitationInput{DocumentID: oldText.ID, Page: 1, Quote: quote}})
	if err != nil {
		t.Fatal(err)
	}
	if claim.Citations[0].QuoteFound || value.Citation.QuoteFound {
		t.Fatalf("the quotes were found in the older reader's garbage: %+v %+v", claim.Citations[0], value.Citation)
	}

	queued, kept, err := e.Ingest.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(queued) != 1 || queued[0] != oldText.ID || len(kept) != 0 {
		t.Fatalf("queued %v, kept %+v; want %s read anew (its quotes were not found: nothing kept it)", queued, kept, oldText.ID)
	}
	c, err := e.Catalog.Claim(ctx, claim.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Citations[0]; !got.QuoteFound || got.FoundOnPage != 1 {
		t.Errorf("the claim's citation after the reading: %+v; want its quote found on page 1", got)
	}
	v, err := e.Catalog.Value(ctx, value.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Citation.QuoteFound || v.Citation.FoundOnPage != 1 {
		t.Errorf("the value's citation after the reading: %+v; want its quote found on page 1", v.Citation)
	}
	// Its number is looked for in the passage found, as saving it would:
	// 1260 is written there in 场, not in the indicator's 个.
	if v.ValueFound || v.PassageUnit != "场" {
		t.Errorf("the value's number after the reading: found %v, in %q; want it written in 场 (单位不符)", v.ValueFound, v.PassageUnit)
	}
	for _, obj := range []string{"claim:" + claim.ID, "value:" + value.ID} {
		events, err := e.Catalog.Events(ctx, obj, 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(events) == 0 || events[0].User != "system" || events[0].Action != obj[:5]+".quote" ||
			events[0].Detail["quote_found"] != true || events[0].Detail["from"].(map[string]any)["quote_found"] != false {
			t.Errorf("%s: the latest audit event is %+v; want the system marking its quote found, not found before", obj, events)
		}
	}
	// Nothing more to change: a second look records no event.
	if n, err := e.Values.RecheckQuotes(ctx, oldText.SHA256); err != nil || n.Changed != 0 {
		t.Errorf("a second look changed %d marks (%v), want none", n.Changed, err)
	}
}

// TestScanReadByOlderOCRIsOutdated: a scanned PDF's pages are read by OCR
// inside the PDF reader, so its text is recorded as pdf+ocr (or
// pdftotext+ocr) and is
// outdated when the OCR reader's rules rise though the PDF reader's do
// not; a PDF read from its text layer alone is not. 重新读取 reads the scan
// anew, after which nothing is outdated.
func TestScanReadByOlderOCRIsOutdated(t *testing.T) {
	needPrograms(t, "tesseract", "pdftoppm")
	e := testenv.New(t)
	ctx := context.Background()
	upload := func(name string) *catalog.Document {
		b, err := os.ReadFile(filepath.Join("extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return e.Upload(hangzhou, name, string(b))
	}
	scan, born := upload("stamped-scan.pdf"), upload("policy.pdf")
	// The PDF reader, or pdftotext where it is installed.
	extractor := func(d *catalog.Document) string {
		text, err := ingest.LoadText(ctx, e.Blobs, d.SHA256)
		if err != nil {
			t.Fatal(err)
		}
		return text.Extractor
	}
	scanReader := extractor(scan) + "+ocr"
	want := map[string]catalog.TextReader{
		scan.ID: {Name: scanReader, Version: extract.VersionOf(scanReader)},
		born.ID: {Name: extractor(born), Version: extract.VersionOf(extractor(born))},
	}
	readers := func() map[string]catalog.TextReader {
		got := map[string]catalog.TextReader{}
		if err := e.Catalog.ReadTexts(ctx, func(t catalog.ReadText) {
			if t.Reader != nil {
				got[t.ID] = *t.Reader
			}
		}); err != nil {
			t.Fatal(err)
		}
		return got
	}
	for id, r := range readers() {
		if r != want[id] {
			t.Errorf("%s recorded as read by %+v, want %+v", id, r, want[id])
		}
	}
	if c, err := e.Ingest.CountOutdated(ctx); err != nil || c.Texts != 0 {
		t.Fatalf("read today: %+v, %v; want nothing outdated", c, err)
	}

	// The scan as a build before the OCR reader's last rise left it: the
	// PDF reader's version in its text, recorded as the OCR-reader migration
	// (…_ocr_reader.sql) names it.
	text, err := ingest.LoadText(ctx, e.Blobs, scan.SHA256)
	if err != nil {
		t.Fatal(err)
	}
	text.Version = extract.VersionOf(text.Extractor)
	if _, err := ingest.SaveText(ctx, e.Blobs, scan.SHA256, text); err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextReader(ctx, scan.SHA256, catalog.TextReader{Name: scanReader, Version: text.Version}); err != nil {
		t.Fatal(err)
	}
	if c, err := e.Ingest.CountOutdated(ctx); err != nil || c.Texts != 1 || c.Documents != 1 {
		t.Fatalf("a scan OCR'd by older rules: %+v, %v; want it alone outdated", c, err)
	}

	if err := e.Ingest.StartReread(testenv.Admin); err != nil {
		t.Fatal(err)
	}
	if run := e.WaitRereadDone(scan.ID); len(run.Queued) != 1 || run.Queued[0] != scan.ID {
		t.Fatalf("queued %v, want the scan %s alone", run.Queued, scan.ID)
	}
	if got, err := ingest.LoadText(ctx, e.Blobs, scan.SHA256); err != nil || got.Version != extract.VersionOf(scanReader) {
		t.Errorf("the scan's text read anew: version %d, %v; want %d", got.Version, err, extract.VersionOf(scanReader))
	}
	if c, err := e.Ingest.CountOutdated(ctx); err != nil || c.Texts != 0 {
		t.Errorf("after the run: %+v, %v; want nothing outdated", c, err)
	}
}

// TestRetriedTextRechecksQuotesWhileStored: the pipeline reads an
// outdated text anew while its document is stored again (a retry, evidence
// repair), not indexed; a value's quote found there has its number looked
// for in the passage all the same (1260 written in 场: 单位不符), not left
// with the marks of its quote not found, and a claim's quote found in the
// older reader's garbage and not in the new text is marked not found,
// with an audit entry saying it was found before.
func TestRetriedTextRechecksQuotesWhileStored(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	oldText, _ := e.OutdatedArchive(hangzhou, "wang")
	value, err := e.Values.Record(ctx, testenv.Admin, values.Input{City: hangzhou, Round: 2017, Indicator: "2.2.1", Value: "1260",
		Citation: claims.CitationInput{DocumentID: oldText.ID, Page: 1, Quote: "共开展学习活动" + testenv.OutdatedWords}})
	if err != nil {
		t.Fatal(err)
	}
	garbage, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: hangzhou, Round: 2017, Indicator: "1.1.1",
		Statement: "宁波市终身学习活动周", Citations: []claims.CitationInput{{DocumentID: oldText.ID, Page: 1, Quote: "Be FE"}}})
	if err != nil {
		t.Fatal(err)
	}
	if value.Citation.QuoteFound || !garbage.Citations[0].QuoteFound {
		t.Fatalf("before: the value's quote %+v (want not found), the claim's %+v (want found in the garbage)", value.Citation, garbage.Citations[0])
	}

	retry(t, e, oldText)
	v, err := e.Catalog.Value(ctx, value.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !v.Citation.QuoteFound || v.Citation.FoundOnPage != 1 || v.ValueFound || v.PassageUnit != "场" {
		t.Errorf("the value after the text was read anew: quote %+v, number found %v in %q; want its quote found on page 1 and 1260 written in 场",
			v.Citation, v.ValueFound, v.PassageUnit)
	}
	c, err := e.Catalog.Claim(ctx, garbage.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got := c.Citations[0]; got.QuoteFound || got.FoundOnPage != 0 {
		t.Errorf("the claim quoting the garbage: %+v; want its quote not found in the new text", got)
	}
	events, err := e.Catalog.Events(ctx, "claim:"+garbage.ID, 10)
	if err != nil || len(events) == 0 || events[0].Action != "claim.quote" || events[0].Detail["quote_found"] != false ||
		events[0].Detail["from"].(map[string]any)["quote_found"] != true {
		t.Errorf("the claim's latest audit entry: %+v, %v; want the system's claim.quote, not found now, found before", events, err)
	}
}

// retry fails d and retries it, as an admin does, and waits until it is
// indexed again.
func retry(t *testing.T, e *testenv.Env, d *catalog.Document) {
	t.Helper()
	ctx := context.Background()
	if err := e.Catalog.SetStatus(ctx, catalog.StatusChange{ID: d.ID, Status: catalog.StatusFailed, Error: "读取超时"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Ingest.Retry(ctx, testenv.Admin, d.ID); err != nil {
		t.Fatal(err)
	}
	e.WaitIndexed(d.ID)
}

// countedQuotes counts the texts whose quotes it is asked to look for
// again, passing them on.
type countedQuotes struct {
	ingest.Quotes
	texts atomic.Int32
}

func (c *countedQuotes) RecheckQuotes(ctx context.Context, sha string) (catalog.QuotesRechecked, error) {
	c.texts.Add(1)
	return c.Quotes.RecheckQuotes(ctx, sha)
}

// TestFirstReadingLooksForNoQuotes: a document read for the first time
// (a fresh upload) has no quotes looked for in its text, for nothing can
// cite a text never read; once read, its text deleted (as evidence repair
// deletes a damaged one) and read again, its quotes are looked for.
func TestFirstReadingLooksForNoQuotes(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	counted := &countedQuotes{Quotes: e.Values}
	e.Ingest.UseQuotes(counted)
	d := e.Upload(hangzhou, "学习活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。")
	if n := counted.texts.Load(); n != 0 {
		t.Fatalf("a fresh upload had its quotes looked for %d times, want none", n)
	}
	claim, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: hangzhou, Round: 2017, Indicator: "1.1.1",
		Statement: "宁波市终身学习活动周开展学习活动1260场", Citations: []claims.CitationInput{{DocumentID: d.ID, Page: 1, Quote: "共开展学习活动1260场"}}})
	if err != nil || !claim.Citations[0].QuoteFound {
		t.Fatalf("claim: %+v, %v; want its quote found", claim, err)
	}
	if err := e.Blobs.Delete(ctx, catalog.TextKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	retry(t, e, d)
	if n := counted.texts.Load(); n != 1 {
		t.Errorf("a text read again after it was lost had its quotes looked for %d times, want once", n)
	}
}
