package main

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// `evidence ingest --round` naming a round no admin added (a slip: 2109)
// stops before anything is stored, saying the round does not exist and
// where rounds are added, in the language asked; a round that exists
// imports. Before, the catalog's hold refused each file with the message
// of a round deleted meanwhile, telling the operator to reload a page.
func TestIngestRoundNeverAddedStopsTheImport(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	file := filepath.Join(t.TempDir(), "社区教育工作总结.txt")
	if err := os.WriteFile(file, []byte("杭州市二〇一八年社区教育工作总结。"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		lang, round, want string
	}{
		{"zh", "2109", "监测轮次 2109 不存在：请填写已有的轮次；如确需这一轮次，请管理员先在“系统管理”页的“监测轮次”中添加"},
		{"en", "2109", "There is no monitoring round 2109: give a round that exists; if this round is needed, an admin adds it first under Rounds on the Administration page"},
		{"zh", "2018", ""},
	} {
		_, err := runCLI(t, "ingest", file, "--data", data, "--city", "330100", "--type", "work_summary", "--round", tc.round, "--lang", tc.lang)
		lang := report.Chinese
		if tc.lang == "en" {
			lang = report.English
		}
		if got := describeOrNothing(err, lang); got != tc.want {
			t.Errorf("ingest --round %s --lang %s: %q; want %q", tc.round, tc.lang, got, orImported(tc.want))
		}
		if tc.want != "" {
			if n := documentsIn(t, data); n != 0 {
				t.Errorf("ingest --round %s stored %d documents; want none", tc.round, n)
			}
		}
	}
	if n := documentsIn(t, data); n != 1 {
		t.Errorf("ingest --round 2018 stored %d documents; want 1", n)
	}
}

func describeOrNothing(err error, lang report.Lang) string {
	if err == nil {
		return ""
	}
	return describeIn(err, lang)
}

func orImported(want string) string {
	if want == "" {
		return "imported"
	}
	return want
}

// documentsIn counts the documents of the archive in data.
func documentsIn(t *testing.T, data string) int {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	_, n, err := cat.FindDocuments(context.Background(), catalog.DocumentFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}
