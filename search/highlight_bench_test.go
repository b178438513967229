package search

import (
	"os"
	"strings"
	"syscall"
	"testing"
	"time"
)

// cpuTime is the CPU time the process has taken.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// longPart is a part of a long page as the document page shows it
// (documents.PartBytes, 256 KB) and its neighbours: the report's text
// over and over.
func longPart(tb testing.TB) []string {
	tb.Helper()
	report, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		tb.Fatal(err)
	}
	text := strings.Repeat(string(report), 18)
	part := headBytes(text, 256<<10)
	return []string{tailBytes(text, 256<<10), part, part}
}

// BenchmarkHighlightLongPart times marking a search's words on a part of
// a long page, 256 KB of a report that names them in most sentences.
func BenchmarkHighlightLongPart(b *testing.B) {
	pages := longPart(b)
	if _, err := HighlightDocumentPage("学习", pages, 2); err != nil { // loads the dictionary
		b.Fatal(err)
	}
	for _, q := range []string{"学习型城市", "社区教育 学分银行", "终身学习活动周"} {
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			cpu := cpuTime()
			for b.Loop() {
				if _, err := HighlightDocumentPage(q, pages, 2); err != nil {
					b.Fatal(err)
				}
			}
			// The machine is shared: the CPU a call takes says more than
			// the time it took.
			b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
		})
	}
}
