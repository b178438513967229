package extract

import (
	"context"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ledongthuc/pdf"

	"github.com/lcmonitor/evidence/catalog"
)

// The sentences that identify each page of testdata/policy.pdf (after
// Normalize).
var policyPages = []struct{ has, hasNot []string }{
	{has: []string{"杭政办〔2016〕12号", "到2020年,全市基本形成学习型社会"}, hasNot: []string{"学分银行", "保障措施"}},
	{has: []string{"(一)建立学分银行", "存入学分银行工作的通知", "社区学习共同体5000多个"}, hasNot: []string{"杭政办", "保障措施"}},
	{has: []string{"三、保障措施", "2016年3月8日"}, hasNot: []string{"学分银行", "杭政办"}},
}

func checkPolicyPages(t *testing.T, res *Result) {
	t.Helper()
	if len(res.Pages) != len(policyPages) {
		t.Fatalf("policy.pdf via %s: got %d pages, want %d", res.Extractor, len(res.Pages), len(policyPages))
	}
	for i, want := range policyPages {
		page := res.Pages[i]
		for _, s := range want.has {
			if !strings.Contains(page, s) {
				t.Errorf("policy.pdf via %s: page %d lacks %q:\n%s", res.Extractor, i+1, s, page)
			}
		}
		for _, s := range want.hasNot {
			if strings.Contains(page, s) {
				t.Errorf("policy.pdf via %s: page %d contains %q, which belongs to another page", res.Extractor, i+1, s)
			}
		}
		if strings.ContainsRune(page, '\f') {
			t.Errorf("page %d contains a form feed", i+1)
		}
	}
}

func TestPDFWithLibrary(t *testing.T) {
	withoutPdftotext(t)
	res := mustExtract(t, FormatPDF, "policy.pdf")
	if res.Extractor != "pdf" || res.Version != VersionOf("pdf") {
		t.Fatalf("got extractor %q version %d, want pdf %d", res.Extractor, res.Version, VersionOf("pdf"))
	}
	if res.Title != "杭州市人民政府办公厅关于推进学习型城市建设的实施意见" {
		t.Errorf("title %q", res.Title)
	}
	checkPolicyPages(t, res)
}

func TestPDFWithPdftotext(t *testing.T) {
	needPdftotext(t)
	pages, err := runPdftotext(context.Background(), lookPdftotext(), fixture("policy.pdf"), Limits{}.withDefaults())
	if err != nil {
		t.Fatal(err)
	}
	res := &Result{Extractor: "pdftotext", Pages: pages}
	if err := finish(res, FormatPDF, Limits{}.withDefaults()); err != nil {
		t.Fatal(err)
	}
	checkPolicyPages(t, res)
}

// TestCorruptPDFPanicsRaw proves the fixture does what it is for: the
// library, called without our guard, panics on it.
func TestCorruptPDFPanicsRaw(t *testing.T) {
	panicked := func() (p any) {
		defer func() { p = recover() }()
		f, r, err := pdf.Open(fixture("corrupt.pdf"))
		if err != nil {
			t.Fatalf("corrupt.pdf no longer opens, so it tests nothing: %v", err)
		}
		defer f.Close()
		for i := 1; i <= r.NumPage(); i++ {
			r.Page(i).GetPlainText(nil)
		}
		return nil
	}()
	if panicked == nil {
		t.Fatal("ledongthuc/pdf no longer panics on corrupt.pdf; regenerate it (testdata/README.md)")
	}
	t.Logf("raw panic: %v", panicked)
}

func TestCorruptPDFWithoutPdftotext(t *testing.T) {
	withoutPdftotext(t)
	withoutOCR(t) // OCR of the rendered pages recovers some of it
	_, err := Extract(context.Background(), FormatPDF, fixture("corrupt.pdf"), Limits{})
	wantError(t, "corrupt.pdf", err, catalog.EINVALID, "PDF")
}

