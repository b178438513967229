// Package load puts a running archive under load: uploaders sending new
// documents and searchers querying, all at once, for a set time, and
// reports throughput, latency percentiles and errors per kind of request.
// cmd/evidence-load runs it (`make load`); it is never linked into the
// evidence binary.
package load

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
)

// Config says what to load and how hard.
type Config struct {
	Server    string // base URL, http://127.0.0.1:8080
	Token     string // an API token of an account that may upload for City
	Uploaders int    // concurrent upload clients; default 16
	Searchers int    // concurrent search clients; default 32
	Duration  time.Duration
	City      string // city the documents are uploaded for; default 330100
	Seed      uint64
	Pid       int // of the server when this program started it, for its kernel counts; 0 otherwise
}

// Goals of issue 15 for a run with the default clients on two cores.
const (
	GoalErrors    = 0
	GoalSearchP99 = 250 * time.Millisecond
)

// Stats are the requests of one kind.
type Stats struct {
	Kind      string
	Latencies []time.Duration // of the requests that succeeded, sorted
	Errors    map[string]int  // by status and code, "transport" for no answer
	FirstErr  map[string]string
	// Classes counts the successful requests by class (a search's number
	// of words), Tail those of the slowest 1 % of them: which kind of
	// request makes the p99.
	Classes map[string]int
	Tail    map[string]int
}

// Requests is the number of requests that were answered or failed.
func (s *Stats) Requests() int { return len(s.Latencies) + s.ErrorCount() }

// ErrorCount is the number of failed requests.
func (s *Stats) ErrorCount() int {
	n := 0
	for _, c := range s.Errors {
		n += c
	}
	return n
}

// Percentile returns the p-th percentile (0–100) of the successful requests' latency.
func (s *Stats) Percentile(p float64) time.Duration {
	if len(s.Latencies) == 0 {
		return 0
	}
	i := int(float64(len(s.Latencies)-1) * p / 100)
	return s.Latencies[i]
}

// Report is the outcome of a run.
type Report struct {
	Config  Config
	Elapsed time.Duration
	Upload  Stats
	Search  Stats
	// Cache is how the server answered this run's searches (from
	// /metrics, read before and after; nil when the token may not read
	// it). A page's search can run more than one (suggestions when
	// nothing is found), so the counts are of index searches.
	Cache map[string]float64
	// Waits is what the server waited on during the run (nil as Cache).
	Waits *Waits
	// Documents is how many of the archive's documents are in each
	// pipeline status when the run ends, less those before it (nil as
	// Cache): uploads accepted but not yet indexed are work a server
	// may have put off to answer searches sooner.
	Documents map[string]float64
}

// Run loads the archive for cfg.Duration or until ctx ends.
func Run(ctx context.Context, cfg Config) (*Report, error) {
	if cfg.Uploaders <= 0 && cfg.Searchers <= 0 {
		return nil, fmt.Errorf("nothing to run: no uploaders and no searchers")
	}
	if cfg.Duration <= 0 {
		cfg.Duration = time.Minute
	}
	if cfg.City == "" {
		cfg.City = "330100"
	}
	cfg.Server = strings.TrimSuffix(cfg.Server, "/")
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: cfg.Uploaders + cfg.Searchers},
	}
	ctx, cancel := context.WithTimeout(ctx, cfg.Duration)
	defer cancel()
	r := &Report{Config: cfg}
	before := scrape(client, cfg)
	kernelBefore, kernel := readKernel(cfg.Pid)
	cacheBefore := searchCache(before)
	var wg sync.WaitGroup
	up := newRecorder("upload")
	se := newRecorder("search")
	start := time.Now()
	for i := range cfg.Uploaders {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(i)))
			for n := 0; ctx.Err() == nil; n++ {
				body := document(rng, i, n)
				took, key, msg := upload(ctx, client, cfg, fmt.Sprintf("load-%02d-%05d.txt", i, n), body)
				up.record(ctx, "upload", took, key, msg)
			}
		}()
	}
	for i := range cfg.Searchers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(cfg.Seed, uint64(1000+i)))
			for ctx.Err() == nil {
				q := query(rng)
				took, key, msg := search(ctx, client, cfg, q)
				se.record(ctx, queryClass(q), took, key, msg)
			}
		}()
	}
	wg.Wait()
	r.Elapsed = time.Since(start)
	r.Upload, r.Search = up.stats(), se.stats()
	// This run's counts: a running archive (--server) has counted before.
	metricsAfter := scrape(client, cfg)
	if after := searchCache(metricsAfter); after != nil {
		r.Cache = map[string]float64{}
		for k, v := range after {
			r.Cache[k] = v - cacheBefore[k]
		}
	}
	if before != nil && metricsAfter != nil {
		r.Documents = documentsBetween(before, metricsAfter)
		w := waitsBetween(before, metricsAfter)
		if kernelAfter, ok := readKernel(cfg.Pid); ok && kernel {
			w.HaveKernel = true
			w.RunDelay = kernelAfter.runDelay - kernelBefore.runDelay
			w.ProcessCPU = kernelAfter.cpu - kernelBefore.cpu
			w.ChildrenCPU = kernelAfter.childrenCPU - kernelBefore.childrenCPU
		}
		r.Waits = &w
	}
	return r, nil
}

