package bench

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// OCRDetails are the raw measurements of the OCR figures.
type OCRDetails struct {
	Pages           int     `json:"pages"`            // generated scanned pages
	Docs            int     `json:"docs"`             // image-only PDFs they were bound into
	SealedPages     int     `json:"sealed_pages"`     // pages with a red seal
	RedPages        int     `json:"red_pages"`        // pages without a seal but with a red masthead or headings
	ScanDPI         int     `json:"scan_dpi"`         // resolution of the scans in the PDFs
	RenderLongSide  int     `json:"render_long_side"` // pixels of the long side both sides OCR
	GenerateSeconds float64 `json:"generate_seconds"`

	PipelineSeconds float64 `json:"pipeline_seconds"` // first upload to last indexed
	PipelineFailed  int     `json:"pipeline_failed"`
	ToolSeconds     float64 `json:"tool_seconds"`        // pdftoppm + tesseract, page after page
	ToolRenderSecs  float64 `json:"tool_render_seconds"` // of which pdftoppm

	Accuracy       HanScore  `json:"accuracy"`        // every page
	SealedAccuracy HanScore  `json:"sealed_accuracy"` // pages with a seal only
	Seals          SealScore `json:"seals"`
	Scan           *ScanRun  `json:"scan,omitempty"` // the long scan for memory
}

// ScanRun is one long image-only PDF OCR'd by a fresh `evidence serve`.
type ScanRun struct {
	Pages   int     `json:"pages"`
	Seconds float64 `json:"seconds"` // upload to indexed
	Failed  int     `json:"failed"`
	Before  Mem     `json:"before"` // the serve process, started and idle, before the upload
	After   Mem     `json:"after"`  // the serve process once the scan was indexed (Peak: during OCR)
	// TreePeak is the largest sum of the RSS of the serve process and its
	// children (pdftoppm, tesseract), sampled every 200 ms.
	TreePeak int64 `json:"tree_peak_bytes"`
}

// pagesPerScanDoc binds the generated pages into PDFs of this many pages.
const pagesPerScanDoc = 5

// errOCRMissing says that the machine cannot OCR; the figures are skipped.
var errOCRMissing = errors.New("OCR readers missing")

// ocrReady checks, as `evidence doctor` does, that tesseract with chi_sim
// and eng and pdftoppm are installed.
func ocrReady(ctx context.Context) error {
	var missing []string
	for _, rd := range extract.Readers(ctx) {
		if (strings.HasPrefix(rd.Name, "tesseract") || strings.HasPrefix(rd.Name, "pdftoppm")) && !rd.Available {
			missing = append(missing, fmt.Sprintf("%s: %s (apt-get install %s)", rd.Name, rd.Detail.English, rd.Package))
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: %s", errOCRMissing, strings.Join(missing, "; "))
	}
	return nil
}

// ocrSet is the generated pages and the PDFs they were written to.
type ocrSet struct {
	pages []ScanPage
	pdfs  []string // pagesPerScanDoc pages each, in order
	docs  []Doc    // upload metadata of each PDF
}

// makeOCRSet draws n pages on 2 goroutines and binds them into PDFs in dir;
// short pages hold little text (see scanPage).
func (g *Generator) makeOCRSet(n int, dir string, short bool) (*ocrSet, error) {
	typeface, err := loadScanTypeface()
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	set := &ocrSet{pages: make([]ScanPage, n)}
	var wg sync.WaitGroup
	workers := min(2, runtime.NumCPU())
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			fonts := typeface.faces()
			for i := w; i < n; i += workers {
				set.pages[i] = g.scanPage(fonts, i, short)
			}
		}()
	}
	wg.Wait()
	for start := 0; start < n; start += pagesPerScanDoc {
		var jpegs [][]byte
		for _, p := range set.pages[start:min(n, start+pagesPerScanDoc)] {
			jpegs = append(jpegs, p.JPEG)
		}
		d := scanDoc(len(set.docs))
		path := filepath.Join(dir, d.Name)
		if err := os.WriteFile(path, imagePDF(jpegs), 0o644); err != nil {
			return nil, err
		}
		set.pdfs, set.docs = append(set.pdfs, path), append(set.docs, d)
	}
	return set, nil
}

