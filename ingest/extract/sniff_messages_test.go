package extract

import (
	"context"
	"flag"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

var updateSniffMessages = flag.Bool("update-sniff-messages", false, "write testdata/sniff-messages.golden from what Sniff says now")

// sniffSamples are heads of every kind of content Sniff tells apart, each
// with the names under which it is refused or its name does not fit it.
var sniffSamples = []struct {
	kind  string
	head  string
	names []string
}{
	{"PNG", "\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", []string{"a.txt"}},
	{"JPEG", "\xff\xd8\xff\xe0\x00\x10JFIF", []string{"a.txt"}},
	{"TIFF II", "II*\x00\x08\x00\x00\x00", []string{"a.txt"}},
	{"TIFF MM", "MM\x00*\x00\x00\x00\x08", []string{"a.txt"}},
	{"GIF87a", "GIF87a\x01\x00", []string{"upload", "a.pdf"}},
	{"GIF89a", "GIF89a\x01\x00", []string{"upload", "a.gif", "a.jpg"}},
	{"HEIC", "\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", []string{"a.txt", "a.docx"}},
	{"WebP", "RIFF\x00\x00\x00\x00WEBPVP8 ", []string{"a.txt"}},
	{"RTF", "{\\rtf1\\ansi\\ansicpg936", []string{"a.pdf", "a.odt"}},
	{"RAR", "Rar!\x1a\x07\x00", []string{"upload", "a.pdf"}},
	{"7z", "7z\xbc\xaf\x27\x1c\x00\x04", []string{"upload", "a.pdf"}},
	{"gzip", "\x1f\x8b\x08\x00", []string{"upload", "a.tar.gz", "a.pdf"}},
	{"unknown binary", "\x00\x01\x02\x03binary", []string{"upload", "a.dat"}},
	{"OLE", oleMagic + "\x00\x00", []string{"a.pdf", "a.ppt", "a.dps", "a.txt"}},
	{"OLE Word", oleMagic + "\x00\x00" + utf16le("WordDocument"), []string{"a.pdf"}},
	{"OLE Excel", oleMagic + "\x00\x00" + utf16le("Workbook"), []string{"a.pdf"}},
	{"OLE PowerPoint", oleMagic + "\x00\x00" + utf16le("PowerPoint Document"), []string{"upload", "a.pdf"}},
	{"ODT", "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.text", []string{"a.pdf"}},
	{"ODS", "PK\x03\x04\x14\x00\x00\x08\x00\x00mimetypeapplication/vnd.oasis.opendocument.spreadsheet", []string{"upload", "a.ods", "a.pdf"}},
	{"OFD", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxOFD.xml", []string{"a.pdf", "a.txt"}},
	{"DOCX", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxword/document.xml", []string{"a.pdf"}},
	{"XLSX", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxxl/workbook.xml", []string{"a.pdf"}},
	{"PPTX", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxppt/presentation.xml", []string{"a.pdf"}},
	{"zip", "PK\x03\x04\x14\x00\x00\x00\x08\x00xxxxxxxxxxxxxxxxphotos/", []string{"upload", "a.zip", "a.pdf", "a.txt"}},
	{"HTML", "<!DOCTYPE html><html><body>", []string{"a.pdf", "a.png"}},
	{"text", "本报讯,2017年9月,太原市举办学习周。\n", []string{"a.pdf", "a.jpg"}},
}

// sniffMessages is every message of Sniff's refusals and name mismatches
// for sniffSamples, a line each: the kind, the name, the message; then
// every name's mismatch with an unknown binary, then the refusal of an
// image when no image reader is registered and Extract's of a format it
// has no reader for.
func sniffMessages(in func(error) string) string {
	var b strings.Builder
	for _, s := range sniffSamples {
		for _, name := range s.names {
			_, _, err := Sniff([]byte(s.head), name)
			fmt.Fprintf(&b, "%s\t%s\t%s\n", s.kind, name, in(err))
		}
	}
	for _, ext := range slices.Sorted(maps.Keys(claims)) {
		_, _, err := Sniff([]byte("\x00\x01\x02\x03binary"), "a"+ext)
		fmt.Fprintf(&b, "unknown binary\ta%s\t%s\n", ext, in(err))
	}
	// A readable kind whose reader is not built in.
	image := extractors[FormatImage]
	delete(extractors, FormatImage)
	_, _, err := Sniff([]byte(sniffSamples[0].head), "upload")
	extractors[FormatImage] = image
	fmt.Fprintf(&b, "%s without its reader\tupload\t%s\n", sniffSamples[0].kind, in(err))
	_, err = Extract(context.Background(), "ppt", fixture("news.utf8.txt"), Limits{})
	fmt.Fprintf(&b, "Extract\tppt\t%s\n", in(err))
	return b.String()
}

// TestSniffMessagesKeepTheirChinese holds the Chinese of every refusal and
// name mismatch Sniff gives to testdata/sniff-messages.golden, written from
// the messages as they were before they had English.
func TestSniffMessagesKeepTheirChinese(t *testing.T) {
	got := sniffMessages(catalog.ErrorMessage)
	const golden = "testdata/sniff-messages.golden"
	if *updateSniffMessages {
		if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.Split(string(b), "\n")
	for i, line := range strings.Split(got, "\n") {
		if i >= len(want) || line != want[i] {
			t.Errorf("line %d:\ngot  %q\nwant %q", i+1, line, want[min(i, len(want)-1)])
		}
	}
}

// TestSniffMessagesHaveTheirEnglish: every refusal and name mismatch Sniff
// gives, for every kind of content and every extension that promises one,
// reads in English on English pages, with no Chinese left in it.
func TestSniffMessagesHaveTheirEnglish(t *testing.T) {
	names := append([]string{"upload", "a.dat"}, slices.Sorted(maps.Keys(claims))...)
	for i, n := range names[2:] {
		names[2+i] = "a" + n
	}
	for _, s := range sniffSamples {
		for _, name := range slices.Concat(names, s.names) {
			_, _, err := Sniff([]byte(s.head), name)
			if err == nil {
				continue
			}
			en := catalog.MessageIn(err, true)
			if strings.Contains(catalog.ErrorMessage(err), "文件扩展名是") && !strings.HasPrefix(en, "The file's extension is "+extension(name)+" but") {
				t.Errorf("%s named %s: English %q does not say the name does not fit", s.kind, name, en)
			}
			wantEnglish(t, s.kind+" named "+name, err, "")
		}
	}
	if got := sniffMessages(func(err error) string { return catalog.MessageIn(err, true) }); strings.IndexFunc(got, isHan) >= 0 {
		t.Errorf("Chinese left in the English messages:\n%s", got)
	}
}

// TestSniffMessagesInEnglish shows what an English page says for a file
// of a type the archive cannot read, a name that promises another
// content, and a format without a reader.
func TestSniffMessagesInEnglish(t *testing.T) {
	const reads = "it reads PDF, OFD, Word (DOCX/DOC), WPS Writer (.wps), ODT, RTF, Excel (XLSX/XLS), CSV, PPTX, TXT, HTML and images (JPG/PNG/TIFF/HEIC/WebP)"
	tests := []struct {
		head, name, code, zh, en string
	}{
		{"GIF89a\x01\x00", "动图.gif", catalog.EUNSUPPORTED, "暂不支持 GIF 图片",
			"This is a GIF image, which the archive cannot read yet; " + reads + ". Recognise the text of a scan (OCR) first, or upload a PDF with text"},
		{oleMagic + "\x00\x00", "汇报.ppt", catalog.EUNSUPPORTED, "暂不支持旧版 PowerPoint 演示文稿(.ppt)",
			"This is an old PowerPoint presentation (.ppt), which the archive cannot read yet; " + reads + ". Save it as PPTX or PDF and upload that"},
		{"Rar!\x1a\x07\x00", "材料.rar", catalog.EUNSUPPORTED, "暂不支持 RAR 压缩包",
			"This is a RAR archive, which the archive cannot read yet; " + reads + ". Unzip it and upload the files in it one by one"},
		{"\x00\x01\x02\x03binary", "数据.dat", catalog.EUNSUPPORTED, "暂不支持无法识别的二进制文件",
			"This is a binary file of an unknown kind, which the archive cannot read yet; " + reads + ". Save it as PDF and upload that"},
		{"MZ\x90\x00\x03\x00\x00\x00\x04\x00", "安装程序.exe", catalog.EUNSUPPORTED, "不接受这种类型的文件\uFF08程序\uFF09\uFF1B目前支持 PDF",
			"The archive does not accept this type of file (a program); " + reads},
		{"本报讯,2017年9月,太原市举办学习周。\n", "通知.pdf", catalog.EINVALID, "文件扩展名是 .pdf,但内容不是 PDF 文件",
			"The file's extension is .pdf but its content is not a PDF file; check whether the file is damaged or the wrong one (content found: plain text)"},
		{"本报讯,2017年9月,太原市举办学习周。\n", "扫描件.JPG", catalog.EINVALID, "文件扩展名是 .jpg,但内容不是图片",
			"The file's extension is .jpg but its content is not an image; check whether the file is damaged or the wrong one (content found: plain text)"},
	}
	for _, tt := range tests {
		_, _, err := Sniff([]byte(tt.head), tt.name)
		wantError(t, tt.name, err, tt.code, tt.zh)
		if en := catalog.MessageIn(err, true); en != tt.en {
			t.Errorf("%s: English\n%q, want\n%q", tt.name, en, tt.en)
		}
	}
	_, err := Extract(context.Background(), "ppt", fixture("news.utf8.txt"), Limits{})
	wantEnglish(t, "a format without a reader", err, "The archive cannot read this file format yet; "+reads+". Save it in one of these formats")
}

// TestSniffUploadRefusesAProgram: a program uploaded through a form
// (程序.exe) is refused as a type the archive does not accept, listing the
// kinds it does with archives among them (the form unpacks ZIP, RAR and
// 7z), and no advice to save it as PDF; a reader of one file does not
// list them.
func TestSniffUploadRefusesAProgram(t *testing.T) {
	head := []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00\xb8\x00\x00\x00\x00\x00\x00\x00@\x00")
	_, _, err := SniffUpload(head, "程序.exe")
	wantError(t, "程序.exe", err, catalog.EUNSUPPORTED, "不接受这种类型的文件\uFF08程序\uFF09")
	zh := catalog.MessageIn(err, false)
	for _, want := range []string{"PDF、", "Excel\uFF08XLSX/XLS\uFF09", "、装有这些文件的压缩包\uFF08ZIP/RAR/7z\uFF09"} {
		if !strings.Contains(zh, want) {
			t.Errorf("程序.exe: %q lacks %q", zh, want)
		}
	}
	if strings.Contains(zh, "另存为") {
		t.Errorf("程序.exe: %q tells to save a program as another format", zh)
	}
	if en := catalog.MessageIn(err, true); !strings.HasSuffix(en, "images (JPG/PNG/TIFF/HEIC/WebP) and archives of these (ZIP/RAR/7z)") {
		t.Errorf("程序.exe in English: %q, want archives last in the list", en)
	}
	if _, _, err := Sniff(head, "程序.exe"); strings.Contains(catalog.MessageIn(err, false), "压缩包") {
		t.Errorf("a reader of one file lists ZIP: %q", catalog.MessageIn(err, false))
	}
}

// TestSniffRefusesProgramsOnly: programs, known by their magic bytes
// (Windows MZ, Linux ELF, macOS Mach-O), are refused as not accepted; any
// other binary (a CNKI .caj paper, an .mp4 activity video, a .dwg drawing)
// keeps the advice to save it as PDF, since it may hold a document; and a
// text that starts with "MZ" is still text.
func TestSniffRefusesProgramsOnly(t *testing.T) {
	for _, c := range []struct{ name, head string }{
		{"安装程序.exe", "MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"},
		{"采集工具", "\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00"},
		{"填报助手", "\xcf\xfa\xed\xfe\x07\x00\x00\x01\x03\x00\x00\x00"},
		{"填报助手32", "\xfe\xed\xfa\xce\x00\x00\x00\x07\x00\x00\x00\x03"},
	} {
		_, _, err := SniffUpload([]byte(c.head), c.name)
		wantError(t, c.name, err, catalog.EUNSUPPORTED, "不接受这种类型的文件\uFF08程序\uFF09")
		if zh := catalog.MessageIn(err, false); strings.Contains(zh, "另存为") {
			t.Errorf("%s: %q tells to save a program as another format", c.name, zh)
		}
	}
	for _, c := range []struct{ name, head string }{
		{"终身学习研究综述.caj", "CAJ\x00\x01\x00\x00\x00\x00\x00\x00\x00\x10\x00\x00\x00"},
		{"社区学习活动.mp4", "\x00\x00\x00\x18ftypmp42\x00\x00\x00\x00mp42isom"},
		{"学习中心平面图.dwg", "AC1027\x00\x00\x00\x00\x00\x06\x01\x00\x00\x00"},
	} {
		_, _, err := SniffUpload([]byte(c.head), c.name)
		wantError(t, c.name, err, catalog.EUNSUPPORTED, "暂不支持无法识别的二进制文件")
		zh := catalog.MessageIn(err, false)
		if !strings.HasSuffix(zh, "请另存为 PDF 后上传") || strings.Contains(zh, "不接受") {
			t.Errorf("%s: %q, want the advice to save it as PDF kept", c.name, zh)
		}
	}
	if f, _, err := Sniff([]byte("MZ 社区教育工作总结\n2023年共开展活动120场。\n"), "总结.txt"); err != nil || f != FormatTXT {
		t.Errorf("a text starting with MZ: %q, %v, want it read as text", f, err)
	}
}
