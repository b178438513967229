package suggesteval

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/ingest/extract"
	"github.com/lcmonitor/evidence/search"
)

// Doc is a document of the labelled set: its text, its city and the key
// indicator it mainly substantiates.
type Doc struct {
	Name      string
	Indicator string
	Also      []string
	City      string
	Title     string
	Body      string
}

// Load reads the labelled set: one .txt file per document, with a header
// of "key: value" lines (indicator, also, city, type, title), a blank line,
// then the body (see testdata/suggest/README.md).
func Load(dir string) ([]Doc, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	var out []Doc
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		d := Doc{Name: filepath.Base(f)}
		sc := bufio.NewScanner(strings.NewReader(string(b)))
		sc.Buffer(make([]byte, 1<<20), 1<<20)
		var body []string
		inBody := false
		for sc.Scan() {
			line := sc.Text()
			if inBody {
				body = append(body, line)
				continue
			}
			if strings.TrimSpace(line) == "" {
				inBody = true
				continue
			}
			key, val, _ := strings.Cut(line, ":")
			val = strings.TrimSpace(val)
			switch strings.TrimSpace(key) {
			case "indicator":
				d.Indicator = val
			case "also":
				for _, c := range strings.Split(val, ",") {
					if c = strings.TrimSpace(c); c != "" {
						d.Also = append(d.Also, c)
					}
				}
			case "city":
				d.City = val
			case "title":
				d.Title = val
			}
		}
		if d.Indicator == "" {
			return nil, fmt.Errorf("%s: no indicator label", f)
		}
		d.Body = strings.Join(body, "\n")
		out = append(out, d)
	}
	return out, nil
}

// Result is how well suggestions find the labelled indicator.
type Result struct {
	Docs   int      `json:"docs"`
	Top1   int      `json:"top1"`
	Top3   int      `json:"top3"`
	Misses []string `json:"misses"` // "file: label → suggested codes"
}

// Top3Rate is the share of documents whose label is among the first three.
func (e *Result) Top3Rate() float64 {
	if e.Docs == 0 {
		return 0
	}
	return float64(e.Top3) / float64(e.Docs)
}

// Evaluate runs the suggestions of a search service over cat on each
// labelled document, as the archive would after extraction (normalised
// text, one page) for a document of its city: the documents are indexed
// first, each under its city, so that a word nearly every document of a
// city holds suggests nothing on its own here either, as on a document's
// page.
func Evaluate(ctx context.Context, cat *catalog.Store, docs []Doc) (*Result, error) {
	idx, err := index.OpenMem()
	if err != nil {
		return nil, fmt.Errorf("open an index for the labelled set: %w", err)
	}
	defer idx.Close()
	indexed := make([]index.Document, len(docs))
	for i, d := range docs {
		indexed[i] = index.Document{ID: d.Name, Title: d.Title, City: d.City, Pages: []string{extract.Normalize(d.Body)}}
	}
	if err := idx.Index(ctx, indexed); err != nil {
		return nil, fmt.Errorf("index the labelled set: %w", err)
	}
	svc := search.NewService(idx, cat)
	defer svc.Close()
	return evaluate(ctx, svc, docs, indexed)
}

// evaluate ranks the suggestions of each of docs, whose indexed texts
// are indexed.
func evaluate(ctx context.Context, svc *search.Service, docs []Doc, indexed []index.Document) (*Result, error) {
	ev := &Result{Misses: []string{}}
	for i, d := range docs {
		sugs, err := svc.SuggestIndicators(ctx, d.City, d.Title, indexed[i].Pages, nil, 3)
		if err != nil {
			return nil, fmt.Errorf("suggest for %s: %w", d.Name, err)
		}
		ev.Docs++
		var codes []string
		for i, sg := range sugs {
			codes = append(codes, sg.Code)
			if sg.Code == d.Indicator {
				ev.Top3++
				if i == 0 {
					ev.Top1++
				}
			}
		}
		if len(codes) == 0 || !slices.Contains(codes, d.Indicator) {
			ev.Misses = append(ev.Misses, fmt.Sprintf("%s: %s → %v", d.Name, d.Indicator, codes))
		}
	}
	return ev, nil
}
