package load

import (
	"strings"
	"testing"
)

func TestWaitsBetweenSnapshots(t *testing.T) {
	before := parseMetrics(`# HELP go_sched_latencies_seconds x
go_sched_latencies_seconds_bucket{le="0.0009175039999999999"} 90
go_sched_latencies_seconds_bucket{le="0.010485759999999998"} 95
go_sched_latencies_seconds_bucket{le="0.11744051199999998"} 100
go_sched_latencies_seconds_bucket{le="+Inf"} 100
go_sched_latencies_seconds_sum 1.5
go_sched_latencies_seconds_count 100
go_cpu_classes_gc_mark_assist_cpu_seconds_total 1
go_sync_mutex_wait_total_seconds_total 2
go_sched_goroutines_created_goroutines_total 100
evidence_http_request_seconds_bucket{route="GET /api/v1/search",le="0.25"} 10
evidence_http_request_seconds_count{route="GET /api/v1/search"} 10
`)
	after := parseMetrics(`go_sched_latencies_seconds_bucket{le="0.0009175039999999999"} 150
go_sched_latencies_seconds_bucket{le="0.010485759999999998"} 180
go_sched_latencies_seconds_bucket{le="0.11744051199999998"} 199
go_sched_latencies_seconds_bucket{le="+Inf"} 200
go_sched_latencies_seconds_sum 4
go_sched_latencies_seconds_count 200
go_cpu_classes_gc_mark_assist_cpu_seconds_total 1.25
go_sync_mutex_wait_total_seconds_total 5
go_sched_goroutines_created_goroutines_total 900
evidence_http_request_seconds_bucket{route="GET /api/v1/search",le="0.1"} 100
evidence_http_request_seconds_bucket{route="GET /api/v1/search",le="0.25"} 105
evidence_http_request_seconds_count{route="GET /api/v1/search"} 110
`)
	got := waitsBetween(before, after)
	want := Waits{Runnable: 100, Over1ms: 40, Over10ms: 15, Over117ms: 1, SchedWait: 2.5,
		AssistCPU: 0.25, MutexWait: 3, ServerSearches: 100, ServerOver250ms: 5, ServerRequests: 100, Created: 800,
		SchedBounds: [3]float64{0.0009175039999999999, 0.010485759999999998, 0.11744051199999998}, ServerBound: 0.25}
	if got != want {
		t.Errorf("waits\n%+v, want\n%+v", got, want)
	}
}

// A run whose server answered no request prints its waits without NaN
// (review s56, low).
func TestWaitsPrintWithoutRequests(t *testing.T) {
	var b strings.Builder
	(&Waits{Created: 12}).print(&b, 0, 0)
	if strings.Contains(b.String(), "NaN") || !strings.Contains(b.String(), "goroutines started 12, 0.0 a request") {
		t.Errorf("waits of a run without requests:\n%s", b.String())
	}
}

// The report names the bounds its counts were read at, from the server's
// histograms, not fixed labels (review s56, low): a server whose search
// histogram has 0.2 s as its bound under 250 ms counts the searches over
// 200 ms, and says so.
func TestWaitsPrintTheBoundsTheyWereReadAt(t *testing.T) {
	before := parseMetrics(`go_sched_latencies_seconds_bucket{le="0.0005"} 10
go_sched_latencies_seconds_bucket{le="0.008"} 10
go_sched_latencies_seconds_bucket{le="0.064"} 10
go_sched_latencies_seconds_count 10
`)
	after := parseMetrics(`go_sched_latencies_seconds_bucket{le="0.0005"} 60
go_sched_latencies_seconds_bucket{le="0.008"} 90
go_sched_latencies_seconds_bucket{le="0.064"} 100
go_sched_latencies_seconds_count 110
evidence_http_request_seconds_bucket{route="GET /api/v1/search",le="0.2"} 90
evidence_http_request_seconds_count{route="GET /api/v1/search"} 100
`)
	w := waitsBetween(before, after)
	var b strings.Builder
	w.print(&b, 100, 3)
	for _, want := range []string{"> 0.5 ms 50.00%", "> 8 ms 20.000%", "> 64 ms 10.000%", "searches over 200 ms: 10 by the server's handler; over 250 ms: 3 by the client"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("the waits lack %q:\n%s", want, b.String())
		}
	}
}
