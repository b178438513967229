package bench

import (
	"context"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// These are smoke tests: each piece of the benchmark once, on a tiny
// corpus, so that it cannot rot. The benchmark itself runs with
// `make bench`, never in `make test`.

const domainDir = "../../shared/domain"

func newTestGenerator(t *testing.T, seed uint64) *Generator {
	t.Helper()
	g, err := NewGenerator(seed, domainDir)
	if err != nil {
		t.Fatalf("new generator: %v", err)
	}
	if g.DomainSentences == 0 {
		t.Logf("no domain text in %s: using the benchmark's own material only", domainDir)
	}
	return g
}

func TestGeneratorIsReproducibleAndVaried(t *testing.T) {
	a, b := newTestGenerator(t, 7), newTestGenerator(t, 7)
	if da, db := a.Doc(3), b.Doc(3); !slices.Equal(da.Pages, db.Pages) || da.Title != db.Title {
		t.Fatalf("same seed, different document 3:\n%q\n%q", da.Pages, db.Pages)
	}
	if a.Fingerprint() != b.Fingerprint() {
		t.Errorf("same seed, different fingerprints")
	}
	other := newTestGenerator(t, 8)
	if slices.Equal(a.Doc(3).Pages, other.Doc(3).Pages) {
		t.Errorf("seeds 7 and 8 made the same document 3")
	}
	docs := a.Docs(60)
	seen := map[string]bool{}
	for _, d := range docs {
		body := string(d.Body())
		if seen[body] {
			t.Fatalf("document %s repeats another document", d.Name)
		}
		seen[body] = true
		if strings.Contains(body, "\ufffd") || !strings.ContainsRune(body, '。') {
			t.Errorf("document %s does not look like Chinese text: %.80q", d.Name, body)
		}
	}
	if avg := totalText(docs) / int64(len(docs)); avg < 2000 || avg > 4500 {
		t.Errorf("average document is %d bytes, want about 3 KB", avg)
	}
}

// TestQueryWordsDoNotHitEverything guards the point of the generator: a
// corpus where every query matches every document lies about latency.
func TestQueryWordsDoNotHitEverything(t *testing.T) {
	g := newTestGenerator(t, 1)
	docs := g.Docs(200)
	texts := make([]string, len(docs))
	for i, d := range docs {
		texts[i] = string(d.Body())
	}
	var shares []float64
	for _, q := range g.Queries(60) {
		if q.Kind != "word" {
			continue
		}
		n := 0
		for _, text := range texts {
			if strings.Contains(text, q.Q) {
				n++
			}
		}
		shares = append(shares, float64(n)/float64(len(texts)))
	}
	slices.Sort(shares)
	if len(shares) < 10 {
		t.Fatalf("only %d single-word queries in the mix", len(shares))
	}
	if median := shares[len(shares)/2]; median > 0.5 {
		t.Errorf("median single-word query is in %.0f%% of documents, want well under half", 100*median)
	}
	if shares[len(shares)/4] > 0.1 {
		t.Errorf("a quarter of the words are in more than 10%% of documents: %v", shares)
	}
}

func TestQueryMixHasEveryKind(t *testing.T) {
	kinds := map[string]int{}
	g := newTestGenerator(t, 1)
	seen := map[Query]bool{}
	for _, q := range g.WarmupQueries(warmupSearches) {
		seen[q] = true
	}
	for _, q := range g.Queries(300) {
		// The index keeps results until it changes: a repeated search
		// would be timed from the kept result.
		if seen[q] {
			t.Errorf("search %+v measured twice or after warming up with it", q)
		}
		seen[q] = true
		kinds[q.Kind]++
		if q.Kind == "city" && q.City == "" {
			t.Errorf("city query %q without a city", q.Q)
		}
	}
	for _, k := range []string{"word", "and", "phrase", "city"} {
		if kinds[k] < 30 {
			t.Errorf("%d %s queries of 300, want at least 30", kinds[k], k)
		}
	}
}

func TestQualitySetIsLabelled(t *testing.T) {
	qs, err := QualityQueries()
	if err != nil {
		t.Fatal(err)
	}
	traps := 0
	for _, q := range qs {
		if q.Kind == "trap" {
			traps++
		}
	}
	if len(qs) < 60 || traps < 10 {
		t.Errorf("%d labelled queries with %d traps, want at least 60 and 10", len(qs), traps)
	}
}

// TestQualityEvaluationSeesTraps checks the evaluation on a tiny corpus:
// bigrams fall into the traps, our analyzer pair does not, and exact mode
// on both sides loses recall.
func TestQualityEvaluationSeesTraps(t *testing.T) {
	res, err := EvaluateQuality(t.Context(), newTestGenerator(t, 1), 120)
	if err != nil {
		t.Fatal(err)
	}
	by := map[string]QualityResult{}
	for _, r := range res {
		by[r.Analyzer] = r
	}
	ours, cjk, exact := by["ours"], by["cjk"], by["exact"]
	if cjk.TrapFalsePositives == 0 {
		t.Errorf("cjk bigrams: no trap false positive; the traps test nothing")
	}
	if ours.TrapFalsePositives != 0 {
		t.Errorf("ours: %d trap false positives: %v", ours.TrapFalsePositives, ours.TrapsFailed)
	}
	if ours.Recall < 0.98 {
		t.Errorf("ours: recall %.3f, want ≥ 0.98 (misses %v)", ours.Recall, ours.Misses)
	}
	if ours.HardQueries < 2 {
		t.Errorf("ours: %d hard traps scored, want the labelled ones", ours.HardQueries)
	}
	if exact.Recall >= ours.Recall {
		t.Errorf("exact mode recall %.3f not below ours %.3f", exact.Recall, ours.Recall)
	}
	// Substrings: all found, none cut out of a longer number; the word
	// pair alone (the index before substring search) misses some.
	words := by["words"]
	t.Logf("substring recall: ours %d/%d, words only %d/%d; cut from numbers: ours %d, cjk %d",
		ours.SubFound, ours.SubTruth, words.SubFound, words.SubTruth, ours.SubFalsePositives, cjk.SubFalsePositives)
	if ours.SubQueries == 0 || ours.SubRecall != 1 {
		t.Errorf("ours: substring recall %.3f over %d queries, want 1 (misses %v)", ours.SubRecall, ours.SubQueries, ours.Misses)
	}
	if ours.SubFalsePositives != 0 {
		t.Errorf("ours: %d substring false positives: %v", ours.SubFalsePositives, ours.SubFailed)
	}
	if words.SubRecall >= ours.SubRecall {
		t.Errorf("words-only substring recall %.3f not below ours %.3f: the set tests nothing", words.SubRecall, ours.SubRecall)
	}
}

func TestIngestBaselinesSmoke(t *testing.T) {
	docs := newTestGenerator(t, 1).Docs(20)
	took, terms, err := measureSegmentation(docs, 2)
	if err != nil || took <= 0 || terms < int64(len(docs))*100 {
		t.Fatalf("segmentation: took %v, %d terms, err %v", took, terms, err)
	}
	took, size, err := measureRawBleve(t.Context(), docs, filepath.Join(t.TempDir(), "idx"), 8, time.Second)
	if err != nil || took <= 0 || size <= totalText(docs)/2 {
		t.Fatalf("raw Bleve: took %v, index %d bytes for %d bytes of text, err %v", took, size, totalText(docs), err)
	}
}

// busyShell is a shell script that counts until it has spent at least
// 300 ms of CPU by its own account (/proc/$$/stat), not a fixed count:
// a fixed count a fast machine runs in less than the 100 ms the test
// looks for. It has no single quote, so that it can be quoted in one.
const busyShell = `while :; do
	i=0; while [ $i -lt 10000 ]; do i=$((i+1)); done
	set -- $(cat /proc/$$/stat)
	[ $(( (${14} + ${15}) * 1000 / $(getconf CLK_TCK) )) -ge 300 ] && break
done`

// spendCPU keeps this process busy until getrusage says it has spent d of
// CPU in all.
func spendCPU(d time.Duration) {
	for n := 0; ; n++ {
		var ru syscall.Rusage
		if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil ||
			time.Duration(ru.Utime.Nano()+ru.Stime.Nano()) >= d {
			return
		}
		for i := range 1_000_000 {
			n += i & 1
		}
	}
}

func TestProcessFiguresSmoke(t *testing.T) {
	m, err := ReadMem("self")
	if err != nil || m.RSS <= 0 || m.Peak < m.RSS {
		t.Fatalf("memory of this process: %+v, %v", m, err)
	}
	// A fresh test process may not have spent one clock tick yet (the
	// figure's unit; CI's faster machine often had not): it spends 50 ms
	// first, by the kernel's other account of it.
	spendCPU(50 * time.Millisecond)
	if cpu, err := CPUTime("self"); err != nil || cpu <= 0 {
		t.Fatalf("CPU time of this process: %v, %v", cpu, err)
	}
	// A child's CPU counts toward its parent's, as the extraction
	// sandbox's children count toward the pipeline's.
	self := strconv.Itoa(os.Getpid())
	own, _ := CPUTime(self)
	if err := exec.Command("sh", "-c", busyShell).Run(); err != nil {
		t.Fatal(err)
	}
	all, err := CPUTimeWithChildren(self)
	if err != nil || all < own+100*time.Millisecond {
		t.Errorf("CPU with children %v (%v), own %v: a busy child's CPU is missing", all, err, own)
	}
	// A running child's own finished children count too: a sandbox
	// child that has run pdftotext.
	own, _ = CPUTimeWithChildren(self)
	done := filepath.Join(t.TempDir(), "done")
	child := exec.Command("sh", "-c", `sh -c '`+busyShell+`'; touch "$0"; sleep 30`, done)
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { child.Process.Kill(); child.Wait() }()
	for _, err := os.Stat(done); err != nil; _, err = os.Stat(done) {
		time.Sleep(10 * time.Millisecond)
	}
	all, err = CPUTimeWithChildren(self)
	if err != nil || all < own+100*time.Millisecond {
		t.Errorf("CPU with descendants %v (%v), before %v: a running child's finished child is missing", all, err, own)
	}
	took := []time.Duration{5 * time.Millisecond, time.Millisecond, 2 * time.Millisecond, 100 * time.Millisecond}
	l := summarize("x", took, []uint64{0, 10, 20, 40}, 100)
	if l.P50MS != 2 || l.P99MS != 100 || l.ZeroHits != 1 || l.MedianHitShare != 0.1 {
		t.Errorf("summarize: %+v", l)
	}
}

func TestPDFMeasurementSmoke(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatal("pdftotext (poppler-utils) is not installed")
		}
		t.Skip("pdftotext (poppler-utils) is not installed")
	}
	pdf := filepath.Join("..", "cmd", "evidence", "testdata", "ningbo-policy.pdf")
	doc := Doc{Pages: []string{"宁波市学分银行"}}
	var d PDFDetails
	if err := measurePDF(t.Context(), []Doc{doc}, []string{pdf}, &d); err != nil {
		t.Fatal(err)
	}
	if d.Pages != 3 || d.ToolPages != 3 || d.OursSeconds <= 0 || d.ToolSeconds <= 0 {
		t.Errorf("PDF measurement: %+v", d)
	}
}

