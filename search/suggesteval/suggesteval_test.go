package suggesteval

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// openDemoCatalog is a catalog with the demo framework, enough for
// suggestions.
func openDemoCatalog(t *testing.T) *catalog.Store {
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
	return cat
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
	ev, err := Evaluate(context.Background(), openDemoCatalog(t), docs)
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

// TestCityCommonWordAloneSuggestsNothing: the evaluation suggests as a
// document's page does, for a document of its city, so a word that every
// document of a city holds (国际, a keyword of 5.2.2, in each of 杭州's
// twelve 国际交流 reports) is not enough on its own there either, while
// the same reports of a city with three of them, too few to tell what is
// common, are found by it.
func TestCityCommonWordAloneSuggestsNothing(t *testing.T) {
	tests := []struct {
		name string
		docs int
		want int // documents with 5.2.2 in their top three
	}{
		{"every one of twelve documents of the city says 国际", 12, 0},
		{"a city of three documents", 3, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []Doc
			for i := range tt.docs {
				docs = append(docs, Doc{Name: fmt.Sprintf("%02d-guoji.txt", i+1), Indicator: "5.2.2", City: "330100",
					Title: "国际交流简报", Body: fmt.Sprintf("杭州国际友好城市教育交流简报第%d期：接待来访团组。", i+1)})
			}
			ev, err := Evaluate(context.Background(), openDemoCatalog(t), docs)
			if err != nil {
				t.Fatal(err)
			}
			if ev.Top3 != tt.want {
				t.Errorf("%d documents of 330100 saying 国际: 5.2.2 in the top three of %d, want %d (misses %v)", tt.docs, ev.Top3, tt.want, ev.Misses)
			}
		})
	}
}
