package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/report"
)

// TestServeRefusesACatalogMovedToPostgres is the operator probe's second
// finding: the catalog.db catalog migrate leaves behind is marked as
// moved, and serve (or check) on it without EVIDENCE_DATABASE_URL refuses,
// naming the database it went to and the way back, instead of serving it
// beside the shared catalog; migrate refuses to move it a second time;
// evidence catalog revert is the way back, after which serve opens it.
func TestServeRefusesACatalogMovedToPostgres(t *testing.T) {
	dbURL := pgtest.DatabaseURL(t)
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	old := filepath.Join(t.TempDir(), "一台机器")
	ingestFixtures(t, old)
	out, err := runCLI(t, "catalog", "migrate", "--data", old, "--to", dbURL)
	if err != nil {
		t.Fatalf("catalog migrate: %v\n%s", err, out)
	}
	if !strings.Contains(out, "已标记为已迁移") || !strings.Contains(out, "evidence catalog revert --data "+old) {
		t.Errorf("catalog migrate said %q, want the mark and the way back said", out)
	}
	if !strings.Contains(out, "下一步：各节点共用对象存储时，先运行 evidence blobs copy --to s3 --data "+old) {
		t.Errorf("catalog migrate said %q, want the originals' copy to the bucket named as the next step", out)
	}
	if !boundTo(t, old) {
		t.Errorf("catalog migrate did not bind the folder's store to the catalog it copied")
	}
	where := catalog.PostgresWhere(dbURL)

	err, _ = serveOnce(t, old)
	if err == nil {
		t.Fatal("serve without EVIDENCE_DATABASE_URL started on the catalog migrated to PostgreSQL")
	}
	zh, en := describeIn(err, report.Chinese), describeIn(err, report.English)
	if !strings.Contains(zh, "此目录已迁移到 PostgreSQL（"+where+"，") || !strings.Contains(zh, "请设置 EVIDENCE_DATABASE_URL；如需回退到本机目录，请运行 evidence catalog revert --data "+old) {
		t.Errorf("serve refused with %q, want the database and the way back named", zh)
	}
	if !strings.Contains(en, "This catalog was moved to PostgreSQL ("+where) || !strings.Contains(en, "evidence catalog revert --data "+old) {
		t.Errorf("in English: %q", en)
	}
	if _, err := runCLI(t, "check", "--data", old); err == nil || !strings.Contains(err.Error(), "此目录已迁移到 PostgreSQL") {
		t.Errorf("check on the moved catalog: %v, want the same refusal", err)
	}
	if _, err := runCLI(t, "catalog", "migrate", "--data", old, "--to", pgtest.DatabaseURL(t)); err == nil || !strings.Contains(err.Error(), "不再迁移第二次") {
		t.Errorf("a second migrate of the moved catalog, into an empty database: %v, want it refused", err)
	}

	// With the variable set the folder serves the shared catalog.
	t.Setenv("EVIDENCE_DATABASE_URL", dbURL)
	if err, out := serveOnce(t, old); err != nil {
		t.Fatalf("serve with EVIDENCE_DATABASE_URL: %v\n%s", err, out)
	}
	t.Setenv("EVIDENCE_DATABASE_URL", "")

	out, err = runCLI(t, "catalog", "revert", "--data", old)
	if err != nil || !strings.Contains(out, "已回退到本机目录") || !strings.Contains(out, where) {
		t.Fatalf("catalog revert: %v %q", err, out)
	}
	if err, out := serveOnce(t, old); err != nil {
		t.Errorf("serve on the catalog taken back: %v\n%s", err, out)
	}
}

