package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func TestOFDReadingOrderTemplatesAndSeals(t *testing.T) {
	res := mustExtract(t, FormatOFD, "notice.ofd")
	if res.Title != "关于推进学分银行建设的通知" {
		t.Errorf("title %q", res.Title)
	}
	// The XML holds the greeting before the title and the second half of a
	// line before its first; the template's masthead comes first, the 文号
	// in CDATA under it. Lines close together are joined as in a PDF; the
	// wider gaps after the masthead and the title are paragraph breaks, and
	// so is the title's larger type after the 文号: the two are not glued.
	want := "杭州市教育局文件\n\n杭政办发〔2018〕12号\n\n关于推进学分银行建设的通知\n\n各区、县(市)教育局:\n为实现终身学习成果的认证与转换。"
	if res.Pages[0] != want {
		t.Errorf("page 1:\n%q\nwant\n%q", res.Pages[0], want)
	}
	if !strings.HasPrefix(res.Pages[1], "杭州市教育局文件") || !strings.Contains(res.Pages[1], "全市社区学校数量达到342所") {
		t.Errorf("page 2 lacks the template or its text: %q", res.Pages[1])
	}
	// The StampAnnot's PageRef is 12, the ID of the second page.
	if !slices.Equal(res.SealPages, []int{2}) {
		t.Errorf("seal pages %v, want [2]", res.SealPages)
	}
	if res.PageSources != nil || res.OCRConfidence != nil {
		t.Errorf("no page was OCR'd: sources %v, confidence %v", res.PageSources, res.OCRConfidence)
	}
}

// withOCR replaces the OCR hook for the rest of the test.
func withOCR(t *testing.T, fn func(ctx context.Context, image []byte, lim Limits) (PageOCR, error)) {
	t.Helper()
	old := ocrImage
	ocrImage = fn
	t.Cleanup(func() { ocrImage = old })
}

func TestOFDImagePages(t *testing.T) {
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		return PageOCR{}, catalog.Errorf(catalog.EUNAVAILABLE, "本系统未启用文字识别(OCR)")
	})
	// Without OCR the scanned page stays empty and nothing is marked.
	res := mustExtract(t, FormatOFD, "scan.ofd")
	if len(res.Pages) != 2 || res.Pages[0] != "学习型城市建设监测报告" || res.Pages[1] != "" {
		t.Fatalf("pages %q, want the text page (scaled by its CTM) and an empty scanned page", res.Pages)
	}
	if res.PageSources != nil || res.OCRConfidence != nil || res.SealPages != nil {
		t.Errorf("nothing was OCR'd: %v %v %v", res.PageSources, res.OCRConfidence, res.SealPages)
	}

	var got []byte
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		got = image
		return PageOCR{Text: "扫描页 上 的 学分银行", Confidence: 0.9, Seal: true}, nil
	})
	res = mustExtract(t, FormatOFD, "scan.ofd")
	if !bytes.HasPrefix(got, []byte("\x89PNG")) {
		t.Fatalf("OCR got %d bytes that are not the page's PNG", len(got))
	}
	if res.Pages[1] != "扫描页上的学分银行" {
		t.Errorf("OCR'd page %q", res.Pages[1])
	}
	if !slices.Equal(res.PageSources, []string{SourceText, SourceOCR}) || res.OCRConfidence == nil || *res.OCRConfidence != 0.9 || !slices.Equal(res.SealPages, []int{2}) {
		t.Errorf("sources %v, confidence %v, seals %v; want [text ocr], 0.9, [2]", res.PageSources, res.OCRConfidence, res.SealPages)
	}
}

// TestOFDBlankScanPageHasNoConfidence: an image page OCR finds blank is
// read (its source is ocr) but gives no confidence, as a blank page of a
// scanned PDF or TIFF does, rather than a mean of 0 that the document page
// would show as 置信度 0%.
func TestOFDBlankScanPageHasNoConfidence(t *testing.T) {
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		return PageOCR{}, nil
	})
	res := mustExtract(t, FormatOFD, "scan.ofd")
	if !slices.Equal(res.PageSources, []string{SourceText, SourceOCR}) || res.OCRConfidence != nil {
		t.Errorf("sources %v, confidence %v; want [text ocr] and no confidence", res.PageSources, res.OCRConfidence)
	}
}

