package main

import (
	"bytes"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/internal/pgtest"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// TestSingleMachineArchiveGrowsOntoPostgresAndS3 walks an operator's move
// from one machine to shared storage: an archive built on SQLite and the
// folder store, `evidence catalog migrate --to postgres://…` and
// `evidence blobs copy --to s3` (run twice: the second resumes and copies
// nothing), then `evidence serve` on the new settings with a new data
// folder — its index catches up from the catalog and the stored text — and
// search finds every document there; `evidence check` passes.
func TestSingleMachineArchiveGrowsOntoPostgresAndS3(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	dbURL := pgtest.DatabaseURL(t)
	for _, k := range []string{"EVIDENCE_DATABASE_URL", "EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	old := filepath.Join(t.TempDir(), "one-machine")
	ids := ingestFixtures(t, old)

	out, err := runCLI(t, "catalog", "migrate", "--data", old, "--to", dbURL)
	if err != nil {
		t.Fatalf("catalog migrate: %v", err)
	}
	if !strings.Contains(out, "逐表核对行数一致") || !strings.Contains(out, "document") {
		t.Errorf("catalog migrate said %q", out)
	}
	if _, err := runCLI(t, "catalog", "migrate", "--data", old, "--to", dbURL); err == nil {
		t.Errorf("a second migrate into the same database was not refused")
	}

	useS3(t, g.Addr, "evidence-grown")
	out, err = runCLI(t, "blobs", "copy", "--to", "s3", "--data", old)
	if err != nil {
		t.Fatalf("blobs copy: %v", err)
	}
	// Three originals and their three texts; the summary line, no bar
	// frames (stderr is not a terminal here).
	if !strings.Contains(out, "6 个对象") || !strings.Contains(out, "复制 6 个") {
		t.Errorf("blobs copy said %q, want 6 objects copied", out)
	}
	if out, err = runCLI(t, "blobs", "copy", "--to", "s3", "--data", old); err != nil || !strings.Contains(out, "跳过 6 个") {
		t.Errorf("blobs copy again: %q %v, want all 6 skipped", out, err)
	}
	// The bucket names the catalog copied as its own (blob/binding.go).
	cfg, _ := blob.ConfigFromEnv()
	bucket, err := blob.NewS3(t.Context(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := blob.ReadBinding(t.Context(), bucket); err != nil || !b.Names(catalogIdentity(t, old).ID) {
		t.Errorf("after blobs copy the bucket's binding is %+v (%v), want it to name the catalog copied", b, err)
	}

	t.Setenv("EVIDENCE_DATABASE_URL", dbURL)
	node := filepath.Join(t.TempDir(), "node")
	s := startServer(t, node)
	waitReady(t, "grown", s)
	for _, tc := range []struct{ file, q string }{
		{"ningbo-policy.pdf", "学分银行"},
		{"wuhan-case.html", "社区学习共同体"},
		{"chengdu-news-gb18030.txt", "全民终身学习活动周"},
	} {
		if _, ok := waitSearch(s, tc.q, ids[tc.file], true, time.Minute); !ok {
			t.Errorf("search %q on the grown archive does not find %s", tc.q, tc.file)
		}
	}
	pdf, _ := os.ReadFile(filepath.Join("testdata", "ningbo-policy.pdf"))
	if _, got := s.raw("/api/v1/documents/" + ids["ningbo-policy.pdf"] + "/original"); !bytes.Equal(got, pdf) {
		t.Errorf("the original read from S3 differs from the file ingested on one machine")
	}
	s.stop()
	if out, err := runCLI(t, "check", "--data", node); err != nil {
		t.Fatalf("check on the new settings: %v\n%s", err, out)
	}
	// backup copies a one-machine archive; here it says what to use instead,
	// before it writes anything.
	backupDir := filepath.Join(t.TempDir(), "backup")
	if out, err := runCLI(t, "backup", "--data", node, "--out", backupDir); err == nil ||
		!strings.Contains(err.Error(), "pg_dump") || !strings.Contains(err.Error(), "存储桶") || strings.Contains(err.Error(), "上一次") {
		t.Errorf("backup of an archive on PostgreSQL: %q %v, want a refusal naming pg_dump and the bucket's tools", out, err)
	}
	if _, err := os.Stat(backupDir); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the refused backup left %s behind (%v)", backupDir, err)
	}
}

// TestServeWarnsOfASharedCatalogWithLocalBlobs: a node on a PostgreSQL
// catalog with its files in a local folder says that it must run alone.
func TestServeWarnsOfASharedCatalogWithLocalBlobs(t *testing.T) {
	for _, k := range []string{"EVIDENCE_S3_ENDPOINT", "EVIDENCE_S3_BUCKET"} {
		t.Setenv(k, "")
	}
	t.Setenv("EVIDENCE_DATABASE_URL", pgtest.DatabaseURL(t))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	var out bytes.Buffer
	err := runServe(ctx, []string{"--data", filepath.Join(t.TempDir(), "node"), "--addr", "127.0.0.1:0"}, &out, io.Discard,
		quietLogger(io.Discard), func(string) { cancel() })
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "只能运行这一个节点") || !strings.Contains(out.String(), "S3") {
		t.Errorf("serve on PostgreSQL with local files printed %q, want it told to run alone or use one S3 bucket", out.String())
	}
}
