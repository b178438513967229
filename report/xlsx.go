package report

import (
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
	"github.com/lcmonitor/evidence/values"
)

// xlsxHeader is the header row of every area's sheet.
var xlsxHeader = []any{"编码", "关键指标", "类型", "状态", "数值", "单位", "数值出处", "定性描述与审核结论", "佐证材料（标题|文号|日期|页码）", "上一轮数值"}

// WriteXLSX writes the report: a cover sheet, then one sheet per
// first-level area with a frozen header and filters; gaps and missing
// values say 缺 on a red fill, so they show without colour too.
func (r *Report) WriteXLSX(w io.Writer) error {
	f := spreadsheet.NewFile(time.Now())
	defer f.Close()
	if err := r.cover(f); err != nil {
		return err
	}
	gap, err := f.NewStyle(&excelize.Style{Fill: excelize.Fill{Type: "pattern", Color: []string{"F8D7DA"}, Pattern: 1}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	numFmt := englishNumberFormat
	number, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}, CustomNumFmt: &numFmt})
	if err != nil {
		return err
	}
	for _, a := range r.Areas {
		if err := r.areaSheet(f, a, gap, wrap, number); err != nil {
			return fmt.Errorf("write sheet %s: %w", a.Code, err)
		}
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("encode report xlsx: %w", err)
	}
	return nil
}

func (r *Report) cover(f *excelize.File) error {
	sheet := r.word("说明")
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	rows := [][]any{
		{r.word("学习型城市建设监测报告")},
		{r.word("城市"), r.cityLine()},
		{r.word("监测轮次"), r.Round},
		{r.word("指标体系"), r.frameworkName()},
		{r.word("说明"), r.word("每个一级指标一个工作表\uFF1B“缺”表示定性指标尚无佐证材料或定量指标尚未填报数值\uFF1B“待确认”表示从上一轮沿用、本市尚未确认的数值、定性描述或佐证材料，不计为本轮的证据。")},
	}
	if r.Empty {
		rows = append(rows, []any{r.word("注意"), r.emptyNotice()})
	}
	for i, row := range rows {
		neutralizeRow(row)
		if err := f.SetSheetRow(sheet, "A"+strconv.Itoa(i+1), &row); err != nil {
			return err
		}
	}
	return f.SetColWidth(sheet, "B", "B", 60)
}

// cityLine is the city and its code: 杭州（330100）, Hangzhou (330100).
func (r *Report) cityLine() string {
	if r.Lang == English {
		return r.cityName() + " (" + r.City.Code + ")"
	}
	return r.City.Name + "\uFF08" + r.City.Code + "\uFF09"
}

// EmptyNotice says that a city has nothing in the round.
func EmptyNotice(r *Report) string {
	return fmt.Sprintf("%s在%d年度监测中尚无任何佐证材料、定性描述或数值。", r.City.Name, r.Round)
}

// emptyNotice is EmptyNotice in the report's language.
func (r *Report) emptyNotice() string {
	if r.Lang == English {
		return fmt.Sprintf("%s has no evidence document, claim or value in round %d yet.", r.cityName(), r.Round)
	}
	return EmptyNotice(r)
}

// sheetName is an area's sheet: its code and name in the report's
// language, within Excel's 31 characters and without the characters Excel
// refuses. A name cut short ends with "…", an English one after its last
// whole word.
func (r *Report) sheetName(a Area) string {
	name := strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '_'
		}
		return r
	}, a.Code+" "+r.named(a.Name, a.NameEN))
	rs := []rune(name)
	if len(rs) <= 31 {
		return name
	}
	cut := string(rs[:30])
	if i := strings.LastIndexByte(cut, ' '); i > len(a.Code) && r.Lang == English {
		cut = strings.TrimRight(cut[:i], " ,;-&")
	}
	return cut + "…"
}

// areaSheet writes area a's sheet; gap, wrap and number are the styles of
// a gap's cell, of every cell and of an English value's number cell.
func (r *Report) areaSheet(f *excelize.File, a Area, gap, wrap, number int) error {
	sheet := r.sheetName(a)
	if _, err := f.NewSheet(sheet); err != nil {
		return err
	}
	header := make([]any, len(xlsxHeader))
	for i, h := range xlsxHeader {
		header[i] = r.word(h.(string))
	}
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return err
	}
	for i, it := range a.Items {
		row := neutralizeRow(r.itemRow(it))
		cell := "A" + strconv.Itoa(i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return err
		}
		f.SetCellStyle(sheet, cell, "J"+strconv.Itoa(i+2), wrap)
		if _, ok := row[4].(float64); ok && r.Lang == English {
			f.SetCellStyle(sheet, "E"+strconv.Itoa(i+2), "E"+strconv.Itoa(i+2), number)
		}
		for j, v := range row {
			if v == r.word(Gap) {
				ref, _ := excelize.CoordinatesToCellName(j+1, i+2)
				f.SetCellStyle(sheet, ref, ref, gap)
			}
		}
	}
	last := "J" + strconv.Itoa(max(len(a.Items)+1, 2))
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	f.SetColWidth(sheet, "B", "B", 40)
	f.SetColWidth(sheet, "G", "I", 50)
	f.SetColWidth(sheet, "J", "J", 30)
	return nil
}

// neutralizeRow keeps every text cell of row text (spreadsheet.Neutralize,
// as every other export does): a 定性描述, a title, a 文号 or a note a
// person typed that begins with =, +, -, @, a tab or a carriage return
// would otherwise be a formula once the sheet is edited or saved as CSV.
func neutralizeRow(row []any) []any {
	for i, v := range row {
		if s, ok := v.(string); ok {
			row[i] = spreadsheet.Neutralize(s)
		}
	}
	return row
}

