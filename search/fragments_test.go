package search

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

func span(page int, text, word string, nth int) index.Span {
	off := 0
	for i := 0; i <= nth; i++ {
		j := strings.Index(text[off:], word)
		if j < 0 {
			panic(word + " not in text")
		}
		if i == nth {
			return index.Span{Page: page, Start: off + j, End: off + j + len(word)}
		}
		off += j + len(word)
	}
	return index.Span{}
}

func TestBuildFragmentsMarksMergesAndEscapes(t *testing.T) {
	page1 := "杭政办〔2016〕12号"
	page2 := "现就建立<script>alert(1)</script>学分银行提出如下意见。"
	pages := []string{page1, page2}
	spans := []index.Span{
		// gse marks 学分 and 银行 separately when they come from sub-words.
		span(2, page2, "学分", 0), span(2, page2, "银行", 0), span(2, page2, "学分银行", 0),
	}
	frags := buildFragments(pages, spans)
	if len(frags) != 1 {
		t.Fatalf("got %d fragments, want 1: %+v", len(frags), frags)
	}
	f := frags[0]
	if f.Page != 2 {
		t.Errorf("page %d, want 2", f.Page)
	}
	if !strings.Contains(f.HTML, "<mark>学分银行</mark>") || strings.Count(f.HTML, "<mark>") != 1 {
		t.Errorf("marks not merged: %s", f.HTML)
	}
	if strings.Contains(f.HTML, "<script>") || !strings.Contains(f.HTML, "&lt;script&gt;") {
		t.Errorf("text not escaped: %s", f.HTML)
	}
}

func TestBuildFragmentsPicksAtMostThreeBestInOrder(t *testing.T) {
	filler := strings.Repeat("会议研究部署了有关工作。", 20)
	var pages []string
	var spans []index.Span
	for p := 1; p <= 5; p++ {
		text := filler + "学分银行" + filler
		if p == 4 {
			text = filler + "学分银行与学习成果认证" + filler
		}
		pages = append(pages, text)
		spans = append(spans, span(p, text, "学分银行", 0))
		if p == 4 {
			spans = append(spans, span(p, text, "学习成果认证", 0))
		}
	}
	frags := buildFragments(pages, spans)
	if len(frags) != 3 {
		t.Fatalf("got %d fragments, want 3", len(frags))
	}
	var got []int
	for _, f := range frags {
		got = append(got, f.Page)
		if !strings.HasPrefix(f.HTML, "…") || !strings.HasSuffix(f.HTML, "…") {
			t.Errorf("page %d fragment not marked as cut: %.40s", f.Page, f.HTML)
		}
		if n := len([]rune(f.HTML)); n > fragmentLength+60 {
			t.Errorf("fragment of %d runes", n)
		}
	}
	// Page 4 has two distinct words and must be among the three, then in page order.
	if got[0] > got[1] || got[1] > got[2] || (got[0] != 4 && got[1] != 4 && got[2] != 4) {
		t.Errorf("pages %v: want three in order including page 4", got)
	}
}

func TestBuildFragmentsWithoutSpansShowsTheOpening(t *testing.T) {
	frags := buildFragments([]string{"", "第二页的开头文字"}, nil)
	if len(frags) != 1 || frags[0].Page != 2 || frags[0].HTML != "第二页的开头文字" {
		t.Errorf("lead fragment %+v", frags)
	}
}

func TestHighlightPageMarksQueryWords(t *testing.T) {
	got, err := HighlightPage("学分银行 -征求意见稿", "建立<学分银行>制度。\n学分银行运行。")
	if err != nil {
		t.Fatal(err)
	}
	want := "建立&lt;<mark>学分银行</mark>&gt;制度。\n<mark>学分银行</mark>运行。"
	if got != want {
		t.Errorf("HighlightPage = %q, want %q", got, want)
	}
	if got, _ := HighlightPage(`"未闭合`, "<b>文字</b>"); got != "&lt;b&gt;文字&lt;/b&gt;" {
		t.Errorf("unreadable query: %q", got)
	}
}

// A phrase that runs from one page onto the next, which search finds, is
// marked on both pages of the document's view; a page that only follows
// one where the phrase ends is not marked.
func TestHighlightDocumentPageMarksAPhraseAcrossPages(t *testing.T) {
	pages := []string{
		"一、基本情况\n截至年底,全市社区学校数量达",
		"到342所,覆盖所有街道。",
		"二、下一步工作\n到2025年,数量达到400所。",
	}
	for _, tt := range []struct {
		page int
		want string
	}{
		{1, "一、基本情况\n截至年底，全市社区学校<mark>数量达</mark>"},
		{2, "<mark>到342所</mark>，覆盖所有街道。"},
		{3, "二、下一步工作\n到2025年，数量达到400所。"},
	} {
		got, err := HighlightDocumentPage("数量达到342所", pages, tt.page)
		if err != nil {
			t.Fatal(err)
		}
		if got != tt.want {
			t.Errorf("page %d: got %q, want %q", tt.page, got, tt.want)
		}
	}
}
