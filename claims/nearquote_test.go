package claims

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func TestFindNearQuote(t *testing.T) {
	const page = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。\n全市建成社区学校190所，成宋显著。"
	tests := []struct {
		name, quote string
		found       bool
		read        string
	}{
		{"其 read as 甚", "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行", true, "甚"},
		{"two misread", "凡课时达到规定要求的，其学习成就均可存入", true, "甚果"},
		{"three differ", "凡课时达到规定要求的，其学习成就均可存进", false, ""},
		{"a number differs", "全市建成社区学校180所，成果显著", false, ""},
		{"成宋 for 成果 in a quote of ten", "社区学校190所，成果显著", true, "宋"},
		{"two in a quote of ten are too many", "社区学院190所，成就显著", false, ""},
		{"too short to judge", "成果显著", false, ""},
		{"seven characters never", "学习成就均可存", false, ""},
		{"quote of other words", "全市社区教育经费投入增长百分之十五以上", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := FindNearQuote(page, tt.quote)
			if ok != tt.found || m.Read != tt.read {
				t.Fatalf("FindNearQuote(%q) = %+v, %v; want found %v reading %q", tt.quote, m, ok, tt.found, tt.read)
			}
			if ok && page[m.Start:m.End] == "" {
				t.Errorf("empty passage for %q", tt.quote)
			}
		})
	}
}

func TestFindQuoteRead(t *testing.T) {
	pages := []string{
		"杭州市学习型城市建设工作总结。全市建成社区学校190所。",
		"凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行。",
	}
	const quote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行"
	ocr := []string{catalog.SourceText, catalog.SourceOCR}
	tests := []struct {
		name          string
		sources       []string
		page          int
		quote         string
		found         bool
		onPage        int
		read, passage string
	}{
		{"cited OCR page", ocr, 2, quote, true, 2, "甚", "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行"},
		{"another page cited", ocr, 1, quote, false, 2, "甚", "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行"},
		{"text layer needs the words exactly", nil, 2, quote, false, 0, "", ""},
		{"the page OCR read is another", []string{catalog.SourceOCR, catalog.SourceText}, 2, quote, false, 0, "", ""},
		// A page OCR read with low confidence is matched by the same rule,
		// no looser: one character in a quote of 8 to 15, two from 16.
		{"low confidence OCR is matched approximately", []string{catalog.SourceText, catalog.SourceOCRLow}, 2, quote, true, 2, "甚", "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行"},
		{"low confidence OCR with three differing", []string{catalog.SourceText, catalog.SourceOCRLow}, 2, "凡课时达到规定要求的，其学习成就均可存进", false, 0, "", ""},
		{"low confidence OCR with two in a quote of ten", []string{catalog.SourceText, catalog.SourceOCRLow}, 2, "规定要求的其学习成就", false, 0, "", ""},
		{"low confidence OCR with one in a quote of seven", []string{catalog.SourceText, catalog.SourceOCRLow}, 2, "其学习成果均可", false, 0, "", ""},
		{"low confidence OCR with one in a quote of ten", []string{catalog.SourceText, catalog.SourceOCRLow}, 2, "规定要求的其学习成果", true, 2, "甚", "规定要求的，甚学习成果"},
		{"exact wins and reads nothing", ocr, 1, "全市建成社区学校190所", true, 1, "", "全市建成社区学校190所"},
		{"three differ", ocr, 2, "凡课时达到规定要求的，其学习成就均可存进", false, 0, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := FindQuoteRead(pages, tt.sources, tt.page, tt.quote)
			if m.Found != tt.found || m.FoundOnPage != tt.onPage || m.Read != tt.read || m.Passage(pages) != tt.passage {
				t.Fatalf("FindQuoteRead(page %d, %q) = found %v on %d reading %q passage %q; want %v on %d reading %q passage %q",
					tt.page, tt.quote, m.Found, m.FoundOnPage, m.Read, m.Passage(pages), tt.found, tt.onPage, tt.read, tt.passage)
			}
		})
	}
}

