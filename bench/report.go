package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"text/tabwriter"
	"time"
)

// Results is everything one run measured; it is written as results.json.
type Results struct {
	Machine Machine  `json:"machine"`
	Corpus  Corpus   `json:"corpus"`
	Figures []Figure `json:"figures"`
	// Details keeps the raw measurements behind the figures.
	Ingest *IngestDetails `json:"ingest,omitempty"`
	// IngestLong is the ingest of documents of real size (Config.LongDocs).
	IngestLong *IngestDetails   `json:"ingest_long,omitempty"`
	Serving    *ServingDetails  `json:"serving,omitempty"`
	Latency    []LatencyDetails `json:"latency,omitempty"`
	PDF        *PDFDetails      `json:"pdf,omitempty"`
	Quality    []QualityResult  `json:"quality,omitempty"`
	Suggest    *SuggestDetails  `json:"suggestions,omitempty"`
	// TextSense: fields read from the text and near duplicates.
	TextSense *TextSenseDetails `json:"text_sense,omitempty"`
	OCR       *OCRDetails       `json:"ocr,omitempty"`
	Nodes     *NodesDetails     `json:"nodes,omitempty"`
	Skipped   []string          `json:"skipped,omitempty"`
	Duration  string            `json:"duration"`
}

// ServingDetails is the memory of a fresh `evidence serve` on the
// benchmark's index, and of a process holding only the dictionary.
type ServingDetails struct {
	Idle          Mem       `json:"idle"`
	AfterSearches Mem       `json:"after_searches"`
	Dictionary    DictProbe `json:"dictionary"`
}

// Machine says where the figures were taken.
type Machine struct {
	CPUs      int    `json:"cpus"`
	GoVersion string `json:"go_version"`
	OS        string `json:"os"`
	CPUModel  string `json:"cpu_model,omitempty"`
	MemTotal  string `json:"mem_total,omitempty"`
	Started   string `json:"started"`
}

func thisMachine() Machine {
	m := Machine{CPUs: runtime.NumCPU(), GoVersion: runtime.Version(), OS: runtime.GOOS + "/" + runtime.GOARCH,
		Started: time.Now().UTC().Format(time.RFC3339)}
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				m.CPUModel = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && k == "MemTotal" {
				m.MemTotal = strings.TrimSpace(v)
				break
			}
		}
	}
	return m
}

// Corpus describes the generated corpus.
type Corpus struct {
	Seed             uint64 `json:"seed"`
	GeneratorVersion int    `json:"generator_version"`
	Docs             int    `json:"docs"`
	PDFs             int    `json:"pdfs"`
	TextBytes        int64  `json:"text_bytes"`
	DomainSentences  int    `json:"domain_sentences"`
	OwnSentences     int    `json:"own_sentences"`
}

// Figure is one headline number with the baseline measured in the same
// run. Ratio is Value/Baseline; it is what to compare across runs.
type Figure struct {
	Name     string  `json:"name"`
	Value    float64 `json:"value"`
	Unit     string  `json:"unit"`
	Baseline float64 `json:"baseline,omitempty"`
	Against  string  `json:"against,omitempty"` // what the baseline is
	Ratio    float64 `json:"ratio,omitempty"`
	Goal     string  `json:"goal,omitempty"`
	Met      *bool   `json:"met,omitempty"`
}

// figure makes a Figure with its ratio; met is nil when there is no goal.
func figure(name string, value float64, unit string, baseline float64, against, goal string, met *bool) Figure {
	f := Figure{Name: name, Value: value, Unit: unit, Baseline: baseline, Against: against, Goal: goal, Met: met}
	if baseline != 0 {
		f.Ratio = value / baseline
	}
	return f
}

func ptr(b bool) *bool { return &b }

// WriteJSON writes r to path, creating its folder.
func (r *Results) WriteJSON(path string) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	b, err := json.MarshalIndent(r, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, append(b, '\n'), 0o644)
}

// PrintTable writes the figures as a table for people.
func (r *Results) PrintTable(w io.Writer) {
	m := r.Machine
	fmt.Fprintf(w, "machine: %d cores (%s), %s, %s, memory %s\n", m.CPUs, m.CPUModel, m.GoVersion, m.OS, m.MemTotal)
	fmt.Fprintf(w, "corpus: %d documents + %d PDFs, %.1f MB of text (seed %d, generator v%d; %d domain + %d own sentences)\n\n",
		r.Corpus.Docs, r.Corpus.PDFs, float64(r.Corpus.TextBytes)/1e6, r.Corpus.Seed, r.Corpus.GeneratorVersion,
		r.Corpus.DomainSentences, r.Corpus.OwnSentences)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "figure\tvalue\tbaseline (same run)\tratio\tgoal\tmet")
	for _, f := range r.Figures {
		base, ratio := "", ""
		if f.Against != "" {
			base = fmt.Sprintf("%s %s", number(f.Baseline), f.Against)
		}
		if f.Ratio != 0 {
			ratio = fmt.Sprintf("%.2f", f.Ratio)
		}
		met := ""
		if f.Met != nil {
			met = map[bool]string{true: "yes", false: "NO"}[*f.Met]
		}
		fmt.Fprintf(tw, "%s\t%s %s\t%s\t%s\t%s\t%s\n", f.Name, number(f.Value), f.Unit, base, ratio, f.Goal, met)
	}
	tw.Flush()
	for _, s := range r.Skipped {
		fmt.Fprintf(w, "skipped: %s\n", s)
	}
	fmt.Fprintf(w, "\ntook %s\n", r.Duration)
}

func number(v float64) string {
	switch {
	case v == 0:
		return "0"
	case v >= 100 || v <= -100:
		return fmt.Sprintf("%.0f", v)
	case v >= 10 || v <= -10:
		return fmt.Sprintf("%.1f", v)
	}
	return fmt.Sprintf("%.3g", v)
}
