package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestPDFTitleBoundaryInSearch uploads a notice LibreOffice printed to PDF
// in 公文 layout (extract/testdata/titled-notice.pdf): a phrase across the
// end of its title and its addressees (通知各区县) finds nothing, while
// phrases cut at the end of a wrapped line, of the title and of the
// body, are found; the fields are read from the title line.
func TestPDFTitleBoundaryInSearch(t *testing.T) {
	e := testenv.New(t)
	data, err := os.ReadFile(filepath.Join("extract", "testdata", "titled-notice.pdf"))
	if err != nil {
		t.Fatal(err)
	}
	d := e.Upload(hangzhou, "titled-notice.pdf", string(data))
	const title = "宁波市教育局关于开展2019年全民终身学习活动周暨社区教育成果展示活动的通知"
	if d.Title != title || d.DocNumber != "甬教职成〔2019〕21号" {
		t.Errorf("fields: title %q, 文号 %q; want %q, 甬教职成〔2019〕21号", d.Title, d.DocNumber, title)
	}
	for q, want := range map[string]uint64{
		`"通知各区县"`:     0, // the title's end and the addressees
		`"21号宁波市教育局"`: 0, // the 文号 and the title
		`"活动周暨社区教育"`:  1, // the title wrapped after 活动周
		`"决定在全市开展"`:   1, // the body wrapped after 决定在
		`"各地要结合实际组织"`: 1, // wrapped after 结
	} {
		res, err := e.Search.Search(context.Background(), search.Request{Query: q, User: testenv.Admin})
		if err != nil {
			t.Fatalf("search %s: %v", q, err)
		}
		if res.Total != want {
			t.Errorf("search %s: %d hits, want %d", q, res.Total, want)
		}
	}
	res, err := e.Search.Search(context.Background(), search.Request{Query: "各区县", User: testenv.Admin})
	if err != nil || res.Total != 1 {
		t.Fatalf("search 各区县: %+v, %v", res, err)
	}
	for _, f := range res.Hits[0].Fragments {
		if strings.Contains(f.HTML, "通知<mark>各区县") {
			t.Errorf("fragment %q runs the title into the addressees", f.HTML)
		}
	}
}
