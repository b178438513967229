package fields

import (
	"iter"
	"regexp"
	"slices"
	"strings"
)

// A spreadsheet's text (ingest/extract's table readers: XLSX, XLS and WPS
// .et, Excel 2003's XML Spreadsheet, CSV) is a page per sheet, the
// sheet's name on its first line when the format names its sheets, then
// one line per row with its cells separated by " | ". Its fields are not
// those of a 公文 read from the top and the foot: the first row of a
// ledger (台账) is its header (序号 | 责任单位 | 完成情况), its dates are
// the rows' due dates (完成时限 2024年6月30日), and a column 依据文件
// lists the 文号 of the documents each row carries out. ReadSheet reads
// them from the rows outside the table only: the rows of a single cell
// above it (a title merged across the table, a 文号, 填报单位 and 填报日期)
// and below it (a 落款, 填报日期, 制表人).

// SourceSheetName is a title read from the name of a spreadsheet's sheet.
const SourceSheetName = "sheet_name"

// maxSheetHeadLines bounds the rows above a table looked at for its
// title, 文号 and date: a title row stands in the first few.
const maxSheetHeadLines = 6

// ReadSheet reads the fields of a spreadsheet from the text of its pages
// (one a sheet, named says whether each starts with the sheet's name) and
// the title the file carries (embeddedTitle, "" if none):
//
//   - the title is the first row above the table that is one cell
//     reading like a title (2024年学分银行建设工作台账), else the file's
//     own title when meaningful, else the first sheet's name when it is
//     not a default one (Sheet1, 工作表1), else none, and the document
//     keeps its file name: never a header or a data row;
//   - the 成文日期 is a date on a 落款 or 填报日期 row outside the table
//     (the last below it first), else in the title row; never a cell of
//     the table (完成时限, 截止日期), nor the file's created or modified
//     time, which says when the workbook was saved, not when the ledger
//     was signed: without such a row there is no date;
//   - the 文号 is one the title or a row above the table gives as the
//     ledger's own; a column of 文号 of other documents gives none;
//   - the issuer is the body the title starts with (XX关于…), else the
//     填报单位 a row outside the table names, else the body signing
//     before the date.
//
// Only the first sheet with text is read: the others are further tables.
func ReadSheet(pages []string, embeddedTitle string, named bool) Fields {
	var f Fields
	s := firstSheet(pages, named)
	title := -1
	for i, l := range s.above {
		if t := sheetTitle(l); t != "" {
			f.Title, title = Field{Value: t, Source: SourceTitleLine}, i
			break
		}
	}
	if f.Title.Value == "" {
		if t := cleanEmbeddedTitle(embeddedTitle); t != "" {
			f.Title = Field{Value: t, Source: SourceEmbedded}
		} else if t := sheetName(s.name); t != "" {
			f.Title = Field{Value: t, Source: SourceSheetName}
		}
	}
	if num, _, _ := ownDocNumber(strings.Join(s.above, "\n")); num.Value != "" {
		f.DocNumber = num
	}
	f.IssuedOn, f.Issuer = sheetDate(s, title)
	if iss := titleIssuer(f.Title.Value); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceTitle}
	} else if iss := filledBy(s); iss != "" {
		f.Issuer = Field{Value: iss, Source: SourceSignature}
	}
	return f
}

// sheetLines are the lines of one sheet's text, prepared: its name, and
// the rows of a single cell above and below its table (all of them when
// it has no row of several cells). A row whose cells are each a label
// and its value (填报单位:… | 填报日期:…) stands outside the table, each
// cell a line.
type sheetLines struct {
	name         string
	above, below []string
}

// firstSheet reads the first page that has more than a sheet's name: its
// lines from the top down to the first row of its table, and from the
// foot up to the last, each prepared alone (a ledger of thousands of
// rows costs its few lines outside the table, and keeps the 落款 under
// it). A table not met within maxSheetLines lines of either end is not
// looked for further: the lines read from the top are above it, and none
// below.
func firstSheet(pages []string, named bool) sheetLines {
	for _, page := range pages {
		var s sheetLines
		rest := page
		if named {
			var name string
			name, rest, _ = strings.Cut(strings.TrimLeft(page, " \n"), "\n")
			s.name = prepare(name)
		}
		if strings.TrimSpace(rest) == "" {
			continue
		}
		var table bool
		s.above, table = outsideTable(lines(rest, false))
		if table {
			var below []string
			if below, table = outsideTable(lines(rest, true)); table {
				slices.Reverse(below)
				s.below = below
			}
		}
		if len(s.above) > maxSheetHeadLines {
			s.above = s.above[:maxSheetHeadLines]
		}
		return s
	}
	return sheetLines{}
}