// TestCorruptPDFGarbageIsNotIndexed: what pdftotext makes of corrupt.pdf
// is ASCII soup around a few real words ("杭州市人杭F府办公厅文杭政办 … "#$%&’
// … *+,-./01市234567"), and OCR of its pages, drawn with the damaged fonts,
// is no better. It used to be indexed; now the file fails with the reason.
func TestCorruptPDFGarbageIsNotIndexed(t *testing.T) {
	needPdftotext(t)
	t.Run("without OCR", func(t *testing.T) {
		withoutOCR(t)
		_, err := Extract(context.Background(), FormatPDF, fixture("corrupt.pdf"), Limits{})
		wantError(t, "corrupt.pdf", err, catalog.EINVALID, "读出的是乱码")
	})
	t.Run("with OCR", func(t *testing.T) {
		needOCR(t)
		_, err := Extract(context.Background(), FormatPDF, fixture("corrupt.pdf"), Limits{})
		wantError(t, "corrupt.pdf", err, catalog.EINVALID, "读出的是乱码")
	})
}

// TestBrowserPrintedPDF reads a web page printed to PDF by Chromium
// (打印为PDF, how 新闻报道 are kept): its Chinese is set in Type 3 fonts
// whose glyphs are named /g1, /g2 … and only their ToUnicode maps say
// what they are, the digits in a TrueType font. The library read the
// glyph names as garbage, and pdftotext, taking over, moved the 2019 of
// 2019年 to the end of its line; read through the maps, the page keeps
// its order, and the radicals the maps give for some characters (⼈⺠
// for 人民) are the characters a search types.
func TestBrowserPrintedPDF(t *testing.T) {
	withoutOCR(t)
	res := mustExtract(t, FormatPDF, "chrome-print.pdf")
	if res.Extractor != "pdf" || len(res.Pages) != 1 {
		t.Fatalf("got %d pages via %s, want 1 via pdf", len(res.Pages), res.Extractor)
	}
	page := res.Pages[0]
	for _, want := range []string{"宁波市2019年学习型城市建设工作总结", "2019年,在市委、市人民政府的正确领导下",
		"全民终身学习活动周", "参与市民达86.5万人次", "学分银行", "成果12,500人", "宁波市教育局"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q: %q", want, page)
		}
	}
	for _, r := range page {
		if r >= 0x2E80 && r <= 0x2FDF {
			t.Errorf("page keeps the radical %q (U+%04X): %q", r, r, page)
			break
		}
	}
}

// TestBrowserPrintedSimplifiedForms uses a page printed by headless
// Chromium in Noto Serif CJK SC: its ToUnicode maps give the supplement's
// simplified radicals (⻔ 门, ⻢ 马, ⻩ 黄 …) and, for 户, the Kangxi radical
// ⼾, whose unified ideograph in Unicode's table is the traditional 戶. A
// reader must see the 开户 the document says, as pdftotext shows it.
func TestBrowserPrintedSimplifiedForms(t *testing.T) {
	withoutOCR(t)
	res := mustExtract(t, FormatPDF, "radicals-sc.pdf")
	if res.Extractor != "pdf" || len(res.Pages) != 1 {
		t.Fatalf("got %d pages via %s, want 1 via pdf", len(res.Pages), res.Extractor)
	}
	page := res.Pages[0]
	for _, want := range []string{"学分银行累计开户学习者达到一万二千人", "门户网站首页开设风采专栏",
		"长江沿线马鞍山市见习车间黄金周", "鱼鸟齐飞", "龙龟齿麦卤韦贝页黾"} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q: %q", want, page)
		}
	}
	if strings.ContainsRune(page, '戶') {
		t.Errorf("page writes the traditional 戶 for 户: %q", page)
	}
}

