// Command evidence-bench measures the archive: ingest speed, memory, index
// size, search latency, start-up, PDF extraction, search quality,
// indicator suggestions and OCR of scans (speed, accuracy, seals, memory)
// on a generated corpus, each beside a baseline measured in the same run (package bench; bench/README.md). It is a
// separate binary so that the benchmark, its corpus generator and its
// baselines stay out of the evidence binary users run.
//
// The archive runs as child processes of the evidence binary (--evidence,
// by default the one beside this binary, which `make bench` builds), so
// that their memory is measured alone.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/bench"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	switch {
	case err == nil:
	case errors.Is(err, flag.ErrHelp):
		os.Exit(2)
	default:
		fmt.Fprintf(os.Stderr, "evidence-bench: %s\n", err)
		os.Exit(1)
	}
}

// maxPerRequest is the most files the server takes in one upload request
// (api.maxUploadFiles).
const maxPerRequest = 64

// run parses the flags, runs the benchmark and writes the results as a
// table to stdout and as JSON to --out.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("evidence-bench", flag.ContinueOnError)
	fs.SetOutput(stderr)
	evidence := fs.String("evidence", "", "the evidence binary the archive runs as (default: evidence beside this binary)")
	docs := fs.Int("docs", 50000, "text documents in the generated corpus")
	pdfs := fs.Int("pdfs", 500, "multi-page PDFs (made once with LibreOffice and cached)")
	quick := fs.Bool("quick", false, "day-to-day size: 5,000 documents, 100 PDFs, a smaller quality corpus, 3 ingest rounds")
	ingestRounds := fs.Int("ingest-rounds", 1, "times raw Bleve and the pipeline ingest the corpus, one after the other; the ingest figures are the round with the median CPU ratio (this machine's speed swings by a third from one minute to the next)")
	longDocs := fs.Int("long-docs", 1000, "documents of real size (4–8 pages, 14 KB of text on average) ingested by raw Bleve and the pipeline for a figure of their own, in --ingest-rounds rounds (0: none)")
	out := fs.String("out", "bench/results.json", "where to write the results")
	seed := fs.Uint64("seed", 1, "corpus seed")
	domain := fs.String("domain", filepath.Join("..", "shared", "domain"), "folder of real Chinese domain text (*.txt) the corpus varies")
	clients := fs.Int("clients", 8, "concurrent upload clients")
	perRequest := fs.Int("per-request", 16, "files an upload request carries at most, as the web page and evidence ingest --server send a folder (1: a file a request, to compare)")
	queries := fs.Int("queries", 300, "searches in the latency mix")
	qualityDocs := fs.Int("quality-docs", 3000, "documents in the search-quality corpus")
	settle := fs.Duration("settle", 10*time.Second, "how long the index must stay unchanged before merges count as settled")
	fileWait := fs.Duration("file-wait", 10*time.Minute, "before the ingest rounds, how long to wait at most while a new file costs over 100 µs of CPU in the work folder (files deleted lately on ext4 without a journal); 0: measure only")
	ocr := fs.Bool("ocr", true, "measure OCR: scanned pages through the pipeline, accuracy, seal detection, memory on a long scan (needs tesseract and pdftoppm)")
	ocrPages := fs.Int("ocr-pages", 60, "generated scanned pages for the OCR speed, accuracy and seal figures")
	ocrScanPages := fs.Int("ocr-scan-pages", 100, "pages of the scan whose OCR the memory figure watches")
	ocrOnly := fs.Bool("ocr-only", false, "measure the OCR figures only")
	nodes := fs.Bool("nodes", true, "measure several nodes on PostgreSQL and S3: index lag between nodes, a new node catching up against reindex, catalog calls on PostgreSQL against SQLite (needs postgresql and versitygw; skipped without them)")
	nodesDocs := fs.Int("nodes-docs", 5000, "documents of the corpus the several-nodes figures upload (at most --docs)")
	nodesOnly := fs.Bool("nodes-only", false, "measure the several-nodes figures only")
	ingestOnly := fs.Bool("ingest-only", false, "measure the corpus's ingest only (raw Bleve and the pipeline, --ingest-rounds rounds): no search, quality, long documents, nodes or OCR")
	work := fs.String("work", "", "folder for the benchmark's data (default: a temporary folder, removed afterwards)")
	probe := fs.Bool("probe-dict", false, "internal: load the dictionary and print its cost as JSON")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *probe {
		return bench.ProbeDictionary(stdout)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q (every setting is a flag; see -h)", fs.Args())
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	if *quick {
		quickSizes := map[string]int{"docs": 5000, "pdfs": 100, "quality-docs": 1000, "ocr-pages": 20, "ocr-scan-pages": 20, "nodes-docs": 2000,
			"ingest-rounds": 3, "long-docs": 300}
		for name, p := range map[string]*int{"docs": docs, "pdfs": pdfs, "quality-docs": qualityDocs, "ocr-pages": ocrPages, "ocr-scan-pages": ocrScanPages, "nodes-docs": nodesDocs,
			"ingest-rounds": ingestRounds, "long-docs": longDocs} {
			if !set[name] {
				*p = quickSizes[name]
			}
		}
	}
	if !*ocr {
		if *ocrOnly {
			return fmt.Errorf("--ocr-only and --ocr=false leave nothing to measure")
		}
		*ocrPages = 0
	}
	if !*nodes {
		if *nodesOnly {
			return fmt.Errorf("--nodes-only and --nodes=false leave nothing to measure")
		}
		*nodesDocs = 0
	}
	if *nodesOnly && *ocrOnly {
		return fmt.Errorf("--nodes-only and --ocr-only: choose one")
	}
	if *ingestOnly && (*nodesOnly || *ocrOnly) {
		return fmt.Errorf("--ingest-only with --nodes-only or --ocr-only: choose one")
	}
	if *perRequest < 1 || *perRequest > maxPerRequest {
		// The server takes at most 64 file parts a request.
		return fmt.Errorf("--per-request must be between 1 and %d, got %d", maxPerRequest, *perRequest)
	}
	self, err := os.Executable()
	if err != nil {
		return fmt.Errorf("find the evidence-bench binary: %w", err)
	}
	exe, err := evidenceBinary(*evidence, self)
	if err != nil {
		return err
	}
	workDir := *work
	if workDir == "" {
		if workDir, err = os.MkdirTemp("", "evidence-bench-"); err != nil {
			return err
		}
		defer os.RemoveAll(workDir)
	}
	res, err := bench.Run(ctx, bench.Config{
		Exe: exe, ProbeExe: self, Docs: *docs, PDFs: *pdfs, Seed: *seed, DomainDir: *domain, WorkDir: workDir,
		Clients: *clients, PerRequest: *perRequest, Queries: *queries, QualityDocs: *qualityDocs, SettleQuiet: *settle, FileCreateWait: *fileWait, IngestRounds: *ingestRounds, LongDocs: *longDocs, Log: stderr,
		OCRPages: *ocrPages, OCRScanPages: *ocrScanPages, OCROnly: *ocrOnly,
		NodesDocs: *nodesDocs, NodesOnly: *nodesOnly, IngestOnly: *ingestOnly,
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

// evidenceBinary is the evidence binary to run: given when not empty, otherwise
// "evidence" in the folder of self, where `make bench` puts both.
func evidenceBinary(given, self string) (string, error) {
	exe := given
	if exe == "" {
		exe = filepath.Join(filepath.Dir(self), "evidence")
	}
	abs, err := filepath.Abs(exe)
	if err != nil {
		return "", err
	}
	if info, err := os.Stat(abs); err != nil || info.IsDir() {
		return "", fmt.Errorf("no evidence binary at %s: build it (go build -o %s ./cmd/evidence) or pass --evidence", abs, exe)
	}
	return abs, nil
}
