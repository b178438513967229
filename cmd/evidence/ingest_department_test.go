package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

// `evidence ingest --department` is held to the city's list of
// departments as the web and the API hold it: locally and through
// --server a typo (市教肓局) stops the import before anything is stored,
// with one message naming the list and the name in the language asked
// and exit status 1 (a plain error, not the usage's 2, nor a list of
// files each failed alike); a city with no list yet (成都) takes any name.
func TestIngestDepartmentOffTheListStopsTheImport(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	if err := os.MkdirAll(data, 0o755); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.AddDepartment(context.Background(), "330100", "市教育局", "admin"); err != nil {
		t.Fatal(err)
	}
	cat.Close()
	dir := t.TempDir()
	for _, name := range []string{"学分银行通知.txt", "社区教育总结.txt"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte("杭州市"+name+"：推进学习型城市建设。"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	const zh = "杭州的责任单位名单中没有“市教肓局”；请从名单中选择，或先在“责任分解”页的“管理责任单位名单”中添加"
	const en = "杭州's list of departments has no “市教肓局”: choose one from the list, or first add it under Responsibilities → Manage the list of departments"
	tests := []struct {
		city, dept, lang, want string
		stored                 int // documents in the archive after
	}{
		{"330100", "市教肓局", "zh", zh, 0},
		{"330100", "市教肓局", "en", en, 0},
		{"510100", "区社区学院", "zh", "", 2},
	}
	for _, tt := range tests {
		_, err := runCLI(t, "ingest", dir, "--data", data, "--city", tt.city, "--type", "policy", "--department", tt.dept, "--lang", tt.lang)
		checkDepartmentRefusal(t, "local "+tt.dept, err, tt.lang, tt.want)
		if n := documentsIn(t, data); n != tt.stored {
			t.Errorf("local --department %s: %d documents, want %d", tt.dept, n, tt.stored)
		}
	}
	s := startServer(t, data)
	for _, lang := range []string{"zh", "en"} {
		want := map[string]string{"zh": zh, "en": en}[lang]
		_, err := runCLI(t, "ingest", dir, "--server", s.base, "--token", s.token, "--city", "330100", "--type", "policy",
			"--department", "市教肓局", "--lang", lang)
		checkDepartmentRefusal(t, "--server "+lang, err, lang, want)
	}
	s.stop()
	if n := documentsIn(t, data); n != 2 {
		t.Errorf("after the refused --server imports: %d documents, want the 2 of 成都", n)
	}
}

// checkDepartmentRefusal says whether err is the import's refusal want in
// lang ("" for none), ending the run with status 1.
func checkDepartmentRefusal(t *testing.T, what string, err error, lang, want string) {
	t.Helper()
	l := report.Chinese
	if lang == "en" {
		l = report.English
	}
	var ee exitError
	var ue usageError
	switch {
	case want == "" && err != nil:
		t.Errorf("%s: %v; want imported", what, err)
	case want == "":
	case errors.As(err, &ee) || errors.As(err, &ue):
		t.Errorf("%s: %v; want the refusal itself (exit status 1), not a list of failed files nor a usage error", what, err)
	case describeOrNothing(err, l) != want:
		t.Errorf("%s: %q; want %q", what, describeOrNothing(err, l), want)
	}
}
