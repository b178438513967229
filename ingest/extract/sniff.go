package extract

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// MIME types Sniff returns for storing originals.
const (
	MIMEPDF  = "application/pdf"
	MIMEDOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
	MIMETXT  = "text/plain" // no charset: GB18030 files are common and the head cannot prove UTF-8
	MIMEHTML = "text/html"
	MIMEDOC  = "application/msword" // Word 97–2003 and WPS text in the OLE format
	MIMEXLS  = "application/vnd.ms-excel"
	MIMEODT  = "application/vnd.oasis.opendocument.text"
	MIMERTF  = "application/rtf"
	MIMEOFD  = "application/ofd"
	MIMEXLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	MIMEPPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
	MIMECSV  = "text/csv" // no charset, as for text/plain
	MIMEJPEG = "image/jpeg"
	MIMEPNG  = "image/png"
	MIMETIFF = "image/tiff"
	MIMEHEIC = "image/heic" // an iPhone's photos (HEIF), read through heif-convert
	MIMEAVIF = "image/avif" // newer Android phones' photos (HEIF with AV1), likewise
	MIMEWEBP = "image/webp"
)

var formatMIME = map[Format]string{
	FormatPDF: MIMEPDF, FormatDOCX: MIMEDOCX, FormatTXT: MIMETXT, FormatHTML: MIMEHTML,
	FormatDOC: MIMEDOC, FormatXLS: MIMEXLS, FormatODT: MIMEODT, FormatRTF: MIMERTF,
	FormatOFD: MIMEOFD, FormatXLSX: MIMEXLSX, FormatPPTX: MIMEPPTX, FormatCSV: MIMECSV,
}

// SniffLen is how many leading bytes Sniff wants to see (fewer when the file
// is shorter). Zip and OLE files show more of their member and stream names
// in a longer head; the text checks look at the first 1024 bytes only.
const SniffLen = 4096

const textSniffLen = 1024

// Sniff decides the format of an uploaded file from its first bytes (at
// least 512, ideally SniffLen, when the file has them) and its filename, and
// returns the MIME type to store with the original.
//
// Content wins over the name: a DOCX named .xlsx is read as DOCX, a .doc
// that is really RTF or HTML as RTF or HTML, a PDF under any name as PDF.
// The name decides only what the head cannot show: whether an OLE file
// (Word 97–2003, WPS, Excel 97–2003) is a document or a workbook when its
// directory lies past the head (the extractor then goes by the directory),
// which Office zip package it is when its member names lie past the head,
// and whether text is a CSV table (see sniffText).
//
// A name that promises a kind of content the file cannot be (a ".pdf" that
// is not a PDF, a ".docx" that is plain text, a PNG named ".txt") is
// EINVALID, and so is a password-protected Office file whose head shows it
// (the extractors catch the others); a file of a type the archive cannot read
// (old PowerPoint, GIF, archives, unknown binaries) is EUNSUPPORTED; an
// empty file is EINVALID. A format without a registered extractor (images,
// until OCR is built in) is EUNSUPPORTED too. Messages are Chinese, with
// their English, and say what to do. The filename is data only: it is
// never opened or echoed beyond its extension.
func Sniff(head []byte, filename string) (Format, string, error) {
	return sniff(head, filename, false)
}

// SniffUpload is Sniff for an upload form, which also takes an archive of
// files (ZIP, RAR, 7z): its refusals list them among the kinds accepted.
func SniffUpload(head []byte, filename string) (Format, string, error) {
	return sniff(head, filename, true)
}

func sniff(head []byte, filename string, zipOK bool) (Format, string, error) {
	if len(head) == 0 {
		return "", "", catalog.Errorf(catalog.EINVALID, "文件为空；请检查文件后重新上传")
	}
	ext := extension(filename)
	k, err := sniffContent(head, ext)
	if err != nil {
		return "", "", err
	}
	if c, ok := claims[ext]; ok && !c.allows(k.class) {
		return "", "", errNameMismatch(ext, c.name, k.name)
	}
	if k.notAccepted {
		return "", "", ourMessage(catalog.EUNSUPPORTED, "不接受这种类型的文件（%s）；%s", k.name, supportedFormats(zipOK))
	}
	if k.format == "" {
		err := ourMessage(catalog.EUNSUPPORTED, "暂不支持%s；%s，%s", k.name, supportedFormats(zipOK), k.advice)
		if k.archive != "" {
			return "", "", archiveError{err, k.archive}
		}
		return "", "", err
	}
	if _, ok := extractors[k.format]; !ok {
		return "", "", ourMessage(catalog.EUNSUPPORTED, "暂不支持%s；%s，%s", k.name, supportedFormats(zipOK), adviceFor(k.class))
	}
	mime := k.mime
	if mime == "" {
		mime = formatMIME[k.format]
	}
	return k.format, mime, nil
}

