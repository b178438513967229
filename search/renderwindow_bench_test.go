package search

import (
	"html"
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

// escape is what renderWindow wrote each piece as before session 45.
func escape(s string) string {
	return html.EscapeString(strings.ReplaceAll(s, "\n", " "))
}

// TestWriteEscapedIsEscape: the fragment's pieces are written escaped
// as escape writes them, line breaks as spaces.
func TestWriteEscapedIsEscape(t *testing.T) {
	for _, s := range []string{"", "学分银行", "<script>“学习型城市”</script>", "a&b\n'c'\"d\"", "\n\n", "教职成〔2014〕10号 & <附件>"} {
		var b strings.Builder
		writeEscaped(&b, s)
		if got, want := b.String(), escape(s); got != want {
			t.Errorf("writeEscaped(%q) = %q, want %q", s, got, want)
		}
	}
}
