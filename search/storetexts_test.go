package search

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// storeTexts records one indexed document of city 330100 for each id of
// texts, with the given title and type, and indexes its text as its one
// page: the documents a search test looks for.
func storeTexts(t *testing.T, cat *catalog.Store, idx *index.Bleve, texts map[string]string, title string, docType catalog.DocType) {
	t.Helper()
	ctx := context.Background()
	for id, text := range texts {
		d := &catalog.Document{ID: id, SHA256: strings.ToLower(id) + "aa", Size: 10, MIME: "text/plain", Format: "txt", Filename: id + ".txt",
			Title: title, DocType: docType, City: "330100", Status: catalog.StatusIndexed, UploadedBy: "admin"}
		if err := cat.CreateDocument(ctx, d, catalog.Submission{User: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := idx.Index(ctx, []index.Document{{ID: id, Title: d.Title, Pages: []string{text}, City: "330100"}}); err != nil {
			t.Fatal(err)
		}
	}
}