// maxSheetLines bounds the lines read from either end of a sheet for the
// rows outside its table.
const maxSheetLines = 24

// lines yields the non-empty lines of page, prepared, from its top (or
// from its foot up), at most maxSheetLines of them.
func lines(page string, up bool) iter.Seq[string] {
	return func(yield func(string) bool) {
		n := 0
		for page != "" && n < maxSheetLines {
			var l string
			if up {
				i := strings.LastIndexByte(page, '\n')
				l, page = page[i+1:], page[:max(i, 0)]
			} else {
				l, page, _ = strings.Cut(page, "\n")
			}
			if l = prepare(l); l == "" {
				continue
			}
			n++
			if !yield(l) {
				return
			}
		}
	}
}

// outsideTable returns the lines before the first row of a table, a
// label row's cells as lines of their own, and whether there was one.
func outsideTable(lines iter.Seq[string]) (outside []string, table bool) {
	for l := range lines {
		if cells, ok := labelRow(l); ok {
			outside = append(outside, cells...)
			continue
		}
		if isCellsRow(l) {
			return outside, true
		}
		outside = append(outside, l)
	}
	return outside, false
}

// labelCell is a cell that gives a label and its value: 填报单位:….
var labelCell = regexp.MustCompile(`^\*?[\p{Han}()]{2,10}:`)

// labelRow returns the cells of a row whose every cell is a label and
// its value.
func labelRow(l string) ([]string, bool) {
	if !isCellsRow(l) {
		return nil, false
	}
	var cells []string
	for c := range strings.SplitSeq(l, "|") {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if !labelCell.MatchString(c) {
			return nil, false
		}
		cells = append(cells, c)
	}
	return cells, len(cells) > 0
}

// isCellsRow reports a row of more than one cell (prepare has dropped the
// spaces of " | " next to Chinese and digits).
func isCellsRow(l string) bool { return strings.Contains(l, "|") }

// attachmentMark is "附件2:" or "附件" before a title on its row.
var attachmentMark = regexp.MustCompile(`^附件\s*\d*\s*[:.、]?\s*`)

// sheetTitle returns a row above a table when it reads like the table's
// title: 6 to 80 characters, mostly Chinese, no label and value (填报单位:
// …), not a date, a 文号, a masthead or a generic word; "附件2:" before it
// is cut off.
func sheetTitle(l string) string {
	l = strings.TrimSpace(attachmentMark.ReplaceAllString(l, ""))
	n, han := runeLen(l), 0
	for _, r := range l {
		if isHan(r) {
			han++
		}
	}
	switch {
	case n < 6 || n > 80 || han < 4 || han*2 < n:
		return ""
	case strings.ContainsAny(l, ":;。") || !balanced(l) || isMasthead(l) || genericTitles[l]:
		return ""
	case IsDate(l) || docNumberPattern.FindString(l) == l || placeholderTitle.MatchString(l):
		return ""
	}
	return l
}

// defaultSheetName is a name a spreadsheet program gives a new sheet.
var defaultSheetName = regexp.MustCompile(`(?i)^(?:sheet|工作表|表|页|book|工作簿)\s*\d*(?:\s*\(\d+\))?$`)

// sheetName returns a sheet's name when it says what the sheet is: at
// least four characters, three of them Chinese, not a default name
// (Sheet1, 工作表1) or a generic word.
func sheetName(name string) string {
	name = strings.TrimSpace(name)
	han := 0
	for _, r := range name {
		if isHan(r) {
			han++
		}
	}
	if runeLen(name) < 4 || han < 3 || defaultSheetName.MatchString(name) || genericTitles[name] {
		return ""
	}
	return name
}
