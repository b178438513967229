//go:build ignore

// Command genformats regenerates the fixtures of the second-wave formats in
// ../ (see ../README.md): DOC, WPS, ODT, RTF, XLS, XLSX, CSV and PPTX made
// by LibreOffice from the sources in ../src, the OLE files that stand for
// password-protected Office files, a GBK RTF as Word and WPS write it, and
// two hand-written OFD files of very different structure. Run it from the
// package folder:
//
//	cd ingest/extract && go run testdata/genformats/main.go
//
// It needs LibreOffice (soffice). Office files carry creation dates, so
// regenerated files differ byte for byte; the OLE, RTF, CSV and OFD files
// are the same every time.
package main

import (
	"archive/zip"
	"bytes"
	"encoding/binary"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"log"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"golang.org/x/text/encoding/simplifiedchinese"
)

const dir = "testdata"

func main() {
	log.SetFlags(0)
	convertWithLibreOffice()
	writeCopies()
	writeGBKFiles()
	writeEncryptedOLE()
	writeOFDs()
}

func path(name string) string { return filepath.Join(dir, name) }

func must(err error) {
	if err != nil {
		log.Fatal(err)
	}
}

func write(name string, data []byte) {
	must(os.WriteFile(path(name), data, 0o644))
	log.Printf("wrote %s (%d bytes)", name, len(data))
}

func read(name string) []byte {
	b, err := os.ReadFile(path(name))
	must(err)
	return b
}

// convertWithLibreOffice makes the office files from the sources.
func convertWithLibreOffice() {
	tmp, err := os.MkdirTemp("", "extract-genformats-")
	must(err)
	defer os.RemoveAll(tmp)
	jobs := []struct{ src, infilter, filter, out string }{
		{"report.html", "HTML (StarWriter)", "doc:MS Word 97", "report.doc"},
		{"report.html", "HTML (StarWriter)", "odt:writer8", "report.odt"},
		{"report.html", "HTML (StarWriter)", "rtf:Rich Text Format", "report.rtf"},
		{"stats.fods", "", "xlsx:Calc MS Excel 2007 XML", "stats.xlsx"},
		{"stats.fods", "", "xls:MS Excel 97", "stats.xls"},
		{"ledger.fods", "", "xlsx:Calc MS Excel 2007 XML", "ledger.xlsx"},
		{"ledger.fods", "", "xls:MS Excel 97", "ledger.xls"},
		{"slides.fodp", "", "pptx:Impress MS PowerPoint 2007 XML", "slides.pptx"},
	}
	for _, j := range jobs {
		args := []string{"-env:UserInstallation=file://" + filepath.Join(tmp, "profile"), "--headless"}
		if j.infilter != "" {
			args = append(args, "--infilter="+j.infilter)
		}
		args = append(args, "--convert-to", j.filter, "--outdir", tmp, path("src/"+j.src))
		out, err := exec.Command("soffice", args...).CombinedOutput()
		if err != nil {
			log.Fatalf("soffice %s: %v\n%s", j.src, err, out)
		}
		b, err := os.ReadFile(filepath.Join(tmp, j.out))
		must(err)
		write(j.out, b)
	}
}

// writeCopies writes files whose name lies about their content.
func writeCopies() {
	write("report.wps", read("report.doc"))          // WPS text files are Word 97 OLE files
	write("rtf-named.doc", read("report.rtf"))       // Word's "save as .doc" of an RTF
	write("html-named.doc", read("src/report.html")) // web pages saved as .doc
}