var kindLabels = map[string]string{"qualitative": "定性", "quantitative": "定量"}

func (r *Report) itemRow(it Item) []any {
	row := []any{it.Indicator.Code, r.nameNow(it.Indicator.Name, it.Indicator.NameEN, it.Now), r.word(kindLabels[string(it.Indicator.Kind)]), r.word(it.Status)}
	switch {
	case it.Value != nil:
		c := it.Value.Citation
		number, unit := r.valueCells(it.Value)
		row = append(row, number, unit, fmt.Sprintf("%s %s%s", r.title(it, c.DocumentID), r.pageQuote(c.Page, c.Quote), r.foundNote(it)+r.unlikelyNote(it)+r.verdict(it, it.Value.ID, it.Value.Status)+r.carriedMark(it.Carried[it.Value.ID])))
	case it.Indicator.Kind == "quantitative":
		row = append(row, r.word(Gap), r.unit(it.Indicator.Unit), "")
	default:
		row = append(row, "", "", "")
	}
	var claims []string
	for _, c := range it.Claims {
		claims = append(claims, catalog.TypedText(c.Statement)+r.verdict(it, c.ID, c.Status)+r.numbersMark(it, c.ID)+r.carriedMark(it.Carried[c.ID]))
	}
	var ev []string
	for _, e := range it.Evidence {
		ev = append(ev, r.evidenceLine(e))
	}
	if len(it.Unreadable) > 0 {
		ev = append(ev, r.word(UnreadableHeading)+r.colon())
		for _, e := range it.Unreadable {
			ev = append(ev, r.evidenceLine(e))
		}
	}
	return append(row, r.fitCell(claims), r.fitCell(ev), r.previousValue(it))
}

// maxCellUnits is the most a spreadsheet cell holds, in UTF-16 code units
// (Excel's limit; excelize silently cuts anything longer).
const maxCellUnits = 32767

// fitCell joins lines into one cell. Lines that would pass Excel's limit
// are left out whole and the cell says how many, pointing to the DOCX
// report, which has none: a cut in the middle of a title or a verdict
// would be read as the whole of it.
func (r *Report) fitCell(lines []string) string {
	var b strings.Builder
	units := 0
	for i, l := range lines {
		n := utf16Len(l) + 1
		if units+n > maxCellUnits-200 { // room for the note
			more := len(lines) - i
			if i > 0 {
				b.WriteByte('\n')
			}
			if r.Lang == English {
				fmt.Fprintf(&b, "… (%d more not shown: a spreadsheet cell holds at most %d characters; see the DOCX report)", more, maxCellUnits)
			} else {
				fmt.Fprintf(&b, "……\uFF08另有 %d 条未列出\uFF1A表格单元格最多容纳 %d 个字符\uFF1B请见 DOCX 报告\uFF09", more, maxCellUnits)
			}
			break
		}
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
		units += n
	}
	return b.String()
}

// utf16Len is the length of s in UTF-16 code units, as Excel counts.
func utf16Len(s string) int {
	n := 0
	for _, c := range s {
		n++
		if c >= 0x10000 {
			n++
		}
	}
	return n
}

func (r *Report) foundNote(it Item) string {
	switch c := it.Value.Citation; {
	case c.RecheckError != "":
		// Its marks are the old text's: that its quote is to be checked
		// again, and why, is what to say.
		return r.quoteRecheck(recheckWords(c))
	case it.Value.ValueFound:
		return r.roughNote(values.RoughIn(c.Quote, it.Value)) + r.spacedNote(values.SpacedIn(c.Quote, it.Value)) + r.approximately(citedMark(c))
	case !c.QuoteFound:
		// The quote itself is not in the document (or not on its page):
		// that, not the number, is what to check.
		return r.quoteNotFound(Quote{Page: c.Page, FoundOnPage: c.FoundOnPage}) + r.approximately(citedMark(c))
	}
	return r.notFound(it.Value)
}

func (r *Report) title(it Item, id string) string {
	for _, e := range slices.Concat(it.Evidence, it.Unreadable) {
		if e.DocumentID == id {
			return r.name(e)
		}
	}
	return id
}

// EvidenceLine is one piece of evidence in a line: title | 文号 | date | page.
func EvidenceLine(e Evidence) string {
	page := ""
	if e.Page > 0 {
		page = fmt.Sprintf("第%d页", e.Page)
	}
	return joinFilled([]string{e.Name(), e.docNumber(Chinese), (&Report{}).issued(e), page})
}

// joinFilled joins an evidence line's parts with " | ", leaving out those
// a document does not have (no 文号, no date), so that a line never ends
// in empty cells ("《…》 |  |  | ").
func joinFilled(parts []string) string {
	return strings.Join(slices.DeleteFunc(parts, func(p string) bool { return p == "" }), " | ")
}

// evidenceLine is EvidenceLine in the report's language, followed by
// each quote not found on the page it cites, marked: the spreadsheet
// lists no quotes, but one that is not in the document must be seen.
func (r *Report) evidenceLine(e Evidence) string {
	page := ""
	if e.Page > 0 {
		page = r.page(e.Page)
	}
	parts := []string{r.name(e), e.docNumber(r.Lang), r.issued(e), page}
	for _, q := range e.Quotes {
		if mark := r.quoteMark(q); mark != "" {
			parts = append(parts, "“"+catalog.Fullwidth(q.Text)+"”"+mark)
		}
	}
	return joinFilled(parts)
}
