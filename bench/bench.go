package bench

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/internal/cpuprofile"
	"github.com/lcmonitor/evidence/search"
)

// Config says what one benchmark run measures.
type Config struct {
	Exe         string // the evidence binary, run as child processes (serve, user add)
	ProbeExe    string // a binary whose --probe-dict runs ProbeDictionary (evidence-bench itself)
	Docs        int    // generated text documents
	PDFs        int    // generated PDFs (LibreOffice, cached)
	Seed        uint64
	DomainDir   string // ../shared/domain: real Chinese text the corpus varies
	WorkDir     string // data folders and indexes; the caller removes it
	Clients     int    // concurrent upload clients
	PerRequest  int    // files an upload request carries at most (default 16, as the web page sends a folder; 1: a file a request)
	Queries     int    // searches in the latency mix
	QualityDocs int    // documents of the quality evaluation corpus
	SuggestDir  string // the labelled set of indicator suggestions
	// FieldsDir and NearDupDir are the labelled sets of fields read from
	// the text (ingest/fields) and of near-duplicate pairs (neardup).
	FieldsDir, NearDupDir string
	RawBatch              int // batch size of the raw Bleve baseline
	// IngestRounds is how many times raw Bleve and then the pipeline
	// ingest the corpus; the ingest figures are the round with the median
	// ratio of CPU per MB (default 1).
	IngestRounds int
	// LongDocs is how many documents of real size (LongDoc, 14 KB on
	// average) raw Bleve and the pipeline ingest in a figure of their own,
	// in IngestRounds rounds (0: none): the corpus's 3 KB documents weigh
	// what the archive does per document five times as much per MB.
	LongDocs int
	// OCRPages is the number of scanned pages of the OCR figures (0: no
	// OCR figures); OCRScanPages the length of the scan whose OCR the
	// memory figure watches (0: none). OCROnly measures nothing else.
	OCRPages     int
	OCRScanPages int
	OCROnly      bool
	// NodesDocs is how many documents of the corpus the several-nodes
	// figures upload (0: none): two nodes on PostgreSQL and S3, a third
	// catching up, and the catalog's upload path on both databases.
	NodesDocs int
	NodesOnly bool // measure the several-nodes figures only
	// IngestOnly measures the corpus's ingest only (raw Bleve and the
	// pipeline, cfg.IngestRounds rounds): the figure a change to the
	// pipeline's speed is judged by, without the steps after it.
	IngestOnly bool
	// FileCreateWait is how long the ingest waits at most, before its
	// rounds, while a new file is dear in the work folder
	// (waitForCheapFiles); 0 measures only.
	FileCreateWait time.Duration
	// SettleQuiet is how long the index folder must stay unchanged before
	// merges count as settled.
	SettleQuiet time.Duration
	Log         io.Writer
}

func (c *Config) setDefaults() {
	if c.Clients <= 0 {
		c.Clients = 8
	}
	if c.PerRequest <= 0 {
		c.PerRequest = 16
	}
	if c.Queries <= 0 {
		c.Queries = 300
	}
	if c.SuggestDir == "" {
		c.SuggestDir = filepath.Join("search", "suggesteval", "testdata", "suggest")
	}
	if c.FieldsDir == "" {
		c.FieldsDir = filepath.Join("ingest", "fields", "testdata")
	}
	if c.NearDupDir == "" {
		c.NearDupDir = filepath.Join("neardup", "testdata")
	}
	if c.QualityDocs <= 0 {
		c.QualityDocs = 2000
	}
	if c.RawBatch <= 0 {
		c.RawBatch = 256
	}
	if c.IngestRounds <= 0 {
		c.IngestRounds = 1
	}
	if c.SettleQuiet <= 0 {
		c.SettleQuiet = 10 * time.Second
	}
	if c.Log == nil {
		c.Log = io.Discard
	}
}

// run is the state of one benchmark run.
type run struct {
	cfg     Config
	res     *Results
	g       *Generator
	docs    []Doc
	pdfDocs []Doc
	pdfs    []string // paths of the cached PDFs; empty when soffice is missing
	start   time.Time
	// nodeToken is the admin token of the several-nodes archive.
	nodeToken string
	// data is the data folder of the last ingest round.
	data string
}

