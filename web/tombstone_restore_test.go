package web

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestTombstoneOffersRestoreToWhoMayRestore: the page of a deleted
// document offers 恢复 to the city's coordinator, not to an expert; once
// its original is gone it offers none and says to upload the file again.
// The upload form without its script, sent the deleted document's bytes,
// stores nothing and links the row to the page that restores it.
func TestTombstoneOffersRestoreToWhoMayRestore(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	text := "杭州市社区学习共同体建设指引：全市培育社区学习共同体300个。"
	d := s.env.Upload("330100", "gongtongti.txt", text)
	if _, err := s.env.Documents.Delete(ctx, admin, d.ID); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, page := wang.get("/documents/" + d.ID)
	if !strings.Contains(page, `action="/documents/`+d.ID+`/restore"`) || !strings.Contains(page, `id="tomb-restore"`) {
		t.Errorf("the coordinator's tombstone offers no 恢复: %q", textOf(page))
	}
	if _, page := s.login("zhou").get("/documents/" + d.ID); strings.Contains(page, `id="tomb-restore"`) {
		t.Error("an expert's tombstone offers 恢复")
	}

	answer := wang.postFilesBody("/upload", map[string]string{"city": "330100", "doc_type": "policy"},
		map[string][]byte{"重传.txt": []byte(text)})
	if !strings.Contains(answer.body, `href="/documents/`+d.ID+`" class="restore-deleted"`) || !strings.Contains(textOf(answer.body), "已删除的文档") {
		t.Errorf("the upload of the deleted document's bytes links to no restore: %q", textOf(answer.body))
	}
	if _, err := s.env.Catalog.DocumentBySHA256(ctx, d.SHA256, "330100"); !catalog.IsNotFound(err) {
		t.Errorf("the upload stored the deleted document's bytes again: %v", err)
	}

	if err := s.env.Blobs.Delete(ctx, catalog.OriginalKey(d.SHA256)); err != nil {
		t.Fatal(err)
	}
	_, page = wang.get("/documents/" + d.ID)
	if strings.Contains(page, `id="tomb-restore"`) || !strings.Contains(textOf(page), "请重新上传这份文件") {
		t.Errorf("the tombstone of a document whose original is gone: %q, want no 恢复 and to upload it again", textOf(page))
	}
}
