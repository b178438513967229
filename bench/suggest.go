package bench

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/search/suggesteval"
)

// SuggestDetails is how well indicator suggestions find the labelled
// indicator of each document of search/suggesteval/testdata/suggest.
type SuggestDetails struct {
	Docs         int      `json:"docs"`
	Top1         int      `json:"top1"`
	Top3         int      `json:"top3"`
	BaselineTop3 int      `json:"baseline_top3"` // keyword substring counting
	Misses       []string `json:"misses"`
}

// suggestions measures the suggestions of the archive (the search
// analysis, keyword and name terms weighted by rarity) against counting the
// framework's keywords as plain substrings, on the hand-labelled set.
func (r *run) suggestions(ctx context.Context) error {
	docs, err := suggesteval.Load(r.cfg.SuggestDir)
	if err != nil || len(docs) == 0 {
		r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("indicator suggestions: no labelled set in %s", r.cfg.SuggestDir))
		return nil
	}
	dir, err := os.MkdirTemp("", "evidence-bench-suggest-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	cat, err := catalog.Open(ctx, filepath.Join(dir, "catalog.db"))
	if err != nil {
		return err
	}
	defer cat.Close()
	p, err := framework.Parse("demo.yaml", framework.Demo, catalog.Framework{})
	if err != nil {
		return err
	}
	if _, err := cat.ImportFramework(ctx, p.Framework, p.Indicators, "bench"); err != nil {
		return err
	}
	ev, err := suggesteval.Evaluate(ctx, cat, docs)
	if err != nil {
		return err
	}
	d := &SuggestDetails{Docs: ev.Docs, Top1: ev.Top1, Top3: ev.Top3, Misses: ev.Misses,
		BaselineTop3: keywordBaseline(docs, p.Indicators)}
	r.res.Suggest = d
	rate := func(n int) float64 { return 100 * float64(n) / float64(d.Docs) }
	r.res.Figures = append(r.res.Figures,
		figure("indicator suggestions: right one in top 3", rate(d.Top3), "%", rate(d.BaselineTop3), "% keyword substring counting",
			"≥ 80%", ptr(d.Top3*5 >= d.Docs*4)),
		figure("indicator suggestions: right one first", rate(d.Top1), "%", 0, "", "", nil))
	return nil
}

// keywordBaseline ranks key indicators by how often their keywords occur
// in a document as plain substrings, and counts documents whose label is in
// the first three.
func keywordBaseline(docs []suggesteval.Doc, inds []catalog.Indicator) int {
	hits := 0
	for _, d := range docs {
		text := d.Title + "\n" + extract.Normalize(d.Body)
		type scored struct {
			code  string
			score int
		}
		var ranked []scored
		for _, ind := range inds {
			if ind.Level != catalog.KeyLevel {
				continue
			}
			n := 0
			for _, kw := range ind.Keywords {
				n += strings.Count(text, kw)
			}
			if n > 0 {
				ranked = append(ranked, scored{ind.Code, n})
			}
		}
		sort.SliceStable(ranked, func(i, j int) bool { return ranked[i].score > ranked[j].score })
		for i := 0; i < len(ranked) && i < 3; i++ {
			if ranked[i].code == d.Indicator {
				hits++
			}
		}
	}
	return hits
}
