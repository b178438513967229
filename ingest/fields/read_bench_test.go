package fields_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// BenchmarkRead is the cost of reading the fields of the fixtures, a text
// a document as the pipeline reads each upload's (issue 15: the
// pipeline's CPU around Bleve).
func BenchmarkRead(b *testing.B) {
	paths, err := filepath.Glob(filepath.Join("testdata", "*.txt"))
	if err != nil || len(paths) == 0 {
		b.Fatalf("fixtures: %v (%d found)", err, len(paths))
	}
	var texts [][]string
	var size int64
	for _, p := range paths {
		body, err := os.ReadFile(p)
		if err != nil {
			b.Fatal(err)
		}
		texts = append(texts, strings.Split(string(body), "\f"))
		size += int64(len(body))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	for b.Loop() {
		for _, pages := range texts {
			fields.Read(pages, "")
		}
	}
}