// writeGBKFiles writes the CSV in GBK and an RTF as Chinese Word and WPS
// write it: \ansicpg936, a \fcharset134 font, text in \'xx GBK bytes.
func writeGBKFiles() {
	csv, err := simplifiedchinese.GBK.NewEncoder().Bytes(read("src/stats.csv"))
	must(err)
	write("stats.gbk.csv", csv)

	gbk := func(s string) string {
		b, err := simplifiedchinese.GBK.NewEncoder().Bytes([]byte(s))
		must(err)
		var out strings.Builder
		for _, c := range b {
			if c < 0x80 {
				out.WriteByte(c)
			} else {
				fmt.Fprintf(&out, "\\'%02x", c)
			}
		}
		return out.String()
	}
	rtf := `{\rtf1\ansi\ansicpg936\deff0\deflang1033\deflangfe2052` + "\r\n" +
		`{\fonttbl{\f0\fnil\fcharset134 ` + gbk("宋体") + `;}{\f1\fswiss\fcharset0 Arial;}}` + "\r\n" +
		`{\colortbl ;\red255\green0\blue0;}` + "\r\n" +
		`{\stylesheet{\s0 Normal;}}` + "\r\n" +
		`{\info{\title ` + gbk("隐藏的标题") + `}{\author ` + gbk("市教育局") + `}}` + "\r\n" +
		`{\*\generator Msftedit 5.41.21.2510;}\viewkind4\uc1` + "\r\n" +
		`\pard\f0\fs32 ` + gbk("关于推进学分银行建设的通知") + `\par` + "\r\n" +
		`\fs24 ` + gbk("杭政办发〔2018〕12号") + `\par` + "\r\n" +
		`{\pict\pngblip\picw10\pich10 89504e470d0a1a0a0000000d4948445200000001}` +
		gbk("各区、县（市）教育局：") + `\par` + "\r\n" +
		`{\*\bkmkstart _GoBack}{\*\bkmkend _GoBack}` + gbk("为") + `\u23454?\u29616?` + gbk("终身学习成果的认证与转换，现就学分银行建设通知如下。") + `\par` + "\r\n" +
		`\page` + "\r\n" +
		`\trowd\cellx3000\cellx6000` + gbk("开户人数") + `\cell 123000\cell\row` + "\r\n" +
		`\pard ` + gbk("杭州市教育局") + `\par` + "\r\n" +
		`{\footer ` + gbk("页脚不进正文") + `}` + "\r\n" +
		`}`
	write("notice.gbk.rtf", []byte(rtf))
}

// writeEncryptedOLE writes compound files that stand for password-protected
// Office files: LibreOffice 7.4 ignores a password given to --convert-to, so
// they are built here. Each holds just what the extractors look at.
func writeEncryptedOLE() {
	info := []byte("\x04\x00\x04\x00\x40\x00\x00\x00<?xml version=\"1.0\"?><encryption xmlns=\"http://schemas.microsoft.com/office/2006/encryption\"/>")
	pkg := append(binary.LittleEndian.AppendUint64(nil, 5000), bytes.Repeat([]byte{0x5a}, 5000)...)
	ooxml := ole([]oleStream{{"EncryptionInfo", info}, {"EncryptedPackage", pkg}})
	write("encrypted.xlsx", ooxml)
	write("encrypted.docx", ooxml)

	fib := make([]byte, 4096)
	binary.LittleEndian.PutUint16(fib[0:], 0xA5EC)  // wIdent
	binary.LittleEndian.PutUint16(fib[2:], 0x00C1)  // nFib of Word 97
	binary.LittleEndian.PutUint16(fib[10:], 0x0300) // fEncrypted | fWhichTblStm
	write("encrypted-word97.doc", ole([]oleStream{{"WordDocument", fib}}))

	var wb []byte
	rec := func(typ uint16, data []byte) {
		wb = binary.LittleEndian.AppendUint16(wb, typ)
		wb = binary.LittleEndian.AppendUint16(wb, uint16(len(data)))
		wb = append(wb, data...)
	}
	rec(0x0809, []byte{0x00, 0x06, 0x05, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}) // BOF, workbook globals
	rec(0x002F, []byte{0x01, 0x00, 0x01, 0x00, 0x01, 0x00})                         // FILEPASS, RC4
	rec(0x000A, nil)                                                                // EOF
	write("encrypted-excel97.xls", ole([]oleStream{{"Workbook", wb}}))
}

type oleStream struct {
	name string
	data []byte
}

