package search

import (
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// BenchmarkRenderWindow renders the fragments of a search on a long
// report (its text stored with ASCII punctuation): the windows around
// each place it names the words, as a page of results shows them.
func BenchmarkRenderWindow(b *testing.B) {
	report, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	page := string(report)
	for _, q := range []string{"学习型城市", "学分银行", "社区教育"} {
		var spans []index.Span
		for at := 0; ; at += len(q) {
			i := strings.Index(page[at:], q)
			if i < 0 {
				break
			}
			at += i
			spans = append(spans, index.Span{Page: 1, Start: at, End: at + len(q)})
		}
		var wins []window
		for _, sp := range spans {
			wins = append(wins, windowsFor([]string{page}, []index.Span{sp}, nil)...)
		}
		if len(wins) < 5 {
			b.Fatalf("%q: %d windows in the report, want more to time", q, len(wins))
		}
		b.Run(q, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				for _, w := range wins {
					renderWindow(page, w)
				}
			}
			b.ReportMetric(float64(len(wins)), "windows")
		})
	}
}
