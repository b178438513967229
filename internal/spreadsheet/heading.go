package spreadsheet

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// A table made by hand rarely starts with its heading: a title
// (XX市学习型城市建设责任分解表) and a line such as 填报单位：… come first, the
// heading may take two rows (指标 over 编码 and 名称), and its words carry
// marks and notes (*责任单位, 截止日期（YYYY-MM-DD）, 责任\n单位). FindHeading
// finds it as a person would.

// MaxHeadingRow is the last row (1-based) at which a heading is looked
// for.
const MaxHeadingRow = 10

// Heading is where a table's heading was found and what its columns
// hold.
type Heading struct {
	// Columns maps each field found to its column (0-based); the first
	// column of a field wins.
	Columns map[string]int
	// Rows is the number of rows up to the heading's last one: the data
	// start at record Rows, which is the sheet's row Rows+1.
	Rows int
}

// FindHeading looks in the first MaxHeadingRow records for the heading
// naming the fields need, its words mapped to fields by names (keys as
// HeadingKey makes them), one row or two read as one (the upper word
// before the lower: 指标+编码). Of the candidates naming every needed
// field, the one naming the most fields wins (two rows that are one
// heading counted one more), the earlier and the single row on a tie. ok
// is false when none names them all; then the heading is the one naming
// most of them, for a message naming what it lacks.
//
// A word in weak names its field only where no other column does (序号
// is a framework table's code column only without a 编码 beside it).
func FindHeading(records [][]string, names map[string]string, need []string, weak ...string) (h Heading, ok bool) {
	best, bestScore := Heading{}, -1
	part, partScore := Heading{Columns: map[string]int{}}, -1 // the one naming the most needed fields
	for r := 0; r < min(MaxHeadingRow, len(records)); r++ {
		upperNames := 0 // fields the row r names alone: a title above a heading names none
		for _, two := range []bool{false, true} {
			if two && (r+1 >= len(records) || upperNames == 0) {
				// A title over a heading is no heading's upper row.
				continue
			}
			cand := Heading{Columns: map[string]int{}, Rows: r + 1}
			weakColumns := map[string]int{}
			width := len(records[r])
			if two {
				cand.Rows = r + 2
				width = max(width, len(records[r+1]))
			}
			for c := 0; c < width; c++ {
				upper := HeadingKey(at(records[r], c))
				words := []string{upper}
				if two {
					lower := HeadingKey(at(records[r+1], c))
					switch {
					case lower == upper:
						// One cell merged down over both rows.
					case upper == "" || parent(records[r], c):
						// A word under a heading merged over several
						// columns (出处 over 文档编号, 页码, 引文).
						words = []string{upper + lower, lower, upper}
					default:
						// The row below a heading of one row is data: a
						// value there that happens to be a heading's word
						// is none.
						words = []string{upper + lower, upper}
					}
				}
				for _, w := range words {
					if f, found := names[w]; found && w != "" {
						if slices.Contains(weak, w) {
							if _, dup := weakColumns[f]; !dup {
								weakColumns[f] = c
							}
						} else if _, dup := cand.Columns[f]; !dup {
							cand.Columns[f] = c
						}
						break
					}
				}
			}
			for f, c := range weakColumns {
				if _, named := cand.Columns[f]; !named {
					cand.Columns[f] = c
				}
			}
			if n := needed(cand.Columns, need); n > partScore {
				part, partScore = cand, n
			}
			score := len(cand.Columns)
			if !two {
				upperNames = len(cand.Columns)
			}
			if two && subHeading(records[r], records[r+1]) {
				// 指标 over 编码 and 名称: the pair is the heading even
				// where its words name no more fields than the upper row.
				score++
			}
			if !hasAll(cand.Columns, need) || score <= bestScore {
				continue
			}
			best, bestScore = cand, score
		}
	}
	if bestScore < 0 {
		return part, false
	}
	// A heading merged down over more rows than two reads again on the
	// rows below it, cell for cell: they are heading, not data.
	for best.Rows < len(records) && best.Rows > 0 && slices.Equal(trimmed(records[best.Rows]), trimmed(records[best.Rows-1])) {
		best.Rows++
	}
	return best, true
}

// trimmed is rec without its trailing empty cells.
func trimmed(rec []string) []string {
	for len(rec) > 0 && strings.TrimSpace(rec[len(rec)-1]) == "" {
		rec = rec[:len(rec)-1]
	}
	return rec
}

