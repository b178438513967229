package extract

import (
	"path"
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// cellSeparator goes between the cells of a spreadsheet or CSV row. It is
// " | " and not a tab because Normalize removes whitespace between a Han
// character and a digit: "社区学校数量\t342" would become "社区学校数量342",
// while "社区学校数量 | 342" keeps label and number apart and side by side.
const cellSeparator = " | "

// rowBreak ends a row, and paraBreak a paragraph, in every format: an
// empty line, because Normalize joins single line breaks between Han
// characters and digits (they are usually a wrapped line in a PDF), which
// would glue "2018" to the next row's "社区学校数量".
const (
	rowBreak  = "\n\n"
	paraBreak = "\n\n"
)

// SheetText reports whether a text extractor read (a Result.Extractor)
// from a file named filename is a spreadsheet's, its pages the rows of
// its sheets with their cells separated by " | ", and whether each page
// starts with its sheet's name: the fields of such a text are read as a
// spreadsheet's (ingest/fields ReadSheet), not as a 公文's. The table
// readers' texts are; so is a web page's named as a workbook (.xls,
// .xlsx, .et): the "Excel" that government systems export as an HTML
// table or a single-file web page, which names no sheet on its page.
func SheetText(extractor, filename string) (sheet, named bool) {
	switch extractor {
	case "xlsx", "xls", "xmlss":
		return true, true
	case "csv":
		return true, false
	case "html":
		switch strings.ToLower(path.Ext(filename)) {
		case ".xls", ".xlsx", ".et":
			return true, false
		}
	}
	return false, false
}

// maxTableCells bounds the cells one table file may make us visit, empty
// ones included, whatever its declared dimensions: a sheet that claims a
// million rows of nothing costs no more than this.
const maxTableCells = 4_000_000

// tableText builds the pages of a spreadsheet: one page per sheet, the
// sheet's name on its first line, one line per non-empty row, rows apart.
type tableText struct {
	done   []string
	page   strings.Builder
	budget textBudget
	cells  int
	open   bool
}

func newTableText(lim Limits) *tableText {
	return &tableText{budget: textBudget{max: lim.MaxTextBytes}}
}

// startPage ends the current page, if any, and starts one for a sheet.
func (t *tableText) startPage(name string) {
	if t.open {
		t.done = append(t.done, t.page.String())
		t.page.Reset()
	}
	t.open = true
	if name = cleanCell(name); name != "" {
		t.page.WriteString(name)
		t.page.WriteString(rowBreak)
	}
}

// row adds a row; trailing empty cells are dropped and an empty row is
// skipped.
func (t *tableText) row(cells []string) error {
	t.cells += max(len(cells), 1)
	if t.cells > maxTableCells {
		return errTableTooLarge()
	}
	last := -1
	for i, c := range cells {
		cells[i] = cleanCell(c)
		if cells[i] != "" {
			last = i
		}
	}
	if last < 0 {
		return nil
	}
	line := strings.Join(collapseEmptyRuns(cells[:last+1]), cellSeparator) + rowBreak
	if err := t.budget.add(len(line)); err != nil {
		return err
	}
	if !t.open {
		t.open = true
	}
	t.page.WriteString(line)
	return nil
}

// maxEmptyRun is the longest run of empty cells a row's line keeps: the
// empty columns of a wide ledger show which column a number is in
// ("合计 |  |  | 1234"), but a
// stray value in column XFD made each row of a 17 KB ledger 50 KB of
// separators, and the text of 240 such rows 7.9 MB of them to index.
const maxEmptyRun = 64

// collapseEmptyRuns puts one empty cell in place of each run of more than
// maxEmptyRun empty cells.
func collapseEmptyRuns(cells []string) []string {
	out := cells[:0]
	run := 0
	for _, c := range cells {
		if c == "" {
			run++
			if run > maxEmptyRun {
				continue
			}
		} else {
			if run > maxEmptyRun {
				out = out[:len(out)-maxEmptyRun+1]
			}
			run = 0
		}
		out = append(out, c)
	}
	return out
}

// countEmpty counts cells skipped without building them, against the same
// cap.
func (t *tableText) countEmpty(n int) error {
	t.cells += n
	if t.cells > maxTableCells {
		return errTableTooLarge()
	}
	return nil
}

func (t *tableText) pages() []string {
	if !t.open {
		return nil
	}
	return append(t.done, t.page.String())
}

var cellLineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\t", " ", "\f", " ")

// cleanCell puts a cell on one line.
func cleanCell(s string) string {
	if s == "" {
		return s
	}
	return strings.TrimSpace(cellLineBreaks.Replace(s))
}

func errTableTooLarge() error {
	return catalog.Errorf(catalog.ETOOLARGE, "表格的单元格超过 %d 个上限（可能是异常文件），已停止处理；请删除空行空列或拆分后上传", maxTableCells)
}
