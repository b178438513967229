package load

import (
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Waits is what the server's goroutines and threads waited on during a
// run, from the differences of its /metrics (and, for a server this
// program started, of its threads' kernel counts) read before and after:
// a search's own work is about a millisecond of CPU, so its tail is
// waiting, and these say for what.
type Waits struct {
	// Go's scheduler (which samples one goroutine start in eight):
	// goroutines made runnable, how many of them waited longer than
	// about 1 ms, 10 ms and 120 ms (its histogram's bounds nearest
	// under them, in SchedBounds: 0.9, 10.5 and 117 ms in Go 1.26) for
	// a thread, and the seconds they waited in all.
	Runnable, Over1ms, Over10ms, Over117ms, SchedWait float64
	SchedBounds                                       [3]float64 // seconds
	Created                                           float64    // goroutines started
	// CPU seconds: the process's Go code, the collector's in all
	// (background workers, assists, pauses) and of it the assists,
	// charged to goroutines that allocate while it marks.
	UserCPU, GCCPU, AssistCPU float64
	MutexWait                 float64 // seconds goroutines waited for contended locks
	// Searches the server's handler took more than 250 ms over (its
	// histogram's bound nearest under it, ServerBound seconds), against
	// those the client measured.
	ServerOver250ms, ServerSearches, ServerBound float64
	ServerRequests                               float64 // of every route
	// The kernel's counts for the server started by this program: its
	// threads' seconds waiting for a core (schedstat run_delay), its CPU
	// seconds and its ended children's (the extraction sandboxes).
	RunDelay, ProcessCPU, ChildrenCPU float64
	HaveKernel                        bool
}

// metricsSnapshot is /metrics' samples by name and labels.
type metricsSnapshot map[string]float64

func parseMetrics(body string) metricsSnapshot {
	out := metricsSnapshot{}
	for _, line := range strings.Split(body, "\n") {
		if line == "" || line[0] == '#' {
			continue
		}
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			continue
		}
		if v, err := strconv.ParseFloat(line[i+1:], 64); err == nil {
			out[line[:i]] = v
		}
	}
	return out
}

// bucketAtMost is a histogram's count at the largest bound ≤ le, and
// that bound (-Inf when there is none).
func (m metricsSnapshot) bucketAtMost(name, labels string, le float64) (count, bound float64) {
	best := math.Inf(-1)
	for k, v := range m {
		rest, ok := strings.CutPrefix(k, name+"_bucket{")
		if !ok || !strings.HasPrefix(rest, labels) {
			continue
		}
		_, le1, ok := strings.Cut(rest, `le="`)
		if !ok {
			continue
		}
		b, err := strconv.ParseFloat(strings.TrimSuffix(le1, `"}`), 64)
		if err == nil && b <= le && b > best {
			best, count = b, v
		}
	}
	return count, best
}

// kernelCounts are a process's counts from /proc, in seconds.
type kernelCounts struct{ runDelay, cpu, childrenCPU float64 }

// readKernel reads pid's threads' run delay and its CPU from /proc (Linux).
func readKernel(pid int) (kernelCounts, bool) {
	var k kernelCounts
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return k, false
	}
	// The fields after the command's closing bracket: utime is the 14th
	// of the line, the 12th after it.
	s := string(stat)
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 15 {
		return k, false
	}
	const ticks = 100 // USER_HZ
	tick := func(i int) float64 { v, _ := strconv.ParseFloat(fields[i], 64); return v / ticks }
	k.cpu, k.childrenCPU = tick(11)+tick(12), tick(13)+tick(14)
	tasks, _ := filepath.Glob(fmt.Sprintf("/proc/%d/task/*/schedstat", pid))
	for _, t := range tasks {
		b, err := os.ReadFile(t)
		if err != nil {
			continue
		}
		if f := strings.Fields(string(b)); len(f) >= 2 {
			ns, _ := strconv.ParseFloat(f[1], 64)
			k.runDelay += ns / 1e9
		}
	}
	return k, true
}

