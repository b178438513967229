package ingest

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRereadOutdatedKeepsCitedTexts: documents whose stored text older
// reading rules gave (a photo read sideways as garbage) are read again
// from their originals and indexed anew, except one in whose text a claim
// found the passage it cites (read anew, that passage could move) and one
// whose original cannot be read anew, which stays searchable as it was.
func TestRereadOutdatedKeepsCitedTexts(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	photo := submitText(t, svc, "活动周.txt", "宁波市终身学习活动周期间共开展学习活动1260场。").Document
	cited := submitText(t, svc, "学分银行.txt", "杭州市学分银行累计存入学分三万余条。").Document
	current := submitText(t, svc, "社区教育.txt", "社区教育网络覆盖全市所有街道。").Document
	lost := submitText(t, svc, "老年教育.txt", "全市老年大学在校学员四万余人。").Document
	waitFor(t, done, 4)
	svc.Close()

	const garbage = "x 8 «es 7 a | Be FE © Fe"
	for _, d := range []*catalog.Document{photo, cited, lost} {
		saveOlderText(t, r, d.SHA256, &StoredText{Extractor: "ocr", Version: extract.Version - 1, Pages: []string{garbage}})
	}
	claim := &catalog.Claim{City: "330100", Round: 2017, Indicator: "1.1.1", Statement: "已建成学分银行", CreatedBy: "wang",
		Citations: []catalog.Citation{{DocumentID: cited.ID, SHA256: cited.SHA256, Page: 1, Quote: "Be FE", QuoteFound: true, FoundOnPage: 1}}}
	if err := r.cat.CreateClaim(ctx, claim); err != nil {
		t.Fatal(err)
	}

	// An original that cannot be read anew: its document keeps its text.
	if err := r.blobs.Delete(ctx, catalog.OriginalKey(lost.SHA256)); err != nil {
		t.Fatal(err)
	}

	svc, done = r.service(t)
	queued, kept, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(queued, []string{photo.ID}) {
		t.Errorf("queued %v, want only the uncited document read by older rules (%s)", queued, photo.ID)
	}
	if len(kept) != 2 || kept[0].Document.ID != cited.ID || kept[0].Cited != 1 ||
		kept[1].Document.ID != lost.ID || kept[1].Reason == "" {
		t.Errorf("kept %+v, want the cited document with its one citation, then the one whose original failed with why", kept)
	}
	if d, err := r.cat.Document(ctx, lost.ID); err != nil || d.Status != catalog.StatusIndexed {
		t.Errorf("the document whose new reading failed: %+v, %v; want it indexed as it was", d, err)
	}
	if got, err := LoadText(ctx, r.blobs, lost.SHA256); err != nil || got.Pages[0] != garbage {
		t.Errorf("its text: %+v, %v; want the old one kept", got, err)
	}

	if err := svc.Start(ctx); err != nil { // starting queues what is stored
		t.Fatal(err)
	}
	if d := waitFor(t, done, 1)[photo.ID]; d == nil || d.Status != catalog.StatusIndexed {
		t.Fatalf("the document read again: %+v", d)
	}
	got, err := LoadText(ctx, r.blobs, photo.SHA256)
	if err != nil || got.Version != extract.VersionOf("txt") || !strings.Contains(got.Pages[0], "1260场") {
		t.Errorf("text read again: %+v, %v; want today's reading of the file", got, err)
	}
	if n := hits(t, r.idx, "1260场"); n != 1 {
		t.Errorf("search for 1260场 after the reading: %d hits, want 1", n)
	}
	if got, err := LoadText(ctx, r.blobs, cited.SHA256); err != nil || got.Version != extract.Version-1 {
		t.Errorf("cited text: %+v, %v; want it kept as the claim saw it", got, err)
	}
	if got, err := LoadText(ctx, r.blobs, current.SHA256); err != nil || got.Version != extract.VersionOf("txt") {
		t.Errorf("current text: %+v, %v", got, err)
	}
	if queued, _, err := svc.RereadOutdated(ctx, nil); err != nil || len(queued) != 0 {
		t.Errorf("a second pass queued %v (%v), want nothing", queued, err)
	}
}

// TestRereadOutdatedByReader: a change to one reader's rules (tables:
// long runs of empty cells written as one) makes only what that reader
// read outdated, not every document (scans would be read by OCR again).
func TestRereadOutdatedByReader(t *testing.T) {
	r := newRig(t)
	ctx := context.Background()
	svc, done := r.service(t)
	if err := svc.Start(ctx); err != nil {
		t.Fatal(err)
	}
	ledger := submitText(t, svc, "社区学校台账.csv", "区县,社区学校数量\n海曙区,342\n").Document
	notice := submitText(t, svc, "通知.txt", "关于开展全民终身学习活动周的通知。").Document
	waitFor(t, done, 2)
	svc.Close()
	for _, tc := range []struct {
		d         *catalog.Document
		extractor string
	}{{ledger, "csv"}, {notice, "txt"}} {
		got, err := LoadText(ctx, r.blobs, tc.d.SHA256)
		if err != nil || got.Extractor != tc.extractor || got.Version != extract.VersionOf(tc.extractor) {
			t.Fatalf("%s: stored %+v, %v; want read by %s at today's version", tc.d.Filename, got, err, tc.extractor)
		}
		if tc.d == ledger {
			got.Version-- // what the rules before the tables' change wrote
		}
		saveOlderText(t, r, tc.d.SHA256, got)
	}
	svc, _ = r.service(t)
	queued, _, err := svc.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(queued, []string{ledger.ID}) {
		t.Errorf("queued %v, want only the ledger (%s), whose reader changed", queued, ledger.ID)
	}
}