func (r *run) logf(format string, args ...any) {
	fmt.Fprintf(r.cfg.Log, "[%6.1fs] "+format+"\n", append([]any{time.Since(r.start).Seconds()}, args...)...)
}

// Run measures everything and returns the results; it prints progress to
// cfg.Log.
func Run(ctx context.Context, cfg Config) (*Results, error) {
	cfg.setDefaults()
	if cfg.OCROnly || cfg.NodesOnly || cfg.IngestOnly {
		cfg.LongDocs = 0
	}
	if cfg.OCROnly {
		cfg.Docs, cfg.PDFs = 0, 0
	}
	r := &run{cfg: cfg, res: &Results{Machine: thisMachine()}, start: time.Now()}
	steps := []struct {
		name string
		fn   func(context.Context) error
	}{
		{"generate corpus", r.generate},
		{"PDF extraction", r.pdf},
		{"ingest", r.ingest},
		{"search and serving", r.serve},
		{"search quality", r.quality},
		{"indicator suggestions", r.suggestions},
		{"fields and near duplicates", r.textSense},
		{"ingest of long documents", r.ingestLong},
		{"several nodes", r.nodes},
		{"OCR", r.ocr},
	}
	switch {
	case cfg.OCROnly:
		steps = append(steps[:1], steps[len(steps)-1])
	case cfg.NodesOnly:
		steps = append(steps[:1], steps[len(steps)-2])
	case cfg.IngestOnly:
		steps = steps[:3] // the corpus, its PDFs and the ingest
	}
	for _, s := range steps {
		r.logf("%s …", s.name)
		if err := s.fn(ctx); err != nil {
			return r.res, fmt.Errorf("%s: %w", s.name, err)
		}
	}
	r.res.Duration = time.Since(r.start).Round(time.Second).String()
	return r.res, nil
}

func (r *run) generate(ctx context.Context) error {
	if err := index.Preload(); err != nil {
		return err
	}
	g, err := NewGenerator(r.cfg.Seed, r.cfg.DomainDir)
	if err != nil {
		return err
	}
	r.g = g
	if g.DomainSentences == 0 {
		r.res.Skipped = append(r.res.Skipped, fmt.Sprintf("no domain text in %q: corpus made from the benchmark's own material only", r.cfg.DomainDir))
	}
	r.docs = g.Docs(r.cfg.Docs)
	for i := range r.cfg.PDFs {
		r.pdfDocs = append(r.pdfDocs, g.PDFDoc(i))
	}
	r.res.Corpus = Corpus{Seed: r.cfg.Seed, GeneratorVersion: GeneratorVersion, Docs: len(r.docs),
		TextBytes: totalText(r.docs), DomainSentences: g.DomainSentences, OwnSentences: g.OwnSentences}
	r.logf("%d documents, %.1f MB of text", len(r.docs), float64(r.res.Corpus.TextBytes)/1e6)
	return nil
}

func (r *run) pdf(ctx context.Context) error {
	if r.cfg.PDFs == 0 {
		return nil
	}
	d := &PDFDetails{}
	paths, err := r.g.ensurePDFs(ctx, r.cfg.PDFs, d)
	if err != nil {
		r.res.Skipped = append(r.res.Skipped, "PDF figure and PDFs in the ingest: "+err.Error())
		r.pdfDocs = nil
		return nil
	}
	if d.Generated > 0 {
		r.logf("made %d PDFs with LibreOffice in %.0fs (cached in %s)", d.Generated, d.GenerateSecs, d.CacheDir)
	}
	r.pdfs = paths
	if err := measurePDF(ctx, r.pdfDocs, paths, d); err != nil {
		r.res.Skipped = append(r.res.Skipped, "PDF figure: "+err.Error())
		return nil
	}
	r.res.PDF = d
	r.res.Corpus.PDFs = len(paths)
	r.res.Corpus.TextBytes += totalText(r.pdfDocs)
	ours, tool := float64(d.Pages)/d.OursSeconds, float64(d.ToolPages)/d.ToolSeconds
	r.res.Figures = append(r.res.Figures, figure("PDF extraction", ours, "pages/s", tool, "pdftotext pages/s", "≥ 2× pdftotext", ptr(ours >= 2*tool)))
	return nil
}