// writeOFD writes an OFD package with the given members, in order.
func writeOFD(t *testing.T, members ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(members); i += 2 {
		w, err := zw.Create(members[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(members[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.ofd")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// A third structure: another prefix, no Signatures entry (the signature is
// found beside the document), pages listed with IDs in reverse.
const (
	xOFD = `<?xml version="1.0" encoding="UTF-8"?><x:OFD xmlns:x="http://www.ofdspec.org"><x:DocBody><x:DocRoot>Doc_0/Document.xml</x:DocRoot></x:DocBody></x:OFD>`
	xDoc = `<?xml version="1.0" encoding="UTF-8"?><x:Document xmlns:x="http://www.ofdspec.org"><x:Pages>
<x:Page ID="30" BaseLoc="Pages/Page_0/Content.xml"/><x:Page ID="20" BaseLoc="Pages/Page_1/Content.xml"/><x:Page ID="10" BaseLoc="Pages/Page_2/Content.xml"/></x:Pages></x:Document>`
	xSig = `<?xml version="1.0" encoding="UTF-8"?><x:Signature xmlns:x="http://www.ofdspec.org"><x:SignedInfo><x:StampAnnot ID="1" PageRef="10" Boundary="0 0 40 40"/><x:StampAnnot ID="2" PageRef="30" Boundary="0 0 40 40"/></x:SignedInfo></x:Signature>`
)

func xPage(text string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><x:Page xmlns:x="http://www.ofdspec.org"><x:Content><x:Layer ID="1"><x:TextObject ID="2" Boundary="10 10 100 10" Size="5"><x:TextCode X="0" Y="5">` + text + `</x:TextCode></x:TextObject></x:Layer></x:Content></x:Page>`
}

func TestOFDOtherPrefixAndSealFallback(t *testing.T) {
	path := writeOFD(t,
		"OFD.xml", xOFD, "Doc_0/Document.xml", xDoc,
		"Doc_0/Pages/Page_0/Content.xml", xPage("第一页"),
		"Doc_0/Pages/Page_1/Content.xml", xPage("第二页"),
		"Doc_0/Pages/Page_2/Content.xml", xPage("第三页"),
		"Doc_0/Signs/Sign_0/Signature.xml", xSig)
	res, err := Extract(context.Background(), FormatOFD, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(res.Pages, "|") != "第一页|第二页|第三页" {
		t.Errorf("pages %q", res.Pages)
	}
	if !slices.Equal(res.SealPages, []int{1, 3}) {
		t.Errorf("seal pages %v, want [1 3] (page IDs 30 and 10)", res.SealPages)
	}
}

func TestOFDTemplateLoopsAndMissingParts(t *testing.T) {
	doc := `<Document xmlns="http://www.ofdspec.org/2016"><CommonData><TemplatePage ID="1" BaseLoc="Tpl.xml"/></CommonData><Pages><Page ID="2" BaseLoc="P0.xml"/><Page ID="3" BaseLoc="Missing.xml"/></Pages></Document>`
	tpl := `<Page xmlns="http://www.ofdspec.org/2016"><Template TemplateID="1"/><Content><Layer><TextObject Boundary="0 0 10 10" Size="5"><TextCode X="0" Y="5">模板</TextCode></TextObject></Layer></Content></Page>`
	page := `<Page xmlns="http://www.ofdspec.org/2016"><Template TemplateID="1"/><Template TemplateID="404"/><Content><Layer><TextObject Boundary="0 20 10 10" Size="5"><TextCode X="0" Y="5">正文</TextCode></TextObject></Layer></Content></Page>`
	path := writeOFD(t, "OFD.xml", `<OFD xmlns="http://www.ofdspec.org/2016"><DocBody><DocRoot>Doc/Document.xml</DocRoot></DocBody></OFD>`,
		"Doc/Document.xml", doc, "Doc/Tpl.xml", tpl, "Doc/P0.xml", page)
	res, err := Extract(context.Background(), FormatOFD, path, Limits{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) != 2 || res.Pages[0] != "模板\n\n正文" || res.Pages[1] != "" {
		t.Errorf("pages %q, want the template once before the text, and an empty missing page", res.Pages)
	}
}

func TestOFDBadInput(t *testing.T) {
	root := `<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
	doc := `<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>`
	bigPage := `<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer>` +
		strings.Repeat(`<ofd:TextObject Boundary="0 0 1 1" Size="1"><ofd:TextCode X="0" Y="1">0000000000</ofd:TextCode></ofd:TextObject>`, 40000) +
		`</ofd:Layer></ofd:Content></ofd:Page>`
	tests := []struct {
		name    string
		members []string
		lim     Limits
		code    string
		phrase  string
	}{
		{"zip bomb", []string{"OFD.xml", root, "Doc_0/Document.xml", doc, "Doc_0/Pages/Page_0/Content.xml", bigPage},
			Limits{MaxUnzipped: 1 << 20}, catalog.ETOOLARGE, "OFD 文件解压后超过 1 MiB 上限(可能是压缩炸弹),已拒绝处理"},
		{"malformed page XML", []string{"OFD.xml", root, "Doc_0/Document.xml", doc, "Doc_0/Pages/Page_0/Content.xml", `<ofd:Page xmlns:ofd="x"><ofd:Content><ofd:TextObject></ofd:Page>`},
			Limits{}, catalog.EINVALID, "OFD 文件已损坏\uFF0C无法打开或解析"},
		{"external entity", []string{"OFD.xml", `<?xml version="1.0"?><!DOCTYPE ofd [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>&xxe;</ofd:DocRoot></ofd:DocBody></ofd:OFD>`},
			Limits{}, catalog.EINVALID, "OFD 文件中含有 DOCTYPE 或外部实体声明,出于安全原因拒绝处理"},
		{"DOCTYPE in a page", []string{"OFD.xml", root, "Doc_0/Document.xml", doc, "Doc_0/Pages/Page_0/Content.xml", `<!DOCTYPE Page><Page/>`},
			Limits{}, catalog.EINVALID, "DOCTYPE"},
		{"no OFD.xml", []string{"Doc_0/Document.xml", doc},
			Limits{}, catalog.EINVALID, "OFD 文件中缺少 OFD.xml"},
		{"no DocRoot", []string{"OFD.xml", `<OFD><DocBody/></OFD>`},
			Limits{}, catalog.EINVALID, "没有文档(DocRoot)"},
		{"document outside the package", []string{"OFD.xml", `<OFD><DocBody><DocRoot>../../etc/passwd</DocRoot></DocBody></OFD>`},
			Limits{}, catalog.EINVALID, "文档描述位置 ../../etc/passwd 指向文件包之外"},
		{"missing Document.xml", []string{"OFD.xml", root},
			Limits{}, catalog.EINVALID, "缺少文档描述 Document.xml"},
		// probe s44 #7: damaged, not blank.
		{"DocRoot naming OFD.xml itself", []string{"OFD.xml", `<OFD><DocBody><DocRoot>OFD.xml</DocRoot></DocBody></OFD>`},
			Limits{}, catalog.EINVALID, "指向 OFD.xml 本身，文件结构已损坏"},
		{"page naming its document", []string{"OFD.xml", root, "Doc_0/Document.xml",
			`<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Document.xml"/></ofd:Pages></ofd:Document>`},
			Limits{}, catalog.EINVALID, "第 1 页的位置指向文档描述本身，文件结构已损坏"},
		{"no text at all", []string{"OFD.xml", root, "Doc_0/Document.xml", doc},
			Limits{}, catalog.EINVALID, "文件中没有可提取的文字"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeOFD(t, tt.members...)
			_, err := Extract(context.Background(), FormatOFD, path, tt.lim)
			wantError(t, tt.name, err, tt.code, tt.phrase)
			wantEnglish(t, tt.name, err, "") // every reason has its English
		})
	}
	_, err := Extract(context.Background(), FormatOFD, fixture("news.utf8.txt"), Limits{})
	wantError(t, "not a zip", err, catalog.EINVALID, "OFD 文件已损坏")
	wantEnglish(t, "not a zip", err, "The OFD file is damaged and cannot be opened or parsed")
}

func TestOFDEveryPageNeedsOCR(t *testing.T) {
	root := `<OFD xmlns="http://www.ofdspec.org/2016"><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>`
	doc := `<Document xmlns="http://www.ofdspec.org/2016"><CommonData><DocumentRes>DocumentRes.xml</DocumentRes></CommonData><Pages><Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></Pages></Document>`
	res := `<Res xmlns="http://www.ofdspec.org/2016" BaseLoc="Res"><MultiMedias><MultiMedia ID="5" Type="Image"><MediaFile>p.png</MediaFile></MultiMedia></MultiMedias></Res>`
	page := `<Page xmlns="http://www.ofdspec.org/2016"><Content><Layer><ImageObject ID="7" ResourceID="5" Boundary="0 0 210 297"/></Layer></Content></Page>`
	path := writeOFD(t, "OFD.xml", root, "Doc_0/Document.xml", doc, "Doc_0/DocumentRes.xml", res,
		"Doc_0/Pages/Page_0/Content.xml", page, "Doc_0/Res/p.png", "\x89PNG\r\n\x1a\nnot really")
	withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
		return PageOCR{}, catalog.Errorf(catalog.EUNAVAILABLE, "本系统未启用文字识别(OCR)")
	})
	_, err := Extract(context.Background(), FormatOFD, path, Limits{})
	wantError(t, "scan-only OFD without OCR", err, catalog.EUNSUPPORTED, "OFD 文件只含扫描图片,需要文字识别(OCR)才能读取,但识别失败:本系统未启用文字识别(OCR)")
}

func TestLayoutRuns(t *testing.T) {
	runs := []ofdRun{
		{x: 60, y: 20, size: 5, text: "右"},
		{x: 10, y: 20.4, size: 5, text: "左"}, // the same line, a little lower
		{x: 10, y: 10, size: 5, text: "上"},
		{x: 10, y: 60, size: 5, text: "下段"},
	}
	if got := layoutRuns(runs); got != "上\n左 右\n\n下段\n" {
		t.Fatalf("layout %q", got)
	}
}

// TestOFDGarbledTextLayer: a page whose text layer is garbage (here the
// GBK bytes of a notice read as Windows-1252, as a font whose codes are
// not Unicode gives) is not indexed: it is left empty and marked
// unreadable, or read by OCR when it has an image; a file of nothing but
// such pages fails with the reason.
func TestOFDGarbledTextLayer(t *testing.T) {
	const mojibake = "ÏÂ·¢¹ØÓÚ¿ªÕ¹Ñ§Ï°ÐÍ³ÇÊÐ½¨Éè¹¤×÷µÄÍ¨Öª£¬¸÷ÇøÏØ½ÌÓý¾ÖÒª°´ÕÕÒªÇó×öºÃÑ§·ÖÒøÐÐ½¨Éè"
	if !isGarbled(mojibake) {
		t.Fatal("the fixture's mojibake is not taken for garbage")
	}
	members := func(pages ...string) []string {
		m := []string{"OFD.xml", xOFD, "Doc_0/Document.xml", xDoc}
		for i, p := range pages {
			m = append(m, fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), p)
		}
		return m
	}
	t.Run("one page of garbage among text", func(t *testing.T) {
		path := writeOFD(t, members(xPage("第一页：学分银行建设稳步推进。"), xPage(mojibake), xPage("第三页：市民终身学习账户持续增加。"))...)
		res, err := Extract(context.Background(), FormatOFD, path, Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 3 || !strings.Contains(res.Pages[0], "学分银行") || res.Pages[1] != "" || !strings.Contains(res.Pages[2], "学习账户") {
			t.Fatalf("pages %q", res.Pages)
		}
		if want := []string{SourceText, SourceUnreadable, SourceText}; !slices.Equal(res.PageSources, want) {
			t.Errorf("page sources %v, want %v", res.PageSources, want)
		}
	})
	t.Run("a page of garbage over its scan goes to OCR", func(t *testing.T) {
		withImage := strings.Replace(xPage(mojibake), `</x:Layer>`, `<x:ImageObject ID="3" ResourceID="9" Boundary="0 0 210 297"/></x:Layer>`, 1)
		path := writeOFD(t, members(xPage("第一页：学分银行建设稳步推进。"), withImage, xPage("第三页。"))...)
		if _, err := Extract(context.Background(), FormatOFD, path, Limits{DeferOCR: true}); !errors.Is(err, ErrNeedsOCR) {
			t.Errorf("got %v, want ErrNeedsOCR", err)
		}
	})
	// Pages with a scan behind them, the scan a resource of the document.
	scanned := func(pages ...string) string {
		root := `<OFD xmlns="http://www.ofdspec.org/2016"><DocBody><DocRoot>Doc_0/Document.xml</DocRoot></DocBody></OFD>`
		var list strings.Builder
		m := []string{"OFD.xml", root, "Doc_0/DocumentRes.xml",
			`<Res xmlns="http://www.ofdspec.org/2016" BaseLoc="Res"><MultiMedias><MultiMedia ID="5" Type="Image"><MediaFile>p.png</MediaFile></MultiMedia></MultiMedias></Res>`,
			"Doc_0/Res/p.png", "\x89PNG\r\n\x1a\nnot really"}
		for i, p := range pages {
			fmt.Fprintf(&list, `<Page ID="%d" BaseLoc="Pages/Page_%d/Content.xml"/>`, i+1, i)
			m = append(m, fmt.Sprintf("Doc_0/Pages/Page_%d/Content.xml", i), p)
		}
		doc := `<Document xmlns="http://www.ofdspec.org/2016"><CommonData><DocumentRes>DocumentRes.xml</DocumentRes></CommonData><Pages>` + list.String() + `</Pages></Document>`
		return writeOFD(t, append(m, "Doc_0/Document.xml", doc)...)
	}
	page := func(text string, image bool) string {
		var b strings.Builder
		b.WriteString(`<Page xmlns="http://www.ofdspec.org/2016"><Content><Layer>`)
		if text != "" {
			b.WriteString(`<TextObject Boundary="10 10 100 10" Size="5"><TextCode X="0" Y="5">` + text + `</TextCode></TextObject>`)
		}
		if image {
			b.WriteString(`<ImageObject ID="7" ResourceID="5" Boundary="0 0 210 297"/>`)
		}
		b.WriteString(`</Layer></Content></Page>`)
		return b.String()
	}
	t.Run("a page of garbage over its scan is read by OCR", func(t *testing.T) {
		withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
			return PageOCR{Text: "扫描页：学分银行建设", Confidence: 0.9}, nil
		})
		res, err := Extract(context.Background(), FormatOFD, scanned(page("第一页。", false), page(mojibake, true), page("第三页。", false)), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 3 || !strings.Contains(res.Pages[1], "学分银行") || strings.Contains(res.Pages[1], "Ï") {
			t.Fatalf("pages %q", res.Pages)
		}
		if want := []string{SourceText, SourceOCR, SourceText}; !slices.Equal(res.PageSources, want) {
			t.Errorf("page sources %v, want %v", res.PageSources, want)
		}
	})
	t.Run("a page of garbage over a blurred scan is kept as OCR read it, marked", func(t *testing.T) {
		withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
			return PageOCR{Text: "扫描页：学分银行建设", Confidence: 0.2}, nil
		})
		res, err := Extract(context.Background(), FormatOFD, scanned(page("第一页。", false), page(mojibake, true), page("第三页。", false)), Limits{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 3 || !strings.Contains(res.Pages[1], "学分银行") {
			t.Fatalf("pages %q", res.Pages)
		}
		if want := []string{SourceText, SourceOCRLow, SourceText}; !slices.Equal(res.PageSources, want) {
			t.Errorf("page sources %v, want %v (read with low confidence, not unreadable)", res.PageSources, want)
		}
	})
	t.Run("a page of garbage over its scan past the OCR cap is left out, not unreadable", func(t *testing.T) {
		withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
			return PageOCR{Text: "扫描页：学分银行建设", Confidence: 0.9}, nil
		})
		res, err := Extract(context.Background(), FormatOFD, scanned(page("第一页。", false), page("", true), page(mojibake, true)), Limits{MaxOCRPages: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 3 || res.Pages[2] != "" {
			t.Fatalf("pages %q, want the third empty", res.Pages)
		}
		if want := []string{SourceText, SourceOCR, SourceOCRSkipped}; !slices.Equal(res.PageSources, want) {
			t.Errorf("page sources %v, want %v (its scan left out of OCR, as a PDF's)", res.PageSources, want)
		}
	})
	t.Run("OCR that failed is the reason, not the garbage", func(t *testing.T) {
		withOCR(t, func(ctx context.Context, image []byte, lim Limits) (PageOCR, error) {
			return PageOCR{}, catalog.Errorf(catalog.EUNAVAILABLE, "本系统未启用文字识别(OCR)")
		})
		_, err := Extract(context.Background(), FormatOFD, scanned(page(mojibake, false), page("", true), page("", true)), Limits{})
		msg := catalog.ErrorMessage(err)
		if catalog.ErrorCode(err) != catalog.EUNSUPPORTED || !strings.Contains(msg, "OCR") || !strings.Contains(msg, "乱码") || strings.Contains(msg, "只含扫描图片") {
			t.Errorf("got %v, want the OCR failure beside garbage", err)
		}
		// Every page garbage over a scan, OCR failing: the same.
		_, err = Extract(context.Background(), FormatOFD, scanned(page(mojibake, true), page(mojibake, true)), Limits{})
		if msg := catalog.ErrorMessage(err); !strings.Contains(msg, "乱码") || strings.Contains(msg, "只含扫描图片") {
			t.Errorf("every page garbage over a scan: got %v", err)
		}
	})
	t.Run("nothing but garbage", func(t *testing.T) {
		path := writeOFD(t, members(xPage(mojibake), xPage(mojibake), xPage(mojibake))...)
		_, err := Extract(context.Background(), FormatOFD, path, Limits{})
		if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(catalog.ErrorMessage(err), "乱码") {
			t.Errorf("got %v, want EINVALID naming the garbage", err)
		}
	})
}