func TestFODTIsWellFormed(t *testing.T) {
	d := newTestGenerator(t, 1).PDFDoc(0)
	d.Title = "<标题> & 测试"
	dec := xml.NewDecoder(strings.NewReader(fodt(&d)))
	breaks := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			if err.Error() != "EOF" {
				t.Fatalf("flat ODT is not well-formed XML: %v", err)
			}
			break
		}
		if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "p" {
			for _, a := range se.Attr {
				if a.Name.Local == "style-name" && a.Value == "PB" {
					breaks++
				}
			}
		}
	}
	if breaks != len(d.Pages)-1 || len(d.Pages) < 3 {
		t.Errorf("%d page breaks for %d pages", breaks, len(d.Pages))
	}
}

func TestSuggestionFigureHasItsBaseline(t *testing.T) {
	r := &run{cfg: Config{SuggestDir: filepath.Join("..", "search", "suggesteval", "testdata", "suggest")}, res: &Results{}}
	if err := r.suggestions(context.Background()); err != nil {
		t.Fatal(err)
	}
	d := r.res.Suggest
	if d == nil || d.Docs < 30 {
		t.Fatalf("suggestion details %+v", d)
	}
	if d.Top3 < d.BaselineTop3 || d.Top3*5 < d.Docs*4 {
		t.Errorf("top-3 %d of %d against the keyword baseline's %d", d.Top3, d.Docs, d.BaselineTop3)
	}
	if len(r.res.Figures) != 2 || r.res.Figures[0].Baseline == 0 {
		t.Errorf("figures %+v", r.res.Figures)
	}
}

