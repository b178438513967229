package extract

import (
	"slices"
	"strings"
	"testing"
	"time"
)

func TestPageNumberLine(t *testing.T) {
	for _, tc := range []struct {
		line string
		want bool
	}{
		{"— 1 —", true},
		{"—2—", true},
		{"- 3 -", true},
		{"－ １２ －", true},
		{"一 4 一", true}, // the Han 一 typed (or read by OCR) for the 一字线
		{"~5~", true},
		{"第 1 页 共 3 页", true},
		{"第1页/共3页", true},
		{"第2页，共3页", true},
		{"共3页 第2页", true},
		{"第 7 页", true},
		{"1/3", false}, // a page's number or a table's share (12/15): the pages' run tells (numberedEdges)
		{"Page 1 of 3", true},
		{"page 2", true},
		{"3", false},           // bare: a table's value as often as a page's number
		{"128", false},         // a 合计 row's value
		{"-5", false},          // a negative number
		{"12.5%", false},       // a share
		{"2024/12", false},     // a month
		{"— 附件 —", false},      // a heading between rules
		{"第一章 总则", false},      // a chapter
		{"共青团杭州市委 第1页", false}, // a body's name beside it is the header's text
		{"一二三", false},
		{"", false},
	} {
		if got := pageNumberLine(tc.line); got != tc.want {
			t.Errorf("pageNumberLine(%q) = %v, want %v", tc.line, got, tc.want)
		}
	}
}

func TestDropPageNumbers(t *testing.T) {
	for _, tc := range []struct {
		name      string
		pages     []string
		sources   []string
		wantPages []string
	}{
		{"a 公文's foot", []string{"教学点四十五\n— 1 —", "个，在校学员六万人次。\n— 2 —\n"}, nil,
			[]string{"教学点四十五\n", "个，在校学员六万人次。\n"}},
		{"a header and a foot", []string{"第 1 页 共 2 页\n部门协\n\n- 1 -\n\n", "第 2 页 共 2 页\n同的工作格局。\n\n- 2 -\n\n"}, nil,
			[]string{"部门协\n\n\n", "同的工作格局。\n\n\n"}},
		{"inside a page it stays", []string{"上表合计\n— 1 —\n详见附件。"}, nil, []string{"上表合计\n— 1 —\n详见附件。"}},
		{"a bare number ending the only page is a value", []string{"社区学校数量合计\n128"}, nil, []string{"社区学校数量合计\n128"}},
		{"a one-page document's 1/1", []string{"社区学校数量合计\n128\n1 / 1\n"}, nil, []string{"社区学校数量合计\n128\n"}},
		{"a one-page document's — 1 —", []string{"社区学校数量合计\n128\n— 1 —"}, nil, []string{"社区学校数量合计\n128\n"}},
		{"a one-page document's - 1 -", []string{"社区学校数量合计\n128\n- 1 -"}, nil, []string{"社区学校数量合计\n128\n"}},
		{"a one-page document's 第1页 共1页", []string{"社区学校数量合计\n128\n第1页 共1页"}, nil, []string{"社区学校数量合计\n128\n"}},
		{"a one-page table's share stays", []string{"各区县达标街道数\n上城区\n12/15"}, nil, []string{"各区县达标街道数\n上城区\n12/15"}},
		{"bare numbers that do not run with the pages", []string{"海曙区\n36", "江北区\n24", "镇海区\n18"}, nil,
			[]string{"海曙区\n36", "江北区\n24", "镇海区\n18"}},
		{"bare numbers that run with the pages", []string{"封面\n杭州市学习型城市建设报告", "部门协\n1\n", "同的工作格局。\n2\n"}, nil,
			[]string{"封面\n杭州市学习型城市建设报告", "部门协\n", "同的工作格局。\n"}},
		{"bare numbers from a later page", []string{"第一页正文\n3", "第二页正文\n4"}, nil, []string{"第一页正文\n", "第二页正文\n"}},
		{"a share ending a page is a table's value", []string{"各区县达标街道数\n上城区\n12/15", "拱墅区\n9/10\n"}, nil,
			[]string{"各区县达标街道数\n上城区\n12/15", "拱墅区\n9/10\n"}},
		{"a page of its count that runs with the pages", []string{"封面", "部门协\n2 / 3", "同的工作格局。\n3/3\n"}, nil,
			[]string{"封面", "部门协\n", "同的工作格局。\n"}},
		{"no page 4 of 3", []string{"正文\n4/3", "正文\n5/3"}, nil, []string{"正文\n4/3", "正文\n5/3"}},
		{"a page with nothing but its number", []string{"正文。\n— 1 —", "— 2 —"}, nil, []string{"正文。\n", ""}},
		{"a page left out of OCR keeps its layer", []string{"识别的正文\n— 1 —", "第2页"}, []string{SourceOCR, SourceOCRSkipped},
			[]string{"识别的正文\n", "第2页"}},
	} {
		pages := slices.Clone(tc.pages)
		dropPageNumbers(pages, tc.sources)
		if !slices.Equal(pages, tc.wantPages) {
			t.Errorf("%s: pages %q, want %q", tc.name, pages, tc.wantPages)
		}
	}
}

