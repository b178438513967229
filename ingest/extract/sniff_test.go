package extract

import (
	"context"
	"os"
	"strings"
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
		{file: "png-named.pdf", format: FormatImage, mime: "image/png"}, // a scan renamed .pdf: read by OCR
		{file: "photo.jpg", name: "通知.pdf", format: FormatImage, mime: "image/jpeg"},
		{file: "news.utf8.txt", name: "通知.pdf", code: catalog.EINVALID, phrase: "但内容不是 PDF 文件"},
		{file: "notzip.docx", code: catalog.EINVALID, phrase: "文件扩展名是 .docx,但内容不是 DOCX 文件"},
		{file: "scan.png", name: "扫描件.txt", code: catalog.EINVALID, phrase: "但内容不是文本文件"},
		{file: "scan.png", name: "扫描件.HTML", code: catalog.EINVALID, phrase: "但内容不是 HTML 网页"},
		{file: "scan.png", format: FormatImage, mime: "image/png"},                   // read by OCR
		{file: "summary.docx", name: "统计表.xlsx", format: FormatDOCX, mime: MIMEDOCX}, // content wins
		{file: "summary.docx", name: "公文.ofd", format: FormatDOCX, mime: MIMEDOCX},

		// The second-wave formats, by content whatever the name says.
		{file: "report.doc", format: FormatDOC, mime: MIMEDOC},
		{file: "report.wps", format: FormatDOC, mime: MIMEDOC},
		{file: "report.doc", name: "报告", format: FormatDOC, mime: MIMEDOC},
		{file: "stats.xls", format: FormatXLS, mime: MIMEXLS},
		{file: "stats.xls", name: "统计.et", format: FormatXLS, mime: MIMEXLS},
		{file: "XML表格的责任分解表.xls", format: FormatXLS, mime: MIMEXLS},
		{file: "单个文件网页的责任分解表.xls", format: FormatHTML, mime: MIMEMHT},
		{file: "XML表格的责任分解表.xls", name: "责任分解表.txt", format: FormatTXT, mime: MIMETXT},
		{file: "report.odt", format: FormatODT, mime: MIMEODT},
		{file: "report.odt", name: "报告.docx", format: FormatODT, mime: MIMEODT},
		{file: "report.rtf", format: FormatRTF, mime: MIMERTF},
		{file: "rtf-named.doc", format: FormatRTF, mime: MIMERTF},
		{file: "html-named.doc", format: FormatHTML, mime: MIMEHTML},
		{file: "notice.ofd", format: FormatOFD, mime: MIMEOFD},
		{file: "notice.ofd", name: "公文", format: FormatOFD, mime: MIMEOFD},
		{file: "notice.ofd", name: "公文.zip", format: FormatOFD, mime: MIMEOFD},
		{file: "scan.ofd", format: FormatOFD, mime: MIMEOFD},
		{file: "stats.xlsx", format: FormatXLSX, mime: MIMEXLSX},
		{file: "stats.xlsx", name: "统计表", format: FormatXLSX, mime: MIMEXLSX},
		{file: "stats.xlsx", name: "统计表.docx", format: FormatXLSX, mime: MIMEXLSX},
		{file: "slides.pptx", format: FormatPPTX, mime: MIMEPPTX},
		{file: "slides.pptx", name: "汇报", format: FormatPPTX, mime: MIMEPPTX},
		{file: "stats.gbk.csv", format: FormatCSV, mime: MIMECSV},
		{file: "stats.gbk.csv", name: "导出.xls", format: FormatCSV, mime: MIMECSV},
		{file: "stats.gbk.csv", name: "统计.txt", format: FormatTXT, mime: MIMETXT}, // a .txt is read as text

		{file: "encrypted.xlsx", code: catalog.EINVALID, phrase: "文件已加密"},
		{file: "encrypted.docx", name: "加密文档.docx", code: catalog.EINVALID, phrase: "请在 Word、Excel 或 WPS 中取消密码后重新上传"},
		{file: "encrypted-word97.doc", format: FormatDOC, mime: MIMEDOC}, // the flag is in the stream: Extract refuses it
		{file: "report.doc", name: "报告.pdf", code: catalog.EINVALID, phrase: "文件扩展名是 .pdf,但内容不是 PDF 文件"},
		{file: "report.doc", name: "报告.txt", code: catalog.EINVALID, phrase: "但内容不是文本文件"},
		{file: "notice.ofd", name: "公文.csv", code: catalog.EINVALID, phrase: "但内容不是 CSV 表格"},
		{file: "report.rtf", name: "报告.odt", code: catalog.EINVALID, phrase: "但内容不是 ODT 文档"},
		{file: "scan.png", name: "扫描件.doc", code: catalog.EINVALID, phrase: "但内容不是 Word 文档"},
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
	const ole = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00"
	utf16 := func(s string) string { return "\x00\x00" + utf16le(s) }
	tests := []struct {
		name   string
		head   string
		file   string
		format Format
		code   string
		phrase string
	}{
		{"JPEG scan", "\xff\xd8\xff\xe0\x00\x10JFIF", "扫描件.jpg", FormatImage, "", ""},
		{"old Word named docx", ole, "通知.docx", FormatDOC, "", ""}, // the OLE extractor goes by the streams
		{"old Excel", ole, "统计.xls", FormatXLS, "", ""},
		{"WPS spreadsheet", ole, "统计.et", FormatXLS, "", ""},
		{"OLE without a name", ole, "upload", FormatDOC, "", ""},
		{"OLE Workbook stream in the head", ole + utf16("Workbook"), "upload.doc", FormatXLS, "", ""},
		{"OLE WordDocument stream in the head", ole + utf16("WordDocument"), "upload.xls", FormatDOC, "", ""},
		{"OLE EncryptedPackage in the head", ole + utf16("EncryptedPackage"), "a.xlsx", "", catalog.EINVALID, "文件已加密"},
		{"old PowerPoint", ole, "汇报.ppt", "", catalog.EUNSUPPORTED, "暂不支持旧版 PowerPoint 演示文稿(.ppt)"},
		{"ODT", "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", "a.odt", FormatODT, "", ""},
		{"ODS", "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "a.ods", "", catalog.EUNSUPPORTED, "OpenDocument 表格或演示文稿"},
		{"zip without markers named ofd", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxDoc_0/", "a.ofd", FormatOFD, "", ""},
		{"plain zip", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxphotos/", "a.zip", "", catalog.EUNSUPPORTED, "ZIP 压缩包"},
		{"RTF named doc", "{\\rtf1\\ansi\\ansicpg936", "通知.doc", FormatRTF, "", ""},
		{"CSV by content", "指标,2017,2018\n社区学校数量,342,365\n学分银行开户人数,\"123,000\",\"156,800\"\n", "export", FormatCSV, "", ""},
		{"tab-separated by content", "指标\t2017\n社区学校数量\t342\n学习周\t18\n", "export.dat", FormatCSV, "", ""},
		{"prose with commas is text", "本报讯,2017年9月,太原市举办学习周。\n全市,各区县参加。\n共举办342场。\n", "news", FormatTXT, "", ""},
		{"two lines are not enough", "指标,2017\n社区学校数量,342\n", "export", FormatTXT, "", ""},
		{"GIF", "GIF89a\x01\x00", "a.gif", "", catalog.EUNSUPPORTED, "暂不支持 GIF 图片"},
		{"binary named txt", "\x00\x01\x02\x03binary", "a.txt", "", catalog.EINVALID, "但内容不是文本文件"},
		{"unknown binary", "\x00\x01\x02\x03binary", "a.dat", "", catalog.EUNSUPPORTED, "目前支持 PDF、OFD"},
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

// TestSniffImagesOnceReadable checks that JPEG, PNG and TIFF are accepted
// as FormatImage, with their MIME types, as soon as an image extractor is
// registered (the OCR reader registers one).
func TestSniffImagesOnceReadable(t *testing.T) {
	if _, ok := extractors[FormatImage]; !ok {
		extractors[FormatImage] = func(context.Context, string, Limits) (*Result, error) { return nil, nil }
		t.Cleanup(func() { delete(extractors, FormatImage) })
	}
	tests := []struct{ head, name, mime string }{
		{"\xff\xd8\xff\xe0\x00\x10JFIF", "照片.jpg", MIMEJPEG},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "扫描件.png", MIMEPNG},
		{"II*\x00\x08\x00\x00\x00", "多页扫描.tif", MIMETIFF},
		{"MM\x00*\x00\x00\x00\x08", "upload", MIMETIFF},
		{"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "扫描件.jpg", MIMEPNG}, // a PNG named .jpg is still an image
	}
	for _, tt := range tests {
		format, mime, err := Sniff([]byte(tt.head), tt.name)
		if err != nil || format != FormatImage || mime != tt.mime {
			t.Errorf("sniff %s: got %q %q %v, want image %s", tt.name, format, mime, err, tt.mime)
		}
	}
	if f, _, err := Sniff([]byte("\x89PNG\r\n\x1a\n"), "通知.pdf"); err != nil || f != FormatImage {
		t.Errorf("a PNG named .pdf (a scan renamed): got %q, %v, want it read as an image", f, err)
	}
	if msg := supportedFormats(false).Chinese; !strings.HasSuffix(msg, "、图片（JPG/PNG/TIFF/HEIC/WebP）") {
		t.Errorf("supported formats %q should name images", msg)
	}
}