// TestPDFWithoutToUnicode uses a PDF whose second page is set in a
// non-embedded Chinese font (GBK-EUC-H, no ToUnicode map): the library
// returns mojibake there, and only that page is taken from pdftotext.
func TestPDFWithoutToUnicode(t *testing.T) {
	t.Run("library only", func(t *testing.T) {
		withoutPdftotext(t)
		withoutOCR(t) // OCR would read page 2 (see TestMixedPDF for OCR)
		res := mustExtract(t, FormatPDF, "notounicode.pdf")
		if len(res.Pages) != 2 || res.Extractor != "pdf" {
			t.Fatalf("got %d pages via %s, want 2 via pdf", len(res.Pages), res.Extractor)
		}
		if !strings.Contains(res.Pages[0], "Learning City Monitoring 2017") {
			t.Errorf("page 1: %q", res.Pages[0])
		}
		if res.Pages[1] != "" {
			t.Errorf("page 2 should be dropped as garbled, got %q", res.Pages[1])
		}
	})
	t.Run("with pdftotext", func(t *testing.T) {
		needPdftotext(t)
		res := mustExtract(t, FormatPDF, "notounicode.pdf")
		if len(res.Pages) != 2 || res.Extractor != "pdftotext" {
			t.Fatalf("got %d pages via %s, want 2 via pdftotext", len(res.Pages), res.Extractor)
		}
		if !strings.Contains(res.Pages[0], "Learning City Monitoring 2017") {
			t.Errorf("page 1: %q", res.Pages[0])
		}
		for _, want := range []string{"太原市全民终身学习大讲堂", "学分银行建设稳步推进"} {
			if !strings.Contains(res.Pages[1], want) {
				t.Errorf("page 2 lacks %q (is poppler-data installed?): %q", want, res.Pages[1])
			}
		}
	})
}

func TestBadPDFs(t *testing.T) {
	tests := []struct {
		file   string
		code   string
		phrase string
	}{
		{"truncated.pdf", catalog.EINVALID, "PDF 文件已损坏或不完整"},
		{"png-named.pdf", catalog.EINVALID, "PDF 文件已损坏或不完整"},
		{"encrypted.pdf", catalog.EINVALID, "PDF 文件已加密"},
		// Without OCR a scan cannot be read: the reason names what to install.
		{"scan.pdf", catalog.EUNSUPPORTED, "tesseract-ocr-chi-sim"},
	}
	for _, fallback := range []bool{false, true} {
		for _, tt := range tests {
			via := "library"
			if fallback {
				via = "pdftotext"
			}
			t.Run(via+"/"+tt.file, func(t *testing.T) {
				if fallback {
					needPdftotext(t)
				} else {
					withoutPdftotext(t)
				}
				withoutOCR(t) // the text readers alone; ocr_test.go covers scans
				_, err := Extract(context.Background(), FormatPDF, fixture(tt.file), Limits{})
				wantError(t, tt.file, err, tt.code, tt.phrase)
			})
		}
	}
}

func TestPDFTimeout(t *testing.T) {
	start := time.Now()
	_, err := Extract(context.Background(), FormatPDF, fixture("policy.pdf"), Limits{Timeout: time.Nanosecond})
	wantError(t, "1ns limit", err, catalog.EINVALID, "提取文字超时")
	// The error says the limit ended it; a minute only catches a hang,
	// however loaded the machine.
	if d := time.Since(start); d > time.Minute {
		t.Fatalf("Extract took %v with a 1ns limit", d)
	}
}

func TestPDFTextLimit(t *testing.T) {
	withoutPdftotext(t)
	_, err := Extract(context.Background(), FormatPDF, fixture("policy.pdf"), Limits{MaxTextBytes: 100})
	wantError(t, "100-byte limit", err, catalog.ETOOLARGE, "上限")
}

