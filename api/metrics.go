package api

import (
	"context"
	"regexp"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/lcmonitor/evidence/catalog"
)

type metrics struct {
	registry *prometheus.Registry
	requests *prometheus.CounterVec
	latency  *prometheus.HistogramVec
}

// waitMetrics are the runtime's counts of what a request waits on besides
// its own work, beyond the Go collector's defaults: how long goroutines
// waited for a thread (go_sched_latencies_seconds) and how many were
// started (go_sched_goroutines_created_goroutines_total), the CPU the collector
// took, from the allocating goroutines too (go_cpu_classes_*), and the
// time goroutines waited for a contended lock
// (go_sync_mutex_wait_total_seconds_total). make load reads them.
var waitMetrics = collectors.GoRuntimeMetricsRule{Matcher: regexp.MustCompile(
	`^/sched/latencies:seconds$|^/sched/goroutines-created:goroutines$|^/cpu/classes/|^/sync/mutex/wait/total:seconds$`)}

func newMetrics(d Deps) *metrics {
	m := &metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "evidence_http_requests_total", Help: "HTTP requests by route and status.",
		}, []string{"route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "evidence_http_request_seconds", Help: "HTTP request latency by route.",
			Buckets: []float64{.005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}, []string{"route"}),
	}
	m.registry.MustRegister(m.requests, m.latency,
		collectors.NewGoCollector(collectors.WithGoCollectorRuntimeMetrics(waitMetrics)), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{
			Name: "evidence_pipeline_pending", Help: "Documents waiting for text extraction.",
		}, func() float64 { return float64(d.Ingest.Pending()) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "evidence_search_cache_hits_total", Help: "Searches answered from a result kept since the index last changed.",
		}, func() float64 { return float64(d.Search.CacheStats().Hits) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "evidence_search_cache_shared_total", Help: "Searches answered by the same search running for another request.",
		}, func() float64 { return float64(d.Search.CacheStats().Shared) }),
		prometheus.NewCounterFunc(prometheus.CounterOpts{
			Name: "evidence_search_cache_misses_total", Help: "Searches the index computed.",
		}, func() float64 { return float64(d.Search.CacheStats().Misses) }),
		&statusCollector{counts: d.Ingest.CountByStatus, desc: prometheus.NewDesc("evidence_documents",
			"Live documents by pipeline status.", []string{"status"}, nil)},
	)
	return m
}

func (m *metrics) observe(route string, status int, took time.Duration) {
	m.requests.WithLabelValues(route, strconv.Itoa(status)).Inc()
	m.latency.WithLabelValues(route).Observe(took.Seconds())
}

// statusCollector counts documents per status at scrape time.
type statusCollector struct {
	counts func(context.Context) (map[catalog.Status]int, error)
	desc   *prometheus.Desc
}

func (c *statusCollector) Describe(ch chan<- *prometheus.Desc) { ch <- c.desc }

func (c *statusCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	counts, err := c.counts(ctx)
	if err != nil {
		return
	}
	for _, st := range []catalog.Status{catalog.StatusStored, catalog.StatusExtracted, catalog.StatusIndexed, catalog.StatusFailed} {
		ch <- prometheus.MustNewConstMetric(c.desc, prometheus.GaugeValue, float64(counts[st]), string(st))
	}
}