// allDocs is the text corpus plus the PDF documents that will be uploaded.
func (r *run) allDocs() []Doc { return append(append([]Doc(nil), r.docs...), r.pdfDocs...) }

func (r *run) ingest(ctx context.Context) error {
	docs := r.allDocs()
	d := &IngestDetails{Docs: len(docs), TextBytes: totalText(docs), Clients: r.cfg.Clients, PerRequest: r.cfg.PerRequest, RawBleveBatch: r.cfg.RawBatch}
	r.res.Ingest = d
	workers := runtime.NumCPU()
	took, terms, err := measureSegmentation(docs, workers)
	if err != nil {
		return err
	}
	d.SegmentSeconds, d.SegmentWorkers, d.SegmentTerms = took.Seconds(), workers, terms
	r.logf("gse segmentation alone: %.1fs", took.Seconds())
	fileCost, err := r.waitForCheapFiles(ctx)
	if err != nil {
		return err
	}
	d.FileCreateMicros = float64(fileCost.Microseconds())
	if err := r.ingestRounds(ctx, docs, r.uploadFiles(), "data", d); err != nil {
		return err
	}
	r.ingestFigures(d)
	return nil
}

// ingestRounds measures cfg.IngestRounds rounds of raw Bleve and the
// pipeline on docs (uploaded as files) and keeps in d the round with the
// median CPU ratio, with every round's figures; the last round's data
// folder, named after folder, is left in r.data.
func (r *run) ingestRounds(ctx context.Context, docs []Doc, files []uploadFile, folder string, d *IngestDetails) error {
	// Rounds alternate raw Bleve and the pipeline: this machine's speed
	// swings by a third from one minute to the next, so one pair of runs
	// can say 1.2 or 1.9 of the same build.
	rounds := make([]IngestDetails, r.cfg.IngestRounds)
	for i := range rounds {
		rd := &rounds[i]
		*rd = *d
		// Each round has a data folder of its own, left for the work
		// folder's removal at the end of the run: on ext4 without a journal
		// (these machines), every file created skips over the inodes
		// deleted in the last minute or more, so a round that begins by
		// deleting the last round's ten thousand files pays up to ten
		// times the kernel CPU for each file it creates (measured: 23 to
		// 371 µs a file), which raw Bleve, creating few files, does not;
		// so would the steps after the ingest.
		r.data = filepath.Join(r.cfg.WorkDir, fmt.Sprintf("%s-%d", folder, i+1))
		if err := r.ingestRound(ctx, docs, files, rd); err != nil {
			return err
		}
		r.logf("ingest round %d of %d: CPU per MB %.2f× raw Bleve's, throughput %.2f× raw Bleve's (CPU: server %.1fs, raw Bleve %.1fs, upload clients %.1fs; %d files a request)",
			i+1, len(rounds), rd.cpuRatio(), rd.RawBleveSeconds/rd.PipelineSeconds, rd.ServerCPU, rd.RawBleveCPU, rd.ClientCPU, rd.PerRequest)
	}
	median := slices.Clone(rounds)
	slices.SortFunc(median, func(a, b IngestDetails) int { return cmp.Compare(a.cpuRatio(), b.cpuRatio()) })
	*d = median[len(median)/2]
	for _, rd := range rounds {
		d.Rounds = append(d.Rounds, IngestRound{PipelineSeconds: rd.PipelineSeconds, ServerCPU: rd.ServerCPU,
			RawBleveSeconds: rd.RawBleveSeconds, RawBleveCPU: rd.RawBleveCPU})
		d.PipelinePeak.Peak = max(d.PipelinePeak.Peak, rd.PipelinePeak.Peak)
	}
	return nil
}

