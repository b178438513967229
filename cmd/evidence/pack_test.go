package main

import (
	"archive/zip"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestPackAndVerifyPackCLI writes a report and a pack from the command
// line, verifies the pack, then a copy whose original was changed.
func TestPackAndVerifyPackCLI(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if _, err := runCLI(t, "ingest", filepath.Join("testdata", "wuhan-case.html"), "--data", data, "--city", "420100",
		"--type", "case", "--round", "2017", "--indicator", "2.3.1"); err != nil {
		t.Fatal(err)
	}
	// The report command, like pack, opens the data folder without the index.
	if out, err := runCLI(t, "report", "--data", data, "--city", "420100", "--round", "2017",
		"--out", filepath.Join(t.TempDir(), "r.xlsx")); err != nil || !strings.Contains(out, "已生成") {
		t.Fatalf("report: %q %v", out, err)
	}
	out, err := runCLI(t, "report", "--data", data, "--city", "330100", "--round", "2017", "--out", filepath.Join(t.TempDir(), "r.docx"), "--format", "docx")
	if err != nil || !strings.Contains(out, "报告为空") {
		t.Fatalf("report of a city without data: %q %v, want it said empty", out, err)
	}
	noHalfWidth(t, "report", out)
	out, err = runCLI(t, "coverage", "--data", data, "--city", "420100", "--round", "2017")
	if err != nil || !strings.Contains(out, "个关键指标已有佐证（待确认及缺数值的定量指标不计）") {
		t.Fatalf("coverage: %q %v", out, err)
	}
	noHalfWidth(t, "coverage", out)
	pack := filepath.Join(t.TempDir(), "武汉.zip")
	out, err = runCLI(t, "pack", "--data", data, "--city", "420100", "--round", "2017", "--out", pack)
	if err != nil || !strings.Contains(out, "原件 1 份") {
		t.Fatalf("pack: %q %v, want one original", out, err)
	}
	if out, err := runCLI(t, "verify-pack", pack); err != nil || !strings.Contains(out, "核验通过") {
		t.Fatalf("verify-pack of a fresh pack: %q %v", out, err)
	}

	tampered := filepath.Join(t.TempDir(), "tampered.zip")
	changed := copyPackChanging(t, pack, tampered, "originals/")
	out, err = runCLI(t, "verify-pack", tampered)
	var ee exitError
	if !errors.As(err, &ee) || ee.code != 1 {
		t.Fatalf("verify-pack of a tampered pack: err %v, want exit 1", err)
	}
	if !strings.Contains(out, "不一致 "+changed) {
		t.Errorf("verify-pack output %q does not name %s", out, changed)
	}
	if _, err := runCLI(t, "verify-pack", filepath.Join("testdata", "wuhan-case.html")); err == nil {
		t.Errorf("verify-pack of a file that is not a zip succeeded")
	}
}

// copyPackChanging copies a pack, appending a byte to the first file whose
// name starts with prefix, and returns that file's name.
func copyPackChanging(t *testing.T, from, to, prefix string) string {
	t.Helper()
	zr, err := zip.OpenReader(from)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	f, err := os.Create(to)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zw := zip.NewWriter(f)
	changed := ""
	for _, zf := range zr.File {
		rc, _ := zf.Open()
		body, _ := io.ReadAll(rc)
		rc.Close()
		if changed == "" && strings.HasPrefix(zf.Name, prefix) {
			changed, body = zf.Name, append(body, ' ')
		}
		w, _ := zw.Create(zf.Name)
		w.Write(body)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return changed
}

// TestVerifyPackNamesAMissingFile: a pack that is not there is said in
// words, not as Go's open error.
func TestVerifyPackNamesAMissingFile(t *testing.T) {
	_, err := runCLI(t, "verify-pack", filepath.Join(t.TempDir(), "佐证材料包.zip"))
	if err == nil || !strings.Contains(err.Error(), "找不到佐证材料包") || strings.Contains(err.Error(), "open pack") {
		t.Errorf("verify-pack of a missing file: %v", err)
	}
}
