package main

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/internal/s3gw"
	"github.com/lcmonitor/evidence/report"
)

// TestServeRefusesAMistypedBucket is the operator probe's first finding:
// a node started with a mistyped EVIDENCE_S3_BUCKET against a catalog
// that holds documents neither creates that bucket nor starts (it would
// have followed the catalog with none of its texts, said it was ready
// and taken uploads no other node could read), and an existing bucket
// that holds none of the catalog's originals is refused alike; both
// messages name the bucket and EVIDENCE_S3_BUCKET, in Chinese and in
// English. The right bucket starts as before.
func TestServeRefusesAMistypedBucket(t *testing.T) {
	g, err := s3gw.Start()
	if err != nil {
		s3gw.Require(t, err)
	}
	defer g.Close()
	t.Setenv("EVIDENCE_DATABASE_URL", "")
	useS3(t, g.Addr, "evbucket")
	data := filepath.Join(t.TempDir(), "node")
	ingestFixtures(t, data)
	if err, out := serveOnce(t, data); err != nil {
		t.Fatalf("serve on the archive's own bucket: %v\n%s", err, out)
	}

	t.Setenv("EVIDENCE_S3_BUCKET", "evbuckte")
	err, _ = serveOnce(t, data)
	if err == nil {
		t.Fatal("serve started on a mistyped bucket while the catalog holds 3 documents")
	}
	zh, en := describeIn(err, report.Chinese), describeIn(err, report.English)
	if !strings.Contains(zh, "存储桶 evbuckte 不存在") || !strings.Contains(zh, "EVIDENCE_S3_BUCKET") {
		t.Errorf("serve on a mistyped bucket refused with %q, want the bucket and EVIDENCE_S3_BUCKET named", zh)
	}
	if !strings.Contains(en, "The bucket evbuckte does not exist") || !strings.Contains(en, "EVIDENCE_S3_BUCKET") {
		t.Errorf("in English: %q", en)
	}
	cfg, _ := blob.ConfigFromEnv()
	cfg.KeepMissing = true
	if _, err := blob.NewS3(t.Context(), cfg); !errors.Is(err, blob.ErrNoBucket) {
		t.Errorf("the mistyped bucket exists after the refused start (%v): serve created it", err)
	}

	// A bucket that exists and holds none of the catalog's originals.
	t.Setenv("EVIDENCE_S3_BUCKET", "evbucket-other")
	cfg, _ = blob.ConfigFromEnv()
	if _, err := blob.NewS3(t.Context(), cfg); err != nil {
		t.Fatal(err)
	}
	err, _ = serveOnce(t, data)
	if zh := describeIn(err, report.Chinese); err == nil || !strings.Contains(zh, "存储桶 evbucket-other 中只找到目录中最新 3 个文档里 0 个的原件") {
		t.Errorf("serve on another bucket: %v, want a refusal naming it", err)
	}
	if out, err := runCLI(t, "check", "--data", data); err == nil || !strings.Contains(err.Error(), "EVIDENCE_S3_BUCKET") {
		t.Errorf("check on another bucket: %v\n%s; want the refusal", err, out)
	}

	t.Setenv("EVIDENCE_S3_BUCKET", "evbucket")
	if err, out := serveOnce(t, data); err != nil {
		t.Errorf("serve on the right bucket again: %v\n%s", err, out)
	}
}
