package claims

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// pages read like PDF extraction output: spaces around digits, line
// breaks inside phrases, half- and full-width mixed.
var pages = []string{
	"杭州市学习型城市建设工作总结\n2017 年全年共举办\n342 场市民大讲堂,参与市民超过八万人次。",
	"2014年颁布实施《宁波市终身教育\n促进条例》,建立学分银行。",
	"二〇二三年全市新增社区学校十所。",
	"关于二○二三年度社区教育工作的通知",
}

func TestFindQuoteThroughPDFNoise(t *testing.T) {
	tests := []struct {
		name        string
		page        int
		quote       string
		found       bool
		foundOnPage int
		covers      string
	}{
		{"spaces around digits and a line break", 1, "2017年全年共举办342场市民大讲堂", true, 1, "2017 年全年共举办\n342 场市民大讲堂"},
		{"full-width digits in the quote", 1, "共举办３４２场", true, 1, "共举办\n342 场"},
		{"punctuation differs", 2, "颁布实施“宁波市终身教育促进条例”", true, 2, "颁布实施《宁波市终身教育\n促进条例"},
		{"on another page", 1, "建立学分银行", false, 2, "建立学分银行"},
		{"nowhere", 1, "共举办343场", false, 0, ""},
		{"page out of range, found elsewhere", 9, "市民大讲堂", false, 1, "市民大讲堂"},
		{"only punctuation", 1, ",。", false, 0, ""},
		// Characters that show nothing, in a quote copied from a web page.
		{"zero-width space and soft hyphen in the quote", 1, "市民\u200b大讲\u00ad堂", true, 1, "市民大讲堂"},
		// The zero of a year written as a circle or as the numeral.
		{"circle for the zero", 3, "二○二三年全市", true, 3, "二〇二三年全市"},
		{"numeral for the circle", 4, "二〇二三年度", true, 4, "二○二三年度"},
		{"a year is not another", 3, "二〇二二年全市", false, 0, ""},
	}
	for _, tt := range tests {
		m := FindQuote(pages, tt.page, tt.quote)
		if m.Found != tt.found || m.FoundOnPage != tt.foundOnPage {
			t.Errorf("%s: found %v on page %d, want %v on %d", tt.name, m.Found, m.FoundOnPage, tt.found, tt.foundOnPage)
			continue
		}
		if tt.covers != "" {
			if got := pages[m.FoundOnPage-1][m.Start:m.End]; got != tt.covers {
				t.Errorf("%s: match covers %q, want %q", tt.name, got, tt.covers)
			}
		}
	}
}

// TestFindQuoteCopiedFromTheShownText: the citation picker shows a page
// as the document page does, its punctuation full-width again
// (catalog.Fullwidth), and a quote copied from it is matched against the
// stored text, folded to ASCII: it is found on its page, covering the
// very runes selected.
func TestFindQuoteCopiedFromTheShownText(t *testing.T) {
	stored := []string{"杭州市学分银行建设工作总结", "二、主要任务(一)建立学分银行。\n市教育局要求,各区、县(市)开展学习成果录入工作,探索学分转换!"}
	shown := []rune(catalog.Fullwidth(stored[1]))
	for _, tt := range []struct {
		name string
		from int // the selection in runes of the page shown
		to   int
	}{
		{"a heading with its parenthesis", 0, 15},
		{"a sentence with commas and a parenthesis", 17, 41},
		{"from a closing parenthesis", 8, 12},
		{"to the end", 30, len(shown)},
	} {
		quote := string(shown[tt.from:tt.to])
		if tt.name != "to the end" && !strings.ContainsAny(quote, "\uFF08\uFF09\uFF0C") {
			t.Fatalf("%s: the quote %q holds no full-width mark to test with", tt.name, quote)
		}
		m := FindQuote(stored, 2, quote)
		if !m.Found || m.FoundOnPage != 2 {
			t.Errorf("%s: %q found %v on page %d, want it on page 2", tt.name, quote, m.Found, m.FoundOnPage)
			continue
		}
		// A match starts and ends at a word, not at a mark.
		want := strings.Trim(string([]rune(stored[1])[tt.from:tt.to]), ",()!\n、。")
		if got := stored[1][m.Start:m.End]; got != want {
			t.Errorf("%s: match covers %q, want %q", tt.name, got, want)
		}
	}
}

func TestContextMarksTheQuoteAndEscapes(t *testing.T) {
	p := []string{"前文<b>加粗</b>。2017 年全年共举办 342 场大讲堂,后文"}
	m := FindQuote(p, 1, "2017年全年共举办342场")
	html := Context(p, 1, m)
	if !strings.Contains(html, "<mark>2017 年全年共举办 342 场</mark>") {
		t.Errorf("context %q lacks the marked quote", html)
	}
	if strings.Contains(html, "<b>") || !strings.Contains(html, "&lt;b&gt;") {
		t.Errorf("context %q not escaped", html)
	}
	if !strings.Contains(html, "大讲堂\uFF0C后文") {
		t.Errorf("context %q: want the comma as the document wrote it (，), stored as ASCII", html)
	}
	if got := Context(p, 1, Match{}); strings.Contains(got, "<mark>") || !strings.HasPrefix(got, "前文") {
		t.Errorf("context without a match %q", got)
	}
}