func TestTextSenseFiguresStandBesideTheirBaselines(t *testing.T) {
	r := &run{cfg: Config{FieldsDir: filepath.Join("..", "ingest", "fields", "testdata"),
		NearDupDir: filepath.Join("..", "neardup", "testdata")}, res: &Results{}}
	if err := r.textSense(context.Background()); err != nil {
		t.Fatal(err)
	}
	if len(r.res.Skipped) > 0 {
		t.Fatalf("skipped: %v", r.res.Skipped)
	}
	d := r.res.TextSense
	t.Logf("%s; naive %s; near duplicates %+v", d.Fields, d.FieldsBaseline, d.NearDup)
	if d.Fields.Cases < 40 || d.Fields.DocNumber <= d.FieldsBaseline.DocNumber || d.Fields.Title <= d.FieldsBaseline.Title {
		t.Errorf("fields %s, naive %s: the reader should beat the naive one", d.Fields, d.FieldsBaseline)
	}
	if d.NearDup.Pairs < 30 || d.NearDup.Recall <= d.NearDup.BaselineRecall {
		t.Errorf("near duplicates %+v: should find more than identical texts", d.NearDup)
	}
	if len(r.res.Figures) != 6 {
		t.Errorf("figures %d, want 4 field rows and 2 near-duplicate rows", len(r.res.Figures))
	}
}
