package web

import (
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// englishGapMessages are words English pages showed in Chinese: the
// optional readers of the admin page (by program, "reader."+program) and
// what the pages put between items. Units are named by catalog.UnitIn.
var englishGapMessages = map[string]map[Lang]string{
	"reader.tesseract":    {Chinese: "扫描件文字识别,chi_sim + eng", English: "reads scans and photos by OCR, chi_sim + eng"},
	"reader.pdftoppm":     {Chinese: "扫描版 PDF 页面渲染", English: "renders the pages of scanned PDFs for OCR"},
	"reader.pdftotext":    {Chinese: "PDF 文字层备用读取", English: "reads PDF text layers the built-in reader cannot"},
	"reader.catdoc":       {Chinese: "Word 97–2003 和 WPS 文字文件", English: "reads Word 97–2003 (.doc) and WPS Writer (.wps) files"},
	"reader.heif-convert": {Chinese: "苹果手机 HEIC/HEIF 照片", English: "reads iPhones' HEIC/HEIF photos"},
	"reader.prlimit":      {Chinese: "限制读取程序的内存和时间", English: "limits the memory and time of the programs that read files"},

	"list.sep": {Chinese: "、", English: ", "},
	// A round by its year beside other details (roundYear).
	"round.year": {Chinese: "%s年度", English: "round %s"},
	// Examples in date fields, as people write dates in each language.
	// A form's example says it is one (例：, e.g.): a bare 2018年3月20日
	// or 杭教〔2018〕9号 in grey read as a value already filled in.
	"placeholder.date":       {Chinese: "例：2018年3月20日", English: "e.g. 2018-03-20"},
	"placeholder.doc_number": {Chinese: "例：杭教〔2018〕9号", English: "e.g. 杭教〔2018〕9号"},
	"placeholder.month":      {Chinese: "2018年12月", English: "2018-12"},
	// A claim's statement and a department's name: English pages showed
	// the Chinese example alone.
	"placeholder.statement":  {Chinese: "例：2017年全年共举办342场大讲堂", English: "e.g. 342 public lectures were held in 2017"},
	"placeholder.department": {Chinese: "例：市教育局", English: "e.g. 市教育局 (Education Bureau)"},
}

func init() {
	for k, m := range englishGapMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

// ReaderName names an optional reader by its program and what it is for,
// in l; a program without words here by the Name the reader gives. The
// admin page and `evidence doctor` name the readers with it.
func ReaderName(l Lang, r extract.Reader) string {
	key := "reader." + r.Program
	if _, ok := messages[key]; !ok {
		return r.Name
	}
	return r.Program + paren(l, tr(l, key))
}

// unitName is an indicator's unit in l, as the report names it
// (catalog.UnitIn): "%" and other units without English words as the
// framework writes them.
func unitName(l Lang, unit string) string {
	return catalog.UnitIn(unit, l == English)
}
