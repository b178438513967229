package documents_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/search"
)

// TestSuggestionsFollowATextReadAnew: the suggestions a document's page
// ranked from its text, and kept, give way to those of its text once it
// is read anew from its original (evidence repair --outdated), with the
// original, and so its SHA-256, unchanged. They stayed, ranked from the
// text read before.
func TestSuggestionsFollowATextReadAnew(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "xuefen.txt", "杭州市建立学分银行,推进学分积累与学分转换,开展学习成果认证。")
	// The text an older reading gave: about older people's education.
	old := &ingest.StoredText{Extractor: "txt", Version: extract.Version - 1,
		Pages: []string{"全市老年大学在校学员四万余人,老年教育覆盖所有街道,老年人参与学习。"}}
	h, err := e.SaveText(d.SHA256, old)
	if err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextHash(ctx, d.SHA256, h); err != nil {
		t.Fatal(err)
	}
	if err := e.Catalog.RecordTextReader(ctx, d.SHA256, catalog.TextReader{Name: old.Extractor, Version: old.Version}); err != nil {
		t.Fatal(err)
	}
	codes := func() []string {
		t.Helper()
		r, err := e.Documents.Read(ctx, coordA, d.ID, documents.PageAt{}, 5)
		if err != nil {
			t.Fatal(err)
		}
		defer r.Close()
		return suggestionCodes(r.Suggestions)
	}
	if got := codes(); !slices.Contains(got, "5.1.2") || slices.Contains(got, "2.3.1") {
		t.Fatalf("suggestions of the text read before: %v; want 5.1.2 (老年教育) and not 2.3.1 (学分银行)", got)
	}

	queued, _, err := e.Ingest.RereadOutdated(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(queued, d.ID) {
		t.Fatalf("read anew: %v, want %s among them", queued, d.ID)
	}
	// As serve does once repair has read them: a pipeline that starts
	// indexes what was read anew.
	again := ingest.New(e.Catalog, e.Blobs, e.Index, ingest.Config{TempDir: t.TempDir(), Logger: e.Logger})
	if err := again.StartFor(ctx, queued); err != nil {
		t.Fatal(err)
	}
	defer again.Close()
	wctx, cancel := context.WithTimeout(ctx, testenv.WaitTimeout)
	defer cancel()
	if docs, err := again.Wait(wctx, []string{d.ID}, nil); err != nil || docs[0].Status != catalog.StatusIndexed {
		t.Fatalf("the document read anew: %v; want it indexed", err)
	}
	if got := codes(); !slices.Contains(got, "2.3.1") || slices.Contains(got, "5.1.2") {
		t.Errorf("suggestions once the text is read anew: %v; want 2.3.1 (学分银行), not the old text's 5.1.2", got)
	}
	api, err := e.Documents.Suggestions(ctx, coordA, d.ID, 5)
	if err != nil {
		t.Fatal(err)
	}
	if got := suggestionCodes(api); !slices.Contains(got, "2.3.1") || slices.Contains(got, "5.1.2") {
		t.Errorf("the API's suggestions once the text is read anew: %v; want 2.3.1, not 5.1.2", got)
	}
}

func suggestionCodes(ss []search.Suggestion) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = s.Code
	}
	return out
}