// uploadFiles is the corpus as the pipeline's clients upload it.
func (r *run) uploadFiles() []uploadFile {
	files := make([]uploadFile, 0, len(r.docs)+len(r.pdfDocs))
	for i := range r.docs {
		files = append(files, uploadFile{doc: &r.docs[i]})
	}
	for i := range r.pdfDocs {
		files = append(files, uploadFile{doc: &r.pdfDocs[i], path: r.pdfs[i]})
	}
	return files
}

// ingestLong measures the ingest figures again on documents of real size
// (LongDoc), after the serving figures, which read the corpus's index.
func (r *run) ingestLong(ctx context.Context) error {
	if r.cfg.LongDocs == 0 {
		return nil
	}
	defer func(corpus string) { r.data = corpus }(r.data)
	docs := make([]Doc, r.cfg.LongDocs)
	for i := range docs {
		docs[i] = r.g.LongDoc(i)
	}
	files := make([]uploadFile, len(docs))
	for i := range docs {
		files[i] = uploadFile{doc: &docs[i]}
	}
	d := &IngestDetails{Docs: len(docs), TextBytes: totalText(docs), Clients: r.cfg.Clients, PerRequest: r.cfg.PerRequest, RawBleveBatch: r.cfg.RawBatch}
	r.logf("%d long documents, %.1f MB of text", len(docs), float64(d.TextBytes)/1e6)
	if err := r.ingestRounds(ctx, docs, files, "long-data", d); err != nil {
		return err
	}
	r.res.IngestLong = d
	mb := float64(d.TextBytes) / 1e6
	size := fmt.Sprintf("%.0f KB documents", float64(d.TextBytes)/float64(d.Docs)/1e3)
	pipeDocs, rawDocs := float64(d.Docs)/d.PipelineSeconds, float64(d.Docs)/d.RawBleveSeconds
	r.res.Figures = append(r.res.Figures,
		figure("ingest, "+size+": pipeline over HTTP", pipeDocs, "docs/s", rawDocs, "docs/s raw Bleve", "≥ 0.85× raw Bleve", ptr(pipeDocs >= 0.85*rawDocs)),
		figure("ingest, "+size+": CPU per MB", d.ServerCPU/mb, "CPU-s/MB", d.RawBleveCPU/mb, "CPU-s/MB raw Bleve"+d.roundsNote(), "≤ 1.3× raw Bleve", ptr(d.ServerCPU <= 1.3*d.RawBleveCPU)),
	)
	return nil
}

// ingestRound indexes docs with raw Bleve and then through the pipeline,
// into fresh folders; the pipeline's data folder (r.data) is left for the
// serving figures.
func (r *run) ingestRound(ctx context.Context, docs []Doc, files []uploadFile, d *IngestDetails) error {
	rawDir := filepath.Join(r.cfg.WorkDir, "raw-index")
	os.RemoveAll(rawDir)
	stopProfile, err := profileRawBleve()
	if err != nil {
		return err
	}
	cpu0, _ := CPUTime("self")
	took, size, err := measureRawBleve(ctx, docs, rawDir, r.cfg.RawBatch, r.cfg.SettleQuiet)
	if perr := stopProfile(); perr != nil {
		r.logf("EVIDENCE_BENCH_CPUPROFILE: the raw Bleve profile is incomplete: %v", perr)
	}
	if err != nil {
		return fmt.Errorf("raw Bleve: %w", err)
	}
	cpu1, _ := CPUTime("self")
	d.RawBleveSeconds, d.RawBleveIndexBytes, d.RawBleveCPU = took.Seconds(), size, (cpu1 - cpu0).Seconds()
	os.RemoveAll(rawDir)
	r.logf("raw Bleve: %.1fs", took.Seconds())
	if err := os.RemoveAll(r.dataDir()); err != nil {
		return err
	}
	if err := r.pipeline(ctx, files, d); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	return nil
}

// profileRawBleve starts a CPU profile of the bench process for one raw
// Bleve round when EVIDENCE_BENCH_CPUPROFILE names a path prefix (written
// to PREFIX.raw.<n>), to set beside the serve process's
// (EVIDENCE_CPUPROFILE); it returns the function that stops it and says
// whether the profile was written whole.
func profileRawBleve() (stop func() error, err error) {
	prefix := os.Getenv("EVIDENCE_BENCH_CPUPROFILE")
	if prefix == "" {
		return func() error { return nil }, nil
	}
	rawProfiles++
	stop, err = cpuprofile.Start(fmt.Sprintf("%s.raw.%d", prefix, rawProfiles))
	if err != nil {
		return nil, fmt.Errorf("EVIDENCE_BENCH_CPUPROFILE: %w", err)
	}
	return stop, nil
}

