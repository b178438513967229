package index

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// BenchmarkIndexReportParagraphs indexes 100 documents of the monitoring
// report's paragraphs (testdata/report.zh.txt, 47 KB, each paragraph after
// a blank line, most ending with 。), rotated so that no two are the
// same, into an index on disk, and reports the index's size once closed:
// what spanning the whitespace after a clause mark (zh.markGaps) costs
// the index and its building.
func BenchmarkIndexReportParagraphs(b *testing.B) {
	raw, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	benchIndexParagraphs(b, strings.Split(strings.TrimSpace(string(raw)), "\n\n"))
}

// BenchmarkIndexLedgerNumbers is BenchmarkIndexReportParagraphs with
// every number before a unit of quantity written with trailing zeros, as
// a ledger's cell in format 0.00 shows it (90% as 90.00%, 12.3万 as
// 12.30万, 88 of the report's numbers): the numbers whose digit of value
// index format 30 joins to their unit (zh.ZerosToken), as many as a text
// may have.
func BenchmarkIndexLedgerNumbers(b *testing.B) {
	raw, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		b.Fatal(err)
	}
	ledger := regexp.MustCompile(`\d+(\.\d+)?[%万亿个人所次项场家名元]`).ReplaceAllStringFunc(strings.TrimSpace(string(raw)), func(n string) string {
		unit := []rune(n)[len([]rune(n))-1]
		digits := strings.TrimSuffix(n, string(unit))
		if strings.Contains(digits, ".") {
			return digits + "0" + string(unit)
		}
		return digits + ".00" + string(unit)
	})
	benchIndexParagraphs(b, strings.Split(ledger, "\n\n"))
}

// benchIndexParagraphs indexes 100 rotations of paras into an index on
// disk and reports the index's size once closed.
func benchIndexParagraphs(b *testing.B, paras []string) {
	var docs []Document
	for i := range 100 {
		k := i % len(paras)
		text := strings.Join(append(append([]string{}, paras[k:]...), paras[:k]...), "\n\n")
		docs = append(docs, Document{ID: fmt.Sprintf("r%03d", i), Title: "监测报告", City: "330100", Pages: []string{text}})
	}
	var size int64
	for b.Loop() {
		dir := filepath.Join(b.TempDir(), "idx")
		idx, err := Open(dir)
		if err != nil {
			b.Fatal(err)
		}
		for i := 0; i < len(docs); i += 10 {
			if err := idx.Index(context.Background(), docs[i:i+10]); err != nil {
				b.Fatal(err)
			}
		}
		if err := idx.Close(); err != nil {
			b.Fatal(err)
		}
		size = 0
		filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if fi, err := d.Info(); err == nil {
					size += fi.Size()
				}
			}
			return nil
		})
	}
	b.ReportMetric(float64(size)/(1<<20), "MiB-index")
}
