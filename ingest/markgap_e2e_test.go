package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestLineEndsAfterMarksAreSearchedThrough uploads a real DOCX and a real
// PDF with a text layer, both made by LibreOffice from one work summary
// whose paragraphs end with 1,200人。 and 36个; before the next paragraph's
// 优化 and 推进, on page 2: a string copied or typed across those ends
// (1,200人。优化, 36个;推进, full-width or not) finds both, marked on page
// 2. A line break inside a word (学分<br>银行, as a PDF's wrap leaves it) is
// joined when the text is stored, and the word is found.
func TestLineEndsAfterMarksAreSearchedThrough(t *testing.T) {
	needPrograms(t, "pdftotext")
	e := testenv.New(t)
	var ids []string
	for _, name := range []string{"line-ends.docx", "line-ends.pdf"} {
		data, err := os.ReadFile(filepath.Join("extract", "testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, e.Upload(hangzhou, name, string(data)).ID)
	}
	slices.Sort(ids)
	for _, q := range []string{"1,200人。优化", "骨干1,200人。优化文化礼堂", "人。 优化", "36个;推进", "36个；推进", "学分银行账户"} {
		res, err := e.Search.Search(context.Background(), search.Request{Query: q, User: testenv.Admin})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var found []string
		for _, h := range res.Hits {
			found = append(found, h.ID)
			found = append(found, h.NearDuplicateIDs...)
			if len(h.Fragments) == 0 || h.Fragments[0].Page != 2 || !strings.Contains(h.Fragments[0].HTML, "<mark>") {
				t.Errorf("search %q: %s's fragments %+v, want a mark on page 2", q, h.ID, h.Fragments)
			}
		}
		slices.Sort(found)
		if !slices.Equal(found, ids) {
			t.Errorf("search %q: hits %+v, want the DOCX and the PDF %v", q, res.Hits, ids)
		}
	}
}