// longScan writes one image-only PDF of n pages, the set's pages over and
// over.
func (s *ocrSet) longScan(n int, dir string) (string, error) {
	jpegs := make([][]byte, n)
	for i := range jpegs {
		jpegs[i] = s.pages[i%len(s.pages)].JPEG
	}
	path := filepath.Join(dir, fmt.Sprintf("scan-%dpages.pdf", n))
	return path, os.WriteFile(path, imagePDF(jpegs), 0o644)
}

// scanDoc is the upload metadata of scanned PDF i.
func scanDoc(i int) Doc {
	return Doc{Name: fmt.Sprintf("scan-%03d.pdf", i), Title: fmt.Sprintf("扫描件第%d份", i+1),
		City: Cities[i%len(Cities)].Code, DocType: "policy", IssuedOn: "2019-03-12"}
}

// ocr measures the OCR figures: pages/s through the pipeline against
// pdftoppm + tesseract from the command line, Han accuracy and seal
// detection of extract against plain tesseract and a red-ink rule, and the
// serve process's memory while it OCRs one long scan.
func (r *run) ocr(ctx context.Context) error {
	if r.cfg.OCRPages <= 0 {
		return nil
	}
	if err := ocrReady(ctx); err != nil {
		r.res.Skipped = append(r.res.Skipped, "OCR figures: "+err.Error())
		return nil
	}
	dir := filepath.Join(r.cfg.WorkDir, "scans")
	start := time.Now()
	set, err := r.g.makeOCRSet(r.cfg.OCRPages, dir, false)
	if err != nil {
		r.res.Skipped = append(r.res.Skipped, "OCR figures: "+err.Error())
		return nil
	}
	d := &OCRDetails{Pages: len(set.pages), Docs: len(set.pdfs), ScanDPI: scanDPI, RenderLongSide: ocrRenderLongSide,
		GenerateSeconds: time.Since(start).Seconds()}
	for _, p := range set.pages {
		if p.Seal {
			d.SealedPages++
		} else {
			d.RedPages++ // every page without a seal has red print (pageKinds)
		}
	}
	r.res.OCR = d
	r.logf("drew %d scanned pages (%d sealed) into %d PDFs in %.1fs", d.Pages, d.SealedPages, d.Docs, d.GenerateSeconds)
	if err := r.ocrPipeline(ctx, set, d); err != nil {
		return fmt.Errorf("pipeline: %w", err)
	}
	toolTexts, err := r.ocrTool(ctx, set, d)
	if err != nil {
		return fmt.Errorf("tesseract from the command line: %w", err)
	}
	if err := r.ocrAccuracy(ctx, set, toolTexts, d); err != nil {
		return fmt.Errorf("accuracy: %w", err)
	}
	if r.cfg.OCRScanPages > 0 {
		if err := r.ocrLongScan(ctx, set, d); err != nil {
			return fmt.Errorf("long scan: %w", err)
		}
	}
	r.ocrFigures(d)
	return nil
}

func (r *run) ocrPipeline(ctx context.Context, set *ocrSet, d *OCRDetails) error {
	files := make([]uploadFile, len(set.pdfs))
	for i := range files {
		files[i] = uploadFile{doc: &set.docs[i], path: set.pdfs[i]}
	}
	res, err := ocrThroughServe(ctx, r.cfg.Exe, filepath.Join(r.cfg.WorkDir, "ocr-data"), files)
	if err != nil {
		return err
	}
	d.PipelineSeconds, d.PipelineFailed = res.Seconds, res.Failed
	r.logf("pipeline: %d pages in %.1fs (%d documents failed)", d.Pages, d.PipelineSeconds, d.PipelineFailed)
	if res.Failed > 0 {
		return fmt.Errorf("%d of %d scanned PDFs failed; see %s", res.Failed, len(files), filepath.Join(r.cfg.WorkDir, "ocr-data.log"))
	}
	return nil
}

func (r *run) ocrTool(ctx context.Context, set *ocrSet, d *OCRDetails) ([]string, error) {
	texts, render, total, err := tesseractCLI(ctx, set, filepath.Join(r.cfg.WorkDir, "scans-rendered"))
	if err != nil {
		return nil, err
	}
	d.ToolSeconds, d.ToolRenderSecs = total.Seconds(), render.Seconds()
	r.logf("pdftoppm + tesseract: %d pages in %.1fs (%.1fs rendering)", len(texts), d.ToolSeconds, d.ToolRenderSecs)
	return texts, nil
}