// TestFindQuoteReadAcrossAPageBreak: a quote typed from the paper that
// runs from one scanned page onto the next, past the page number at the
// foot (— 1 —), is found with a character or two OCR read otherwise as a
// quote on one page is, the passage joined over the break, so long as the
// differing characters are on pages OCR read; the cited page first.
func TestFindQuoteReadAcrossAPageBreak(t *testing.T) {
	pages := []string{
		"二〇二三年杭州市学习型城市建设工作总结\n全市持续推进社区教育，凡课时达到规定要求的，甚学习成果\n— 1 —",
		"均可存入杭州市民终身学习学分银行，全年新增学分二十万分。\n— 2 —",
		"附件：学分银行管理办法\n凡课时达到规定要求的，甚学习成果均可存入\n— 3 —",
	}
	const quote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行"
	const passage = "凡课时达到规定要求的，甚学习成果\n均可存入杭州市民终身学习学分银行"
	ocr, text := catalog.SourceOCR, catalog.SourceText
	tests := []struct {
		name    string
		sources []string
		page    int
		quote   string
		found   bool
		onPage  int
		read    string
		passage string
	}{
		{"cited where it starts", []string{ocr, ocr, ocr}, 1, quote, true, 1, "甚", passage},
		{"cited where it ends", []string{ocr, ocr, ocr}, 2, quote, false, 1, "甚", passage},
		{"misread on the page it runs onto", []string{ocr, ocr, ocr}, 1, "凡课时达到规定要求的，甚学习成果均可存人杭州市民终身学习学分银行", true, 1, "入", passage},
		{"one misread either side of the break", []string{ocr, ocr, ocr}, 1, "凡课时达到规定要求的，其学习成果均可存人杭州市民终身学习学分银行", true, 1, "甚入", passage},
		{"the misread page is a text layer", []string{text, ocr, text}, 1, quote, false, 0, "", ""},
		{"only the page it runs onto is a text layer", []string{ocr, text, ocr}, 1, quote, true, 1, "甚", passage},
		{"low confidence pages", []string{catalog.SourceOCRLow, catalog.SourceOCRLow, ocr}, 1, quote, true, 1, "甚", passage},
		{"three differ over the break", []string{ocr, ocr, ocr}, 1, "凡课时达到规定要求的，其学习成就均可存人杭州市民终身学习学分银行", false, 0, "", ""},
		{"also on the cited page, unbroken", []string{ocr, ocr, ocr}, 3, "凡课时达到规定要求的，其学习成果均可存入", true, 3, "甚", "凡课时达到规定要求的，甚学习成果均可存入"},
		{"on two pages, neither cited: the first", []string{ocr, ocr, ocr}, 2, "凡课时达到规定要求的，其学习成果均可存入", false, 1, "甚", "凡课时达到规定要求的，甚学习成果\n均可存入"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := FindQuoteRead(pages, tt.sources, tt.page, tt.quote)
			if m.Found != tt.found || m.FoundOnPage != tt.onPage || m.Read != tt.read || m.Passage(pages) != tt.passage {
				t.Fatalf("FindQuoteRead(page %d, %q) = found %v on %d reading %q passage %q; want %v on %d reading %q passage %q",
					tt.page, tt.quote, m.Found, m.FoundOnPage, m.Read, m.Passage(pages), tt.found, tt.onPage, tt.read, tt.passage)
			}
			if tt.onPage > 0 && !strings.Contains(Context(pages, tt.page, m), "<mark>") {
				t.Errorf("no passage marked in the context: %s", Context(pages, tt.page, m))
			}
		})
	}
}

// TestFindQuoteReadOverTheSpansItSearches: a quote found approximately
// anywhere is searched for a span of the text at a time (nearSpan); one
// that starts just before a span's end and runs past it is found all the
// same, and the first of two is the one found.
func TestFindQuoteReadOverTheSpansItSearches(t *testing.T) {
	const misread = "凡课时达到规定要求的，甚学习成果均可存入杭州市民终身学习学分银行"
	const quote = "凡课时达到规定要求的，其学习成果均可存入杭州市民终身学习学分银行"
	for _, before := range []int{nearSpan - 5, nearSpan - 1, nearSpan, 2*nearSpan - 20} {
		pages := []string{
			"杭州市学习型城市建设工作总结",
			strings.Repeat("学", before-len([]rune("杭州市学习型城市建设工作总结"))) + misread + strings.Repeat("习", 100) + misread,
		}
		m := FindQuoteRead(pages, []string{catalog.SourceText, catalog.SourceOCR}, 1, quote)
		start := len(strings.Repeat("学", before-len([]rune(pages[0]))))
		if m.FoundOnPage != 2 || m.Start != start || m.Read != "甚" {
			t.Errorf("the quote after %d characters: found on page %d at %d reading %q; want page 2 at %d reading 甚", before, m.FoundOnPage, m.Start, m.Read, start)
		}
	}
}

// A page that repeats the quote's opening over and over (a table whose
// every row begins alike) must cost the page's length, not page × quote:
// comparing the quote at each place until its third difference would
// take 300,000 × 30,000 comparisons here, minutes on CI's machine. The
// cost itself is BenchmarkFindNearQuoteRepetitive's to measure; this
// test holds the answers on such a page.
func TestFindNearQuoteOnARepetitivePage(t *testing.T) {
	quote := strings.Repeat("学", 30000) + "成果显著"
	long := strings.Repeat("学", 300000)
	tests := []struct {
		name, page string
		found      bool
		read       string
	}{
		{"no ending anywhere", long, false, ""},
		{"the ending misread once at the very end", long + "成宋显著", true, "宋"},
		{"misread twice at the very end", long + "成宋显着", true, "宋着"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, ok := FindNearQuote(tt.page, quote)
			if ok != tt.found || m.Read != tt.read {
				t.Fatalf("FindNearQuote on a repetitive page = %+v, %v; want found %v reading %q", m, ok, tt.found, tt.read)
			}
		})
	}
}

func BenchmarkFindNearQuoteRepetitive(b *testing.B) {
	quote := strings.Repeat("学", 30000) + "成果显著"
	page := strings.Repeat("学", 300000)
	for b.Loop() {
		FindNearQuote(page, quote)
	}
}
