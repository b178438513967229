package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestSheetsAsOfficesSendThemAreFound: a 统计台账 whose date is in a
// Chinese built-in format is found by a search for 2024年3月, and an
// "Excel" file that is a GBK web page's table, GB18030 tab-separated
// text, Excel 2003's XML Spreadsheet or a single-file web page (MHT)
// under a .xls name is indexed, not failed, and found by what its cells
// say on its first page.
func TestSheetsAsOfficesSendThemAreFound(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	files := []string{"统计台账.xlsx", "台账.xls", "责任分解表.xls", "XML表格的责任分解表.xls", "单个文件网页的责任分解表.xls", "WPS单个文件网页的责任分解表.xls"}
	ids := make([]string, len(files))
	for i, name := range files {
		f, err := os.Open(filepath.Join("extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		st, err := e.Ingest.Stage(f, name)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out, err := e.Ingest.Upload(ctx, testenv.Admin, ingest.UploadRequest{
			Meta: ingest.Meta{City: hangzhou, DocType: "statistics"}, Files: []*ingest.Staged{st}})
		st.Remove()
		if err != nil || out[0].Err != nil {
			t.Fatalf("%s: %v %v", name, err, out[0].Err)
		}
		ids[i] = out[0].Document.ID
	}
	wctx, cancel := context.WithTimeout(ctx, testenv.WaitTimeout)
	defer cancel()
	docs, err := e.Ingest.Wait(wctx, ids, nil)
	if err != nil {
		t.Fatal(err)
	}
	for i, d := range docs {
		if d.Status != catalog.StatusIndexed {
			t.Errorf("%s: %s (%s), want indexed", files[i], d.Status, d.Error)
		}
	}
	for _, c := range []struct {
		query string
		want  []string
	}{
		{"2024年3月", ids[:1]},
		{`"四级社区教育网络建成率"`, ids[1:]},
	} {
		res, err := e.Search.Search(ctx, search.Request{Query: c.query, User: testenv.Admin})
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range c.want {
			// The MHTs hold 台账.xls's very table: folded into it as a
			// near duplicate, which says they read the same.
			mht := strings.Contains(files[slices.Index(ids, id)], "单个文件网页")
			if !foundOnPage(res, id, 1) && !(mht && foldedInto(res, id)) {
				t.Errorf("search %q: %s (%s) not found on page 1 (%d hits)", c.query, id, files[slices.Index(ids, id)], res.Total)
			}
		}
	}
}

// foldedInto reports whether id is a near duplicate folded into a hit.
func foldedInto(res *search.Result, id string) bool {
	for _, h := range res.Hits {
		if slices.Contains(h.NearDuplicateIDs, id) {
			return true
		}
	}
	return false
}
