package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRestoreSaysWhatIsNotSearchableYet: a backup taken while a document
// was still waiting to be read, and with one that failed, restores to an
// archive whose summary counts both, not only the documents searchable.
func TestRestoreSaysWhatIsNotSearchableYet(t *testing.T) {
	data, bk := filepath.Join(t.TempDir(), "data"), filepath.Join(t.TempDir(), "backup")
	restored := filepath.Join(t.TempDir(), "restored")
	ids := ingestFixtures(t, data)
	markStored(t, data, ids["chengdu-news-gb18030.txt"])
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	err = cat.SetStatus(context.Background(), catalog.StatusChange{ID: ids["wuhan-case.html"], Status: catalog.StatusFailed,
		Error: "文字识别（OCR）单页超时", ErrorEnglish: "OCR timed out on a page"})
	cat.Close()
	if err != nil {
		t.Fatal(err)
	}
	if out, err := runCLI(t, "backup", "--data", data, "--out", bk); err != nil {
		t.Fatalf("backup: %v\n%s", err, out)
	}
	out, err := runCLI(t, "restore", "--from", bk, "--data", restored)
	if err != nil {
		t.Fatalf("restore: %v\n%s", err, out)
	}
	for _, want := range []string{"已恢复到 " + restored + "：1 个文档可检索", "另有 1 个尚未处理完，启动 evidence serve 后继续处理", "1 个处理失败"} {
		if !strings.Contains(out, want) {
			t.Errorf("restore said %q, want it to hold %q", out, want)
		}
	}
}