// rawProfiles numbers the raw Bleve rounds profiled in this run.
var rawProfiles int

// pipeline uploads the corpus to a fresh `evidence serve` over HTTP and
// waits until everything is indexed and the index has settled.
func (r *run) pipeline(ctx context.Context, files []uploadFile, d *IngestDetails) error {
	data := r.dataDir()
	token, err := createAdmin(ctx, r.cfg.Exe, data)
	if err != nil {
		return err
	}
	s, _, err := startServer(ctx, r.cfg.Exe, data, token, filepath.Join(r.cfg.WorkDir, "serve-ingest.log"))
	if err != nil {
		return err
	}
	// Start-up (the dictionary, opening the index) is not ingest work, and
	// raw Bleve's turn does not pay it either: this process had loaded the
	// dictionary before.
	startCPU, err := CPUTimeWithChildren(s.pid())
	if err != nil {
		s.stop()
		return err
	}
	clientCPU, _ := CPUTime("self")
	upload, total, failed, err := ingestOverHTTP(ctx, s, files, r.cfg.Clients, r.cfg.PerRequest)
	if err != nil {
		s.stop()
		return err
	}
	clientCPUAfter, _ := CPUTime("self")
	d.ClientCPU = (clientCPUAfter - clientCPU).Seconds()
	d.UploadSeconds, d.PipelineSeconds, d.Failed = upload.Seconds(), total.Seconds(), failed
	r.logf("pipeline: %d documents in %.1fs (%d failed)", len(files), total.Seconds(), failed)
	_, peak, settle, err := waitSettled(ctx, filepath.Join(data, "index"), r.cfg.SettleQuiet, 3*time.Minute)
	if err != nil {
		s.stop()
		return err
	}
	// To the settled index, as raw Bleve's: both hold their merges.
	serverCPU, err := CPUTimeWithChildren(s.pid())
	if err != nil {
		s.stop()
		return err
	}
	d.ServerCPU, d.ServerStartCPU = (serverCPU - startCPU).Seconds(), startCPU.Seconds()
	d.SettleSeconds, d.IndexPeakBytes = settle.Seconds(), peak
	if d.PipelinePeak, err = s.mem(); err != nil {
		s.stop()
		return err
	}
	if err := s.stop(); err != nil {
		return fmt.Errorf("stop evidence serve: %w", err)
	}
	d.IndexBytes, err = dirSize(filepath.Join(data, "index"))
	return err
}

func (r *run) dataDir() string { return r.data }

func (r *run) ingestFigures(d *IngestDetails) {
	mb := float64(d.TextBytes) / 1e6
	pipeDocs, rawDocs := float64(d.Docs)/d.PipelineSeconds, float64(d.Docs)/d.RawBleveSeconds
	pipeMB, rawMB, segMB := mb/d.PipelineSeconds, mb/d.RawBleveSeconds, mb/d.SegmentSeconds
	r.res.Figures = append(r.res.Figures,
		figure("ingest: pipeline over HTTP", pipeDocs, "docs/s", rawDocs, "docs/s raw Bleve", "≥ 0.85× raw Bleve", ptr(pipeDocs >= 0.85*rawDocs)),
		figure("ingest: pipeline text", pipeMB, "MB/s", rawMB, "MB/s raw Bleve", "≥ 5 MB/s", ptr(pipeMB >= 5)),
		figure("ingest: pipeline vs gse alone", pipeMB, "MB/s", segMB, fmt.Sprintf("MB/s gse segmentation (%d goroutines)", d.SegmentWorkers), "", nil),
		figure("ingest: CPU per MB of text", d.ServerCPU/mb, "CPU-s/MB", d.RawBleveCPU/mb, "CPU-s/MB raw Bleve"+d.roundsNote(), "≤ 1.3× raw Bleve", ptr(d.ServerCPU <= 1.3*d.RawBleveCPU)),
		figure("index size (settled)", MiB(d.IndexBytes), "MiB", MiB(d.TextBytes), "MiB raw text", "≤ 3× raw text", ptr(d.IndexBytes <= 3*d.TextBytes)),
		figure("index size vs raw Bleve index", MiB(d.IndexBytes), "MiB", MiB(d.RawBleveIndexBytes), "MiB raw Bleve index", "", nil),
	)
}