// recorder collects one kind's outcomes from many goroutines.
type recorder struct {
	mu      sync.Mutex
	s       Stats
	classes []string // of each of s.Latencies, in the order recorded
}

func newRecorder(kind string) *recorder {
	return &recorder{s: Stats{Kind: kind, Errors: map[string]int{}, FirstErr: map[string]string{}}}
}

// queryClass is the class of a search of the load's mix by its number of words.
func queryClass(q string) string {
	if strings.Contains(q, " ") {
		return "two words"
	}
	return "one word"
}

// record adds one request of class; a request cut short by the end of
// the run is not counted at all.
func (r *recorder) record(ctx context.Context, class string, took time.Duration, key, msg string) {
	if key == "transport" && ctx.Err() != nil {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if key == "" {
		r.s.Latencies = append(r.s.Latencies, took)
		r.classes = append(r.classes, class)
		return
	}
	r.s.Errors[key]++
	if _, ok := r.s.FirstErr[key]; !ok {
		r.s.FirstErr[key] = msg
	}
}

func (r *recorder) stats() Stats {
	r.mu.Lock()
	defer r.mu.Unlock()
	s := r.s
	order := make([]int, len(s.Latencies))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(s.Latencies[a], s.Latencies[b]) })
	s.Latencies = make([]time.Duration, len(order))
	s.Classes, s.Tail = map[string]int{}, map[string]int{}
	tail := len(order) - (len(order)+99)/100 // the slowest 1 %, at least one
	for i, j := range order {
		s.Latencies[i] = r.s.Latencies[j]
		s.Classes[r.classes[j]]++
		if i >= tail {
			s.Tail[r.classes[j]]++
		}
	}
	return s
}

// upload sends one file; key is "" on 201, else what went wrong.
func upload(ctx context.Context, client *http.Client, cfg Config, name string, text []byte) (time.Duration, string, string) {
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	mw.WriteField("city", cfg.City)
	mw.WriteField("doc_type", "work_summary")
	w, _ := mw.CreateFormFile("file", name)
	w.Write(text)
	mw.Close()
	req, err := http.NewRequestWithContext(ctx, "POST", cfg.Server+"/api/v1/documents", &buf)
	if err != nil {
		return 0, "request", err.Error()
	}
	req.Header.Set("Content-Type", mw.FormDataContentType())
	return do(client, req, cfg.Token, http.StatusCreated)
}

// search runs one query; key is "" on 200.
func search(ctx context.Context, client *http.Client, cfg Config, q string) (time.Duration, string, string) {
	req, err := http.NewRequestWithContext(ctx, "GET", cfg.Server+"/api/v1/search?"+url.Values{"q": {q}}.Encode(), nil)
	if err != nil {
		return 0, "request", err.Error()
	}
	return do(client, req, cfg.Token, http.StatusOK)
}

func do(client *http.Client, req *http.Request, token string, want int) (time.Duration, string, string) {
	req.Header.Set("Authorization", "Bearer "+token)
	start := time.Now()
	resp, err := client.Do(req)
	if err != nil {
		return 0, "transport", err.Error()
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	took := time.Since(start)
	if err != nil {
		return 0, "transport", err.Error()
	}
	if resp.StatusCode == want {
		return took, "", ""
	}
	var e struct {
		Error struct{ Code, Message string } `json:"error"`
	}
	json.Unmarshal(body, &e)
	return took, fmt.Sprintf("%d %s", resp.StatusCode, e.Error.Code), e.Error.Message
}

// documentsBetween is the change in the documents per status
// (evidence_documents) from before to after; statuses with none left out.
func documentsBetween(before, after metricsSnapshot) map[string]float64 {
	out := map[string]float64{}
	for k, v := range after {
		status, found := strings.CutPrefix(k, `evidence_documents{status="`)
		if !found {
			continue
		}
		status = strings.TrimSuffix(status, `"}`)
		if d := v - before[k]; d != 0 {
			out[status] = d
		}
	}
	return out
}

// scrape reads the server's /metrics; nil when the token may not read it.
func scrape(client *http.Client, cfg Config) metricsSnapshot {
	req, err := http.NewRequest("GET", cfg.Server+"/metrics", nil)
	if err != nil {
		return nil
	}
	req.Header.Set("Authorization", "Bearer "+cfg.Token)
	resp, err := client.Do(req)
	if err != nil {
		return nil
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil
	}
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil
	}
	return parseMetrics(string(body))
}