// A document as extraction stores it: a sentence running onto the next
// page past the page number at its foot, a traditional page, years
// written in Chinese numerals with 〇 and in Arabic digits.
var report = []string{
	"关于推进终身教育体系建设的实施意见\n全市建成社区学校一百二十所,建立终身\n— 1 —",
	"教育学分银行,二〇二三年新增学习点四十个。\n第2页 共4页",
	"全市開展學習型城市建設,成效顯著\n3/4",
	"2023年全市新增学习点一百〇五个,一九九八年起举办市民大讲堂。",
}

// TestFindQuoteAsAPersonReadsIt: a quote a person sees in the document
// is found, on the page it starts on, however the document and the quote
// write its characters and its years, and across a page break.
func TestFindQuoteAsAPersonReadsIt(t *testing.T) {
	tests := []struct {
		name        string
		page        int
		quote       string
		found       bool
		foundOnPage int
		covers      string // the passage, pages joined by "\n"
	}{
		{"across a page break and its page number", 1, "建立终身教育学分银行", true, 1, "建立终身\n教育学分银行"},
		{"cited on the page it runs onto", 2, "建立终身教育学分银行", false, 1, "建立终身\n教育学分银行"},
		{"across a page number of pages (3/4)", 3, "成效显著。2023年全市新增", true, 3, "成效顯著\n2023年全市新增"},
		{"a traditional page", 3, "全市开展学习型城市建设", true, 3, "全市開展學習型城市建設"},
		{"a traditional quote", 2, "教育學分銀行", true, 2, "教育学分银行"},
		{"零 for 〇", 2, "二零二三年新增学习点", true, 2, "二〇二三年新增学习点"},
		{"Arabic digits for Chinese numerals", 2, "2023年新增学习点四十个", true, 2, "二〇二三年新增学习点四十个"},
		{"Chinese numerals for Arabic digits", 4, "二〇二三年全市新增学习点", true, 4, "2023年全市新增学习点"},
		{"the letter O for 〇", 4, "二O二三年全市新增", true, 4, "2023年全市新增"},
		{"the digit 0 for 〇", 4, "二0二三年全市新增", true, 4, "2023年全市新增"},
		{"a year of the last century", 4, "1998年起举办市民大讲堂", true, 4, "一九九八年起举办市民大讲堂"},
		{"零 in a number", 4, "新增学习点一百零五个", true, 4, "新增学习点一百〇五个"},
		{"part of a year", 2, "〇二三年新增", true, 2, "〇二三年新增"},
		{"a year is not another", 2, "二〇二二年新增学习点", false, 0, ""},
		{"nor in Arabic digits", 4, "2022年全市新增", false, 0, ""},
		{"a number is not a year", 1, "1120所", false, 0, ""},
	}
	for _, tt := range tests {
		m := FindQuote(report, tt.page, tt.quote)
		if m.Found != tt.found || m.FoundOnPage != tt.foundOnPage {
			t.Errorf("%s: %q found %v on page %d, want %v on %d", tt.name, tt.quote, m.Found, m.FoundOnPage, tt.found, tt.foundOnPage)
			continue
		}
		if got := m.Passage(report); got != tt.covers {
			t.Errorf("%s: %q covers %q, want %q", tt.name, tt.quote, got, tt.covers)
		}
	}
}

// TestFindQuoteFigureOnAPageFoot: a date or a fraction on a page's last
// line is text, not the page's number: it is part of the quote that holds
// it, and a quote leaving it out is not the document's.
func TestFindQuoteFigureOnAPageFoot(t *testing.T) {
	date := []string{"一", "二", "活动定于\n3/15", "在市民中心举行。"}
	fraction := []string{"全市街道中，已建成社区学校的占比为\n1/2", "以上的街道建成学习中心。"}
	for _, tt := range []struct {
		pages []string
		page  int
		quote string
		found bool
	}{
		{date, 3, "活动定于3/15在市民中心举行", true},
		{date, 3, "活动定于在市民中心举行", false},
		{fraction, 1, "已建成社区学校的占比为1/2以上的街道", true},
		{fraction, 1, "已建成社区学校的占比为以上的街道", false},
	} {
		if m := FindQuote(tt.pages, tt.page, tt.quote); m.Found != tt.found {
			t.Errorf("%q on %q: found %v, want %v", tt.quote, tt.pages, m.Found, tt.found)
		}
	}
}

