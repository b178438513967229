package web

import (
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// englishGapMessages are words English pages showed in Chinese: the
// optional readers of the admin page (by program, "reader."+program), the
// units of indicators ("unit."+unit, the units of the frameworks in use;
// another unit shows as the framework writes it), and what the pages put
// between items.
var englishGapMessages = map[string]map[Lang]string{
	"reader.tesseract":    {Chinese: "扫描件文字识别,chi_sim + eng", English: "reads scans and photos by OCR, chi_sim + eng"},
	"reader.pdftoppm":     {Chinese: "扫描版 PDF 页面渲染", English: "renders the pages of scanned PDFs for OCR"},
	"reader.pdftotext":    {Chinese: "PDF 文字层备用读取", English: "reads PDF text layers the built-in reader cannot"},
	"reader.catdoc":       {Chinese: "Word 97–2003 和 WPS 文字文件", English: "reads Word 97–2003 (.doc) and WPS Writer (.wps) files"},
	"reader.heif-convert": {Chinese: "苹果手机 HEIC/HEIF 照片", English: "reads iPhones' HEIC/HEIF photos"},

	"unit.个":    {Chinese: "个", English: "count"},
	"unit.人":    {Chinese: "人", English: "people"},
	"unit.人次":   {Chinese: "人次", English: "attendances"},
	"unit.万人":   {Chinese: "万人", English: "10,000 people"},
	"unit.万人次":  {Chinese: "万人次", English: "10,000 attendances"},
	"unit.元":    {Chinese: "元", English: "yuan"},
	"unit.万元":   {Chinese: "万元", English: "10,000 yuan"},
	"unit.亿元":   {Chinese: "亿元", English: "100 million yuan"},
	"unit.元/人":  {Chinese: "元/人", English: "yuan per person"},
	"unit.册":    {Chinese: "册", English: "volumes"},
	"unit.册/人":  {Chinese: "册/人", English: "volumes per person"},
	"unit.年":    {Chinese: "年", English: "years"},
	"unit.天":    {Chinese: "天", English: "days"},
	"unit.小时":   {Chinese: "小时", English: "hours"},
	"unit.学时":   {Chinese: "学时", English: "study hours"},
	"unit.场":    {Chinese: "场", English: "events"},
	"unit.次":    {Chinese: "次", English: "times"},
	"unit.所":    {Chinese: "所", English: "institutions"},
	"unit.家":    {Chinese: "家", English: "organisations"},
	"unit.项":    {Chinese: "项", English: "items"},
	"unit.门":    {Chinese: "门", English: "courses"},
	"unit.个百分点": {Chinese: "个百分点", English: "percentage points"},
	"unit.平方米":  {Chinese: "平方米", English: "m²"},
	"list.sep":  {Chinese: "、", English: ", "},
	// Examples in date fields, as people write dates in each language.
	"placeholder.date":  {Chinese: "2018年3月20日", English: "2018-03-20"},
	"placeholder.month": {Chinese: "2018年12月", English: "2018-12"},
}

func init() {
	for k, m := range englishGapMessages {
		m[Chinese] = catalog.Fullwidth(m[Chinese])
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

// unitName is an indicator's unit in l: "%" and other units without
// words here as the framework writes them.
func unitName(l Lang, unit string) string {
	if m, ok := messages["unit."+unit]; ok {
		return m[l]
	}
	return unit
}