// ole builds a version 3 compound file (512-byte sectors): header, one FAT
// sector, one directory sector, then each stream padded to at least 4096
// bytes so that none goes to the mini stream. At most three streams, in
// the directory's name order (shorter names first).
func ole(streams []oleStream) []byte {
	const (
		sector     = 512
		endOfChain = 0xFFFFFFFE
		freeSect   = 0xFFFFFFFF
		fatSect    = 0xFFFFFFFD
		noStream   = 0xFFFFFFFF
	)
	le := binary.LittleEndian
	var body [][]byte
	fat := []uint32{fatSect, endOfChain}
	starts := make([]uint32, len(streams))
	for i, s := range streams {
		data := s.data
		if len(data) < 4096 {
			data = append(data, make([]byte, 4096-len(data))...)
		}
		streams[i].data = data
		n := (len(data) + sector - 1) / sector
		starts[i] = uint32(len(fat))
		for k := 0; k < n; k++ {
			next := uint32(len(fat) + 1)
			if k == n-1 {
				next = endOfChain
			}
			fat = append(fat, next)
		}
		padded := make([]byte, n*sector)
		copy(padded, data)
		body = append(body, padded)
	}
	header := make([]byte, sector)
	copy(header, "\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
	le.PutUint16(header[24:], 0x003E)
	le.PutUint16(header[26:], 0x0003)
	le.PutUint16(header[28:], 0xFFFE)
	le.PutUint16(header[30:], 9)
	le.PutUint16(header[32:], 6)
	le.PutUint32(header[44:], 1) // FAT sectors
	le.PutUint32(header[48:], 1) // first directory sector
	le.PutUint32(header[56:], 4096)
	le.PutUint32(header[60:], endOfChain)
	le.PutUint32(header[68:], endOfChain)
	le.PutUint32(header[76:], 0) // DIFAT[0]: the FAT is sector 0
	for i := 1; i < 109; i++ {
		le.PutUint32(header[76+4*i:], freeSect)
	}
	fatSector := make([]byte, sector)
	for i := range sector / 4 {
		v := uint32(freeSect)
		if i < len(fat) {
			v = fat[i]
		}
		le.PutUint32(fatSector[4*i:], v)
	}
	dir := make([]byte, sector)
	entry := func(i int, name string, typ byte, right, child, start uint32, size uint64) {
		e := dir[128*i : 128*(i+1)]
		u := []rune(name)
		for k, r := range u {
			le.PutUint16(e[2*k:], uint16(r))
		}
		le.PutUint16(e[64:], uint16(2*(len(u)+1)))
		e[66], e[67] = typ, 1 // black
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], right)
		le.PutUint32(e[76:], child)
		le.PutUint32(e[116:], start)
		le.PutUint64(e[120:], size)
	}
	entry(0, "Root Entry", 5, noStream, 1, endOfChain, 0)
	for i, s := range streams {
		right := uint32(noStream)
		if i+1 < len(streams) {
			right = uint32(i + 2)
		}
		entry(i+1, s.name, 2, right, noStream, starts[i], uint64(len(s.data)))
	}
	for i := len(streams) + 1; i < 4; i++ {
		e := dir[128*i:]
		le.PutUint32(e[68:], noStream)
		le.PutUint32(e[72:], noStream)
		le.PutUint32(e[76:], noStream)
	}
	out := append(header, fatSector...)
	out = append(out, dir...)
	for _, b := range body {
		out = append(out, b...)
	}
	return out
}

// zipFiles writes members in the given order.
func zipFiles(members [][2]string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, m := range members {
		w, err := zw.Create(m[0])
		must(err)
		_, err = w.Write([]byte(m[1]))
		must(err)
	}
	must(zw.Close())
	return buf.Bytes()
}

