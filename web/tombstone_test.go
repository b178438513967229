package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// TestDeletedDocumentPageIsATombstone: after admin deletes 杭州's 2018
// summary, its page answers 410 and says who deleted it and when, that
// the original is kept (its SHA-256, downloadable since a claim the
// coordinator sees cites it) and which claim still cites it, linked; the
// API's answer names the deletion too; the claim's 处理记录 records the
// deletion with the document's title. A document of no one is still 404.
func TestDeletedDocumentPageIsATombstone(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	summary := s.env.Upload("330100", "zongjie2018.txt", "2018年举办第八届杭州学习节，开展活动1200余场。")
	claim, err := s.env.Claims.Create(ctx, coord, claims.Input{City: "330100", Round: 2017, Indicator: "2.3.1",
		Statement: "举办第八届杭州学习节", Citations: []claims.CitationInput{{DocumentID: summary.ID, Page: 1, Quote: "举办第八届杭州学习节"}}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, admin, summary.ID); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	resp, page := wang.get("/documents/" + summary.ID)
	text := textOf(page)
	for _, want := range []string{"由 admin 删除", summary.SHA256, "/api/v1/originals/" + summary.SHA256, `href="/claims/` + claim.ID + `"`, "举办第八届杭州学习节"} {
		if !strings.Contains(page, want) && !strings.Contains(text, want) {
			t.Errorf("the deleted document's page lacks %q: %q", want, text)
		}
	}
	if resp.StatusCode != 410 {
		t.Errorf("the deleted document's page: status %d, want 410 Gone", resp.StatusCode)
	}
	if resp, _ := wang.get("/documents/01M91P0JGEHD00QTT567K513PB"); resp.StatusCode != 404 {
		t.Errorf("a document that never was: status %d, want 404", resp.StatusCode)
	}
	_, err = s.env.Documents.View(ctx, coord, summary.ID)
	if catalog.ErrorCode(err) != catalog.ENOTFOUND || !strings.Contains(catalog.ErrorMessage(err), "由 admin 删除") {
		t.Errorf("viewing the deleted document (GET /api/v1/documents/{id}): %v, want ENOTFOUND naming the deletion", err)
	}
	_, claimPage := wang.get("/claims/" + claim.ID)
	if h := textOf(claimPage)[strings.Index(textOf(claimPage), "处理记录"):]; !strings.Contains(h, "admin · 删除文档") || !strings.Contains(h, "《zongjie2018》") {
		t.Errorf("the claim's history does not record the deletion of its document: %q", textOf(claimPage))
	}
}

// TestDeletedSourceOfAValueKeepsItsOriginal: a deleted document cited
// only by a value offers its original on its page and by its SHA-256, as
// one a claim cites does, to the value's city only (review s38 #12).
func TestDeletedSourceOfAValueKeepsItsOriginal(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	coord := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	ledger := s.env.Upload("330100", "taizhang2017.txt", "2017年全市市民参与学习活动123.4万人次。")
	if _, err := s.env.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: "3.1.3", Value: values.Written("123.4万"),
		Citation: claims.CitationInput{DocumentID: ledger.ID, Page: 1, Quote: "全市市民参与学习活动123.4万人次"}}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Documents.Delete(ctx, admin, ledger.ID); err != nil {
		t.Fatal(err)
	}
	_, page := s.login("wang").get("/documents/" + ledger.ID)
	if !strings.Contains(page, "/api/v1/originals/"+ledger.SHA256) {
		t.Errorf("the page of a deleted document a value cites offers no original: %q", textOf(page))
	}
	if _, _, err := s.env.Documents.CitedOriginal(ctx, coord, ledger.SHA256); err != nil {
		t.Errorf("the value's city opening the original: %v", err)
	}
	other := &catalog.User{Username: "li", Role: catalog.RoleCoordinator, City: "510100"}
	if _, _, err := s.env.Documents.CitedOriginal(ctx, other, ledger.SHA256); err == nil {
		t.Error("another city's coordinator opened the original of a deleted document only 杭州 cites")
	}
}