// contentClass is the family of a file's bytes, which is what a name may
// promise.
type contentClass int

const (
	classOther contentClass = iota // an unknown binary, an archive
	classPDF
	classZip   // DOCX, XLSX, PPTX, ODT, OFD, other zips
	classOLE   // DOC, WPS, XLS, old PPT, encrypted Office files
	classText  // TXT, HTML, CSV, RTF
	classImage // JPEG, PNG, TIFF, GIF, WebP
)

// kind is what the first bytes say.
type kind struct {
	class   contentClass
	format  Format        // "" for types we cannot read
	mime    string        // "" for the format's usual type
	name    catalog.Words // for messages: " PNG 图片", "a PNG image"
	advice  catalog.Words // for types we cannot read
	archive ArchiveFormat // an archive of files, which an upload form unpacks
	// notAccepted: no document at all (a program, known by its magic
	// bytes), which no saving as another format mends; the refusal lists
	// what is accepted instead of advice. An unknown binary (a CNKI .caj,
	// a video, a drawing) may hold a document and keeps its advice.
	notAccepted bool
}

// ErrArchive is what Sniff's error is (errors.Is) for an archive of files
// (材料汇总.zip, .rar, .7z): not a document, but an upload form can take
// the files in it (ingest's StageUpload). ArchiveOf says which kind.
var ErrArchive = errors.New("an archive of files")

// archiveError is Sniff's refusal of an archive of files: the message a
// reader of one file gets, and ErrArchive for the upload forms.
type archiveError struct {
	error
	format ArchiveFormat
}

func (e archiveError) Unwrap() error        { return e.error }
func (e archiveError) Is(target error) bool { return target == ErrArchive }

// ArchiveOf is the kind of archive Sniff's error refused, "" when it
// refused something else.
func ArchiveOf(err error) ArchiveFormat {
	var ae archiveError
	if errors.As(err, &ae) {
		return ae.format
	}
	return ""
}

// words is what a message puts in, in Chinese and in English. The Chinese
// of a format's name starts with a space when it starts with Latin letters,
// as the messages were written so (暂不支持 GIF 图片, 暂不支持无法识别的…).
func words(chinese, english string) catalog.Words {
	return catalog.Words{Chinese: chinese, English: english}
}

// The names of content and of what an extension promises, shared by
// kinds and claims.
var (
	namePDF  = words(" PDF 文件", "a PDF file")
	nameDOCX = words(" DOCX 文件", "a DOCX file")
	nameXLSX = words(" XLSX 表格", "an XLSX workbook")
	namePPTX = words(" PPTX 演示文稿", "a PPTX presentation")
	nameRTF  = words(" RTF 文档", "an RTF document")
	nameHTML = words(" HTML 网页", "an HTML page")
	nameCSV  = words(" CSV 表格", "a CSV table")
	nameOFD  = words(" OFD 版式文件", "an OFD document")
	nameODT  = words(" OpenDocument 文档（.odt）", "an OpenDocument text (.odt)")
	nameOLE  = words("旧版 Office 文件（.doc/.xls/.wps）", "an old Office file (.doc/.xls/.wps)")
	namePPT  = words("旧版 PowerPoint 演示文稿（.ppt）", "an old PowerPoint presentation (.ppt)")
	nameZIP  = words(" ZIP 压缩包", "a ZIP archive")
)

var (
	adviceScan   = words("扫描件请先做文字识别（OCR）或上传含文字的 PDF", "Recognise the text of a scan (OCR) first, or upload a PDF with text")
	adviceOffice = words("请另存为 DOCX 或 PDF 后上传", "Save it as DOCX or PDF and upload that")
	adviceOther  = words("请另存为 PDF 后上传", "Save it as PDF and upload that")
	adviceUnzip  = words("请解压后分别上传其中的文件", "Unzip it and upload the files in it one by one")
	advicePPT    = words("请另存为 PPTX 或 PDF 后上传", "Save it as PPTX or PDF and upload that")
)