func (r *run) ocrAccuracy(ctx context.Context, set *ocrSet, toolTexts []string, d *OCRDetails) error {
	ours, seals, err := extractScans(ctx, set)
	if err != nil {
		return err
	}
	for i, p := range set.pages {
		d.Accuracy.add(p.Truth, ours[i], toolTexts[i])
		if p.Seal {
			d.SealedAccuracy.add(p.Truth, ours[i], toolTexts[i])
		}
		d.Seals.add(i, p.Seal, seals[i], anyRedInk(p.JPEG))
	}
	r.logf("Han accuracy %.1f%% (plain tesseract %.1f%%), sealed pages %.1f%% (%.1f%%); seals: precision %.0f%%, recall %.0f%%",
		100*d.Accuracy.ours(), 100*d.Accuracy.tool(), 100*d.SealedAccuracy.ours(), 100*d.SealedAccuracy.tool(),
		100*d.Seals.precision(), 100*d.Seals.recall())
	return nil
}

func (r *run) ocrLongScan(ctx context.Context, set *ocrSet, d *OCRDetails) error {
	path, err := set.longScan(r.cfg.OCRScanPages, filepath.Join(r.cfg.WorkDir, "scans"))
	if err != nil {
		return err
	}
	doc := scanDoc(len(set.docs))
	doc.Name = filepath.Base(path)
	res, err := ocrThroughServe(ctx, r.cfg.Exe, filepath.Join(r.cfg.WorkDir, "ocr-scan-data"), []uploadFile{{doc: &doc, path: path}})
	if err != nil {
		return err
	}
	res.Pages = r.cfg.OCRScanPages
	d.Scan = res
	r.logf("%d-page scan: %.1fs, serve peak RSS %.0f MiB (%.0f MiB before the upload), with its children %.0f MiB",
		res.Pages, res.Seconds, MiB(res.After.Peak), MiB(res.Before.Peak), MiB(res.TreePeak))
	if res.Failed > 0 {
		return fmt.Errorf("the %d-page scan failed; see %s", res.Pages, filepath.Join(r.cfg.WorkDir, "ocr-scan-data.log"))
	}
	return nil
}

func (r *run) ocrFigures(d *OCRDetails) {
	pipe, tool := float64(d.Pages)/d.PipelineSeconds, float64(d.Pages)/d.ToolSeconds
	acc, sealed, seals := d.Accuracy, d.SealedAccuracy, d.Seals
	r.res.Figures = append(r.res.Figures,
		figure("OCR: scanned pages through the pipeline", pipe, "pages/s", tool, "pages/s pdftoppm + tesseract CLI", "≥ 0.9× tesseract CLI", ptr(pipe >= 0.9*tool)),
		figure("OCR: Han accuracy, all pages", 100*acc.ours(), "%", 100*acc.tool(), "% plain tesseract", "≥ 95%", ptr(acc.ours() >= 0.95)),
		figure("OCR: Han accuracy, sealed pages", 100*sealed.ours(), "%", 100*sealed.tool(), "% plain tesseract", "> plain tesseract", ptr(sealed.ours() > sealed.tool())),
		figure("OCR: seal detection precision", 100*seals.precision(), "%", 100*seals.redPrecision(), "% any red ink", "≥ 95%", ptr(seals.precision() >= 0.95)),
		figure("OCR: seal detection recall", 100*seals.recall(), "%", 100*seals.redRecall(), "% any red ink", "≥ 95%", ptr(seals.recall() >= 0.95)),
	)
	if s := d.Scan; s != nil {
		peak := MiB(s.After.Peak)
		r.res.Figures = append(r.res.Figures,
			figure(fmt.Sprintf("memory: peak RSS, OCR of a %d-page scan", s.Pages), peak, "MiB", MiB(s.Before.Peak), "MiB same process before the upload", "≤ 1024 MiB", ptr(peak <= 1024)),
			figure("memory: with pdftoppm and tesseract", MiB(s.TreePeak), "MiB", MiB(s.Before.Peak), "MiB serve before the upload", "", nil),
			figure(fmt.Sprintf("OCR: the %d-page scan through the pipeline", s.Pages), float64(s.Pages)/s.Seconds, "pages/s", tool, "pages/s pdftoppm + tesseract CLI", "", nil),
		)
	}
}
