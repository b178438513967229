package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestDocumentsRestore: 杭州's 学分银行管理办法, cited by a claim found 属实,
// is deleted by an admin. `documents restore ID` on the data folder brings
// it back and the claim's verdict with it, and says so. Deleted again, the
// claim is found 证据不足 meanwhile: `documents restore --server` as the
// city's coordinator brings the document back and names the claim as kept,
// its verdict as it is now. Without an ID it says what to give.
func TestDocumentsRestore(t *testing.T) {
	ctx := context.Background()
	data := filepath.Join(t.TempDir(), "data")
	coord := addUser(t, data, "--name", "wang", "--role", "coordinator", "--city", "330100")
	file := filepath.Join(t.TempDir(), "学分银行管理办法.txt")
	if err := os.WriteFile(file, []byte("杭州市学分银行管理办法。第一条 为建立学分银行，推行终身学习护照制度，制定本办法。"), 0o644); err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "ingest", file, "--data", data, "--city", "330100", "--type", "policy", "--round", "2018"); err != nil {
		t.Fatalf("ingest: %v\n%s", err, out)
	}
	cat := openDataCatalog(t, data)
	docs, _, err := cat.FindDocuments(ctx, catalog.DocumentFilter{})
	if err != nil || len(docs) != 1 {
		t.Fatalf("the ingested document: %v %v", docs, err)
	}
	doc := docs[0]
	c := &catalog.Claim{City: "330100", Round: 2018, Indicator: "2.3.1", Statement: "杭州市建立了学分银行", CreatedBy: "wang",
		Citations: []catalog.Citation{{DocumentID: doc.ID, SHA256: doc.SHA256, Page: 1, Quote: "建立学分银行", QuoteFound: true, FoundOnPage: 1}}}
	if err := cat.CreateClaim(ctx, c); err != nil {
		t.Fatal(err)
	}
	if err := cat.AddReview(ctx, &catalog.Review{ClaimID: c.ID, Reviewer: "li", Verdict: catalog.ClaimVerified}); err != nil {
		t.Fatal(err)
	}
	if _, err := cat.DeleteDocument(ctx, doc.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	if _, err := runCLI(t, "documents", "restore", "--data", data); !strings.Contains(catalog.ErrorMessage(err), "请给出一份已删除文档的 ID") {
		t.Errorf("documents restore without an ID: %v, want it to ask for one", err)
	}
	out, err := runCLI(t, "documents", "restore", doc.ID, "--data", data)
	if err != nil || !strings.Contains(out, "已恢复文档 "+doc.ID+"《"+doc.Title+"》") ||
		!strings.Contains(out, "因删除而清除的审核结论已恢复：定性描述 1 条、数值 0 个") {
		t.Fatalf("documents restore on the data folder: %v\n%s", err, out)
	}
	cat = openDataCatalog(t, data)
	if got, err := cat.Claim(ctx, c.ID); err != nil || got.Status != catalog.ClaimVerified {
		t.Errorf("the claim after the restore: %+v %v, want verified again", got, err)
	}
	if _, err := cat.DeleteDocument(ctx, doc.ID, "admin"); err != nil {
		t.Fatal(err)
	}
	if err := cat.AddReview(ctx, &catalog.Review{ClaimID: c.ID, Reviewer: "li", Verdict: catalog.ClaimInsufficient, Comment: "出处已删除"}); err != nil {
		t.Fatal(err)
	}
	cat.Close()

	s := startServer(t, data)
	var stdout, stderr bytes.Buffer
	err = run(t.Context(), []string{"documents", "restore", doc.ID, "--server", s.base, "--token", coord}, &stdout, &stderr)
	if got := stdout.String(); err != nil || !strings.Contains(got, "已恢复文档 "+doc.ID) ||
		!strings.Contains(got, "另有 1 项在删除后已被修改、重新审核或重新提交，未恢复，保持现状：\n  定性描述 "+c.ID) {
		t.Errorf("documents restore --server: %v\nstdout: %s\nstderr: %s", err, got, stderr.String())
	}
}
