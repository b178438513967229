package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAuditLogSaysWhatALinkAndAnUploadWereAbout: the 详情 of 关联指标 names
// the indicator and page, and that of 上传文档 the file and its size, in
// the page's language — a reviewer following the trail sees which
// indicator a document was linked to without opening the event.
func TestAuditLogSaysWhatALinkAndAnUploadWereAbout(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	d := s.env.Upload("330100", "社区学院实施意见.txt", "全市建成社区学校120所，学分银行存入成果12.3万人。")
	if err := s.env.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	for _, tt := range []struct {
		english bool
		want    []string
	}{
		{false, []string{"指标 2.3.1；第 1 页", "文件 社区学院实施意见.txt；"}},
		{true, []string{"indicator 2.3.1; page 1", "file 社区学院实施意见.txt; "}},
	} {
		if tt.english {
			admin.english()
		}
		_, body := admin.get("/admin")
		events := html.UnescapeString(textOf(body[strings.Index(body, `id="events"`):]))
		for _, want := range tt.want {
			if !strings.Contains(events, want) {
				t.Errorf("audit log (English %v) lacks %q: %.900s", tt.english, want, events)
			}
		}
	}
}