// writeOFDs writes two OFD files of very different structure.
//
// notice.ofd is written the way most Chinese producers write OFD: the ofd:
// prefix, Doc_0/Document.xml, a red-head masthead on a template page
// (CommonData/TemplatePage, referenced by Page/Template), text objects out of
// reading order in the XML, one line split into TextCodes with X offsets,
// a TextCode in CDATA, and an electronic seal: Signs/Signatures.xml →
// Sign_0/Signature.xml → StampAnnot PageRef="12", the ID of page 2.
//
// scan.ofd has no prefix (a default namespace), absolute BaseLocs, a page
// BaseLoc naming the page folder, a text object scaled by a CTM, and a
// second page that is only an image (a MultiMedia resource), which needs
// OCR; it has no signatures.
func writeOFDs() {
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	ofdXML := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody>
<ofd:DocInfo><ofd:DocID>2f1c</ofd:DocID><ofd:Title>关于推进学分银行建设的通知</ofd:Title></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>
<ofd:Signatures>Doc_0/Signs/Signatures.xml</ofd:Signatures>
</ofd:DocBody></ofd:OFD>`
	document := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>40</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea>
<ofd:PublicRes>PublicRes.xml</ofd:PublicRes>
<ofd:TemplatePage ID="3" BaseLoc="Tpls/Tpl_0/Content.xml"/>
</ofd:CommonData>
<ofd:Pages><ofd:Page ID="7" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="12" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages>
</ofd:Document>`
	publicRes := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="4" FontName="宋体"/></ofd:Fonts></ofd:Res>`
	template := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ` + ns + `><ofd:Content><ofd:Layer ID="5">
<ofd:TextObject ID="6" Boundary="40 20 130 15" Font="4" Size="12" Fill="true"><ofd:FillColor Value="255 0 0"/><ofd:TextCode X="0" Y="12" DeltaX="g 7 12">杭州市教育局文件</ofd:TextCode></ofd:TextObject>
</ofd:Layer></ofd:Content></ofd:Page>`
	page1 := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ` + ns + `><ofd:Template TemplateID="3" ZOrder="Background"/><ofd:Content><ofd:Layer ID="8">
<ofd:TextObject ID="10" Boundary="25 60 160 8" Font="4" Size="5"><ofd:TextCode X="0" Y="5">各区、县（市）教育局：</ofd:TextCode></ofd:TextObject>
<ofd:TextObject ID="9" Boundary="35 45 140 10" Font="4" Size="7"><ofd:TextCode X="0" Y="7" DeltaX="g 12 7">关于推进学分银行建设的通知</ofd:TextCode></ofd:TextObject>
<ofd:PageBlock ID="13"><ofd:TextObject ID="11" Boundary="25 70 160 8" Font="4" Size="5"><ofd:TextCode X="60" Y="5">认证与转换。</ofd:TextCode><ofd:TextCode X="0" Y="5">为实现终身学习成果的</ofd:TextCode></ofd:TextObject></ofd:PageBlock>
<ofd:TextObject ID="14" Boundary="70 38 70 6" Font="4" Size="4"><ofd:TextCode X="0" Y="4"><![CDATA[杭政办发〔2018〕12号]]></ofd:TextCode></ofd:TextObject>
</ofd:Layer></ofd:Content></ofd:Page>`
	page2 := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ` + ns + `><ofd:Template TemplateID="3"/><ofd:Content><ofd:Layer ID="15">
<ofd:TextObject ID="16" Boundary="25 60 160 8" Font="4" Size="5"><ofd:TextCode X="0" Y="5">全市社区学校数量达到342所。</ofd:TextCode></ofd:TextObject>
<ofd:TextObject ID="17" Boundary="120 240 60 8" Font="4" Size="5"><ofd:TextCode X="0" Y="5">2018年3月12日</ofd:TextCode></ofd:TextObject>
</ofd:Layer></ofd:Content></ofd:Page>`
	signatures := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Signatures ` + ns + `><ofd:MaxSignId>1</ofd:MaxSignId><ofd:Signature ID="1" Type="Seal" BaseLoc="Sign_0/Signature.xml"/></ofd:Signatures>`
	signature := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Signature ` + ns + `><ofd:SignedInfo><ofd:Provider ProviderName="test"/>
<ofd:SignatureMethod>1.2.156.10197.1.501</ofd:SignatureMethod>
<ofd:References CheckMethod="1.2.156.10197.1.401"><ofd:Reference FileRef="/Doc_0/Pages/Page_1/Content.xml"><ofd:CheckValue>AAAA</ofd:CheckValue></ofd:Reference></ofd:References>
<ofd:StampAnnot ID="1" PageRef="12" Boundary="120 220 40 40"/>
</ofd:SignedInfo><ofd:SignedValue>/Doc_0/Signs/Sign_0/SignedValue.dat</ofd:SignedValue></ofd:Signature>`
	write("notice.ofd", zipFiles([][2]string{
		{"OFD.xml", ofdXML},
		{"Doc_0/Document.xml", document},
		{"Doc_0/PublicRes.xml", publicRes},
		{"Doc_0/Tpls/Tpl_0/Content.xml", template},
		{"Doc_0/Pages/Page_0/Content.xml", page1},
		{"Doc_0/Pages/Page_1/Content.xml", page2},
		{"Doc_0/Signs/Signatures.xml", signatures},
		{"Doc_0/Signs/Sign_0/Signature.xml", signature},
		{"Doc_0/Signs/Sign_0/SignedValue.dat", "not a real signature"},
	}))

	const dns = `xmlns="http://www.ofdspec.org/2016"`
	scanRoot := `<?xml version="1.0" encoding="UTF-8"?>
<OFD ` + dns + ` Version="1.1" DocType="OFD"><DocBody><DocInfo><DocID>a1</DocID></DocInfo><DocRoot>/Doc_1/Document.xml</DocRoot></DocBody></OFD>`
	scanDoc := `<?xml version="1.0" encoding="UTF-8"?>
<Document ` + dns + `><CommonData><MaxUnitID>9</MaxUnitID><PageArea><PhysicalBox>0 0 210 297</PhysicalBox></PageArea>
<DocumentRes>/Doc_1/DocumentRes.xml</DocumentRes></CommonData>
<Pages><Page ID="1" BaseLoc="/Doc_1/Pages/Page_0"/><Page ID="2" BaseLoc="/Doc_1/Pages/Page_1/Content.xml"/></Pages></Document>`
	scanRes := `<?xml version="1.0" encoding="UTF-8"?>
<Res ` + dns + ` BaseLoc="Res"><MultiMedias><MultiMedia ID="5" Type="Image" Format="PNG"><MediaFile>scan_page2.png</MediaFile></MultiMedia></MultiMedias></Res>`
	scanPage1 := `<?xml version="1.0" encoding="UTF-8"?>
<Page ` + dns + `><Content><Layer ID="3">
<TextObject ID="4" Boundary="20 30 170 20" CTM="2 0 0 2 0 0" Size="3"><TextCode X="0" Y="3">学习型城市建设监测报告</TextCode></TextObject>
</Layer></Content></Page>`
	scanPage2 := `<?xml version="1.0" encoding="UTF-8"?>
<Page ` + dns + `><Content><Layer ID="6">
<ImageObject ID="7" ResourceID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>
</Layer></Content></Page>`
	write("scan.ofd", zipFiles([][2]string{
		{"OFD.xml", scanRoot},
		{"Doc_1/Document.xml", scanDoc},
		{"Doc_1/DocumentRes.xml", scanRes},
		{"Doc_1/Pages/Page_0/Content.xml", scanPage1},
		{"Doc_1/Pages/Page_1/Content.xml", scanPage2},
		{"Doc_1/Res/scan_page2.png", string(grayPNG())},
	}))
	writePageFootOFD()
}

