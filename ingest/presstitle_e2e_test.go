package ingest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestPrintedPressReportTitleIsItsHeadline uploads a 杭州新闻网 report
// printed to PDF by headless Chromium (extract/testdata/press-breadcrumb.pdf):
// the page's breadcrumb 杭州新闻网 首页 > 教育 stands above the headline,
// and the PDF's own title is the site's name. The document's title is the
// headline, not the breadcrumb.
func TestPrintedPressReportTitleIsItsHeadline(t *testing.T) {
	e := testenv.New(t)
	data, err := os.ReadFile(filepath.Join("extract", "testdata", "press-breadcrumb.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d := e.Upload(hangzhou, "press.pdf", string(data))
	const want = "杭州市民终身学习周开幕社区教育惠及百万市民"
	if d.Title != want {
		t.Errorf("title %q, want the headline %q", d.Title, want)
	}
}
