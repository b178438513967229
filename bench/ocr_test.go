package bench

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// needOCR skips a test when tesseract (chi_sim, eng) or pdftoppm is
// missing, and fails it when CI=true, where they must be installed.
func needOCR(t *testing.T) {
	t.Helper()
	err := ocrReady(t.Context())
	if err == nil {
		return
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("CI=true requires OCR: %v", err)
	}
	t.Skipf("OCR is not available: %v", err)
}

// buildEvidence builds the evidence binary, as `make bench` does, for the
// pipeline pieces to run as a child process.
func buildEvidence(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("the go command is not on PATH: cannot build the evidence binary")
		}
		t.Skip("the go command is not on PATH: cannot build the evidence binary")
	}
	exe := filepath.Join(t.TempDir(), "evidence")
	if out, err := exec.Command(goTool, "build", "-o", exe, "github.com/lcmonitor/evidence/cmd/evidence").CombinedOutput(); err != nil {
		t.Fatalf("go build ./cmd/evidence: %v\n%s", err, out)
	}
	return exe
}

// TestOCRSmoke runs every piece of the OCR figures once on one short
// generated sealed page: the command-line baseline, extract's accuracy and seal
// detection, and a one-page scan through `evidence serve` with its memory.
// The figures mean nothing at this size; the test checks that each piece
// runs and reports. (Seal detection on pages without a seal is
// ingest/extract's TestSeal… tests' business.)
func TestOCRSmoke(t *testing.T) {
	needOCR(t)
	exe := buildEvidence(t)
	work := t.TempDir()
	set, err := newTestGenerator(t, 1).makeOCRSet(1, filepath.Join(work, "scans"), true)
	if err != nil {
		t.Fatal(err)
	}
	if !set.pages[0].Seal || len(set.pdfs) != 1 {
		t.Fatalf("want one sealed page in one PDF, got seal %v, %d PDFs", set.pages[0].Seal, len(set.pdfs))
	}
	r := &run{cfg: Config{Exe: exe, WorkDir: work, OCRScanPages: 1, Log: t.Output()}, res: &Results{}, start: time.Now()}
	d := &OCRDetails{Pages: 1}
	toolTexts, err := r.ocrTool(t.Context(), set, d)
	if err != nil {
		t.Fatal(err)
	}
	if err := r.ocrAccuracy(t.Context(), set, toolTexts, d); err != nil {
		t.Fatal(err)
	}
	if d.Seals.TruePos != 1 || d.Seals.RedTruePos != 1 {
		t.Errorf("seal detection on a sealed page: %+v", d.Seals)
	}
	if d.Accuracy.ours() < 0.8 || d.Accuracy.tool() < 0.5 || d.SealedAccuracy.Pages != 1 {
		t.Errorf("Han accuracy: ours %.3f, plain tesseract %.3f: %+v", d.Accuracy.ours(), d.Accuracy.tool(), d.Accuracy)
	}
	if err := r.ocrLongScan(t.Context(), set, d); err != nil {
		t.Fatal(err)
	}
	d.PipelineSeconds = d.Scan.Seconds // the pipeline piece is ocrThroughServe, which ocrLongScan runs
	if s := d.Scan; s.Pages != 1 || s.After.Peak < s.Before.RSS || s.TreePeak <= 0 {
		t.Errorf("scan through evidence serve: %+v", s)
	}
	r.ocrFigures(d)
	if len(r.res.Figures) != 8 {
		t.Fatalf("%d OCR figures, want 8: %+v", len(r.res.Figures), r.res.Figures)
	}
	for _, f := range r.res.Figures {
		if f.Value <= 0 || (f.Baseline <= 0 && !strings.Contains(f.Name, "precision")) {
			t.Errorf("figure %q: %v against %v", f.Name, f.Value, f.Baseline)
		}
	}
}

func TestOCRSaysWhenTesseractIsMissing(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	r := &run{cfg: Config{OCRPages: 2, WorkDir: t.TempDir(), Log: t.Output()}, res: &Results{}}
	if err := r.ocr(context.Background()); err != nil {
		t.Fatalf("OCR without tesseract: %v, want the figures skipped", err)
	}
	if len(r.res.Skipped) != 1 || !strings.Contains(r.res.Skipped[0], "tesseract") || !strings.Contains(r.res.Skipped[0], "apt-get install") {
		t.Errorf("skipped: %q, want a line naming tesseract and what to install", r.res.Skipped)
	}
	if !errors.Is(ocrReady(t.Context()), errOCRMissing) {
		t.Errorf("ocrReady did not report the missing readers")
	}
}

func TestHanScores(t *testing.T) {
	truth := hanRunes("二〇一九年, 学习型城市 ABC")
	if want := []rune("二〇一九年学习型城市"); !slices.Equal(truth, want) {
		t.Fatalf("hanRunes: %q", string(truth))
	}
	got := []rune("二〇一九年学习城市市民")
	if m := hanMatched(truth, got); m != 9 {
		t.Errorf("matched %d, want 9", m)
	}
	if e := hanEditErrors(truth, got); e != 3 {
		t.Errorf("edit errors %d, want 3 (one missed, two invented)", e)
	}
	for _, c := range []struct {
		y, m, d int
		want    string
	}{{2019, 3, 12, "二〇一九年三月十二日"}, {2020, 10, 1, "二〇二〇年十月一日"}, {2018, 12, 30, "二〇一八年十二月三十日"}, {2016, 1, 21, "二〇一六年一月二十一日"}} {
		if got := chineseDate(c.y, c.m, c.d); got != c.want {
			t.Errorf("chineseDate(%d, %d, %d) = %s, want %s", c.y, c.m, c.d, got, c.want)
		}
	}
}
