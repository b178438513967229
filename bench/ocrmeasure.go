package bench

import (
	"bytes"
	"context"
	"fmt"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/ingest/extract"
)

// ocrRenderLongSide is the long side in pixels at which the pipeline renders
// a PDF page for OCR (renderLongSide in ingest/extract/pdfocr.go: A4 at 300
// dpi); the command-line baseline renders at the same size. Kept in step by
// hand: extract does not export it.
const ocrRenderLongSide = 3508

// tesseractArgs are the options the pipeline gives tesseract (ocr.go in
// ingest/extract): Chinese and English models (latinLanguages; a page
// with a line read as Latin letters alone is read again with chi_sim), one
// uniform block of text.
var tesseractArgs = []string{"-l", "chi_sim+eng", "--psm", "6"}

// ocrThroughServe uploads files to a fresh `evidence serve` on dataDir and
// waits until each is indexed or failed. It reads the process's memory
// before the upload and after, and samples the RSS of the process and its
// children (pdftoppm, tesseract) meanwhile.
func ocrThroughServe(ctx context.Context, exe, dataDir string, files []uploadFile) (*ScanRun, error) {
	token, err := createAdmin(ctx, exe, dataDir)
	if err != nil {
		return nil, err
	}
	s, _, err := startServer(ctx, exe, dataDir, token, dataDir+".log")
	if err != nil {
		return nil, err
	}
	defer s.stop()
	res := &ScanRun{}
	if res.Before, err = s.mem(); err != nil {
		return nil, err
	}
	sctx, stopSampling := context.WithCancel(ctx)
	treePeak := make(chan int64, 1)
	go func() { treePeak <- sampleTreeRSS(sctx, s.cmd.Process.Pid, 200*time.Millisecond) }()
	_, took, failed, err := ingestOverHTTP(ctx, s, files, 2, 1)
	stopSampling()
	res.TreePeak = <-treePeak
	if err != nil {
		return nil, err
	}
	res.Seconds, res.Failed = took.Seconds(), failed
	if res.After, err = s.mem(); err != nil {
		return nil, err
	}
	return res, s.stop()
}

// sampleTreeRSS returns the largest RSS of process pid plus its descendants
// seen until ctx ends.
func sampleTreeRSS(ctx context.Context, pid int, every time.Duration) int64 {
	var peak int64
	for {
		peak = max(peak, treeRSS(pid))
		select {
		case <-ctx.Done():
			return peak
		case <-time.After(every):
		}
	}
}

// treeRSS sums VmRSS of pid and every process descended from it, found by
// their parent ids in /proc.
func treeRSS(pid int) int64 {
	parent := map[int]int{}
	entries, _ := os.ReadDir("/proc")
	for _, e := range entries {
		p, err := strconv.Atoi(e.Name())
		if err != nil {
			continue
		}
		b, err := os.ReadFile(filepath.Join("/proc", e.Name(), "stat"))
		if err != nil {
			continue
		}
		f := strings.Fields(string(b[bytes.LastIndexByte(b, ')')+1:]))
		if len(f) > 1 {
			parent[p], _ = strconv.Atoi(f[1])
		}
	}
	in := map[int]bool{pid: true}
	for changed := true; changed; {
		changed = false
		for p, pp := range parent {
			if in[pp] && !in[p] {
				in[p], changed = true, true
			}
		}
	}
	var sum int64
	for p := range in {
		if m, err := ReadMem(strconv.Itoa(p)); err == nil {
			sum += m.RSS
		}
	}
	return sum
}

// tesseractCLI is the baseline: every page of the set rendered by pdftoppm
// at the pipeline's size into a file, then read by tesseract from the
// command line with the pipeline's options, one page after the other. Like
// the pipeline's, tesseract runs on one thread (OMP_THREAD_LIMIT=1). It
// returns the text of each page and the time spent rendering and in all.
func tesseractCLI(ctx context.Context, set *ocrSet, dir string) (texts []string, render, total time.Duration, err error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, 0, 0, err
	}
	env := append(os.Environ(), "OMP_THREAD_LIMIT=1")
	for i, pdf := range set.pdfs {
		n := min(pagesPerScanDoc, len(set.pages)-i*pagesPerScanDoc)
		for page := 1; page <= n; page++ {
			prefix := filepath.Join(dir, fmt.Sprintf("doc%03d-%d", i, page))
			start := time.Now()
			pp := exec.CommandContext(ctx, "pdftoppm", "-f", strconv.Itoa(page), "-l", strconv.Itoa(page),
				"-scale-to", strconv.Itoa(ocrRenderLongSide), "-singlefile", pdf, prefix)
			if out, err := pp.CombinedOutput(); err != nil {
				return nil, 0, 0, fmt.Errorf("pdftoppm %s page %d: %v: %s", pdf, page, err, out)
			}
			rendered := time.Now()
			tess := exec.CommandContext(ctx, "tesseract", append([]string{prefix + ".ppm", "stdout"}, tesseractArgs...)...)
			tess.Env = env
			var stderr bytes.Buffer
			tess.Stderr = &stderr
			out, err := tess.Output()
			if err != nil {
				return nil, 0, 0, fmt.Errorf("tesseract %s page %d: %v: %s", pdf, page, err, stderr.String())
			}
			render += rendered.Sub(start)
			total += time.Since(start)
			texts = append(texts, extract.Normalize(string(out)))
			os.Remove(prefix + ".ppm")
		}
	}
	return texts, render, total, nil
}

// extractScans reads every PDF of the set with extract.Extract, as the
// pipeline does, two at a time (this is not timed), and returns each page's
// text and whether a seal was found on it.
func extractScans(ctx context.Context, set *ocrSet) (texts []string, seals []bool, err error) {
	texts, seals = make([]string, len(set.pages)), make([]bool, len(set.pages))
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				i := next
				next++
				mu.Unlock()
				if i >= len(set.pdfs) || ctx.Err() != nil {
					return
				}
				res, xerr := extract.Extract(ctx, extract.FormatPDF, set.pdfs[i], extract.Limits{})
				mu.Lock()
				if xerr != nil {
					err = xerr
				} else {
					first := i * pagesPerScanDoc
					for j, text := range res.Pages {
						texts[first+j] = text
					}
					for _, p := range res.SealPages {
						seals[first+p-1] = true
					}
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if err == nil {
		err = ctx.Err()
	}
	return texts, seals, err
}

// anyRedInk is the naive seal detector the figure compares with: a page
// with more than 0.05 % of its pixels in seal red has a seal. The rule of
// isRedInk in ingest/extract/seal.go decides what is red.
func anyRedInk(jpg []byte) bool {
	img, err := jpeg.Decode(bytes.NewReader(jpg))
	if err != nil {
		return false
	}
	b := img.Bounds()
	red := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			if r >= 130 && int(r)-int(g) >= 60 && int(r)-int(bl) >= 50 {
				red++
			}
		}
	}
	return red*2000 > b.Dx()*b.Dy()
}
