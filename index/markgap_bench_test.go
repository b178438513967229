package index

import (
	"context"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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
	paras := strings.Split(strings.TrimSpace(string(raw)), "\n\n")
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
