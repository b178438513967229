package load

import (
	"bytes"
	"context"
	"maps"
	"strings"
	"testing"
	"time"
)

func TestSlowestSearchesByClass(t *testing.T) {
	tests := []struct {
		name    string
		classes []string // one a request, the n-th took n ms
		tail    map[string]int
	}{
		{"one request: it is the slowest 1 %", []string{"one word"}, map[string]int{"one word": 1}},
		{"the slowest of 100", append(repeat("one word", 99), "two words"), map[string]int{"two words": 1}},
		{"the two slowest of 101", append(repeat("two words", 99), "one word", "one word"), map[string]int{"one word": 2}},
	}
	for _, tt := range tests {
		r := newRecorder("search")
		// Recorded slowest first: the tail is by latency, not by order.
		for i := len(tt.classes) - 1; i >= 0; i-- {
			r.record(context.Background(), tt.classes[i], time.Duration(i+1)*time.Millisecond, "", "")
		}
		s := r.stats()
		if !maps.Equal(s.Tail, tt.tail) {
			t.Errorf("%s: slowest 1 %% %v, want %v", tt.name, s.Tail, tt.tail)
		}
		if s.Latencies[0] != time.Millisecond || s.Percentile(100) != time.Duration(len(tt.classes))*time.Millisecond {
			t.Errorf("%s: latencies not sorted: %v", tt.name, s.Latencies)
		}
	}
}

func TestReportSaysWhichClassMakesTheTail(t *testing.T) {
	r := newRecorder("search")
	for i := range 200 {
		class := "one word"
		if i%3 == 0 {
			class = "two words"
		}
		r.record(context.Background(), class, time.Duration(i)*time.Millisecond, "", "")
	}
	rep := &Report{Elapsed: time.Second, Search: r.stats(), Upload: newRecorder("upload").stats()}
	var out bytes.Buffer
	rep.Print(&out)
	// The slowest two are 199 ms (two words: 199 = 3 × 66 + 1, one word)
	// and 198 ms (two words).
	if want := "slowest 1 % of searches (2):  one word 50% (of all searches 66%); two words 50% (of all searches 34%)"; !strings.Contains(out.String(), want) {
		t.Errorf("report:\n%s\nwant the line %q", out.String(), want)
	}
}

func repeat(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

// TestReportSaysHowManyUploadsWereIndexed: a server that answers searches
// sooner by putting its indexing off shows it in the report.
func TestReportSaysHowManyUploadsWereIndexed(t *testing.T) {
	before := parseMetrics(`evidence_documents{status="indexed"} 10
evidence_documents{status="received"} 0
`)
	after := parseMetrics(`evidence_documents{status="indexed"} 1390
evidence_documents{status="received"} 70
evidence_documents{status="extracted"} 28
evidence_documents{status="failed"} 2
`)
	rep := &Report{Elapsed: time.Second, Search: newRecorder("search").stats(), Upload: newRecorder("upload").stats(),
		Documents: documentsBetween(before, after)}
	var out bytes.Buffer
	rep.Print(&out)
	if want := "documents when the run ended: 1380 indexed, 98 not yet, 2 failed"; !strings.Contains(out.String(), want) {
		t.Errorf("report:\n%s\nwant the line %q", out.String(), want)
	}
}
