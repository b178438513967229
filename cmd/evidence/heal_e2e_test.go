package main

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The probe's journey (s27 §5): a flipped byte in a stored original;
// check names it and says that uploading the file again mends it; the
// coordinator ingests the file again and is told it mended the original;
// check passes.
func TestIngestingTheSameFileAgainMendsADamagedOriginal(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	policy := ids["ningbo-policy.pdf"]
	original := filepath.Join(data, "blobs", "objects", "originals", fixtureSHA(t, "ningbo-policy.pdf"))
	b, err := os.ReadFile(original)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)/2] ^= 0x01
	if err := os.WriteFile(original, b, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := runCLI(t, "check", "--data", data)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("check after a flipped byte: %v, want exit 1\n%s", err, out)
	}
	if !hasLineWith(out, policy, "  [原件] 原件哈希不符") || !strings.Contains(out, "重新上传同一原件即可修复，或从备份恢复") {
		t.Errorf("check output does not name %s's damaged original and what mends it:\n%s", policy, out)
	}
	out, err = runCLI(t, "ingest", filepath.Join("testdata", "ningbo-policy.pdf"), "--data", data, "--city", "330200", "--type", "policy")
	if err != nil {
		t.Fatalf("ingest again: %v\n%s", err, out)
	}
	if !strings.Contains(out, "已用上传的文件修复损坏的原件《") || !strings.Contains(out, policy) || !strings.Contains(out, "重复 1") {
		t.Errorf("ingest of the same file does not say it mended the original (and counts it a duplicate):\n%s", out)
	}
	if out, err := runCLI(t, "check", "--data", data); err != nil || !strings.Contains(out, "校验通过") {
		t.Fatalf("check after the repair: %v\n%s", err, out)
	}
	out, err = runCLI(t, "ingest", filepath.Join("testdata", "ningbo-policy.pdf"), "--data", data, "--city", "330200", "--type", "policy", "--lang", "en")
	if err != nil || !strings.Contains(out, "duplicate") || strings.Contains(out, "repaired") {
		t.Errorf("ingest of a sound duplicate in English: %v\n%s", err, out)
	}
}
