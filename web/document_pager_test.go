package web

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestDocumentPagerLinks: 上一页 from part 1 leads to the last part of the
// page before (it led to its first); the pager's links keep the search
// words but not find=, which read the whole text again on every turn; a
// long sheet's later parts are named after the sheet (they took the
// name from the part's own first line).
func TestDocumentPagerLinks(t *testing.T) {
	r := httptest.NewRequest("GET", "/documents/d1?page=2&q=%E5%AD%A6%E5%88%86&find=%E4%B8%89%E5%8D%83%E4%BA%BA", nil)
	p := &documentPage{Doc: &catalog.Document{ID: "d1", MIME: extract.MIMEXLSX}}
	pt := &documents.PageText{Number: 2, Count: 3, Part: 2, Parts: 3, PrevParts: 4, FirstLine: "汇总表",
		Text: "社区学院\t学员三千人\n", Before: "x", After: "y"}
	if err := fillDocumentText(r, p, pt); err != nil {
		t.Fatal(err)
	}
	if p.SheetName != "汇总表" {
		t.Errorf("part 2 of a sheet: named %q, want the sheet's name 汇总表", p.SheetName)
	}
	pt.Part = 1
	if err := fillDocumentText(r, p, pt); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(p.Prev, "page=1") || !strings.Contains(p.Prev, "part=4") {
		t.Errorf("上一页 from part 1 of page 2: %q, want the last part (4) of page 1", p.Prev)
	}
	for name, link := range map[string]string{"上一页": p.Prev, "下一页": p.Next} {
		if strings.Contains(link, "find=") || !strings.Contains(link, "q=") {
			t.Errorf("%s: %q, want the search words kept and find= dropped", name, link)
		}
	}
}