// serve measures the index of the ingest run: search in-process against
// the bare index, then start-up, memory and search over HTTP in a fresh
// `evidence serve`.
func (r *run) serve(ctx context.Context) error {
	qs := r.g.Queries(r.cfg.Queries)
	corpus := len(r.docs) + len(r.pdfDocs)
	if err := r.searchInProcess(ctx, qs, corpus); err != nil {
		return err
	}
	probe, probeTook, err := probeDictionary(ctx, r.cfg.ProbeExe)
	if err != nil {
		return err
	}
	data := r.dataDir()
	token, err := createAdmin(ctx, r.cfg.Exe, data)
	if err != nil {
		return err
	}
	s, startup, err := startServer(ctx, r.cfg.Exe, data, token, filepath.Join(r.cfg.WorkDir, "serve-search.log"))
	if err != nil {
		return err
	}
	defer s.stop()
	idle, err := s.mem()
	if err != nil {
		return err
	}
	c := newClient(s, 1)
	// Warm up as in-process: the first searches page the index in.
	if _, _, err := searchOverHTTP(ctx, c, r.g.WarmupQueries(warmupSearches)); err != nil {
		return err
	}
	searchTook, healthTook, err := searchOverHTTP(ctx, c, qs)
	if err != nil {
		return err
	}
	busy, err := s.mem()
	if err != nil {
		return err
	}
	httpLat, health := summarize("search over HTTP", searchTook, nil, 0), summarize("GET /healthz over HTTP", healthTook, nil, 0)
	r.res.Latency = append(r.res.Latency, httpLat, health)
	r.res.Serving = &ServingDetails{Idle: idle, AfterSearches: busy, Dictionary: probe}
	r.logf("start-up %.2fs; serving RSS %.0f MiB idle, %.0f MiB after searches (%.0f MiB of it mapped index files)",
		startup.Seconds(), MiB(idle.RSS), MiB(busy.RSS), MiB(busy.File))
	dict := MiB(probe.Mem.RSS)
	peak := MiB(r.res.Ingest.PipelinePeak.Peak)
	r.res.Figures = append(r.res.Figures,
		figure("memory: peak RSS during bulk ingest", peak, "MiB", dict, "MiB dictionary alone", "≤ 1024 MiB", ptr(peak <= 1024)),
		figure("memory: RSS while serving", MiB(busy.RSS), "MiB", dict, "MiB dictionary alone", "≤ 800 MiB", ptr(MiB(busy.RSS) <= 800)),
		figure("search over HTTP p50", httpLat.P50MS, "ms", health.P50MS, "ms GET /healthz", "≤ 10 ms", ptr(httpLat.P50MS <= 10)),
		figure("search over HTTP p95", httpLat.P95MS, "ms", health.P95MS, "ms GET /healthz", "", nil),
		figure("search over HTTP p99", httpLat.P99MS, "ms", health.P99MS, "ms GET /healthz", "≤ 100 ms", ptr(httpLat.P99MS <= 100)),
		figure("start-up to /healthz OK", startup.Seconds(), "s", probeTook.Seconds(), "s process loading the dictionary only", "≤ 3 s", ptr(startup.Seconds() <= 3)),
	)
	return nil
}

