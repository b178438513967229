package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/index"
)

// fragmentText is a fragment's page text without marks and ellipses, and
// whether it was cut at each end.
func fragmentText(html string) (text string, cutStart, cutEnd bool) {
	text = strings.NewReplacer("<mark>", "", "</mark>", "").Replace(html)
	cutStart = strings.HasPrefix(text, "…")
	cutEnd = strings.HasSuffix(text, "…")
	text = strings.TrimSuffix(strings.TrimPrefix(text, "…"), "…")
	// The page is stored with its punctuation folded to ASCII and shown
	// full-width; fold it back to find the passage on the page.
	return width.Fold.String(text), cutStart, cutEnd
}

// Pages in which a plain cut at 30 characters before a match and 120
// characters after the fragment's start falls inside a 文号, a number with
// its unit, or a word.
var boundaryPages = map[string]string{
	"文号 before the match": "根据《宁波市人民政府关于加快发展学习型城市的意见》(甬政发〔2015〕58号)精神,结合本市实际,现就举办2018年市民学习周活动通知如下。" +
		"一、活动时间为九月下旬,各区县同步开展终身学习活动周,全年参与学习的市民达12.3万人次,比上年增长百分之八点五,共举办342场大讲堂和读书会,覆盖全市所有街道和乡镇社区学校。" +
		"二、各单位要高度重视,精心组织,确保活动取得实效。",
	"number at the end": "全市社区教育工作稳步推进,社区学校办学条件明显改善,学习型组织建设成效显著,市民终身学习意识不断增强。" +
		"据统计全年参与各类社区教育活动的市民达12.3万人次,其中老年人占比达到百分之四十以上,开展各类培训共计1,234期次。",
	"no punctuation near": "全市社区教育工作稳步推进社区学校办学条件明显改善学习型组织建设成效显著市民终身学习意识不断增强据统计全年参与各类社区教育活动的市民达12.3万人次" +
		"其中老年人占比达到百分之四十以上开展各类培训共计1234期次依据甬政发〔2015〕58号文件精神各区县同步开展终身学习活动周共举办342场大讲堂和读书会覆盖全市所有街道和乡镇社区学校",
}

func TestFragmentsKeepWholeWords(t *testing.T) {
	tests := []struct {
		page  string
		match string
	}{
		{"文号 before the match", "市民学习周"},
		{"文号 before the match", "大讲堂"},
		{"文号 before the match", "取得实效"},
		{"number at the end", "学习型组织"},
		{"number at the end", "社区教育活动"},
		{"no punctuation near", "学习意识"},
		{"no punctuation near", "老年人"},
		{"no punctuation near", "活动周"},
		{"no punctuation near", "读书会"},
	}
	for _, tt := range tests {
		page := boundaryPages[tt.page]
		frags := buildFragments([]string{page}, []index.Span{span(1, page, tt.match, 0)})
		if len(frags) != 1 {
			t.Fatalf("%s / %s: %d fragments", tt.page, tt.match, len(frags))
		}
		text, cutStart, cutEnd := fragmentText(frags[0].HTML)
		start := strings.Index(page, text)
		if start < 0 || !strings.Contains(text, tt.match) {
			t.Fatalf("%s / %s: fragment %q is not a passage of the page with the match", tt.page, tt.match, text)
		}
		end := start + len(text)
		if cutStart != (start > 0) || cutEnd != (end < len(page)) {
			t.Errorf("%s / %s: ellipses %v/%v for a passage at %d–%d of %d", tt.page, tt.match, cutStart, cutEnd, start, end, len(page))
		}
		for _, sp := range protected.FindAllStringIndex(page, -1) {
			if (sp[0] < start && start < sp[1]) || (sp[0] < end && end < sp[1]) {
				t.Errorf("%s / %s: fragment %q cuts %q", tt.page, tt.match, text, page[sp[0]:sp[1]])
			}
		}
		bounds, _ := index.WordBounds(page)
		for _, cut := range []int{start, end} {
			if !isBound(bounds, cut) && cut > 0 && cut < len(page) && !isClauseMark(page, prevRune(page, cut)) {
				t.Errorf("%s / %s: fragment %q cuts a word at %d", tt.page, tt.match, text, cut)
			}
		}
		if tt.page != "no punctuation near" {
			// With marks near, a shortened fragment begins after one and ends with one.
			if start > 0 && !isClauseMark(page, prevRune(page, start)) {
				t.Errorf("%s / %s: fragment %q does not begin after a punctuation mark", tt.page, tt.match, text)
			}
			if end < len(page) && !isClauseMark(page, prevRune(page, end)) {
				t.Errorf("%s / %s: fragment %q does not end with a punctuation mark", tt.page, tt.match, text)
			}
		}
		if strings.HasPrefix(text, "次") || strings.HasPrefix(text, "万") {
			t.Errorf("%s / %s: fragment %q begins inside a number's unit", tt.page, tt.match, text)
		}
		if n := utf8.RuneCountInString(text); n > fragmentLength+2*clauseSlack {
			t.Errorf("%s / %s: fragment of %d characters", tt.page, tt.match, n)
		}
	}
}

