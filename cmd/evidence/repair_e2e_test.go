package main

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// TestRepairLeavesOtherPendingWorkToServe: repair re-extracts the
// documents whose text is damaged and nothing else. A document serve has
// stored but not read yet (a long scan waiting for OCR) stays for serve:
// repair does not read it, does not wait for it, and says serve will.
func TestRepairLeavesOtherPendingWorkToServe(t *testing.T) {
	data := filepath.Join(t.TempDir(), "data")
	ids := ingestFixtures(t, data)
	damaged, pending := ids["wuhan-case.html"], ids["chengdu-news-gb18030.txt"]
	if err := os.Remove(textBlob(t, data, "wuhan-case.html")); err != nil {
		t.Fatal(err)
	}
	markStored(t, data, pending)

	out, err := runCLI(t, "repair", "--data", data)
	if err != nil {
		t.Fatalf("repair: %v\n%s", err, out)
	}
	if !strings.Contains(out, "重新提取 1 个文档") || !strings.Contains(out, damaged+"  wuhan-case.html  → 可检索") {
		t.Errorf("repair does not say it re-extracted the damaged document:\n%s", out)
	}
	if strings.Contains(out, pending) {
		t.Errorf("repair read the document left for serve:\n%s", out)
	}
	if !strings.Contains(out, "1 个文档尚未处理完") || !strings.Contains(out, "启动 evidence serve 后会继续处理") {
		t.Errorf("repair does not say a document is left for serve:\n%s", out)
	}
	cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if d, err := cat.Document(context.Background(), pending); err != nil || d.Status != catalog.StatusStored {
		t.Errorf("the document left for serve: %+v, %v; want it still stored", d, err)
	}
}

// markStored puts an indexed document back to stored and out of the
// index, as a file serve took in and has not read yet is.
func markStored(t *testing.T, data, id string) {
	t.Helper()
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer cat.Close()
	if err := cat.SetStatus(ctx, catalog.StatusChange{ID: id, Status: catalog.StatusStored}); err != nil {
		t.Fatal(err)
	}
	idx, err := index.Open(filepath.Join(data, "index"))
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Delete(ctx, id); err != nil {
		t.Fatal(err)
	}
}

// TestRepairBlamesARunningServerOnlyForTheIndexItHolds: repair puts a
// failure to start down to a server still running only when the index is
// in use by another process (whose message says to stop it); a catalog
// database out of reach is said as such.
func TestRepairBlamesARunningServerOnlyForTheIndexItHolds(t *testing.T) {
	for _, tt := range []struct {
		name    string
		prepare func(t *testing.T, data string)
		want    string
		blames  bool // the message says to stop evidence serve
	}{
		{"catalog database out of reach", func(t *testing.T, data string) {
			t.Setenv("EVIDENCE_DATABASE_URL", "postgres://u:p@127.0.0.1:1/x")
		}, "无法连接目录数据库", false},
		{"index held by another process", func(t *testing.T, data string) {
			cat, err := catalog.Open(context.Background(), filepath.Join(data, "catalog.db"))
			if err != nil {
				t.Fatal(err)
			}
			cat.Close()
			idx, err := index.Open(filepath.Join(data, "index"))
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { idx.Close() })
		}, "正被另一个 evidence 进程使用", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := filepath.Join(t.TempDir(), "data")
			if err := os.MkdirAll(data, 0o755); err != nil {
				t.Fatal(err)
			}
			tt.prepare(t, data)
			_, err := runCLI(t, "repair", "--data", data)
			msg := catalog.ErrorMessage(err)
			if err == nil || !strings.Contains(msg, tt.want) || strings.Contains(msg, "停止") != tt.blames {
				t.Errorf("repair: %q, want %q, saying to stop a server: %v", msg, tt.want, tt.blames)
			}
		})
	}
}