func TestChoosePages(t *testing.T) {
	garbage := "\x01\x02\x03\x04\x05\x06\x07\x08 abc"
	han := "学习型城市建设监测工作机制分阶段分任务多部门合作联动"
	wrongMap, soup := garbageSamples[0].text, garbageSamples[5].text
	tests := []struct {
		name     string
		lib      pdfText
		tool     []string
		want     []string
		fromTool bool
	}{
		{"library good", pdfText{pages: []string{"第一页", "第二页"}, failed: []bool{false, false}}, []string{"一", "二"}, []string{"第一页", "第二页"}, false},
		{"empty page filled", pdfText{pages: []string{"第一页", ""}, failed: []bool{false, false}}, []string{"第一页", "第二页"}, []string{"第一页", "第二页"}, true},
		{"garbled page replaced", pdfText{pages: []string{garbage}, failed: []bool{false}}, []string{han}, []string{han}, true},
		{"garbled page dropped", pdfText{pages: []string{garbage}, failed: []bool{false}}, nil, []string{""}, false},
		{"failed page replaced", pdfText{pages: []string{"", "第二页"}, failed: []bool{true, false}}, []string{"第一页", "第二页"}, []string{"第一页", "第二页"}, true},
		{"lost Han replaced", pdfText{pages: []string{"N-(\"#$%"}, failed: []bool{false}}, []string{han}, []string{han}, true},
		{"library failed", pdfText{err: context.DeadlineExceeded}, []string{"一", "二", "三"}, []string{"一", "二", "三"}, true},
		{"garbage from pdftotext dropped", pdfText{err: context.DeadlineExceeded}, []string{wrongMap}, []string{""}, false},
		{"garbage with more Han not taken", pdfText{pages: []string{"第一页"}, failed: []bool{false}}, []string{wrongMap}, []string{"第一页"}, false},
		{"garbage from both dropped", pdfText{pages: []string{soup}, failed: []bool{false}}, []string{wrongMap}, []string{""}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, fromTool, garbled, unreadable, layers := choosePages(tt.lib, tt.tool)
			if layers != nil {
				t.Errorf("scrambled layers %v kept for garbage", layers)
			}
			if wantGarbled := strings.HasPrefix(tt.name, "garb"); garbled != wantGarbled {
				t.Errorf("garbled %v, want %v", garbled, wantGarbled)
			}
			// A page left empty for its garbage is unreadable; one left
			// empty for want of text is not.
			var wantUnreadable []int
			if strings.HasPrefix(tt.name, "garb") && strings.HasSuffix(tt.name, "dropped") {
				wantUnreadable = []int{0}
			}
			if !slices.Equal(unreadable, wantUnreadable) {
				t.Errorf("unreadable pages %v, want %v", unreadable, wantUnreadable)
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") || fromTool != tt.fromTool {
				t.Fatalf("got %q (from pdftotext %v), want %q (%v)", got, fromTool, tt.want, tt.fromTool)
			}
		})
	}
}

// TestChoosePagesScrambled: a page whose text reads as scrambled is taken
// from neither reader, and its text is kept aside for OCR to confirm.
func TestChoosePagesScrambled(t *testing.T) {
	real := strings.Repeat("杭州市人民政府办公厅关于推进学习型城市建设的实施意见。", 4)
	mixed := substituted(real, rand.New(rand.NewPCG(3, 4)))
	if !scrambled(mixed) || scrambled(real) {
		t.Fatalf("the sample: scrambled %v, real text scrambled %v", scrambled(mixed), scrambled(real))
	}
	one := func(p string) pdfText { return pdfText{pages: []string{p}, failed: []bool{false}} }
	pages, fromTool, garbled, unreadable, layers := choosePages(one(mixed), []string{mixed})
	if pages[0] != "" || fromTool || !garbled || !slices.Equal(unreadable, []int{0}) || layers[0] != mixed {
		t.Errorf("both readers scrambled: pages %q, from pdftotext %v, garbled %v, unreadable %v, layers %v", pages, fromTool, garbled, unreadable, layers)
	}
	pages, fromTool, _, unreadable, layers = choosePages(one(mixed), []string{real})
	if pages[0] != real || !fromTool || unreadable != nil || layers != nil {
		t.Errorf("pdftotext read it right: pages %q, from pdftotext %v, unreadable %v, layers %v", pages, fromTool, unreadable, layers)
	}
}

