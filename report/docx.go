package report

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// WriteDOCX writes the report as a Word document a coordinator can edit:
// a title, then per area a heading, per key indicator a heading, its
// status and value, the 定性描述 (its claims with their verdicts) and its
// evidence as a table.
func (r *Report) WriteDOCX(w io.Writer) error {
	var body bytes.Buffer
	b := &docBody{w: &body}
	b.para("Title", r.word("学习型城市建设监测报告"))
	if r.Lang == English {
		b.para("", fmt.Sprintf("City: %s (%s)  Round: %d  Framework: %s", r.cityName(), r.City.Code, r.Round, r.frameworkName()))
	} else {
		b.para("", fmt.Sprintf("城市\uFF1A%s\uFF08%s\uFF09  监测轮次\uFF1A%d年度  指标体系\uFF1A%s", r.City.Name, r.City.Code, r.Round, r.Framework))
	}
	if r.Empty {
		b.para("", r.emptyNotice())
	}
	for _, a := range r.Areas {
		b.para("Heading1", a.Code+" "+r.nameNow(a.Name, a.NameEN, a.Now))
		for _, it := range a.Items {
			r.docItem(b, it)
		}
	}
	zw := zip.NewWriter(w)
	// Dated when written, in China time: zw.Create dates an entry
	// 1980-00-00, which unzip -l shows and some tools warn of.
	at := time.Now().In(catalog.ChinaTime)
	parts := []struct{ name, body string }{
		{"[Content_Types].xml", contentTypes},
		{"_rels/.rels", rootRels},
		{"word/_rels/document.xml.rels", docRels},
		{"word/styles.xml", styles},
		{"word/document.xml", docHead + body.String() + docTail},
	}
	for _, p := range parts {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: p.name, Method: zip.Deflate, Modified: at})
		if err != nil {
			return err
		}
		if _, err := io.WriteString(f, p.body); err != nil {
			return fmt.Errorf("write %s: %w", p.name, err)
		}
	}
	return zw.Close()
}

func (r *Report) docItem(b *docBody, it Item) {
	b.para("Heading2", it.Indicator.Code+" "+r.nameNow(it.Indicator.Name, it.Indicator.NameEN, it.Now))
	colon := r.colon()
	status := it.Status
	if status == Gap {
		status = NoEvidence // a paragraph, not a cell: in words
	}
	line := r.word("状态") + colon + r.word(status)
	if it.Value != nil {
		line += "  " + r.word("数值") + colon + r.written(it.Value)
		line += r.foundNote(it) + r.unlikelyNote(it)
		line += r.verdict(it, it.Value.ID, it.Value.Status) + r.carriedMark(it.Carried[it.Value.ID])
	} else if it.Indicator.Kind == "quantitative" {
		line += "  " + r.word("数值") + colon + r.word(NotReported)
	}
	if prev := r.previousValue(it); prev != "" {
		line += "  " + r.word("上一轮数值") + colon + prev
	}
	b.para("", line)
	b.para("Heading3", r.word("定性描述"))
	if len(it.Claims) == 0 {
		if r.Lang == English {
			b.para("", "(none)")
		} else {
			b.para("", "\uFF08暂无\uFF09")
		}
	}
	for _, c := range it.Claims {
		b.para("", catalog.TypedText(c.Statement)+r.verdict(it, c.ID, c.Status)+r.numbersMark(it, c.ID)+r.carriedMark(it.Carried[c.ID]))
	}
	b.para("Heading3", r.word("佐证材料"))
	if len(it.Evidence) == 0 {
		b.para("", r.word(Gap))
	} else {
		r.evidenceTable(b, it.Evidence)
	}
	if len(it.Unreadable) > 0 {
		b.para("Heading3", r.word(UnreadableHeading))
		r.evidenceTable(b, it.Unreadable)
	}
}

// evidenceTable writes documents with their pages and quotes as a table.
func (r *Report) evidenceTable(b *docBody, ev []Evidence) {
	rows := [][]string{{r.word("标题"), r.word("文号"), r.word("日期"), r.word("页码"), r.word("引文")}}
	for _, e := range ev {
		page := ""
		if e.Page > 0 {
			page = strconv.Itoa(e.Page)
		}
		// A quote is kept as typed or as the stored text has it, its
		// punctuation folded to ASCII; it is shown as the document wrote it.
		title := e.Title + r.mark(e) + r.carriedMark(e.ToConfirm) + r.scans(e)
		rows = append(rows, []string{title, e.docNumber(r.Lang), r.issued(e), page, r.quotes(e)})
	}
	b.table(rows)
}

// docBody writes WordprocessingML body elements, escaping all text.
type docBody struct{ w *bytes.Buffer }

func (b *docBody) text(s string) {
	for i, line := range strings.Split(s, "\n") {
		if i > 0 {
			b.w.WriteString("<w:br/>")
		}
		b.w.WriteString(`<w:t xml:space="preserve">`)
		xml.EscapeText(b.w, []byte(line))
		b.w.WriteString("</w:t>")
	}
}

func (b *docBody) para(style, s string) {
	b.w.WriteString("<w:p>")
	if style != "" {
		b.w.WriteString(`<w:pPr><w:pStyle w:val="` + style + `"/></w:pPr>`)
	}
	b.w.WriteString("<w:r>")
	b.text(s)
	b.w.WriteString("</w:r></w:p>")
}

func (b *docBody) table(rows [][]string) {
	b.w.WriteString(`<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/></w:tblPr>`)
	for i, row := range rows {
		b.w.WriteString("<w:tr>")
		if i == 0 {
			b.w.WriteString(`<w:trPr><w:tblHeader/></w:trPr>`)
		}
		for _, cell := range row {
			b.w.WriteString("<w:tc><w:p><w:r>")
			if i == 0 {
				b.w.WriteString("<w:rPr><w:b/></w:rPr>")
			}
			b.text(cell)
			b.w.WriteString("</w:r></w:p></w:tc>")
		}
		b.w.WriteString("</w:tr>")
	}
	b.w.WriteString("</w:tbl>")
}

const contentTypes = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/><Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/></Types>`

const rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`

const docRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`

const styles = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="宋体" w:eastAsia="宋体" w:hAnsi="宋体"/><w:sz w:val="24"/><w:lang w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style><w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="36"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="32"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/><w:b/><w:sz w:val="28"/></w:rPr></w:style><w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/></w:rPr></w:style><w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style></w:styles>`

const docHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>`

const docTail = `<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1800" w:bottom="1440" w:left="1800" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`
