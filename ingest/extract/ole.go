package extract

import (
	"context"
	"encoding/binary"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/richardlehane/mscfb"

	"github.com/lcmonitor/evidence/catalog"
)

// Old Office files (Word 97–2003, WPS, Excel 97–2003) are OLE compound
// files: a small file system whose stream names say what they hold. Sniff
// sees only the head, where the directory usually is not (LibreOffice writes
// it at the end), so it decides by name when it must; the extractors of
// both formats open the directory and go by what is there.

// oleKind is what an OLE compound file holds.
type oleKind int

const (
	oleOther      oleKind = iota
	oleWord               // a WordDocument stream (Word 97–2003, WPS)
	oleExcel              // a Workbook or Book stream
	olePowerPoint         // a "PowerPoint Document" stream
	oleEncrypted          // an EncryptedPackage stream (password-protected DOCX/XLSX/PPTX), or an encrypted Word or Excel file
)

// inspectOLE opens the compound file at path and tells what it holds,
// checking the encryption flags of Word and Excel streams.
func inspectOLE(path string) (oleKind, error) {
	f, err := os.Open(path)
	if err != nil {
		return oleOther, err
	}
	defer f.Close()
	r, err := mscfb.New(f)
	if err != nil {
		return oleOther, fmt.Errorf("open ole: %v: %w", err, errOLECorrupt())
	}
	kind := oleOther
	for _, e := range r.File {
		if len(e.Path) > 0 { // streams inside storages are embedded objects
			continue
		}
		switch e.Name {
		case "EncryptedPackage":
			return oleEncrypted, nil
		case "WordDocument":
			if wordEncrypted(e) {
				return oleEncrypted, nil
			}
			kind = oleWord
		case "Workbook", "Book":
			if kind != oleWord && excelEncrypted(e) {
				return oleEncrypted, nil
			}
			if kind != oleWord {
				kind = oleExcel
			}
		case "PowerPoint Document":
			if kind == oleOther {
				kind = olePowerPoint
			}
		}
	}
	return kind, nil
}

// wordEncrypted reads the fEncrypted bit of the File Information Block at
// the start of the WordDocument stream ([MS-DOC] 2.5.2).
func wordEncrypted(e *mscfb.File) bool {
	var fib [12]byte
	if _, err := io.ReadFull(e, fib[:]); err != nil {
		return false
	}
	flags := binary.LittleEndian.Uint16(fib[10:])
	return flags&0x0100 != 0
}

// excelEncrypted looks for a FILEPASS record (0x002F) in the workbook
// globals, which end at the first EOF record (0x000A) ([MS-XLS] 2.4.117).
func excelEncrypted(e *mscfb.File) bool {
	var hdr [4]byte
	for n := 0; n < 10000; n++ {
		if _, err := io.ReadFull(e, hdr[:]); err != nil {
			return false
		}
		typ, size := binary.LittleEndian.Uint16(hdr[:]), binary.LittleEndian.Uint16(hdr[2:])
		switch typ {
		case 0x002F:
			return true
		case 0x000A:
			return false
		}
		if _, err := io.CopyN(io.Discard, e, int64(size)); err != nil {
			return false
		}
	}
	return false
}

// extractOLE reads an OLE file as what its streams say, whichever of DOC
// and XLS Sniff guessed.
func extractOLE(ctx context.Context, path string, lim Limits) (*Result, error) {
	if isXMLSpreadsheet(path) { // an Excel "workbook" that is no OLE file
		return extractXMLSpreadsheet(ctx, path, lim)
	}
	kind, err := inspectOLE(path)
	if err != nil {
		return nil, err
	}
	switch kind {
	case oleWord:
		return extractWord97(ctx, path, lim)
	case oleExcel:
		return extractXLS(ctx, path, lim)
	case oleEncrypted:
		return nil, errEncrypted()
	case olePowerPoint:
		return nil, catalog.Errorf(catalog.EUNSUPPORTED, "暂不支持旧版 PowerPoint 演示文稿（.ppt）；请另存为 PPTX 或 PDF 后上传")
	}
	return nil, catalog.Errorf(catalog.EINVALID, "无法识别的旧版 Office 文件：其中既没有 Word 文档也没有 Excel 工作簿；请用原软件打开后另存为 DOCX、XLSX 或 PDF 再上传")
}

func init() {
	registerExtractor(FormatDOC, extractOLE)
	registerExtractor(FormatXLS, extractOLE)
}

func errOLECorrupt() error {
	return catalog.Errorf(catalog.EINVALID, "旧版 Office 文件（.doc/.xls/.wps）已损坏，无法读取；请用 Word、Excel 或 WPS 打开后另存为 DOCX、XLSX 或 PDF 再上传")
}

// errEncrypted is for password-protected files of any office format.
func errEncrypted() error {
	return catalog.Errorf(catalog.EINVALID, "文件已加密（设置了打开密码），无法读取其中的文字；请在 Word、Excel 或 WPS 中取消密码后重新上传")
}

// oleStreamHint looks for a stream name in the head of an OLE file; the
// directory is there only in some files. It returns oleOther when it cannot
// tell.
func oleStreamHint(head []byte) oleKind {
	has := func(name string) bool { return strings.Contains(string(head), utf16le(name)) }
	switch {
	case has("EncryptedPackage"):
		return oleEncrypted
	case has("WordDocument"):
		return oleWord
	case has("Workbook"):
		return oleExcel
	case has("PowerPoint Document"):
		return olePowerPoint
	}
	return oleOther
}

func utf16le(s string) string {
	b := make([]byte, 0, 2*len(s))
	for i := 0; i < len(s); i++ {
		b = append(b, s[i], 0)
	}
	return string(b)
}