func adviceFor(c contentClass) catalog.Words {
	switch c {
	case classImage:
		return adviceScan
	case classOLE, classZip:
		return adviceOffice
	}
	return adviceOther
}

// claim is what an extension promises: a description for messages and the
// content classes a file of that name may really hold. PDF is always
// accepted, as it always was: people rename PDFs. A scan or a photo is
// accepted under a .pdf name too: people rename those to ".pdf" believing
// that makes them one, and OCR reads them all the same.
type claim struct {
	name    catalog.Words
	classes []contentClass
}

func (c claim) allows(k contentClass) bool {
	if k == classPDF {
		return true
	}
	for _, a := range c.classes {
		if a == k {
			return true
		}
	}
	return false
}

var (
	officeOld = []contentClass{classOLE, classZip, classText} // a .doc may be DOCX, RTF or HTML inside
	officeNew = []contentClass{classZip, classOLE}            // an OLE .docx is usually a password-protected one
	textual   = []contentClass{classText}
)

var (
	claimWord      = words(" Word 文档", "a Word document")
	claimWPSWriter = words(" WPS 文字文档", "a WPS Writer document")
	claimExcel     = words(" Excel 表格", "an Excel workbook")
	claimWPSSheet  = words(" WPS 表格", "a WPS spreadsheet")
	claimText      = words("文本文件", "a text file")
	claimImage     = words("图片", "an image")
	images         = []contentClass{classImage}
)

var claims = map[string]claim{
	".pdf":  {namePDF, images},
	".docx": {nameDOCX, officeNew}, ".docm": {nameDOCX, officeNew}, ".dotx": {nameDOCX, officeNew},
	".xlsx": {nameXLSX, officeNew}, ".xlsm": {nameXLSX, officeNew},
	".pptx": {namePPTX, officeNew},
	".odt":  {words(" ODT 文档", "an ODT document"), []contentClass{classZip}},
	".ods":  {words(" ODS 表格", "an ODS spreadsheet"), []contentClass{classZip}},
	".odp":  {words(" ODP 演示文稿", "an ODP presentation"), []contentClass{classZip}},
	".ofd":  {words(" OFD 文件", "an OFD file"), []contentClass{classZip}},
	".doc":  {claimWord, officeOld}, ".dot": {claimWord, officeOld}, ".wps": {claimWPSWriter, officeOld}, ".wpt": {claimWPSWriter, officeOld},
	".xls": {claimExcel, officeOld}, ".xlt": {claimExcel, officeOld}, ".et": {claimWPSSheet, officeOld}, ".ett": {claimWPSSheet, officeOld},
	".ppt": {words(" PowerPoint 演示文稿", "a PowerPoint presentation"), officeOld}, ".dps": {words(" WPS 演示文稿", "a WPS presentation"), officeOld},
	".rtf": {nameRTF, officeOld},
	".txt": {claimText, textual}, ".text": {claimText, textual},
	".csv": {nameCSV, textual}, ".tsv": {nameCSV, textual},
	".htm": {nameHTML, textual}, ".html": {nameHTML, textual}, ".xhtml": {nameHTML, textual}, ".shtml": {nameHTML, textual},
	".jpg": {claimImage, images}, ".jpeg": {claimImage, images}, ".png": {claimImage, images},
	".tif": {claimImage, images}, ".tiff": {claimImage, images},
	".heic": {claimImage, images}, ".heif": {claimImage, images}, ".avif": {claimImage, images}, ".webp": {claimImage, images},
}

// formatList names the formats in messages, in this order, when their
// extractor is registered.
var formatList = []struct {
	formats []Format
	name    catalog.Words
}{
	{[]Format{FormatPDF}, words("PDF", "PDF")},
	{[]Format{FormatOFD}, words("OFD", "OFD")},
	{[]Format{FormatDOCX, FormatDOC}, words("Word（DOCX/DOC）", "Word (DOCX/DOC)")},
	{[]Format{FormatDOC}, words("WPS 文字（.wps）", "WPS Writer (.wps)")},
	{[]Format{FormatODT}, words("ODT", "ODT")},
	{[]Format{FormatRTF}, words("RTF", "RTF")},
	{[]Format{FormatXLSX, FormatXLS}, words("Excel（XLSX/XLS）", "Excel (XLSX/XLS)")},
	{[]Format{FormatCSV}, words("CSV", "CSV")},
	{[]Format{FormatPPTX}, words("PPTX", "PPTX")},
	{[]Format{FormatTXT}, words("TXT", "TXT")},
	{[]Format{FormatHTML}, words("HTML", "HTML")},
	{[]Format{FormatImage}, words("图片（JPG/PNG/TIFF/HEIC/WebP）", "images (JPG/PNG/TIFF/HEIC/WebP)")},
}

