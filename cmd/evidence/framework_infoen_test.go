package main

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFrameworkExportWritesInfoEN: a framework table imported with an
// English 信息性质说明 column (英文信息性质说明) is exported by
// `evidence framework export` with it, from the catalog; a row that had
// none exports none.
func TestFrameworkExportWritesInfoEN(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	table := filepath.Join("..", "..", "framework", "testdata", "info-en.csv")
	if _, err := runCLI(t, "framework", "import", table, "--data", data, "--name", "学分银行指标体系"); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "指标体系.csv")
	if _, err := runCLI(t, "framework", "export", "--format", "csv", "--out", out, "--data", data); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(string(b), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := -1
	for i, h := range recs[0] {
		if h == "info_en" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("exported heading %q has no info_en", recs[0])
	}
	got := map[string]string{}
	for _, r := range recs[1:] {
		got[r[0]] = r[col]
	}
	if got["2.3.1"] != "Policy documents, pilot plans" || got["2.3.2"] != "" || len(got) != 4 {
		t.Errorf("exported info_en: %q", got)
	}
}
