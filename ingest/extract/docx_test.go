package extract

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func TestDOCXFixture(t *testing.T) {
	res := mustExtract(t, FormatDOCX, "summary.docx")
	if res.Extractor != "docx" {
		t.Errorf("extractor %q", res.Extractor)
	}
	if res.Title != "太原市2017年全民终身学习大讲堂工作总结" {
		t.Errorf("title %q", res.Title)
	}
	if len(res.Pages) != 2 {
		t.Fatalf("got %d pages, want 2: %q", len(res.Pages), res.Pages)
	}
	if p := res.Pages[0]; !strings.Contains(p, "2017年全年共举办342场大讲堂") || strings.Contains(p, "存在的问题") {
		t.Errorf("page 1: %q", p)
	}
	if p := res.Pages[1]; !strings.Contains(p, "二、存在的问题和下一步打算") || strings.Contains(p, "342场") {
		t.Errorf("page 2: %q", p)
	}
	// Paragraphs stay apart: the heading does not run into the text.
	if !strings.Contains(res.Pages[0], "一、基本情况\n\n太原市以") {
		t.Errorf("paragraphs merged on page 1: %q", res.Pages[0])
	}
}

const wordNS = `xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"`

// writeDOCX writes a zip with the given members into a temporary folder.
func writeDOCX(t *testing.T, members map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range members {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "test.docx")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func document(body string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><w:document ` + wordNS + `><w:body>` + body + `</w:body></w:document>`
}

func TestDOCXStructure(t *testing.T) {
	tests := []struct {
		name string
		body string
		want []string
	}{
		{"explicit and rendered break count once",
			`<w:p><w:r><w:t>第一页</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>第二页</w:t></w:r></w:p>`,
			[]string{"第一页", "第二页"}},
		{"rendered breaks",
			`<w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>二</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>三</w:t></w:r></w:p>`,
			[]string{"一", "二", "三"}},
		{"page break before",
			`<w:p><w:r><w:t>一</w:t></w:r></w:p><w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>二</w:t></w:r></w:p><w:p><w:pPr><w:pageBreakBefore w:val="false"/></w:pPr><w:r><w:t>仍是二</w:t></w:r></w:p>`,
			[]string{"一", "二\n\n仍是二"}},
		{"tabs, line breaks and runs",
			`<w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>学分</w:t></w:r><w:r><w:t xml:space="preserve">银行 </w:t></w:r><w:r><w:tab/><w:t>Credit</w:t><w:br/><w:t>Bank</w:t></w:r></w:p>`,
			[]string{"学分银行Credit\nBank"}},
		{"a table is rows of cells, as a spreadsheet's",
			`<w:p><w:r><w:t>2017年社区教育统计表</w:t></w:r></w:p><w:tbl><w:tblPr/><w:tr><w:tc><w:p><w:r><w:t>区县(市)</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>参与人次</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:p><w:r><w:t>海曙区</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>12.3万人次</w:t></w:r></w:p><w:p><w:r><w:t>(含网上)</w:t></w:r></w:p></w:tc></w:tr>` +
				`<w:tr><w:tc><w:p><w:r><w:t>江北区</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>` +
				`<w:tr><w:tc><w:p/></w:tc><w:tc><w:p><w:r><w:t>6.1万人次</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>以上数据由教育局提供。</w:t></w:r></w:p>`,
			[]string{"2017年社区教育统计表\n\n区县(市) | 参与人次\n\n海曙区 | 12.3万人次(含网上)\n\n江北区\n\n| 6.1万人次\n\n以上数据由教育局提供。"}},
		{"deleted text and fallback copies are skipped",
			`<w:p><w:r><w:t>正文</w:t></w:r><w:del><w:r><w:delText>删除的字</w:delText></w:r></w:del><mc:AlternateContent><mc:Choice Requires="wps"><w:r><w:t>文本框</w:t></w:r></mc:Choice><mc:Fallback><w:r><w:t>文本框</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>`,
			[]string{"正文文本框"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := writeDOCX(t, map[string]string{"word/document.xml": document(tt.body)})
			res, err := Extract(context.Background(), FormatDOCX, path, Limits{})
			if err != nil {
				t.Fatal(err)
			}
			if strings.Join(res.Pages, "|") != strings.Join(tt.want, "|") {
				t.Fatalf("got pages %q, want %q", res.Pages, tt.want)
			}
		})
	}
}

// bombBody is a valid document.xml of about n bytes that deflates to almost
// nothing.
func bombBody(n int) string {
	const para = `<w:p><w:r><w:t>0000000000000000000000000000000000000000</w:t></w:r></w:p>`
	return document(strings.Repeat(para, n/len(para)+1))
}

// TestDOCXDoctypeIsRefusedForWhatItIs: a DOCTYPE declaring an external
// entity is refused as such, as the OFD reader does, not called damaged.
func TestDOCXDoctypeIsRefusedForWhatItIs(t *testing.T) {
	body := `<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>` +
		`<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&xxe;</w:t></w:r></w:p></w:body></w:document>`
	path := writeDOCX(t, map[string]string{"word/document.xml": body})
	_, err := Extract(context.Background(), FormatDOCX, path, Limits{})
	wantError(t, "DOCX with a DOCTYPE", err, catalog.EINVALID, "DOCX 文件中含有 DOCTYPE 或外部实体声明，出于安全原因拒绝处理；请用 Word 或 WPS 打开后另存为 DOCX 再上传")
}

func TestDOCXZipBomb(t *testing.T) {
	// The default limit is 100 MiB; a 101 MiB member deflates to ~100 KiB
	// and is refused from its header without being inflated.
	if testing.Short() {
		t.Skip("builds a 101 MiB member")
	}
	path := writeDOCX(t, map[string]string{"word/document.xml": bombBody(101 << 20)})
	if fi, _ := os.Stat(path); fi.Size() > 1<<20 {
		t.Fatalf("bomb file is %d bytes; it should deflate to almost nothing", fi.Size())
	}
	_, err := Extract(context.Background(), FormatDOCX, path, Limits{})
	wantError(t, "zip bomb", err, catalog.ETOOLARGE, "DOCX 解压后超过 100 MiB 上限(可能是压缩炸弹),已拒绝处理")
}

// TestDOCXLyingHeader writes a member whose headers claim 1 KiB while it
// inflates to 2 MiB. It must be refused, not inflated in full.
func TestDOCXLyingHeader(t *testing.T) {
	body := bombBody(2 << 20)
	// Deflate the real body, then copy the compressed bytes under a header
	// that lies about the size.
	honest := writeDOCX(t, map[string]string{"word/document.xml": body})
	zr, err := zip.OpenReader(honest)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	raw, err := zr.File[0].OpenRaw()
	if err != nil {
		t.Fatal(err)
	}
	hdr := zr.File[0].FileHeader
	hdr.UncompressedSize64 = 1024
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.CreateRaw(&hdr)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(w, raw); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	lying := filepath.Join(t.TempDir(), "lying.docx")
	if err := os.WriteFile(lying, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}

	_, err = Extract(context.Background(), FormatDOCX, lying, Limits{MaxUnzipped: 1 << 20})
	if code := catalog.ErrorCode(err); code != catalog.ETOOLARGE && code != catalog.EINVALID {
		t.Fatalf("lying header: got %v, want ETOOLARGE or EINVALID", err)
	}
	t.Logf("lying header: %v", err)
	_, err = Extract(context.Background(), FormatDOCX, honest, Limits{MaxUnzipped: 1 << 20})
	wantError(t, "honest header, 2 MiB member, 1 MiB limit", err, catalog.ETOOLARGE, "DOCX 解压后超过 1 MiB 上限")
}

// TestDecodeXMLCapped checks the byte counter on its own, as a member with
// a lying header would reach it.
func TestDecodeXMLCapped(t *testing.T) {
	body := bombBody(2 << 20)
	err := decodeXMLCapped(context.Background(), strings.NewReader(body), 1<<20, func(xml.Token) error { return nil })
	wantError(t, "2 MiB of XML, 1 MiB limit", err, catalog.ETOOLARGE, "可能是压缩炸弹")
	err = decodeXMLCapped(context.Background(), strings.NewReader(body), 3<<20, func(xml.Token) error { return nil })
	if err != nil {
		t.Fatalf("2 MiB of XML, 3 MiB limit: %v", err)
	}
}

func TestBadDOCX(t *testing.T) {
	tests := []struct {
		name   string
		path   func(t *testing.T) string
		code   string
		phrase string
	}{
		{"not a zip", func(*testing.T) string { return fixture("notzip.docx") }, catalog.EINVALID, "DOCX 文件已损坏"},
		{"no document.xml", func(t *testing.T) string {
			return writeDOCX(t, map[string]string{"xl/workbook.xml": "<workbook/>"})
		}, catalog.EINVALID, "缺少正文"},
		{"broken XML", func(t *testing.T) string {
			return writeDOCX(t, map[string]string{"word/document.xml": document("<w:p><w:r><w:t>学分银行</w:r></w:p>")})
		}, catalog.EINVALID, "DOCX 文件已损坏"},
		{"no text", func(t *testing.T) string {
			return writeDOCX(t, map[string]string{"word/document.xml": document("<w:p/>")})
		}, catalog.EINVALID, "没有可提取的文字"},
		{"text over the limit", func(t *testing.T) string {
			return writeDOCX(t, map[string]string{"word/document.xml": bombBody(1 << 16)})
		}, catalog.ETOOLARGE, "提取出的文字超过 1 KiB 上限"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Extract(context.Background(), FormatDOCX, tt.path(t), Limits{MaxTextBytes: 1024})
			wantError(t, tt.name, err, tt.code, tt.phrase)
		})
	}
}
