package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest"
)

// TestDocumentPageSaysItsOriginalIsDamaged: once the stored original was
// found damaged (by check, a download or a pack), the document's page says
// so and how to mend it (the same file uploaded again), with the way to
// the upload page for those who may upload; it says nothing of the kind
// for a sound original.
func TestDocumentPageSaysItsOriginalIsDamaged(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "工作总结.txt", "杭州市学分银行建设工作总结。")
	coord, reviewer := s.login("wang"), s.login("li")
	_, page := coord.get("/documents/" + d.ID)
	if strings.Contains(page, `id="original-damaged"`) {
		t.Fatalf("a sound original is said to be damaged")
	}
	if err := ingest.FlagDamagedOriginal(context.Background(), s.env.Catalog, d.ID, "download", "wang"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		b      *browser
		upload bool
	}{{coord, true}, {reviewer, false}} {
		_, page := tt.b.get("/documents/" + d.ID)
		text := html.UnescapeString(textOf(page))
		if !strings.Contains(text, "档案中保存的原件已损坏或缺失") || !strings.Contains(text, "用同一文件重新上传即可修复") {
			t.Errorf("%s: the page of a document whose original is damaged does not say so: %.600s", tt.b.name, text)
		}
		if got := strings.Contains(page, `<a href="/upload">`); got != tt.upload {
			t.Errorf("%s: the way to the upload page offered %v, want %v", tt.b.name, got, tt.upload)
		}
	}
}
