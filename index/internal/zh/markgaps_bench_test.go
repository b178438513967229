package zh

import (
	"os"
	"testing"
)

// BenchmarkPairsOfReport cuts the monitoring report (47 KB, its
// paragraphs apart by blank lines, most after 。) into the n-gram fields'
// pairs, and finds a string in it as a hit's marks do: what leaving out
// the whitespace after clause marks (markGaps) costs.
func BenchmarkPairsOfReport(b *testing.B) {
	if err := loadFolding(); err != nil {
		b.Fatal(err)
	}
	text, err := os.ReadFile("../../testdata/report.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	b.Run("Bigrams", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Bigrams(text, false)
		}
	})
	b.Run("FindSubstrings", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			FindSubstrings(string(text), "学习型城市建设")
		}
	})
}
