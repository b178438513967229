package extract

import (
	"bytes"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// MIME types Sniff returns for storing originals.
const (
	MIMEPDF  = "application/pdf"
	MIMEDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MIMETXT  = "text/plain" // no charset: GB18030 files are common and the head cannot prove UTF-8
	MIMEHTML = "text/html"
)

// SniffLen is how many leading bytes Sniff wants to see (fewer when the file
// is shorter).
const SniffLen = 1024

// supported names the readable formats in messages.
const supported = "目前支持 PDF、DOCX、TXT、HTML"

// Sniff decides the format of an uploaded file from its first bytes (at
// least 512, ideally SniffLen, when the file has them) and its filename, and
// returns the MIME type to store with the original.
//
// Content wins over the name. A name that promises a readable format whose
// content is something else (a ".pdf" that is not a PDF, a ".docx" that is
// not a zip, a PNG named ".txt") is EINVALID; a file of a type the archive
// cannot read (XLS, OFD, images, old .doc) is EUNSUPPORTED; an empty file is
// EINVALID. Messages are Chinese and say what to do. The filename is data
// only: it is never opened or echoed beyond its extension.
func Sniff(head []byte, filename string) (Format, string, error) {
	if len(head) == 0 {
		return "", "", catalog.Errorf(catalog.EINVALID, "文件为空;请检查文件后重新上传")
	}
	ext := extension(filename)
	claimed := formatOfExt(ext)
	k := sniffContent(head)

	switch k.format {
	case FormatPDF:
		return FormatPDF, MIMEPDF, nil
	case FormatDOCX: // a zip archive of some kind
		return sniffZip(head, ext, claimed)
	case FormatHTML, FormatTXT:
		return sniffText(head, k.format, ext, claimed)
	}
	// A known or unknown binary that we cannot read.
	if claimed != "" {
		return "", "", errNameMismatch(ext, claimed, k.name)
	}
	return "", "", catalog.Errorf(catalog.EUNSUPPORTED, "暂不支持%s;%s,%s", k.name, supported, k.advice)
}

func sniffZip(head []byte, ext string, claimed Format) (Format, string, error) {
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")) {
		if claimed != "" {
			return "", "", errNameMismatch(ext, claimed, "OpenDocument(ODT/ODS) 文档")
		}
		return "", "", catalog.Errorf(catalog.EUNSUPPORTED, "暂不支持 OpenDocument(ODT/ODS) 文档;%s,请另存为 DOCX 或 PDF 后上传", supported)
	}
	switch {
	case claimed == FormatDOCX:
		return FormatDOCX, MIMEDOCX, nil
	case claimed != "":
		return "", "", errNameMismatch(ext, claimed, "ZIP 压缩包")
	case ext == "" && looksLikeOOXMLText(head):
		return FormatDOCX, MIMEDOCX, nil
	}
	what := " ZIP 压缩包"
	if n, ok := zipKinds[ext]; ok {
		what = n
	}
	return "", "", catalog.Errorf(catalog.EUNSUPPORTED, "暂不支持%s;%s,请将其中的文件解压或另存为 PDF 后分别上传", what, supported)
}

// looksLikeOOXMLText reports a zip whose first members are those of an
// Office Open XML package and not of a spreadsheet or a presentation. The
// head shows only the first members; Extract finds out the rest.
func looksLikeOOXMLText(head []byte) bool {
	for _, other := range []string{"xl/", "ppt/"} {
		if bytes.Contains(head, []byte(other)) {
			return false
		}
	}
	for _, marker := range []string{"word/", "[Content_Types].xml", "_rels/.rels", "docProps/"} {
		if bytes.Contains(head, []byte(marker)) {
			return true
		}
	}
	return false
}

func sniffText(head []byte, f Format, ext string, claimed Format) (Format, string, error) {
	switch {
	case claimed == FormatPDF || claimed == FormatDOCX:
		what := "纯文本"
		if f == FormatHTML {
			what = "HTML 网页"
		}
		return "", "", errNameMismatch(ext, claimed, what)
	case claimed == FormatHTML:
		f = FormatHTML
	}
	if f == FormatHTML {
		return FormatHTML, MIMEHTML, nil
	}
	switch {
	case bytes.HasPrefix(head, []byte("\xef\xbb\xbf")):
		return FormatTXT, MIMETXT + "; charset=utf-8", nil
	case bytes.HasPrefix(head, []byte("\xff\xfe")):
		return FormatTXT, MIMETXT + "; charset=utf-16le", nil
	case bytes.HasPrefix(head, []byte("\xfe\xff")):
		return FormatTXT, MIMETXT + "; charset=utf-16be", nil
	}
	return FormatTXT, MIMETXT, nil
}

// errNameMismatch says that the extension promises one format and the
// content is another.
func errNameMismatch(ext string, claimed Format, actual string) error {
	return catalog.Errorf(catalog.EINVALID, "文件扩展名是 %s,但内容不是%s;请检查文件是否损坏或上传了错误的文件(检测到的内容:%s)",
		ext, formatNames[claimed], strings.TrimSpace(actual))
}