func (r *run) searchInProcess(ctx context.Context, qs []Query, corpus int) error {
	data := r.dataDir()
	cat, err := catalog.Open(ctx, filepath.Join(data, "catalog.db"))
	if err != nil {
		return err
	}
	defer cat.Close()
	idx, err := index.Open(filepath.Join(data, "index"))
	if err != nil {
		return err
	}
	defer idx.Close()
	svc := search.NewService(idx, cat)
	// Warm up: the first searches page the index in.
	if _, _, err := searchInProcess(ctx, svc, r.g.WarmupQueries(warmupSearches)); err != nil {
		return err
	}
	bare, err := searchBareIndex(ctx, idx, qs)
	if err != nil {
		return err
	}
	took, totals, err := searchInProcess(ctx, svc, qs)
	if err != nil {
		return err
	}
	full, base := summarize("search in-process", took, totals, corpus), summarize("bare index query in-process", bare, nil, 0)
	r.res.Latency = append(r.res.Latency, full, base)
	r.res.Figures = append(r.res.Figures,
		figure("search in-process p50", full.P50MS, "ms", base.P50MS, "ms bare index query", "≤ 10 ms", ptr(full.P50MS <= 10)),
		figure("search in-process p95", full.P95MS, "ms", base.P95MS, "ms bare index query", "", nil),
		figure("search in-process p99", full.P99MS, "ms", base.P99MS, "ms bare index query", "≤ 100 ms", ptr(full.P99MS <= 100)),
	)
	return nil
}

func (r *run) quality(ctx context.Context) error {
	res, err := EvaluateQuality(ctx, r.g, r.cfg.QualityDocs)
	if err != nil {
		return err
	}
	r.res.Quality = res
	byName := map[string]QualityResult{}
	for _, q := range res {
		byName[q.Analyzer] = q
	}
	ours, words, cjk, exact := byName["ours"], byName["words"], byName["cjk"], byName["exact"]
	r.res.Figures = append(r.res.Figures,
		figure("quality: recall, dictionary words", 100*ours.Recall, "%", 100*exact.Recall, "% gse exact mode both sides", "≥ 99%", ptr(ours.Recall >= 0.99)),
		figure("quality: recall vs bigrams", 100*ours.Recall, "%", 100*cjk.Recall, "% cjk bigrams", "", nil),
		figure("quality: trap false positives", float64(ours.TrapFalsePositives), "docs", float64(cjk.TrapFalsePositives), "docs cjk bigrams", "0", ptr(ours.TrapFalsePositives == 0)),
		figure("quality: hard-trap false positives", float64(ours.HardFalsePositives), "docs", float64(exact.HardFalsePositives), "docs gse exact mode both sides", "", nil),
		figure("quality: recall, non-dictionary substrings", 100*ours.SubRecall, "%", 100*words.SubRecall, "% words only (before)", "100%", ptr(ours.SubRecall == 1)),
		figure("quality: substrings cut from numbers", float64(ours.SubFalsePositives), "docs", float64(cjk.SubFalsePositives), "docs cjk bigrams", "0", ptr(ours.SubFalsePositives == 0)),
	)
	return r.substringCost(ctx)
}

// substringCostDocs bounds the documents indexed twice to measure what the
// substring fields cost.
const substringCostDocs = 10000

// substringCost indexes the same documents into two Bleve indexes on disk,
// the archive's and one without the n-gram fields (as before substring
// search), and compares their speed and size.
func (r *run) substringCost(ctx context.Context) error {
	docs := r.docs[:min(len(r.docs), substringCostDocs)]
	if len(docs) == 0 {
		return nil
	}
	with, withSize, err := measureBleve(ctx, docs, filepath.Join(r.cfg.WorkDir, "cost-substrings"), r.cfg.RawBatch, index.Open, 0)
	if err != nil {
		return err
	}
	without, withoutSize, err := measureBleve(ctx, docs, filepath.Join(r.cfg.WorkDir, "cost-words-only"), r.cfg.RawBatch, index.OpenWordsOnly, 0)
	if err != nil {
		return err
	}
	mb := float64(totalText(docs)) / 1e6
	r.res.Figures = append(r.res.Figures,
		figure("substring fields: raw Bleve ingest", mb/with.Seconds(), "MB/s", mb/without.Seconds(), "MB/s without them", "", nil),
		figure("substring fields: index size", float64(withSize)/(1<<20), "MiB", float64(withoutSize)/(1<<20), "MiB without them", "", nil),
	)
	return nil
}
