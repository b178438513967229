package web

import (
	"fmt"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/documents"
	"github.com/lcmonitor/evidence/ingest"
)

// bigReport is some 3.3 MB of a monitoring report's text: the report
// repeated with its page numbers varied, its copies joined by form feeds
// (70 pages of some 47 KB) or not (one page of 13 parts).
func bigReport(tb testing.TB, formFeeds bool) string {
	tb.Helper()
	report, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var b strings.Builder
	for i := 1; b.Len() < 3_300_000; i++ {
		if i > 1 && formFeeds {
			b.WriteByte('\f')
		}
		fmt.Fprintf(&b, "— 第 %d 页 —\n", i)
		b.Write(report)
	}
	return b.String()
}

// BenchmarkBigDocumentPage times the document page of a 3.3 MB text,
// uploaded as a TXT with and without form feeds: its first and last part
// (or page), and a page past the end, which shows the first. Each
// sub-benchmark's first view ranks the text's suggestions; the others
// find them kept (search.TextSuggestions). It took 2.3–2.6 s a view.
func BenchmarkBigDocumentPage(b *testing.B) {
	for _, ff := range []bool{false, true} {
		s := newSite(b)
		d := s.env.Upload("330100", "baogao.txt", bigReport(b, ff))
		br := s.login("admin")
		last := "?part=13"
		if ff {
			last = fmt.Sprintf("?page=%d", d.Pages)
		}
		for _, q := range []string{"", last, "?page=500", last + "&q=学习型城市"} {
			b.Run(fmt.Sprintf("formfeeds=%v%s", ff, q), func(b *testing.B) {
				for b.Loop() {
					if resp, body := br.get("/documents/" + d.ID + q); resp.StatusCode != 200 {
						b.Fatalf("%s: %s %.300s", q, resp.Status, body)
					}
				}
			})
		}
	}
}

// TestLongPagePartsShowTheirTextAndMarks: the parts of a long page show
// their own text under the right page number and part, with the search
// words marked, also where a phrase runs across the break between two
// parts (the highlighter looks at the end of the part before only).
func TestLongPagePartsShowTheirTextAndMarks(t *testing.T) {
	s := newSite(t)
	d := s.env.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	// Part 1 of page 2 ends in 学分, exactly documents.PartBytes long;
	// part 2 begins with 银行.
	clause := "推进社区教育。" // 21 bytes
	pad := documents.PartBytes - len("学分")
	part1 := strings.Repeat("x", pad%len(clause)) + strings.Repeat(clause, pad/len(clause)) + "学分"
	part2 := "银行累计存入学分五十万分。" + strings.Repeat("建设学习型城市。", 10_000)
	pages := []string{"目录", part1 + part2, "附录：老年大学一百二十所"}
	if _, err := s.env.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	b := s.login("admin")
	_, body := b.get("/documents/" + d.ID + "?page=2&part=2&q=" + "学分银行")
	for _, want := range []string{"第 2 页 / 3", "分 2 段显示，这是第 2 段", "<mark>银行</mark>累计存入学分五十万分"} {
		if !strings.Contains(body, want) {
			t.Errorf("page 2, part 2: lacks %q", want)
		}
	}
	if strings.Contains(body, "推进社区教育") {
		t.Errorf("page 2, part 2 shows part 1's text")
	}
	_, body = b.get("/documents/" + d.ID + "?page=2&q=" + "学分银行")
	for _, want := range []string{"第 2 页 / 3", "这是第 1 段", "推进社区教育。<mark>学分</mark>"} {
		if !strings.Contains(body, want) {
			t.Errorf("page 2, part 1: lacks %q", want)
		}
	}
	_, body = b.get("/documents/" + d.ID + "?page=3&q=" + "老年大学")
	if !strings.Contains(body, "第 3 页 / 3") || !strings.Contains(body, "附录：<mark>老年大学</mark>一百二十所") || strings.Contains(body, "page-part") {
		t.Errorf("page 3: want it whole, in one part, with 老年大学 marked:\n%.2000s", textOf(body))
	}
}

// manyPages is some 3.3 MB of the report's text in thousands of short
// pages (a form feed at the first line end past every pageBytes), as a
// long scanned yearbook's text has them.
func manyPages(tb testing.TB, pageBytes int) string {
	tb.Helper()
	text := bigReport(tb, false)
	var b strings.Builder
	last := 0
	for i := 0; i < len(text); i++ {
		if text[i] == '\n' && i-last >= pageBytes {
			b.WriteString(text[last : i+1])
			b.WriteByte('\f')
			last = i + 1
		}
	}
	b.WriteString(text[last:])
	return b.String()
}

// cpuTime is the CPU time the process has taken: the server's, which
// runs in it, and the client's.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkBigDocumentPageViews times views of a 3.3 MB text's page as a
// reader turns its pages, the page's suggestions kept (one view before
// the timing): pages in the middle and at the end of a text of thousands
// of pages, with and without search words to mark (?q=, a search hit's
// link), and the long parts of a text of 70 pages and of one page.
func BenchmarkBigDocumentPageViews(b *testing.B) {
	texts := []struct {
		name, text string
		views      []string
	}{
		{"pages=2000", manyPages(b, 1600), []string{"?page=1000", "?page=1000&q=学习型城市", "?page=2000&q=学习型城市 建设"}},
		{"pages=70", bigReport(b, true), []string{"?page=35", "?page=35&q=学习型城市"}},
		{"pages=1", bigReport(b, false), []string{"?part=7", "?part=7&q=学习型城市"}},
	}
	for _, tx := range texts {
		// A site each: two versions of one text would be near
		// duplicates, and the page would compare them.
		s := newSite(b)
		br := s.login("admin")
		d := s.env.Upload("330100", "baogao.txt", tx.text)
		for _, q := range tx.views {
			b.Run(tx.name+q, func(b *testing.B) {
				view := func() {
					if resp, body := br.get("/documents/" + d.ID + strings.ReplaceAll(q, " ", "+")); resp.StatusCode != 200 {
						b.Fatalf("%s: %s %.300s", q, resp.Status, body)
					}
				}
				view()
				cpu := cpuTime()
				for b.Loop() {
					view()
				}
				// The machine is shared: the CPU a view takes says more
				// than the time it took.
				b.ReportMetric(float64(cpuTime()-cpu)/1e6/float64(b.N), "cpu-ms/op")
			})
		}
	}
}