// TestContextOfAQuoteAcrossPages: a quote that runs onto the next page is
// marked on both, the next page's number between them, and the page
// number at the foot of the first is not shown.
func TestContextOfAQuoteAcrossPages(t *testing.T) {
	got := Context(report, 1, FindQuote(report, 1, "建立终身教育学分银行"))
	for _, want := range []string{"所\uFF0C<mark>建立终身</mark>", `<span class="page-break"> — 2 — </span>`, "<mark>教育学分银行</mark>\uFF0C二〇二三年"} {
		if !strings.Contains(got, want) {
			t.Errorf("context %q lacks %q", got, want)
		}
	}
	if strings.Contains(got, "— 1 —") {
		t.Errorf("context %q shows the page number at the foot of page 1", got)
	}
}

// TestFindQuoteReadsTheCitedPageFirst: a quote found where it is cited is
// found without folding the rest of a long document, whose pages would
// cost allocations each.
func TestFindQuoteReadsTheCitedPageFirst(t *testing.T) {
	pages := make([]string, 300)
	for i := range pages {
		pages[i] = "全市開展學習型城市建設，推進社區教育和老年教育，建立終身教育學分銀行。"
	}
	pages[0] = "二〇二三年，我市新建社区学校十二所。"
	if m := FindQuote(pages, 1, "2023年，我市新建社区学校"); !m.Found {
		t.Fatalf("quote on page 1: not found (%+v)", m)
	}
	allocs := testing.AllocsPerRun(5, func() { FindQuote(pages, 1, "2023年，我市新建社区学校") })
	if allocs > 1000 {
		t.Errorf("a quote on page 1 of 300: %.0f allocations, want at most 1000 (the other pages folded?)", allocs)
	}
	if m := FindQuote(pages, 1, "建立终身教育学分银行"); m.Found || m.FoundOnPage != 2 {
		t.Errorf("a quote on another page than cited: found %v on page %d, want false on 2", m.Found, m.FoundOnPage)
	}
}

// TestFindQuoteDoesNotCutANumber: a quote's number is not found inside a
// longer number of the document.
func TestFindQuoteDoesNotCutANumber(t *testing.T) {
	for _, tt := range []struct {
		page, quote string
		found       bool
	}{
		{"全年共举办市民大讲堂1342场。", "举办市民大讲堂342场", false},
		{"全年共举办市民大讲堂1342场。", "342场", false},
		{"全年培训12023人次。", "二〇二三人次", false},
		{"累计培训人数达100万人次。", "累计培训人数达10", false},
		{"全年共举办市民大讲堂 342 场。", "342场", true},
		{"累计培训人数达10万人次。", "累计培训人数达10", true},
		{"二〇二三年新增学习点。", "2023年新增", true},
	} {
		if m := FindQuote([]string{tt.page}, 1, tt.quote); m.Found != tt.found {
			t.Errorf("%q in %q: found %v, want %v", tt.quote, tt.page, m.Found, tt.found)
		}
	}
}

// TestFindQuoteWithRadicals: a quote copied from a PDF viewer showing a web
// page printed to PDF holds the radicals its fonts map to (⼈⺠ for 人民);
// the stored text has the ideographs (extraction folds them), and an
// older stored text the radicals. Either way round the quote is found.
func TestFindQuoteWithRadicals(t *testing.T) {
	for _, tt := range []struct{ name, page, quote string }{
		{"radicals in the quote", "在市委、市人民政府的正确领导下", "市\u2F08\u2EA0政府"},
		{"radicals in the stored text", "在市委、市\u2F08\u2EA0政府的正确领导下", "市人民政府"},
	} {
		if m := FindQuote([]string{tt.page}, 1, tt.quote); !m.Found || m.FoundOnPage != 1 {
			t.Errorf("%s: %q in %q found %v on page %d", tt.name, tt.quote, tt.page, m.Found, m.FoundOnPage)
		}
	}
}

// TestContextKeepsTheDocumentsFullStops: a quote's context shows each '.'
// as the document wrote it (不符.请核对), never 。 (review pfix #1).
func TestContextKeepsTheDocumentsFullStops(t *testing.T) {
	page := "台账合计为7000人,与填报不符.请核对.附件:学分银行方案.定稿.docx"
	start := strings.Index(page, "与填报")
	got := Context([]string{page}, 1, Match{Found: true, FoundOnPage: 1, Start: start, End: start + len("与填报")})
	if !strings.Contains(got, "<mark>与填报</mark>不符.请核对.附件\uFF1A学分银行方案.定稿.docx") {
		t.Errorf("context %q, want the full stops as written", got)
	}
	if got := Context([]string{page}, 1, Match{}); !strings.Contains(got, "不符.请核对") {
		t.Errorf("the page's opening %q, want the full stops as written", got)
	}
}
