package documents_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// A bulk change of round, issuer and an indicator made from 2018's list:
// a 2017 policy listed there only by a link keeps its round, as designed,
// and gets the issuer and the link; its outcome says both.
func TestBulkRoundSkipKeepsTheRestOfTheChange(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019}); err != nil {
		t.Fatal(err)
	}
	policy := e.Upload("330100", "实施意见.txt", "杭州市关于建立学分银行的实施意见。")
	r17 := "2017"
	if _, err := e.Documents.Edit(ctx, testenv.Admin, policy.ID, catalog.DocumentPatch{Round: &r17}); err != nil {
		t.Fatal(err)
	}
	if err := e.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: policy.ID, IndicatorCode: "2.3.1"}, 2018); err != nil {
		t.Fatal(err)
	}
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