// writePageFootOFD writes pagefoot.ofd: two pages of a report, each with
// a 公文's page number (— 1 —) at its foot, drawn first as producers draw
// a footer, and its parts as text objects of their own; the page break
// cuts 教学点四十五 / 个.
func writePageFootOFD() {
	const ns = `xmlns:ofd="http://www.ofdspec.org/2016"`
	root := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD ` + ns + ` Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>9a3e</ofd:DocID></ofd:DocInfo>
<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>`
	document := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document ` + ns + `><ofd:CommonData><ofd:MaxUnitID>20</ofd:MaxUnitID>
<ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes></ofd:CommonData>
<ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/><ofd:Page ID="2" BaseLoc="Pages/Page_1/Content.xml"/></ofd:Pages>
</ofd:Document>`
	publicRes := `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Res ` + ns + ` BaseLoc="Res"><ofd:Fonts><ofd:Font ID="3" FontName="仿宋"/></ofd:Fonts></ofd:Res>`
	text := func(id, y int, s string) string {
		return fmt.Sprintf(`<ofd:TextObject ID="%d" Boundary="25 %d 160 8" Font="3" Size="5.6"><ofd:TextCode X="0" Y="5.6">%s</ofd:TextCode></ofd:TextObject>`, id, y, s)
	}
	foot := func(id, n int) string {
		return fmt.Sprintf(`<ofd:TextObject ID="%d" Boundary="95 270 8 6" Font="3" Size="4.9"><ofd:TextCode X="0" Y="4.9">—</ofd:TextCode></ofd:TextObject>`+
			`<ofd:TextObject ID="%d" Boundary="103 270 4 6" Font="3" Size="4.9"><ofd:TextCode X="0" Y="4.9">%d</ofd:TextCode></ofd:TextObject>`+
			`<ofd:TextObject ID="%d" Boundary="109 270 8 6" Font="3" Size="4.9"><ofd:TextCode X="0" Y="4.9">—</ofd:TextCode></ofd:TextObject>`, id, id+1, n, id+2)
	}
	page := func(objects ...string) string {
		return `<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page ` + ns + `><ofd:Content><ofd:Layer ID="4">` + strings.Join(objects, "\n") + `</ofd:Layer></ofd:Content></ofd:Page>`
	}
	write("pagefoot.ofd", zipFiles([][2]string{
		{"OFD.xml", root},
		{"Doc_0/Document.xml", document},
		{"Doc_0/PublicRes.xml", publicRes},
		{"Doc_0/Pages/Page_0/Content.xml", page(foot(5, 1),
			text(8, 40, "三是扩大老年教育供给。"), text(9, 48, "新增老年大学教学点四十五"))},
		{"Doc_0/Pages/Page_1/Content.xml", page(foot(10, 2),
			text(13, 40, "个，在校学员达到六万人次。"))},
	}))
}

// grayPNG is a small grey image standing in for a scanned page.
func grayPNG() []byte {
	img := image.NewGray(image.Rect(0, 0, 32, 32))
	for i := range img.Pix {
		img.Pix[i] = 200
	}
	img.Set(3, 3, color.Gray{Y: 0})
	var buf bytes.Buffer
	must(png.Encode(&buf, img))
	return buf.Bytes()
}