// TestDamagedPDFs reads the PDFs of testdata/gen/damaged.go, whose text
// readers give garbage that passed for text before: none is indexed.
// wrongcmap.pdf's and scrambledcmap.pdf's glyphs are right, so OCR reads
// them; soup.pdf's and
// mojibake.pdf's pages are drawn with the wrong glyphs too, so they fail
// with the reason a coordinator can act on.
func TestDamagedPDFs(t *testing.T) {
	for _, name := range []string{"wrongcmap.pdf", "scrambledcmap.pdf", "soup.pdf", "mojibake.pdf"} {
		for _, via := range []string{"library", "pdftotext"} {
			t.Run(via+"/"+name+"/without OCR", func(t *testing.T) {
				if via == "library" {
					withoutPdftotext(t)
				} else {
					needPdftotext(t)
				}
				withoutOCR(t)
				res, err := Extract(context.Background(), FormatPDF, fixture(name), Limits{})
				if err == nil {
					t.Fatalf("%s indexed as %q", name, res.Pages)
				}
				wantError(t, name, err, catalog.EINVALID, "读出的是乱码")
			})
		}
		t.Run(name+"/with OCR", func(t *testing.T) {
			needPdftotext(t)
			needOCR(t)
			res, err := Extract(context.Background(), FormatPDF, fixture(name), Limits{})
			if name != "wrongcmap.pdf" && name != "scrambledcmap.pdf" {
				if err == nil {
					t.Fatalf("%s indexed as %q", name, res.Pages)
				}
				wantError(t, name, err, catalog.EINVALID, "读出的是乱码")
				return
			}
			if err != nil {
				t.Fatalf("%s: OCR should read the pages: %v", name, err)
			}
			if len(res.Pages) != 2 || res.PageSources[0] != SourceOCR || res.PageSources[1] != SourceOCR {
				t.Fatalf("got %d pages from %v, want 2 from OCR", len(res.Pages), res.PageSources)
			}
			for i, p := range res.Pages {
				if acc := hanAccuracy(stampedTruth[i], p); acc < 0.9 || isGarbled(p) {
					t.Errorf("page %d: Han accuracy %.2f, want ≥ 0.90:\n%s", i+1, acc, p)
				}
			}
		})
	}
}

