package fields_test

import (
	"os"
	"path/filepath"
	"strconv"
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

// BenchmarkReadSheet is the cost of reading the fields of a ledger of
// 3,000 rows (245 KB of text) as a spreadsheet, and BenchmarkReadLedger
// as Read read it before: ReadSheet prepares the lines outside its table
// only (0.05 ms against 27–40 ms on 2 cores).
func BenchmarkReadSheet(b *testing.B) {
	page := longLedger()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		fields.ReadSheet([]string{page}, "", true)
	}
}

func BenchmarkReadLedger(b *testing.B) {
	page := longLedger()
	b.SetBytes(int64(len(page)))
	for b.Loop() {
		fields.Read([]string{page}, "")
	}
}

func longLedger() string {
	var s strings.Builder
	s.WriteString("Sheet1\n\n2024年社区学校名单\n\n序号 | 社区学校名称 | 依据文件 | 截止日期\n\n")
	for i := range 3000 {
		s.WriteString(strconv.Itoa(i+1) + " | 湖滨街道社区学校 | 杭教职成〔2021〕9号 | 2023年12月31日\n\n")
	}
	s.WriteString("杭州市教育局 2024年7月5日")
	return s.String()
}
