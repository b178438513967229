package documents_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestBulkRoundChangeOfARoundsListLeavesOtherRoundsDocumentsAlone: 杭州's
// list of 2018 holds a 2018 work summary and a 2017 policy linked into
// 2018. Moving "the round's documents" to 2019 moves the summary; the
// policy keeps 2017 (changing it would take it out of 2017's report) and
// its outcome says so, skipped rather than failed. Without a listed round
// (documents picked one by one) the round changes as asked.
func TestBulkRoundChangeOfARoundsListLeavesOtherRoundsDocumentsAlone(t *testing.T) {
	e := withRound2019(t)
	ctx := context.Background()
	summary := uploadInRound(t, e, "工作总结.txt", "杭州市2018年社区教育工作总结。", "2018")
	policy := uploadInRound(t, e, "实施意见.txt", "杭州市关于建立学分银行的实施意见。", "2017", 2017, 2018)
	to := "2019"
	out, err := e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{summary.ID, policy.ID},
		Patch: catalog.DocumentPatch{Round: &to}, ListedRound: "2018"})
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range out {
		d, _ := e.Catalog.Document(ctx, o.ID)
		switch o.ID {
		case summary.ID:
			if o.Err != nil || o.Skipped || d.Round != "2019" {
				t.Errorf("the 2018 summary: err %v, skipped %v, round %q; want moved to 2019", o.Err, o.Skipped, d.Round)
			}
		case policy.ID:
			msg := catalog.ErrorMessage(o.Err)
			if !o.Skipped || o.Saved || d.Round != "2017" || !strings.Contains(msg, "属于 2017年度") || !strings.Contains(msg, "计入 2018年度") {
				t.Errorf("the 2017 policy linked into 2018: skipped %v, round %q, %q; want skipped, still 2017, saying why", o.Skipped, d.Round, msg)
			}
			if catalog.ErrorCode(o.Err) != catalog.ECONFLICT {
				t.Errorf("the skipped policy's code %s, want ECONFLICT", catalog.ErrorCode(o.Err))
			}
		}
	}
	docs, err := e.Catalog.RoundLinkedDocuments(ctx, "330100", 2017)
	if err != nil || len(docs["2.3.1"]) != 1 {
		t.Errorf("2.3.1 in 2017 after the bulk change: %v %v, want the policy still there", docs["2.3.1"], err)
	}

	out, err = e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{policy.ID}, Patch: catalog.DocumentPatch{Round: &to}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("the policy picked alone: %v %+v", err, out)
	}
	if d, _ := e.Catalog.Document(ctx, policy.ID); d.Round != "2019" {
		t.Errorf("the policy picked alone: round %q, want 2019", d.Round)
	}
}

// TestBulkRoundSkipKeepsTheRestOfTheChange: a bulk change of round, issuer and an indicator made from 2018's list:
// a 2017 policy listed there only by a link keeps its round, as designed,
// and gets the issuer and the link; its outcome says both.
func TestBulkRoundSkipKeepsTheRestOfTheChange(t *testing.T) {
	e := withRound2019(t)
	ctx := context.Background()
	policy := uploadInRound(t, e, "实施意见.txt", "杭州市关于建立学分银行的实施意见。", "2017", 2018)
	to, issuer := "2019", "杭州市教育局"
	out, err := e.Documents.Bulk(ctx, coordA, documents.BulkChange{IDs: []string{policy.ID}, Indicator: "2.3.2",
		Patch: catalog.DocumentPatch{Round: &to, Issuer: &issuer}, ListedRound: "2018"})
	if err != nil {
		t.Fatal(err)
	}
	if !out[0].Skipped || !out[0].Saved || !strings.Contains(catalog.ErrorMessage(out[0].Err), "其他修改已保存") {
		t.Errorf("outcome: skipped %v, saved %v, %q; want skipped and saved, saying the other changes were saved", out[0].Skipped, out[0].Saved, catalog.ErrorMessage(out[0].Err))
	}
	d, err := e.Catalog.Document(ctx, policy.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d.Round != "2017" || d.Issuer != issuer {
		t.Errorf("after the change: round %q, issuer %q; want round 2017 kept and issuer %s", d.Round, d.Issuer, issuer)
	}
	links, err := e.Catalog.DocumentLinks(ctx, policy.ID)
	if err != nil {
		t.Fatal(err)
	}
	linked := false
	for _, l := range links {
		linked = linked || l.IndicatorCode == "2.3.2"
	}
	if !linked {
		t.Errorf("links after the change: %+v, want one to 2.3.2", links)
	}
}

// withRound2019 is an archive whose rounds run to 2019.
func withRound2019(t *testing.T) *testenv.Env {
	t.Helper()
	e := testenv.New(t)
	if err := e.Framework.AddRound(context.Background(), testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	return e
}

// uploadInRound uploads a document of 杭州 and sets its round, then links
// it to 2.3.1 in each of linkedInto.
func uploadInRound(t *testing.T, e *testenv.Env, name, text, round string, linkedInto ...int) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	d := e.Upload("330100", name, text)
	if _, err := e.Documents.Edit(ctx, testenv.Admin, d.ID, catalog.DocumentPatch{Round: &round}); err != nil {
		t.Fatal(err)
	}
	for _, r := range linkedInto {
		if err := e.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1"}, r); err != nil {
			t.Fatal(err)
		}
	}
	return d
}
