package extract

import (
	"os"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

func TestSniffFixtures(t *testing.T) {
	tests := []struct {
		file   string // in testdata
		name   string // the uploaded filename; the file's own name if ""
		format Format
		mime   string
		code   string // expected error code, "" for success
		phrase string // expected in the error message
	}{
		{file: "policy.pdf", format: FormatPDF, mime: MIMEPDF},
		{file: "policy.pdf", name: "政策文件", format: FormatPDF, mime: MIMEPDF},
		{file: "policy.pdf", name: "政策文件.docx", format: FormatPDF, mime: MIMEPDF}, // content wins
		{file: "corrupt.pdf", format: FormatPDF, mime: MIMEPDF},
		{file: "summary.docx", format: FormatDOCX, mime: MIMEDOCX},
		{file: "summary.docx", name: `C:\上传\工作总结`, format: FormatDOCX, mime: MIMEDOCX},
		{file: "news.utf8.txt", format: FormatTXT, mime: "text/plain"},
		{file: "news.gb18030.txt", format: FormatTXT, mime: "text/plain"},
		{file: "news.bom.txt", format: FormatTXT, mime: "text/plain; charset=utf-8"},
		{file: "news.utf8.txt", name: "新闻.html", format: FormatHTML, mime: MIMEHTML},
		{file: "news.gbk.html", format: FormatHTML, mime: MIMEHTML},
		{file: "news.gbk.html", name: "导出.xls", format: FormatHTML, mime: MIMEHTML}, // "xls" exports that are web pages
		{file: "news.gbk.html", name: "新闻.txt", format: FormatHTML, mime: MIMEHTML},
		{file: "random.txt", format: FormatTXT, mime: "text/plain"}, // rejected by Extract, on the whole file

		{file: "empty.txt", code: catalog.EINVALID, phrase: "文件为空"},
		{file: "png-named.pdf", code: catalog.EINVALID, phrase: "文件扩展名是 .pdf,但内容不是 PDF 文件;请检查文件是否损坏或上传了错误的文件"},
		{file: "news.utf8.txt", name: "通知.pdf", code: catalog.EINVALID, phrase: "但内容不是 PDF 文件"},
		{file: "notzip.docx", code: catalog.EINVALID, phrase: "文件扩展名是 .docx,但内容不是 DOCX 文件"},
		{file: "scan.png", name: "扫描件.txt", code: catalog.EINVALID, phrase: "但内容不是文本文件"},
		{file: "scan.png", name: "扫描件.HTML", code: catalog.EINVALID, phrase: "但内容不是 HTML 网页"},
		{file: "scan.png", code: catalog.EUNSUPPORTED, phrase: "PDF、DOCX、TXT、HTML"},
		{file: "summary.docx", name: "统计表.xlsx", code: catalog.EUNSUPPORTED, phrase: "Excel"},
		{file: "summary.docx", name: "公文.ofd", code: catalog.EUNSUPPORTED, phrase: "OFD"},
		{file: "summary.docx", name: "材料.pdf", code: catalog.EINVALID, phrase: "但内容不是 PDF 文件"},
	}
	for _, tt := range tests {
		name := tt.name
		if name == "" {
			name = tt.file
		}
		t.Run(name, func(t *testing.T) {
			data, err := os.ReadFile(fixture(tt.file))
			if err != nil {
				t.Fatal(err)
			}
			format, mime, err := Sniff(data[:min(len(data), SniffLen)], name)
			if tt.code != "" {
				wantError(t, "sniff "+name, err, tt.code, tt.phrase)
				return
			}
			if err != nil {
				t.Fatalf("sniff %s: %v", name, err)
			}
			if format != tt.format || mime != tt.mime {
				t.Fatalf("sniff %s: got %q %q, want %q %q", name, format, mime, tt.format, tt.mime)
			}
		})
	}
}

func TestSniffHeads(t *testing.T) {
	tests := []struct {
		name   string
		head   string
		file   string
		format Format
		code   string
		phrase string
	}{
		{"JPEG scan", "\xff\xd8\xff\xe0\x00\x10JFIF", "扫描件.jpg", "", catalog.EUNSUPPORTED, "JPEG 图片"},
		{"old Word named docx", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "通知.docx", "", catalog.EINVALID, "但内容不是 DOCX 文件"},
		{"old Excel", "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", "统计.xls", "", catalog.EUNSUPPORTED, "另存为 DOCX 或 PDF"},
		{"ODT", "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", "a.odt", "", catalog.EUNSUPPORTED, "OpenDocument"},
		{"binary named txt", "\x00\x01\x02\x03binary", "a.txt", "", catalog.EINVALID, "但内容不是文本文件"},
		{"unknown binary", "\x00\x01\x02\x03binary", "a.dat", "", catalog.EUNSUPPORTED, "PDF、DOCX、TXT、HTML"},
		{"PDF after junk", "\r\n%PDF-1.4\n", "a.pdf", FormatPDF, "", ""},
		{"zip without name that holds word/", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxword/document.xml", "upload", FormatDOCX, "", ""},
		{"HTML by content", "\xef\xbb\xbf  <!DOCTYPE html><html>", "page", FormatHTML, "", ""},
		{"XHTML", `<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">`, "page.xml", FormatHTML, "", ""},
		{"UTF-16 text", "\xff\xfe\x66\x5b\x06\x52", "a.txt", FormatTXT, "", ""},
		{"GBK bytes", "\xd1\xa7\xb7\xd6\xd2\xf8\xd0\xd0", "a.txt", FormatTXT, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			format, _, err := Sniff([]byte(tt.head), tt.file)
			if tt.code != "" {
				wantError(t, tt.name, err, tt.code, tt.phrase)
				return
			}
			if err != nil || format != tt.format {
				t.Fatalf("sniff %q: got %q, %v, want %q", tt.name, format, err, tt.format)
			}
		})
	}
}
