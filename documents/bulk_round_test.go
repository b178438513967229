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
	e := testenv.New(t)
	ctx := context.Background()
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	summary := e.Upload("330100", "工作总结.txt", "杭州市2018年社区教育工作总结。")
	policy := e.Upload("330100", "实施意见.txt", "杭州市关于建立学分银行的实施意见。")
	for id, round := range map[string]string{summary.ID: "2018", policy.ID: "2017"} {
		if _, err := e.Documents.Edit(ctx, testenv.Admin, id, catalog.DocumentPatch{Round: &round}); err != nil {
			t.Fatal(err)
		}
	}
	for _, round := range []int{2017, 2018} {
		if err := e.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: policy.ID, IndicatorCode: "2.3.1"}, round); err != nil {
			t.Fatal(err)
		}
	}
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
			if !o.Skipped || o.Saved || d.Round != "2017" || !strings.Contains(msg, "属于 2017 年度") || !strings.Contains(msg, "计入 2018 年度") {
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