// TestOddOrderPageKeepsItsText: oddorder.pdf's page really is common
// characters in no order (a puzzle), drawn as its text layer says. Its
// layer reads as scrambled, and OCR reads the rendered page the same way,
// so the layer's text is kept. Without OCR nothing can tell it from a
// wrong map, and the file fails as garbled, as such a file would.
func TestOddOrderPageKeepsItsText(t *testing.T) {
	t.Run("with OCR", func(t *testing.T) {
		needPdftotext(t)
		needOCR(t)
		res, err := Extract(context.Background(), FormatPDF, fixture("oddorder.pdf"), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 1 || !strings.Contains(res.Pages[0], "级完络类转积同四现加认政和") {
			t.Fatalf("pages %q, want the text layer's", res.Pages)
		}
		if want := []string{SourceText}; !slices.Equal(res.PageSources, want) {
			t.Errorf("page sources %v, want %v", res.PageSources, want)
		}
	})
	t.Run("without OCR", func(t *testing.T) {
		needPdftotext(t)
		withoutOCR(t)
		_, err := Extract(context.Background(), FormatPDF, fixture("oddorder.pdf"), Limits{})
		wantError(t, "oddorder.pdf", err, catalog.EINVALID, "读出的是乱码")
	})
}

// TestGarbagePageIsMarkedUnreadable: in halfmojibake.pdf a page of English
// comes before a page whose every reader (and its rendering, for OCR) gives
// mojibake. The document is read with its good page, and the other is
// empty and marked unreadable, so that its reader knows search cannot find
// its words, whichever readers are installed.
func TestGarbagePageIsMarkedUnreadable(t *testing.T) {
	for _, setup := range []struct {
		name string
		fn   func(*testing.T)
	}{
		{"library only", func(t *testing.T) { withoutPdftotext(t); withoutOCR(t) }},
		{"pdftotext", func(t *testing.T) { needPdftotext(t); withoutOCR(t) }},
		{"pdftotext and OCR", func(t *testing.T) { needPdftotext(t); needOCR(t) }},
	} {
		t.Run(setup.name, func(t *testing.T) {
			setup.fn(t)
			res, err := Extract(context.Background(), FormatPDF, fixture("halfmojibake.pdf"), Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Pages) != 2 || !strings.Contains(res.Pages[0], "credit bank") || strings.TrimSpace(res.Pages[1]) != "" {
				t.Fatalf("pages %q, want the English page and an empty one", res.Pages)
			}
			if want := []string{SourceText, SourceUnreadable}; !slices.Equal(res.PageSources, want) {
				t.Errorf("page sources %v, want %v", res.PageSources, want)
			}
		})
	}
}

// TestPDFTableRowsKeepTheirCells reads a table LibreOffice drew into a PDF
// (left-aligned labels, numbers set flush right): each row comes out as
// its cells separated, as DOCX and spreadsheet rows do, so that 海曙区 and
// its 36 are two words and not the token 海曙区36; the text around the
// table stays as it was.
func TestPDFTableRowsKeepTheirCells(t *testing.T) {
	res, err := Extract(context.Background(), FormatPDF, filepath.Join("testdata", "table.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	page := res.Pages[0]
	for _, want := range []string{
		"区县(市) | 社区学校数量 | 参与人次(万) | 学分银行开户人数\n\n",
		"\n\n海曙区 | 36 | 12.3 | 15600\n\n",
		"\n\n江北区 | 28 | 8.6 | 9800\n\n",
		"\n\n合计 | 109 | 41.4 | 48500\n\n",
		"学分银行开户人数以12月31日为准。",
		"以上数据由各区县教育局提供,经市教育局审核。",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q:\n%s", want, page)
		}
	}
	for _, glued := range []string{"海曙区36", "15600江北区"} {
		if strings.Contains(page, glued) {
			t.Errorf("cells glued into %q:\n%s", glued, page)
		}
	}
}

// TestPDFLayoutKeepsPlainTextWithoutTable checks the rule that lays a page
// out by position: lines that are not rows of aligned short cells, a 落款
// line with a wide gap, prose in two columns, are no table; a layout that
// lost or added a character is refused.
func TestPDFLayoutKeepsPlainTextWithoutTable(t *testing.T) {
	glyphs := func(x, y float64, s string) []pdf.Text {
		var out []pdf.Text
		for _, r := range s {
			out = append(out, pdf.Text{X: x, Y: y, W: 12, FontSize: 12, S: string(r)})
			x += 12
		}
		return out
	}
	var sign []pdf.Text
	sign = append(sign, glyphs(60, 700, "杭州市教育局")...)
	sign = append(sign, glyphs(400, 700, "2019年3月12日")...)
	sign = append(sign, glyphs(60, 680, "抄送:各区县教育局。")...)
	if rows := tableRows(pdfLines(sign)); rows != nil {
		t.Errorf("a 落款 line and a plain line taken for a table: rows %v", rows)
	}
	var columns []pdf.Text
	for i, y := range []float64{700, 680, 660} {
		columns = append(columns, glyphs(60, y, strings.Repeat("学习型城市建设社区教育终身学习"[i*3:], 1))...)
		columns = append(columns, glyphs(320, y, "各区县积极推进社区教育发展和老年教育工作")...)
	}
	if rows := tableRows(pdfLines(columns)); rows != nil {
		t.Errorf("prose in two columns taken for a table: rows %v", rows)
	}
	if sameVisibleRunes("海曙区 | 36", "海曙区37") {
		t.Error("a layout with another character than the plain text was accepted")
	}
	if !sameVisibleRunes("海曙区 | 36\n\n", "海曙区\n36") {
		t.Error("a layout of the same characters was refused")
	}
}

// TestPDFLayoutRefusesOverlappingGlyphs: glyphs drawn over one another
// mean the positions are wrong (a font's widths misread), so their gaps
// must not split cells.
func TestPDFLayoutRefusesOverlappingGlyphs(t *testing.T) {
	lines := pdfLines([]pdf.Text{
		{X: 60, Y: 700, W: 30, FontSize: 12, S: "海"},
		{X: 70, Y: 700, W: 12, FontSize: 12, S: "曙"},
		{X: 200, Y: 700, W: 12, FontSize: 12, S: "区"},
	})
	if !overlapping(lines) {
		t.Error("glyphs 20 pt over one another not seen")
	}
	if overlapping(pdfLines([]pdf.Text{{X: 60, Y: 700, W: 12, FontSize: 12, S: "海"}, {X: 72, Y: 700, W: 12, FontSize: 12, S: "曙"}})) {
		t.Error("glyphs side by side taken for overlapping")
	}
}

// TestPDFWrappedTableCellsStayWhole: a table whose cell wraps onto lines
// of its own is not laid out line by line, which would put the row's other
// cells into the middle of the wrapped cell's words; the page keeps its
// plain text, phrases whole.
func TestPDFWrappedTableCellsStayWhole(t *testing.T) {
	res, err := Extract(context.Background(), FormatPDF, filepath.Join("testdata", "wrapped-table.pdf"), Limits{})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"开展全民终身学习活动周系列活动", "推进社区学习共同体建设"} {
		if !strings.Contains(res.Pages[0], want) {
			t.Errorf("page lacks %q:\n%s", want, res.Pages[0])
		}
	}
}

// TestOnlyPagesThatMayHoldATableAreLaidOut: laying a page out by glyph
// position costs many times its plain text, so prose pages (whose lines
// break at a font's change too) are not tried; a page of a table of
// numbers is.
func TestOnlyPagesThatMayHoldATableAreLaidOut(t *testing.T) {
	for _, tt := range []struct {
		name string
		want []bool // per page
	}{
		{"policy.pdf", []bool{false, false, false}},
		{"table.pdf", []bool{true}},
		{"wrapped-table.pdf", []bool{true}},
	} {
		f, r, err := pdf.Open(fixture(tt.name))
		if err != nil {
			t.Fatal(err)
		}
		var got []bool
		for i := 1; i <= r.NumPage(); i++ {
			plain, err := r.Page(i).GetPlainText(nil)
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, mayHoldTable(plain))
		}
		f.Close()
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: may hold a table %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestProseSplitAtFontChangesIsNoTable: LibreOffice and WPS put Han and
// digits in different fonts, so a prose page's plain text comes in short
// pieces with its numbers alone on their lines; its commas and stops tell
// it from a table's cells.
func TestProseSplitAtFontChangesIsNoTable(t *testing.T) {
	prose := "\n全年共开展\n1260\n场，参与\n12.3\n万人次，其中\n2019\n年\n3\n月\n15\n日\n8\n个\n城市，\n新增\n45\n个。\n"
	if mayHoldTable(prose) {
		t.Errorf("prose split at font changes taken for a table")
	}
	for _, table := range []string{
		"\n区县（市）\n社区学校数量\n参与人次（万）\n海曙区\n36\n12.3\n15600\n江北区\n28\n8.6\n9800\n",
		"\n区县（市）\n社区学校数量\n开户人数\n海曙区\n36\n15,600\n江北区\n28\n9,800\n",
	} {
		if !mayHoldTable(table) {
			t.Errorf("a table of numbers not taken for one: %q", table)
		}
	}
}