// waitsBetween is the run's waits from the snapshots before and after.
func waitsBetween(before, after metricsSnapshot) Waits {
	d := func(k string) float64 { return after[k] - before[k] }
	const sched = "go_sched_latencies_seconds"
	hist := func(m metricsSnapshot, le float64) float64 { n, _ := m.bucketAtMost(sched, "", le); return n }
	w := Waits{
		Runnable:  d(sched + "_count"),
		UserCPU:   d("go_cpu_classes_user_cpu_seconds_total"),
		GCCPU:     d("go_cpu_classes_gc_total_cpu_seconds_total"),
		AssistCPU: d("go_cpu_classes_gc_mark_assist_cpu_seconds_total"),
		MutexWait: d("go_sync_mutex_wait_total_seconds_total"),
	}
	w.SchedWait = d(sched + "_sum")
	w.Created = d("go_sched_goroutines_created_goroutines_total")
	w.Over1ms = w.Runnable - (hist(after, 1e-3) - hist(before, 1e-3))
	w.Over10ms = w.Runnable - (hist(after, 11e-3) - hist(before, 11e-3))
	w.Over117ms = w.Runnable - (hist(after, 0.12) - hist(before, 0.12))
	for i, le := range []float64{1e-3, 11e-3, 0.12} {
		_, w.SchedBounds[i] = after.bucketAtMost(sched, "", le)
	}
	const route = `route="GET /api/v1/search"`
	const lat = "evidence_http_request_seconds"
	w.ServerSearches = d(lat + "_count{" + route + "}")
	for k, v := range after {
		if strings.HasPrefix(k, lat+"_count{") {
			w.ServerRequests += v - before[k]
		}
	}
	served, bound := after.bucketAtMost(lat, route, 0.25)
	servedBefore, _ := before.bucketAtMost(lat, route, 0.25)
	w.ServerOver250ms, w.ServerBound = w.ServerSearches-(served-servedBefore), bound
	return w
}

// print writes the waits, each as a share of what it is part of.
func (w *Waits) print(out io.Writer, searches, slowSearches int) {
	pct := func(a, b float64) float64 {
		if b == 0 {
			return 0
		}
		return 100 * a / b
	}
	fmt.Fprintf(out, "\nserve's waits: runnable goroutines (sampled) %.0f, waited %.1f s; > %s %.2f%%, > %s %.3f%%, > %s %.3f%%\n",
		w.Runnable, w.SchedWait, boundMs(w.SchedBounds[0]), pct(w.Over1ms, w.Runnable), boundMs(w.SchedBounds[1]), pct(w.Over10ms, w.Runnable),
		boundMs(w.SchedBounds[2]), pct(w.Over117ms, w.Runnable))
	fmt.Fprintf(out, "collector %.1f CPU-s (assists %.1f) against Go code's %.1f (the runtime's estimates); contended locks %.2f s\n",
		w.GCCPU, w.AssistCPU, w.UserCPU, w.MutexWait)
	perRequest := 0.0
	if w.ServerRequests > 0 {
		perRequest = w.Created / w.ServerRequests
	}
	fmt.Fprintf(out, "goroutines started %.0f, %.1f a request\n", w.Created, perRequest)
	fmt.Fprintf(out, "searches over %s: %.0f by the server's handler; over %s: %d by the client (of %d)\n",
		boundMs(w.ServerBound), w.ServerOver250ms, boundMs(GoalSearchP99.Seconds()), slowSearches, searches)
	if w.HaveKernel {
		fmt.Fprintf(out, "serve's threads waited for a core %.1f s; serve's CPU %.1f s, its ended children's %.1f s\n",
			w.RunDelay, w.ProcessCPU, w.ChildrenCPU)
	}
}

// boundMs is a histogram's bound in seconds as the report prints it, in
// milliseconds to three figures (0.918 ms, 10.5 ms, 117 ms), or "?" when
// the server's histogram had none so low.
func boundMs(seconds float64) string {
	if math.IsInf(seconds, 0) || math.IsNaN(seconds) {
		return "? ms"
	}
	return strconv.FormatFloat(seconds*1000, 'g', 3, 64) + " ms"
}