// pageNumberFixtures are real PDFs LibreOffice made (testdata/README.md)
// whose page breaks cut a phrase (部门协 / 同, 四十五 / 个) and whose pages
// carry their numbers: a 公文's — 1 — at the foot; 第 1 页 共 3 页 at the
// head and a bare 1 at the foot.
var pageNumberFixtures = []struct {
	name    string
	pages   int
	numbers []string // what no page may hold
}{
	{"pagefoot.pdf", 2, []string{"— 1 —", "—1—", "— 2 —", "—2—"}},
	{"pageof.pdf", 3, []string{"第1页", "第 1 页", "共3页", "共 3 页"}},
}

// TestPDFPageNumbersAreNoText: the page numbers of real PDFs are no part
// of their pages' text, read by the library or by pdftotext, so a page
// cut inside a phrase ends and the next begins with its halves
// (…四十五 / 个，…) and the bare numbers at pageof.pdf's foot, which run
// with its pages, are gone with them.
func TestPDFPageNumbersAreNoText(t *testing.T) {
	t.Run("library", func(t *testing.T) {
		withoutPdftotext(t)
		checkPageNumbersDropped(t, "pdf")
	})
	t.Run("pdftotext", func(t *testing.T) {
		needPdftotext(t)
		share := pdfLibraryShare
		pdfLibraryShare = func(time.Duration) time.Duration { return time.Nanosecond }
		t.Cleanup(func() { pdfLibraryShare = share })
		checkPageNumbersDropped(t, "pdftotext")
	})
}

func checkPageNumbersDropped(t *testing.T, extractor string) {
	t.Helper()
	for _, f := range pageNumberFixtures {
		res := mustExtract(t, FormatPDF, f.name)
		if res.Extractor != extractor || len(res.Pages) != f.pages {
			t.Fatalf("%s: extractor %s, %d pages; want %s, %d", f.name, res.Extractor, len(res.Pages), extractor, f.pages)
		}
		for i, p := range res.Pages {
			for _, n := range f.numbers {
				if strings.Contains(p, n) {
					t.Errorf("%s via %s: page %d holds its page number %q:\n%s", f.name, extractor, i+1, n, p)
				}
			}
			if i > 0 && !strings.HasPrefix(p, "同的工作格局") && !strings.HasPrefix(p, "个,在校学员") {
				t.Errorf("%s via %s: page %d begins %q, want the rest of the phrase the page break cut", f.name, extractor, i+1, firstLine(p))
			}
		}
		last := res.Pages[len(res.Pages)-2]
		if !strings.HasSuffix(last, "教学点四十五") {
			t.Errorf("%s via %s: page %d ends %q, want …教学点四十五, the phrase's first half", f.name, extractor, len(res.Pages)-1, lastLine(last))
		}
	}
}

func firstLine(s string) string { l, _, _ := strings.Cut(s, "\n"); return l }

func lastLine(s string) string { return s[strings.LastIndexByte(s, '\n')+1:] }

// TestDOCXMarginsHoldNoPageNumbers: the header and footer of a DOCX,
// told once on its first page, hold no page number fields' last values
// (第3页共3页 at its head, 3 at its foot), which said nothing of that
// page.
func TestDOCXMarginsHoldNoPageNumbers(t *testing.T) {
	res := mustExtract(t, FormatDOCX, "pageof.docx")
	p := res.Pages[0]
	if strings.Contains(p, "第3页") || strings.Contains(p, "共3页") {
		t.Errorf("page 1 holds the header's page number:\n%s", p)
	}
	if !strings.HasPrefix(p, "关于推进学习型城市建设工作情况的报告") || !strings.HasSuffix(p, "便捷的学习服务。") {
		t.Errorf("page 1 begins %q and ends %q: want the report's title and its last sentence, without the margins' page numbers",
			firstLine(p), lastLine(p))
	}
}

// TestOFDPageNumbersAreNoText: an OFD's page numbers (— 1 —, drawn at
// each page's foot as three text objects) are no part of its pages' text,
// so page 1 ends with the half of the phrase the page break cut.
func TestOFDPageNumbersAreNoText(t *testing.T) {
	res := mustExtract(t, FormatOFD, "pagefoot.ofd")
	if len(res.Pages) != 2 {
		t.Fatalf("%d pages, want 2", len(res.Pages))
	}
	for i, p := range res.Pages {
		if strings.Contains(p, "—") {
			t.Errorf("page %d holds its page number:\n%s", i+1, p)
		}
	}
	if !strings.HasSuffix(res.Pages[0], "教学点四十五") || !strings.HasPrefix(res.Pages[1], "个,在校学员") {
		t.Errorf("page 1 ends %q, page 2 begins %q: want the halves of 教学点四十五个", lastLine(res.Pages[0]), firstLine(res.Pages[1]))
	}
}
