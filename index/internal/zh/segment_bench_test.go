package zh

import (
	"os"
	"testing"
)

// BenchmarkSegmentReport cuts the eight-city monitoring report (47 KB of
// the users' own prose) in search mode, as the index does, and reports the
// tokens indexed per KB: the cost and the size of a change to what is
// indexed.
func BenchmarkSegmentReport(b *testing.B) {
	text, err := os.ReadFile("../../../ingest/extract/testdata/eight-city-report.zh.txt")
	if err != nil {
		b.Skipf("report text: %v", err)
	}
	seg, err := Segmenter()
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(text)))
	var n int
	for b.Loop() {
		n = len(Segment(seg, text, true))
	}
	b.ReportMetric(float64(n)*1024/float64(len(text)), "tokens/KB")
}