// supportedFormats lists the readable formats for messages: "目前支持 PDF、OFD、…",
// "it reads PDF, OFD, … and images (JPG/PNG/TIFF)"; with zipOK (an upload
// form, which unpacks them) ZIP, RAR and 7z archives of them last.
func supportedFormats(zipOK bool) catalog.Words {
	var zh, en []string
	for _, f := range formatList {
		var have []string
		for _, x := range f.formats {
			if _, ok := extractors[x]; ok {
				have = append(have, string(x))
			}
		}
		switch {
		case len(have) == len(f.formats):
			zh, en = append(zh, f.name.Chinese), append(en, f.name.English)
		case len(have) == 1: // a family only partly readable: name what is
			zh, en = append(zh, strings.ToUpper(have[0])), append(en, strings.ToUpper(have[0]))
		}
	}
	if zipOK {
		zh, en = append(zh, "装有这些文件的压缩包（ZIP/RAR/7z）"), append(en, "archives of these (ZIP/RAR/7z)")
	}
	return words("目前支持 "+strings.Join(zh, "、"), "it reads "+englishList(en))
}

// englishList is "a, b and c".
func englishList(items []string) string {
	if len(items) < 2 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// errNameMismatch says that the extension promises one format and the
// content is another.
func errNameMismatch(ext string, promised, actual catalog.Words) error {
	actual.Chinese = strings.TrimSpace(actual.Chinese)
	return ourMessage(catalog.EINVALID, "文件扩展名是 %s，但内容不是%s；请检查文件是否损坏或上传了错误的文件（检测到的内容：%s）",
		ext, promised, actual)
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

// isHEIF reports an ISO media file of a HEIF picture brand.
func isHEIF(head []byte) bool {
	return len(head) >= 12 && string(head[4:8]) == "ftyp" && heifBrands[string(head[8:12])]
}

// isWebP reports a RIFF WebP picture.
func isWebP(head []byte) bool {
	return len(head) >= 12 && string(head[:4]) == "RIFF" && string(head[8:12]) == "WEBP"
}

// magics lists binary types by their signature at offset 0.
// heifBrands are the ISO media brands of HEIF pictures: HEIC, as iPhones
// take photos by default, and AVIF, as newer Android phones may.
var heifBrands = map[string]bool{"heic": true, "heix": true, "hevc": true, "hevx": true, "heim": true, "heis": true,
	"mif1": true, "msf1": true, "avif": true, "avis": true}

var nameHEIC = words(" HEIC/HEIF 手机照片", "a HEIC/HEIF phone photo")

// heifSequenceBrands are the major brands of HEIF image sequences: a
// phone's live photo, burst or animation, whose first image heif-convert
// does not take for a picture. They are refused on arrival, not stored
// to fail as damaged.
var heifSequenceBrands = map[string]bool{"msf1": true, "hevc": true, "hevx": true, "avis": true}

var (
	nameHEIFSequence   = words(" HEIF 图像序列（手机的实况照片、连拍或动图，不是一张照片）", "a HEIF image sequence (a phone's live photo, burst or animation, not a single picture)")
	adviceHEIFSequence = words("请在手机上选出要用的那一张照片，导出为 JPEG 后上传", "Pick the one picture you need on the phone, export it as JPEG and upload that")
)

var magics = []struct {
	sig  string
	kind kind
}{
	{"\x89PNG\r\n\x1a\n", kind{class: classImage, format: FormatImage, mime: MIMEPNG, name: words(" PNG 图片", "a PNG image")}},
	{"\xff\xd8\xff", kind{class: classImage, format: FormatImage, mime: MIMEJPEG, name: words(" JPEG 图片", "a JPEG image")}},
	{"II*\x00", kind{class: classImage, format: FormatImage, mime: MIMETIFF, name: nameTIFF}},
	{"MM\x00*", kind{class: classImage, format: FormatImage, mime: MIMETIFF, name: nameTIFF}},
	{"GIF87a", kind{class: classImage, name: nameGIF, advice: adviceScan}},
	{"GIF89a", kind{class: classImage, name: nameGIF, advice: adviceScan}},
	{"{\\rtf", kind{class: classText, format: FormatRTF, name: nameRTF}},
	{"Rar!\x1a\x07", kind{name: words(" RAR 压缩包", "a RAR archive"), advice: adviceUnzip, archive: ArchiveRAR}},
	{"7z\xbc\xaf\x27\x1c", kind{name: words(" 7z 压缩包", "a 7z archive"), advice: adviceUnzip, archive: Archive7z}},
	{"\x1f\x8b", kind{name: words(" gzip 压缩文件", "a gzip-compressed file"), advice: adviceUnzip}},
}

// programMagics are the signatures of programs: Windows (MZ), Linux (ELF)
// and macOS (Mach-O, either byte order, 32 or 64 bits). They are checked
// only on a head that does not look like text, so a text file that starts
// with "MZ" is still read as text.
var programMagics = []string{"MZ", "\x7fELF", "\xfe\xed\xfa\xce", "\xfe\xed\xfa\xcf", "\xce\xfa\xed\xfe", "\xcf\xfa\xed\xfe"}

var nameProgram = words("程序", "a program")

var (
	nameTIFF = words(" TIFF 图片", "a TIFF image")
	nameGIF  = words(" GIF 图片", "a GIF image")
)

const oleMagic = "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

// sniffContent classifies the first bytes of a file; the extension breaks
// ties the head cannot.
func sniffContent(head []byte, ext string) (kind, error) {
	if len(head) > SniffLen {
		head = head[:SniffLen]
	}
	// A zip first: one that stores a PDF uncompressed has "%PDF-" near its
	// start.
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || bytes.HasPrefix(head, []byte("PK\x05\x06")) {
		return sniffZip(head, ext), nil
	}
	// PDF readers accept junk before the header; so do we.
	if bytes.Contains(head[:min(len(head), textSniffLen)], []byte("%PDF-")) {
		return kind{class: classPDF, format: FormatPDF, name: namePDF}, nil
	}
	if bytes.HasPrefix(head, []byte(oleMagic)) {
		return sniffOLE(head, ext)
	}
	if isHEIF(head) {
		if heifSequenceBrands[string(head[8:12])] {
			return kind{class: classImage, name: nameHEIFSequence, advice: adviceHEIFSequence}, nil
		}
		mime := MIMEHEIC
		if brand := string(head[8:12]); brand == "avif" || brand == "avis" {
			mime = MIMEAVIF
		}
		return kind{class: classImage, format: FormatImage, mime: mime, name: nameHEIC}, nil
	}
	if isWebP(head) {
		return kind{class: classImage, format: FormatImage, mime: MIMEWEBP, name: words(" WebP 图片", "a WebP image")}, nil
	}
	for _, m := range magics {
		if bytes.HasPrefix(head, []byte(m.sig)) {
			return m.kind, nil
		}
	}
	head = head[:min(len(head), textSniffLen)]
	if !spreadsheet.LooksText(head) {
		for _, sig := range programMagics {
			if bytes.HasPrefix(head, []byte(sig)) {
				return kind{name: nameProgram, notAccepted: true}, nil
			}
		}
		return kind{name: words("无法识别的二进制文件", "a binary file of an unknown kind"), advice: adviceOther}, nil
	}
	return sniffText(head, ext), nil
}

// sniffOLE tells a Word from an Excel file by the stream names in the head,
// else by the extension; the OLE extractor checks the directory either way.
func sniffOLE(head []byte, ext string) (kind, error) {
	k := kind{class: classOLE, format: FormatDOC, name: nameOLE}
	switch oleStreamHint(head) {
	case oleEncrypted:
		return k, errEncrypted()
	case oleWord:
		return k, nil
	case oleExcel:
		k.format = FormatXLS
		return k, nil
	case olePowerPoint:
		return kind{class: classOLE, name: namePPT, advice: advicePPT}, nil
	}
	switch ext {
	case ".xls", ".xlt", ".et", ".ett", ".xlsx", ".xlsm":
		k.format = FormatXLS
	case ".ppt", ".pps", ".pot", ".dps":
		return kind{class: classOLE, name: namePPT, advice: advicePPT}, nil
	}
	return k, nil
}

// sniffZip tells the zip-based formats apart by the member names and the
// OpenDocument mimetype in the head, else by the extension.
func sniffZip(head []byte, ext string) kind {
	if zipOfFiles(zipNames(head)) {
		return kind{class: classZip, name: nameZIP, advice: adviceUnzipZIP, archive: ArchiveZIP}
	}
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument.text")) {
		return kind{class: classZip, format: FormatODT, name: nameODT}
	}
	if bytes.Contains(head, []byte("mimetypeapplication/vnd.oasis.opendocument")) {
		return kind{class: classZip, name: words(" OpenDocument 表格或演示文稿（ODS/ODP）", "an OpenDocument spreadsheet or presentation (ODS/ODP)"),
			advice: words("请另存为 XLSX、PPTX 或 PDF 后上传", "Save it as XLSX, PPTX or PDF and upload that")}
	}
	byContent := []struct {
		marker string
		format Format
		name   catalog.Words
	}{
		{"OFD.xml", FormatOFD, nameOFD},
		{"word/", FormatDOCX, nameDOCX},
		{"xl/", FormatXLSX, nameXLSX},
		{"ppt/", FormatPPTX, namePPTX},
	}
	for _, m := range byContent {
		if bytes.Contains(head, []byte(m.marker)) {
			return kind{class: classZip, format: m.format, name: m.name}
		}
	}
	switch ext {
	case ".docx", ".docm", ".dotx":
		return kind{class: classZip, format: FormatDOCX, name: nameDOCX}
	case ".xlsx", ".xlsm":
		return kind{class: classZip, format: FormatXLSX, name: nameXLSX}
	case ".pptx":
		return kind{class: classZip, format: FormatPPTX, name: namePPTX}
	case ".ofd":
		return kind{class: classZip, format: FormatOFD, name: nameOFD}
	case ".odt":
		return kind{class: classZip, format: FormatODT, name: nameODT}
	case "":
		if looksLikeOOXMLText(head) {
			return kind{class: classZip, format: FormatDOCX, name: nameDOCX}
		}
	}
	return kind{class: classZip, name: nameZIP, advice: adviceUnzipZIP, archive: ArchiveZIP}
}

var adviceUnzipZIP = words("请将其中的文件解压后分别上传", "Unzip the files in it and upload them one by one")

// zipNames returns the names of the members whose local headers lie in
// head, walking from the first over each member's data; the walk stops at
// a member whose header does not give its size (a data descriptor follows
// it) or that runs past head. Searching the head for member names instead
// finds those of a DOCX stored uncompressed inside a zip of several files.
func zipNames(head []byte) []string {
	var names []string
	for off := 0; off+30 <= len(head) && string(head[off:off+4]) == "PK\x03\x04"; {
		h := head[off:]
		flags := binary.LittleEndian.Uint16(h[6:])
		size := int(binary.LittleEndian.Uint32(h[18:]))
		n := int(binary.LittleEndian.Uint16(h[26:]))
		extra := int(binary.LittleEndian.Uint16(h[28:]))
		if 30+n > len(h) {
			break
		}
		names = append(names, string(h[30:30+n]))
		if flags&8 != 0 || size < 0 || size > len(head) {
			break
		}
		off += 30 + n + extra + size
	}
	return names
}

// zipOfFiles reports a zip whose members are files people upload (附件1.pdf,
// 材料/统计表.xlsx), not the parts of an Office, OpenDocument or OFD
// package: its first member that is not a folder is such a file and none
// of the members seen is a package part.
func zipOfFiles(names []string) bool {
	first := ""
	for _, name := range names {
		for _, part := range []string{"[Content_Types].xml", "_rels/", "docProps/", "word/", "xl/", "ppt/", "mimetype", "META-INF/", "OFD.xml", "Doc_"} {
			if strings.HasPrefix(name, part) {
				return false
			}
		}
		if first == "" && !strings.HasSuffix(name, "/") {
			first = name
		}
	}
	switch extension(first) {
	case ".pdf", ".ofd", ".doc", ".docx", ".wps", ".odt", ".rtf", ".xls", ".xlsx", ".et", ".csv",
		".ppt", ".pptx", ".dps", ".txt", ".htm", ".html", ".jpg", ".jpeg", ".png", ".tif", ".tiff",
		".zip", ".rar", ".7z":
		return true
	}
	return false
}

// looksLikeOOXMLText reports a zip whose first members are those of an
// Office Open XML package and not of a spreadsheet or a presentation. The
// head shows only the first members; Extract finds out the rest.
func looksLikeOOXMLText(head []byte) bool {
	for _, marker := range []string{"[Content_Types].xml", "_rels/.rels", "docProps/"} {
		if bytes.Contains(head, []byte(marker)) {
			return true
		}
	}
	return false
}