// TestServeRefusesTheLocalCatalogOfANodeFolder: a data folder whose index
// follows a shared catalog (its follow record) is a node's, and a start
// without EVIDENCE_DATABASE_URL refuses it, whether the folder keeps a
// catalog.db from before a migration made with an older version (the
// probe's split brain: it reconciled the index against that file and
// took uploads) or none (one is not made there).
func TestServeRefusesTheLocalCatalogOfANodeFolder(t *testing.T) {
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	follow := func(data string) {
		t.Helper()
		if err := os.MkdirAll(data, 0o755); err != nil {
			t.Fatal(err)
		}
		rec := "seq 48\ncatalog " + catalog.NewFollowMark() + "\nmark " + catalog.NewFollowMark() + "\n"
		if err := os.WriteFile(filepath.Join(data, ingest.FollowStateName), []byte(rec), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const said = "的索引跟随的是 PostgreSQL 中的共享目录，现在却没有设置 EVIDENCE_DATABASE_URL"

	node := filepath.Join(t.TempDir(), "节点B")
	follow(node)
	err, _ := serveOnce(t, node)
	if err == nil || !strings.Contains(describeIn(err, report.Chinese), said) {
		t.Errorf("serve on a node's folder without EVIDENCE_DATABASE_URL: %v, want a refusal", err)
	}
	if en := describeIn(err, report.English); !strings.Contains(en, "follows a shared catalog in PostgreSQL, but EVIDENCE_DATABASE_URL is not set") {
		t.Errorf("in English: %q", en)
	}
	if zh := describeIn(err, report.Chinese); strings.Contains(zh, "catalog revert") || !strings.Contains(zh, "此文件夹中没有本机目录可以回退") {
		t.Errorf("a node's folder without catalog.db is sent to revert, which finds none (review s42b #4): %q", zh)
	}
	if _, err := os.Stat(filepath.Join(node, "catalog.db")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused start made a catalog in the node's folder (%v)", err)
	}

	migrated := filepath.Join(t.TempDir(), "节点A")
	ingestFixtures(t, migrated)
	follow(migrated)
	err, _ = serveOnce(t, migrated)
	if err == nil || !strings.Contains(describeIn(err, report.Chinese), said+"，打开的是本机的目录；请设置 EVIDENCE_DATABASE_URL 后重新运行；如需回退到本机目录，请运行 evidence catalog revert --data "+migrated) {
		t.Errorf("serve on a migrated node's folder with its old catalog.db: %v, want a refusal and the way back", err)
	}
	// With the variable set, revert would only make the node follow the
	// shared catalog from its first change: refused, nothing changed.
	t.Setenv("EVIDENCE_DATABASE_URL", "postgres://evidence@127.0.0.1:1/archive")
	if out, err := runCLI(t, "catalog", "revert", "--data", migrated); err == nil || !strings.Contains(out+describeIn(err, report.Chinese), "未做任何改动") {
		t.Errorf("catalog revert with EVIDENCE_DATABASE_URL set: %v %q, want a refusal", err, out)
	}
	if _, shared := ingest.FollowsSharedCatalog(filepath.Join(migrated, ingest.FollowStateName)); !shared {
		t.Error("the refused revert forgot the shared catalog the index follows")
	}
	os.Unsetenv("EVIDENCE_DATABASE_URL")
	if out, err := runCLI(t, "catalog", "revert", "--data", migrated); err != nil {
		t.Fatalf("catalog revert: %v\n%s", err, out)
	}
	if err, out := serveOnce(t, migrated); err != nil {
		t.Errorf("serve after revert: %v\n%s", err, out)
	}
}

// check (and every command on an existing archive) run on a node's folder
// without EVIDENCE_DATABASE_URL says to set it, as serve does, rather than
// that the folder is no archive at all, which sends the operator to look
// for another folder (probe s53).
func TestCheckOnANodeFolderWithoutTheURLSaysToSetIt(t *testing.T) {
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	node := filepath.Join(t.TempDir(), "杭州节点")
	if err := os.MkdirAll(node, 0o755); err != nil {
		t.Fatal(err)
	}
	rec := "seq 12\ncatalog " + catalog.NewFollowMark() + "\nmark " + catalog.NewFollowMark() + "\n"
	if err := os.WriteFile(filepath.Join(node, ingest.FollowStateName), []byte(rec), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{{"check"}, {"city", "list"}} {
		out, err := runCLI(t, append(args, "--data", node)...)
		zh := out + describeIn(err, report.Chinese)
		if err == nil || !strings.Contains(zh, "现在却没有设置 EVIDENCE_DATABASE_URL") || strings.Contains(zh, "不是一个档案库") {
			t.Errorf("%v on a node's folder without EVIDENCE_DATABASE_URL: %v %q, want it told to set EVIDENCE_DATABASE_URL", args, err, zh)
		}
	}
}