// searchCache is the server's search-cache counters of a /metrics
// snapshot, nil when it has none.
func searchCache(m metricsSnapshot) map[string]float64 {
	out := map[string]float64{}
	for name, v := range m {
		kind, found := strings.CutPrefix(name, "evidence_search_cache_")
		if found {
			out[strings.TrimSuffix(kind, "_total")] = v
		}
	}
	if len(out) == 0 {
		return nil
	}
	return out
}

// Print writes the report as a table, then the errors and the goals.
func (r *Report) Print(w io.Writer) {
	c := r.Config
	fmt.Fprintf(w, "load: %d uploaders + %d searchers for %s against %s\n\n", c.Uploaders, c.Searchers,
		r.Elapsed.Round(time.Millisecond), c.Server)
	fmt.Fprintf(w, "%-7s %9s %8s %8s %8s %8s %7s\n", "kind", "requests", "per s", "p50 ms", "p99 ms", "max ms", "errors")
	for _, s := range []*Stats{&r.Upload, &r.Search} {
		fmt.Fprintf(w, "%-7s %9d %8.1f %8.1f %8.1f %8.1f %7d\n", s.Kind, s.Requests(),
			float64(len(s.Latencies))/r.Elapsed.Seconds(), ms(s.Percentile(50)), ms(s.Percentile(99)),
			ms(s.Percentile(100)), s.ErrorCount())
	}
	for _, s := range []*Stats{&r.Upload, &r.Search} {
		keys := make([]string, 0, len(s.Errors))
		for k := range s.Errors {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			fmt.Fprintf(w, "  %s error %s ×%d, first: %s\n", s.Kind, k, s.Errors[k], s.FirstErr[k])
		}
	}
	if total := r.Cache["hits"] + r.Cache["shared"] + r.Cache["misses"]; total > 0 {
		fmt.Fprintf(w, "\nsearch results: %.0f%% kept since the index last changed, %.0f%% shared with a search running at the same time, %.0f%% computed\n",
			100*r.Cache["hits"]/total, 100*r.Cache["shared"]/total, 100*r.Cache["misses"]/total)
	}
	if tail := sum(r.Search.Tail); tail > 0 && len(r.Search.Classes) > 1 {
		fmt.Fprintf(w, "\nslowest 1 %% of searches (%d):", tail)
		classes := slices.Sorted(maps.Keys(r.Search.Classes))
		for i, c := range classes {
			fmt.Fprintf(w, "%s %s %.0f%% (of all searches %.0f%%)", map[bool]string{true: " ", false: ";"}[i == 0], c,
				100*float64(r.Search.Tail[c])/float64(tail), 100*float64(r.Search.Classes[c])/float64(len(r.Search.Latencies)))
		}
		fmt.Fprintln(w)
	}
	if len(r.Documents) > 0 {
		fmt.Fprintf(w, "\ndocuments when the run ended: %.0f indexed, %.0f not yet", r.Documents["indexed"], sum(r.Documents)-r.Documents["indexed"]-r.Documents["failed"])
		if f := r.Documents["failed"]; f > 0 {
			fmt.Fprintf(w, ", %.0f failed", f)
		}
		fmt.Fprintln(w)
	}
	if r.Waits != nil {
		slow := len(r.Search.Latencies) - sort.Search(len(r.Search.Latencies), func(i int) bool { return r.Search.Latencies[i] > GoalSearchP99 })
		r.Waits.print(w, len(r.Search.Latencies), slow)
	}
	errs := r.Upload.ErrorCount() + r.Search.ErrorCount()
	p99 := r.Search.Percentile(99)
	fmt.Fprintf(w, "\ngoal: %d errors: %s; search p99 ≤ %s: %s (%.1f ms)\n", GoalErrors, met(errs <= GoalErrors),
		GoalSearchP99, met(p99 <= GoalSearchP99), ms(p99))
}

// Met reports whether the run met both goals.
func (r *Report) Met() bool {
	return r.Upload.ErrorCount()+r.Search.ErrorCount() <= GoalErrors && r.Search.Percentile(99) <= GoalSearchP99
}

func met(ok bool) string {
	if ok {
		return "met"
	}
	return "NOT met"
}

func sum[N int | float64](m map[string]N) N {
	var n N
	for _, v := range m {
		n += v
	}
	return n
}

func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
