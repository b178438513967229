package search

import (
	"os"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestHighlightMarksWhatTheWholePageMarks: marking a query's words on a
// page, having cut into words only the clauses where they occur
// (index.NewMatcherFor), marks what cutting all of the page and its
// neighbours' ends marked, byte for byte: on pages that a word runs
// across (学习型|城市 at a page break inside a sentence, 学分|银行 at the
// edge of a long page's parts), for words, phrases, codes, numbers and
// several words at once.
func TestHighlightMarksWhatTheWholePageMarks(t *testing.T) {
	report, err := os.ReadFile("testdata/report.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	text := string(report)
	cut := strings.Index(text, "学习型城市") + len("学习型")
	mid := strings.LastIndex(text[:len(text)/2], "\n")
	pages := []string{text[:cut], text[cut:mid] + "推进学分", "银行建设。" + text[mid:]}
	whole := func(pages, _ []string) (*index.Matcher, error) { return index.NewMatcher(pages) }
	queries := []string{"学习型城市", "城市", "学分银行", "银行", "社区教育 学分银行", "\"学习型城市建设\"",
		"终身学习活动周", "2019年", "90%", "教职成〔2014〕10号", "监测 评估 指标", "OR", "学习型城市 -老年"}
	for n := 1; n <= len(pages); n++ {
		for _, q := range queries {
			want, err := highlightDocumentPage(q, pages, n, whole)
			if err != nil {
				t.Fatal(err)
			}
			got, err := HighlightDocumentPage(q, pages, n)
			if err != nil {
				t.Fatal(err)
			}
			if got != want {
				t.Errorf("page %d, %q: marks differ from the whole page's:\n%s", n, q, firstDifference(got, want))
			}
			if n == 2 && q == "学习型城市" && !strings.HasPrefix(got, "<mark>城市</mark>") {
				t.Errorf("page 2, %q: the word run over from page 1 is not marked: %.80s", q, got)
			}
			if n == 3 && q == "学分银行" && !strings.HasPrefix(got, "<mark>银行</mark>") {
				t.Errorf("page 3, %q: the word run over from page 2 is not marked: %.80s", q, got)
			}
		}
	}
}

// firstDifference shows where got and want part, with some text before.
func firstDifference(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	from := max(i-60, 0)
	return "got  …" + got[from:min(i+60, len(got))] + "\nwant …" + want[from:min(i+60, len(want))]
}