var formatNames = map[Format]string{
	FormatPDF:  " PDF 文件",
	FormatDOCX: " DOCX 文件",
	FormatTXT:  "文本文件",
	FormatHTML: " HTML 网页",
}

// formatOfExt returns the readable format an extension promises, or "".
func formatOfExt(ext string) Format {
	switch ext {
	case ".pdf":
		return FormatPDF
	case ".docx":
		return FormatDOCX
	case ".txt", ".text":
		return FormatTXT
	case ".htm", ".html", ".xhtml", ".shtml":
		return FormatHTML
	}
	return ""
}

// zipKinds names zip-based formats we cannot read yet.
var zipKinds = map[string]string{
	".xlsx": " Excel 表格(.xlsx)",
	".pptx": " PowerPoint 演示文稿(.pptx)",
	".ofd":  " OFD 版式文档(.ofd)",
	".odt":  " OpenDocument 文档(.odt)",
	".zip":  " ZIP 压缩包",
}

// extension returns the lower-case extension of the last path element of
// name, which may come from any operating system.
func extension(name string) string {
	name = strings.TrimSpace(name)
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return ""
	}
	ext := strings.ToLower(name[i:])
	if len(ext) > 16 || !isPrintableASCII(ext) {
		return ""
	}
	return ext
}

func isPrintableASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 0x21 || s[i] > 0x7e {
			return false
		}
	}
	return true
}

// kind is what the first bytes say: a readable format, or a name and advice
// for a type we cannot read.
type kind struct {
	format Format // "" for types we cannot read
	name   string // for messages, e.g. "PNG 图片"
	advice string
}

const (
	adviceScan   = "扫描件请先做文字识别(OCR)或上传含文字的 PDF"
	adviceOffice = "请另存为 DOCX 或 PDF 后上传"
	adviceOther  = "请另存为 PDF 后上传"
)

// magics lists binary types by their signature at offset 0.
var magics = []struct {
	sig  string
	kind kind
}{
	{"\x89PNG\r\n\x1a\n", kind{name: " PNG 图片", advice: adviceScan}},
	{"\xff\xd8\xff", kind{name: " JPEG 图片", advice: adviceScan}},
	{"GIF87a", kind{name: " GIF 图片", advice: adviceScan}},
	{"GIF89a", kind{name: " GIF 图片", advice: adviceScan}},
	{"II*\x00", kind{name: " TIFF 图片", advice: adviceScan}},
	{"MM\x00*", kind{name: " TIFF 图片", advice: adviceScan}},
	{"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", kind{name: "旧版 Office 文件(.doc/.xls/.ppt/.wps)", advice: adviceOffice}},
	{"{\\rtf", kind{name: " RTF 文档", advice: adviceOffice}},
	{"Rar!\x1a\x07", kind{name: " RAR 压缩包", advice: "请解压后分别上传其中的文件"}},
	{"7z\xbc\xaf\x27\x1c", kind{name: " 7z 压缩包", advice: "请解压后分别上传其中的文件"}},
	{"\x1f\x8b", kind{name: " gzip 压缩文件", advice: "请解压后分别上传其中的文件"}},
}

// sniffContent classifies the first bytes of a file.
func sniffContent(head []byte) kind {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	// PDF readers accept junk before the header; so do we.
	if bytes.Contains(head, []byte("%PDF-")) {
		return kind{format: FormatPDF}
	}
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")) {
		return kind{format: FormatDOCX}
	}
	if len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP" {
		return kind{name: " WebP 图片", advice: adviceScan}
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.sig)) {
			return m.kind
		}
	}
	if !looksLikeText(head) {
		return kind{name: "无法识别的二进制文件", advice: adviceOther}
	}
	if looksLikeHTML(head) {
		return kind{format: FormatHTML}
	}
	return kind{format: FormatTXT}
}

// looksLikeText accepts UTF-16 with a BOM and any byte text (UTF-8, GB18030)
// without NUL bytes and with few control characters. Whether the bytes are a
// known encoding is decided later, on the whole file.
func looksLikeText(head []byte) bool {
	if bytes.HasPrefix(head, []byte("\xff\xfe")) || bytes.HasPrefix(head, []byte("\xfe\xff")) {
		return true
	}
	controls := 0
	for _, c := range head {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1b:
			controls++
		}
	}
	return controls*20 <= len(head) // at most 5%
}

var htmlStarts = []string{"<!doctype html", "<html", "<head", "<body", "<meta", "<title", "<div", "<p>", "<p ", "<table", "<h1", "<style", "<script", "<!--"}

func looksLikeHTML(head []byte) bool {
	s := strings.TrimLeft(string(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf"))), " \t\r\n\f")
	if len(s) > 512 {
		s = s[:512]
	}
	s = strings.ToLower(s)
	if strings.HasPrefix(s, "<?xml") {
		return strings.Contains(s, "<html")
	}
	for _, p := range htmlStarts {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}
