package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestRepairOutdatedReadsOlderTextsAgain: a document archived before a
// reader was mended keeps the text it was read as then (here, garbage an
// older OCR gave); plain repair leaves it, being sound; repair --outdated
// reads it again from its original and indexes it anew.
func TestRepairOutdatedReadsOlderTextsAgain(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	sha := fixtureSHA(t, "wuhan-case.html")
	setOldText(t, data, sha, "x 8 «es 7 a | Be FE © Fe")

	out, err := runCLI(t, "repair", "--data", data)
	if err != nil || !strings.Contains(out, "没有需要重新提取的文档") {
		t.Fatalf("repair of a sound archive: %v\n%s", err, out)
	}
	out, err = runCLI(t, "repair", "--outdated", "--data", data)
	if err != nil || !strings.Contains(out, "重新提取 1 个文档") || !strings.Contains(out, "wuhan-case.html  → 可检索") {
		t.Fatalf("repair --outdated: %v, want the document read again and indexed\n%s", err, out)
	}
	blobs, err := blob.NewFolder(filepath.Join(data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	got, err := ingest.LoadText(context.Background(), blobs, sha)
	if err != nil || got.Version != extract.VersionOf(got.Extractor) || !strings.Contains(strings.Join(got.Pages, ""), "武汉") {
		t.Errorf("text after repair --outdated: %+v, %v; want today's reading of the page", got, err)
	}
	if out, err := runCLI(t, "check", "--data", data); err != nil || !strings.Contains(out, "校验通过") {
		t.Errorf("check after repair --outdated: %v\n%s", err, out)
	}
}

// setOldText stores text as what an older version of the readers made of
// the original sha, with its hash and reader recorded, as such an archive
// has it.
func setOldText(t *testing.T, data, sha, text string) {
	t.Helper()
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	blobs, err := blob.NewFolder(filepath.Join(data, "blobs"))
	if err != nil {
		t.Fatal(err)
	}
	old := &ingest.StoredText{Extractor: "ocr", Version: extract.Version - 1, Pages: []string{text}}
	h, err := ingest.SaveText(ctx, blobs, sha, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := cat.RecordTextHash(ctx, sha, h); err != nil {
		t.Fatal(err)
	}
	if err := cat.RecordTextReader(ctx, sha, catalog.TextReader{Name: old.Extractor, Version: old.Version}); err != nil {
		t.Fatal(err)
	}
}

// TestRepairOutdatedCountsTheQuotesCheckedAgain: a claim cites the case
// whose text an older OCR read as garbage, its quote not found there;
// repair --outdated reads the text again, finds the quote in it and says
// so, as /admin's line of a run does: 重新核对引文 1 处，其中 1 处结果变化.
func TestRepairOutdatedCountsTheQuotesCheckedAgain(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ingestFixtures(t, data)
	sha := fixtureSHA(t, "wuhan-case.html")
	setOldText(t, data, sha, "x 8 «es 7 a | Be FE © Fe")
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	docs, err := cat.DocumentsBySHA256(ctx, []string{sha}, "330200")
	if err != nil || docs[sha] == nil {
		cat.Close()
		t.Fatalf("the case's document: %v, %v", docs, err)
	}
	claim := &catalog.Claim{City: "330200", Round: 2018, Indicator: "1.1.1", Statement: "江汉区培育社区学习共同体120个", CreatedBy: "admin",
		Citations: []catalog.Citation{{DocumentID: docs[sha].ID, SHA256: sha, Page: 1, Quote: "江汉区培育社区学习共同体120个"}}}
	err = cat.CreateClaim(ctx, claim)
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "repair", "--outdated", "--data", data)
	if err != nil || !strings.Contains(out, "重新核对引文 1 处，其中 1 处结果变化") || strings.Contains(out, "核对失败") {
		t.Fatalf("repair --outdated: %v, want 重新核对引文 1 处，其中 1 处结果变化\n%s", err, out)
	}
}
