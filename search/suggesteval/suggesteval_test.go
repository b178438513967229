package suggesteval

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/search"
)

// newDemoService is a search service over an empty index whose catalog has
// the demo framework, enough for suggestions.
func newDemoService(t *testing.T) *search.Service {
	t.Helper()
	ctx := context.Background()
	cat, err := catalog.Open(ctx, filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	p, err := framework.Parse("demo.yaml", framework.Demo, catalog.Framework{})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := cat.ImportFramework(ctx, p.Framework, p.Indicators, "test"); err != nil {
		t.Fatal(err)
	}
	return search.NewService(nil, cat)
}

// TestSuggestionQuality measures suggestions on the hand-labelled set: the
// labelled indicator must be in the top three for at least 80% of documents.
func TestSuggestionQuality(t *testing.T) {
	docs, err := Load(filepath.Join("testdata", "suggest"))
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) < 30 {
		t.Fatalf("labelled set has %d documents, want at least 30", len(docs))
	}
	ev, err := Evaluate(context.Background(), newDemoService(t), docs)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("top-1 %d/%d, top-3 %d/%d (%.0f%%)", ev.Top1, ev.Docs, ev.Top3, ev.Docs, 100*ev.Top3Rate())
	for _, m := range ev.Misses {
		t.Logf("miss %s", m)
	}
	if ev.Top3Rate() < 0.8 {
		t.Errorf("top-3 rate %.2f, want ≥ 0.80", ev.Top3Rate())
	}
}

func TestLoadRejectsAnUnlabelledDocument(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "01-x.txt"), []byte("title: 无标签\n\n正文。\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(dir); err == nil {
		t.Fatal("a document without an indicator label loaded without error")
	}
}
