package main

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/pgtest"
)

// TestCheckSaysTheCatalogIsNotTheOneFollowed: evidence check on a node of
// a shared catalog says when the node's index followed another catalog,
// or this one before it was restored to an earlier state (the catalog
// does not know the node's last mark), and fails, saying the node's next
// start mends it; a node whose mark the catalog knows is not told so.
func TestCheckSaysTheCatalogIsNotTheOneFollowed(t *testing.T) {
	ctx := context.Background()
	t.Setenv("EVIDENCE_DATABASE_URL", pgtest.DatabaseURL(t))
	t.Setenv("EVIDENCE_S3_ENDPOINT", "")
	const other, back = "本节点的搜索索引跟随的是另一个目录", "目录已恢复到较早的状态"
	for _, c := range []struct {
		name    string
		record  func(cat *catalog.Store, node string) (catalogID, mark string)
		want    string
		refused bool
	}{
		{"another catalog", func(cat *catalog.Store, node string) (string, string) {
			return "另一个档案库的目录", catalog.NewFollowMark()
		}, other, true},
		{"restored to an earlier state", func(cat *catalog.Store, node string) (string, string) {
			id, err := cat.Identity(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// The catalog knows a mark of the node, not the one it kept.
			if err := cat.RecordFollowCheckpoint(ctx, node, 1, catalog.NewFollowMark()); err != nil {
				t.Fatal(err)
			}
			return id.ID, catalog.NewFollowMark()
		}, back, true},
		{"the catalog followed", func(cat *catalog.Store, node string) (string, string) {
			id, err := cat.Identity(ctx)
			if err != nil {
				t.Fatal(err)
			}
			mark := catalog.NewFollowMark()
			if err := cat.RecordFollowCheckpoint(ctx, node, 0, mark); err != nil {
				t.Fatal(err)
			}
			return id.ID, mark
		}, "", false},
	} {
		t.Run(c.name, func(t *testing.T) {
			data := t.TempDir()
			a, err := openApp(ctx, data, quietLogger(io.Discard), appOptions{withIndex: true})
			if err != nil {
				t.Fatal(err)
			}
			node, _ := a.ingest.Node()
			catalogID, mark := c.record(a.cat, node)
			// The index holds a document the catalog lacks, as after a
			// restore to before its upload.
			gone := &catalog.Document{ID: "01JZZZZZZZZZZZZZZZZZZZZZZZ", City: "330100", Title: "恢复前上传的通知"}
			err = a.idx.Index(ctx, []index.Document{ingest.IndexDocument(gone, []string{"恢复前上传的通知，备份之后才有。"})})
			a.close()
			if err != nil {
				t.Fatal(err)
			}
			body := "seq 0\ncatalog " + catalogID + "\nmark " + mark + "\n"
			if err := os.WriteFile(filepath.Join(data, ingest.FollowStateName), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
			out, err := runCLI(t, "check", "--data", data)
			if c.refused && err == nil {
				t.Errorf("check passed:\n%s", out)
			}
			for _, line := range []string{other, back} {
				if said := strings.Contains(out, line); said != (line == c.want) {
					t.Errorf("check said %q; want %q said: %v", out, line, !said)
				}
			}
			if c.want != "" && !strings.Contains(out, "（1 个文档有出入）；启动本节点的 evidence serve 即会移除目录中没有的文档") {
				t.Errorf("check said %q, want the one document out of step and what mends it", out)
			}
		})
	}
}
