package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/lcmonitor/evidence/bench"
)

// runBench measures ingest speed, memory, index size, search latency,
// start-up, PDF extraction and search quality on a generated corpus, each
// beside a baseline measured in the same run, and writes the results as
// JSON. The archive runs in child processes of this same binary, so that
// their memory is measured alone.
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs, _ := newFlags("bench", stderr)
	docs := fs.Int("docs", 50000, "text documents in the generated corpus")
	pdfs := fs.Int("pdfs", 500, "multi-page PDFs (made once with LibreOffice and cached)")
	quick := fs.Bool("quick", false, "day-to-day size: 5,000 documents, 100 PDFs, a smaller quality corpus")
	out := fs.String("out", "bench/results.json", "where to write the results")
	seed := fs.Uint64("seed", 1, "corpus seed")
	domain := fs.String("domain", filepath.Join("..", "shared", "domain"), "folder of real Chinese domain text (*.txt) the corpus varies")
	clients := fs.Int("clients", 8, "concurrent upload clients")
	queries := fs.Int("queries", 300, "searches in the latency mix")
	qualityDocs := fs.Int("quality-docs", 3000, "documents in the search-quality corpus")
	settle := fs.Duration("settle", 10*time.Second, "how long the index must stay unchanged before merges count as settled")
	work := fs.String("work", "", "folder for the benchmark's data (default: a temporary folder, removed afterwards)")
	probe := fs.Bool("probe-dict", false, "internal: load the dictionary and print its cost as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *probe {
		return bench.ProbeDictionary(stdout)
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *quick {
		for name, p := range map[string]*int{"docs": docs, "pdfs": pdfs, "quality-docs": qualityDocs} {
			if !set[name] {
				*p = map[string]int{"docs": 5000, "pdfs": 100, "quality-docs": 1000}[name]
			}
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find the evidence binary: %w", err)
	}
	workDir := *work
	if workDir == "" {
		if workDir, err = os.MkdirTemp("", "evidence-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(workDir)
	}
	res, err := bench.Run(ctx, bench.Config{
		Exe: exe, Docs: *docs, PDFs: *pdfs, Seed: *seed, DomainDir: *domain, WorkDir: workDir,
		Clients: *clients, Queries: *queries, QualityDocs: *qualityDocs, SettleQuiet: *settle, Log: stderr,
	})
	if err != nil {
		return err
	}
	res.PrintTable(stdout)
	if err := res.WriteJSON(*out); err != nil {
		return fmt.Errorf("write results: %w", err)
	}
	fmt.Fprintf(stdout, "results written to %s\n", *out)
	return nil
}