func TestFragmentKeepsTheDocumentNumberWhole(t *testing.T) {
	page := boundaryPages["文号 before the match"]
	frags := buildFragments([]string{page}, []index.Span{span(1, page, "市民学习周", 0)})
	text, _, _ := fragmentText(frags[0].HTML)
	if strings.Contains(text, "政发〔2015〕58号") && !strings.Contains(text, "甬政发〔2015〕58号") {
		t.Errorf("fragment %q cuts 甬 off the 文号", text)
	}
}

// TestFragmentKeepsASpacedDocNumberWhole: a 文号 with whitespace inside
// (浙政发 [2019] 5号 as Normalize leaves it beside ASCII brackets, or a
// line wrap after its year, which is otherwise a clause's end) is shown
// whole or not at all, wherever the match is that the fragment shows.
func TestFragmentKeepsASpacedDocNumberWhole(t *testing.T) {
	base := boundaryPages["no punctuation near"]
	for _, form := range []string{"甬政发 [2015] 58号", "甬政发(2015)\n58号", "甬政发 ( 2015 ) 58 号"} {
		page := strings.Replace(base, "甬政发〔2015〕58号", form, 1)
		for _, match := range []string{"终身学习", "活动周", "读书会", "各区县", "文件精神", "同步开展"} {
			frags := buildFragments([]string{page}, []index.Span{span(1, page, match, 0)})
			if len(frags) != 1 {
				t.Fatalf("%q / %s: %d fragments", form, match, len(frags))
			}
			text, _, _ := fragmentText(frags[0].HTML)
			head, tail := strings.Contains(text, "甬政发"), strings.Contains(text, "58号") || strings.Contains(text, "58 号")
			if head != tail {
				t.Errorf("%q / %s: fragment %q shows the 文号 in half", form, match, text)
			}
		}
	}
}

func isBound(bounds []int, off int) bool {
	for _, b := range bounds {
		if b == off {
			return true
		}
	}
	return false
}

func prevRune(s string, off int) int {
	_, n := utf8.DecodeLastRuneInString(s[:off])
	return off - n
}

// TestPassagesShowThePunctuationOfTheDocument: the text is stored with
// "，：（）" folded to ASCII; a fragment and a highlighted page show them
// as the document wrote them, also where a highlight ends next to one, and
// leave numbers and Latin text alone.
func TestPassagesShowThePunctuationOfTheDocument(t *testing.T) {
	page := "经市政府同意,现就建立学分银行:共1,234人(含老年人)。<b>Word 2.0(beta)</b>"
	want := "经市政府同意\uFF0C现就建立<mark>学分银行</mark>\uFF1A共1,234人\uFF08含老年人\uFF09。&lt;b&gt;Word 2.0(beta)&lt;/b&gt;"
	frags := buildFragments([]string{page}, []index.Span{span(1, page, "学分银行", 0)})
	if len(frags) != 1 || frags[0].HTML != want {
		t.Errorf("fragment %+v\nwant %q", frags, want)
	}
	highlighted, err := HighlightPage("学分银行", page)
	if err != nil {
		t.Fatal(err)
	}
	if highlighted != want {
		t.Errorf("highlighted page %q\nwant %q", highlighted, want)
	}
}
