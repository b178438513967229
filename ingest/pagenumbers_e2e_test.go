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

// TestPageNumbersAreNoPartOfASearchHit uploads real PDFs LibreOffice made
// of one report, whose page breaks cut 部门协 / 同 and 教学点四十五 / 个:
// pagefoot.pdf with a 公文's page number at each page's foot (— 1 —),
// pageof.pdf with 第 1 页 共 3 页 at each head and a bare 1 at each foot
// (extract/testdata). A search for a phrase a page break cuts finds the
// report, and no passage a hit shows holds a page number. With the
// numbers left in the text, pageof.pdf's stood between the phrase's
// halves (no hit), and pagefoot.pdf's passages ended in "— 1 —".
func TestPageNumbersAreNoPartOfASearchHit(t *testing.T) {
	for _, name := range []string{"pagefoot.pdf", "pageof.pdf"} {
		t.Run(name, func(t *testing.T) {
			e := testenv.New(t)
			data, err := os.ReadFile(filepath.Join("extract", "testdata", name))
			if err != nil {
				t.Fatal(err)
			}
			d := e.Upload(hangzhou, name, string(data))
			for _, q := range []string{`"老年大学教学点四十五个"`, "教学点四十五个", `"形成了上下联动、部门协同的工作格局"`, "转换通道"} {
				res, err := e.Search.Search(context.Background(), search.Request{Query: q, User: testenv.Admin})
				if err != nil {
					t.Fatalf("search %q: %v", q, err)
				}
				if len(res.Hits) != 1 || res.Hits[0].ID != d.ID {
					t.Errorf("search %q: hits %+v, want the report %s, where a page break cuts the phrase", q, res.Hits, d.ID)
					continue
				}
				for _, f := range res.Hits[0].Fragments {
					if strings.Contains(f.HTML, "—") || strings.Contains(f.HTML, "共3页") {
						t.Errorf("search %q: page %d's passage holds the page's number: %s", q, f.Page, f.HTML)
					}
				}
			}
		})
	}
}