// subHeading reports whether lower is the second row of a heading under
// upper: beside cells merged down from upper, it only has words under
// cells of upper merged across (指标 over 编码, 名称; 数值 over 2024年) or
// words without figures under empty ones.
func subHeading(upper, lower []string) bool {
	words := 0
	for c, w := range lower {
		switch {
		case w == "" || w == at(upper, c):
		case parent(upper, c):
			// 数值 over 2024年 and 2025年: a figure under a heading
			// merged across is a heading's word too.
			words++
		case at(upper, c) == "" && !strings.ContainsAny(w, "0123456789０１２３４５６７８９"):
			words++
		default:
			return false
		}
	}
	return words > 0
}

// parent reports whether the cell c of rec has the text of a neighbour,
// as the cells of a merged range are given it.
func parent(rec []string, c int) bool {
	w := at(rec, c)
	return w != "" && (c > 0 && at(rec, c-1) == w || at(rec, c+1) == w)
}

func needed(columns map[string]int, need []string) int {
	n := 0
	for _, f := range need {
		if _, ok := columns[f]; ok {
			n++
		}
	}
	return n
}

func hasAll(columns map[string]int, need []string) bool {
	for _, f := range need {
		if _, ok := columns[f]; !ok {
			return false
		}
	}
	return true
}

func at(rec []string, c int) string {
	if c < len(rec) {
		return rec[c]
	}
	return ""
}

// HeadingKeys is names (a heading's word → its field) keyed as
// FindHeading compares them (HeadingKey).
func HeadingKeys(names map[string]string) map[string]string {
	keys := make(map[string]string, len(names))
	for word, field := range names {
		keys[HeadingKey(word)] = field
	}
	return keys
}

// headingNote is a note in brackets at the end of a heading's word:
// 截止日期（YYYY-MM-DD）, 联系人(电话), 数值（%）.
var headingNote = regexp.MustCompile(`[（(\[【][^（()）\]】]*[)）\]】]$`)

// HeadingKey is a heading's word as FindHeading compares it: lower case,
// without spaces and line breaks inside, without the marks of a required
// column (*, ＊, ※), a note in brackets at its end or a colon after it.
func HeadingKey(word string) string {
	word = strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) || r == '\ufeff' || r == '*' || r == '＊' || r == '※' {
			return -1
		}
		return unicode.ToLower(r)
	}, word)
	for {
		trimmed := strings.TrimRight(headingNote.ReplaceAllString(word, ""), ":：")
		if trimmed == word || trimmed == "" {
			return word
		}
		word = trimmed
	}
}

// footLabel is the start of a line written under a table or between its
// rows rather than a row of it: a note, the signatures of who filled it
// in, a date.
var footLabel = regexp.MustCompile(`^[\s*＊]*(注|说明|备注|填表人|填报人|填表单位|填报单位|审核人|制表人?|制表单位|填表日期|填报日期|联系电话|单位负责人|负责人)\s*[0-9一二三四五六七八九十]*\s*[:：]`)

// sectionLabel is a section's banner between the rows of a table:
// 一、组织领导, （二）学习资源.
var sectionLabel = regexp.MustCompile(`^\s*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）])`)

// IsAside reports whether a record below the heading is no row of the
// table but something written among its rows: one text across the row (a
// banner merged over its cells), a section's title alone on its row, or a
// note or signature line (注：…, 填表人：… 审核人：…) whose every cell is
// such a label.
func IsAside(rec []string) bool {
	var cells []string
	for _, c := range rec {
		if c = strings.TrimSpace(c); c != "" {
			cells = append(cells, c)
		}
	}
	switch {
	case len(cells) == 0:
		return false
	case len(cells) == 1:
		return sectionLabel.MatchString(cells[0]) || footLabel.MatchString(cells[0])
	}
	same := true
	for _, c := range cells[1:] {
		same = same && c == cells[0]
	}
	if same {
		return true
	}
	if !footLabel.MatchString(cells[0]) {
		return false
	}
	for _, c := range cells[1:] {
		if !labelled.MatchString(c) {
			return false
		}
	}
	return true
}

// labelled is a cell written as a label and its value: 审核人：李四.
var labelled = regexp.MustCompile(`^[^\s:：]{1,8}\s*[:：]`)
