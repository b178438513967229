package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
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
