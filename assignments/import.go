package assignments

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// columns are the headings of a responsibility table, English or Chinese,
// by what they fill.
var columns = map[string]string{
	"indicator": "indicator", "指标编码": "indicator", "指标": "indicator", "编码": "indicator", "code": "indicator",
	"关键指标": "indicator", "指标代码": "indicator", "指标序号": "indicator",
	// The UI says 责任单位; a table from elsewhere may say 报送部门 or 部门.
	"department": "department", "责任单位": "department", "责任部门": "department", "部门": "department",
	"报送部门": "department", "报送单位": "department",
	"牵头单位": "department", "牵头部门": "department", "责任处室": "department", "承办单位": "department", "责任主体": "department",
	"due": "due", "截止日期": "due", "截止时间": "due", "完成时限": "due", "完成时间": "due", "完成期限": "due", "时间节点": "due",
	"contact": "contact", "联系人": "contact", "联系人及电话": "contact", "联系人及联系方式": "contact",
}

// headingKeys are columns by their words as spreadsheet.FindHeading
// compares them.
var headingKeys = spreadsheet.HeadingKeys(columns)

// ImportRequest is a responsibility table for a city and round.
type ImportRequest struct {
	City     string
	Round    int // the current round when 0
	Filename string
	Data     []byte
}

// RowError is one bad row of a table: its number as a spreadsheet shows
// it, and why, in Chinese and in English ("" when a reason has none).
type RowError struct {
	Row     int
	Reason  string
	English string
}

// rowError is row's mistakes as one RowError, each reason after the
// other.
func rowError(row int, why []*catalog.Error) RowError {
	zh, en := make([]string, len(why)), make([]string, len(why))
	for i, e := range why {
		zh[i], en[i] = e.Message, e.English
	}
	r := RowError{Row: row, Reason: strings.Join(zh, "\uFF1B")}
	if !slices.Contains(en, "") {
		r.English = strings.Join(en, ". ")
	}
	return r
}

// ImportError is a table refused because of bad rows; nothing was
// imported. Its code is EINVALID and its message names every bad row.
type ImportError struct {
	Rows []RowError
	err  *catalog.Error
}

func (e *ImportError) Error() string { return e.err.Error() }

// Unwrap gives the application error, so that catalog.ErrorCode and
// ErrorMessage read it.
func (e *ImportError) Unwrap() error { return e.err }

func newImportError(rows []RowError) *ImportError {
	zh, en := make([]string, len(rows)), make([]string, len(rows))
	english := true
	for i, r := range rows {
		zh[i] = fmt.Sprintf(catalog.Fullwidth("第 %d 行：%s"), r.Row, r.Reason)
		en[i] = fmt.Sprintf("Row %d: %s", r.Row, r.English)
		english = english && r.English != ""
	}
	lines := catalog.Words{Chinese: strings.Join(zh, "\n")}
	if english {
		lines.English = strings.Join(en, "\n")
	}
	return &ImportError{Rows: rows, err: catalog.Errorf(catalog.EINVALID, "责任分解表有 %d 行有误，未导入任何一行；请改正后重新导入：\n%s",
		len(rows), lines)}
}

// Import reads a responsibility table (XLSX, XLS or WPS's .et, or CSV in
// UTF-8 or GBK;
// headings 指标编码/indicator, 责任单位/department, 截止日期/due,
// optional 联系人/contact) for a city and round on behalf of an admin or
// the city's coordinator, and stores it all or not at all. Departments
// new to the city's list are added to it; a row for an existing task
// replaces its due date and contact.
func (s *Service) Import(ctx context.Context, u *catalog.User, req ImportRequest) (*catalog.AssignmentImport, error) {
	city, round, err := s.target(ctx, u, req.City, req.Round)
	if err != nil {
		return nil, err
	}
	records, err := framework.ReadTable(ctx, req.Filename, req.Data, s.xls)
	if err != nil {
		return nil, err
	}
	rows, err := s.checkTable(ctx, city, records)
	if err != nil {
		return nil, err
	}
	return s.cat.ImportAssignments(ctx, city, round, rows, u.Username)
}

// target checks the city and round of a change on behalf of u.
func (s *Service) target(ctx context.Context, u *catalog.User, city string, round int) (string, int, error) {
	city = strings.TrimSpace(city)
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if city == "" {
		return "", 0, catalog.Errorf(catalog.EINVALID, "缺少城市代码 city（如 330100 杭州）")
	}
	if _, err := s.cat.City(ctx, city); err != nil {
		if catalog.IsNotFound(err) {
			return "", 0, catalog.AsInvalid(err, "")
		}
		return "", 0, err
	}
	if !u.CanSee(city) {
		return "", 0, catalog.Errorf(catalog.EFORBIDDEN, "只能管理本市（%s）的责任分解", u.City)
	}
	if err := canManage(u, city); err != nil {
		return "", 0, err
	}
	if round == 0 {
		r, err := s.cat.CurrentRound(ctx)
		if err != nil {
			return "", 0, err
		}
		return city, r, nil
	}
	ok, err := s.cat.RoundExists(ctx, round)
	if err != nil {
		return "", 0, err
	}
	if !ok {
		return "", 0, catalog.Errorf(catalog.EINVALID, "监测轮次 %d 不存在", round)
	}
	return city, round, nil
}

// checkTable maps a table's records to rows, naming every bad row.
func (s *Service) checkTable(ctx context.Context, city string, records [][]string) ([]catalog.AssignmentRow, error) {
	if len(records) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "表格为空")
	}
	heading, _ := spreadsheet.FindHeading(records, headingKeys, []string{"indicator", "department", "due"})
	index := heading.Columns
	for _, need := range []struct{ col, zh string }{{"indicator", "指标编码"}, {"department", "责任单位"}, {"due", "截止日期"}} {
		if _, ok := index[need.col]; !ok {
			// Either heading will do: the English names the Chinese one
			// as the Chinese names the English one.
			return nil, catalog.Errorf(catalog.EINVALID, "前 %d 行中没有找到含 %s（%s）列的表头；表头应为：指标编码、责任单位、截止日期、联系人（表头之上的标题行可以保留）",
				spreadsheet.MaxHeadingRow, catalog.Words{Chinese: need.zh, English: need.col}, catalog.Words{Chinese: need.col, English: need.zh})
		}
	}
	cell := func(rec []string, col string) string {
		i, ok := index[col]
		if !ok || i >= len(rec) {
			return ""
		}
		return strings.TrimSpace(rec[i])
	}
	c, err := newChecker(ctx, s.cat, city)
	if err != nil {
		return nil, err
	}
	var rows []catalog.AssignmentRow
	var bad []RowError
	for n, rec := range records[heading.Rows:] {
		line := heading.Rows + n + 1 // as the spreadsheet numbers it
		if strings.TrimSpace(strings.Join(rec, "")) == "" || spreadsheet.IsAside(rec) {
			continue
		}
		r := catalog.AssignmentRow{Indicator: cell(rec, "indicator"), Department: cell(rec, "department"),
			Due: cell(rec, "due"), Contact: cell(rec, "contact")}
		if why := c.check(&r, line); len(why) > 0 {
			bad = append(bad, rowError(line, why))
			continue
		}
		rows = append(rows, r)
	}
	if len(bad) > 0 {
		return nil, newImportError(bad)
	}
	if len(rows) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "表格中没有任务行；表头（第 %d 行）之下应每行一项任务", heading.Rows)
	}
	return rows, nil
}

// checker checks rows against the current framework and the rows before.
type checker struct {
	cityName string
	inds     map[string]catalog.Indicator
	byName   map[string]string // a key indicator's name, spaces taken out → its code ("" when two share it)
	seen     map[string]int    // indicator + department key → first row
}

func newChecker(ctx context.Context, cat *catalog.Store, city string) (*checker, error) {
	c, err := cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	_, inds, err := cat.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	ch := &checker{cityName: c.Name, inds: map[string]catalog.Indicator{}, byName: map[string]string{}, seen: map[string]int{}}
	for _, ind := range inds {
		ch.inds[ind.Code] = ind
		if ind.Level == catalog.KeyLevel {
			name := nameKey(ind.Name)
			if _, two := ch.byName[name]; two {
				ch.byName[name] = ""
			} else {
				ch.byName[name] = ind.Code
			}
		}
	}
	return ch, nil
}

// check tidies r and returns what is wrong with it, each mistake about
// its field of the add-a-task form (none for a row that repeats another).
func (c *checker) check(r *catalog.AssignmentRow, row int) []*catalog.Error {
	var why []*catalog.Error
	wrong := func(field, format string, args ...any) {
		why = append(why, catalog.FieldErrorf(field, catalog.EINVALID, format, args...))
	}
	code, other := c.indicatorCode(r.Indicator)
	r.Indicator = code
	switch ind, ok := c.inds[r.Indicator]; {
	case r.Indicator == "":
		wrong("indicator", "指标编码为空")
	case other != "":
		wrong("indicator", "指标编码 %s 与所写名称不符：所写名称是指标 %s 的名称；请核对编码", code, other)
	case !ok && !unicode.IsDigit(firstRune(r.Indicator)):
		wrong("indicator", "指标 %q 不在当前指标体系中", r.Indicator)
	case !ok:
		wrong("indicator", "指标编码 %q 不在当前指标体系中", r.Indicator)
	case ind.Level != catalog.KeyLevel:
		wrong("indicator", "%s %s 是%d级指标，只能分解关键指标（三级指标）", ind.Code, ind.NameWords(), ind.Level)
	}
	if r.Department == "" {
		wrong("department", "责任单位为空")
	}
	if r.Due == "" {
		wrong("due", "截止日期为空")
	} else if due, ok := ParseDue(r.Due); ok {
		r.Due = due
	} else if DueShape(r.Due) {
		wrong("due", "截止日期 %q 不存在，请检查月和日", r.Due)
	} else {
		wrong("due", "截止日期 %q 无法识别，应为 YYYY-MM-DD（如 2018-03-31）", r.Due)
	}
	if len([]rune(r.Contact)) > maxContactRunes {
		wrong("contact", "联系人超过 %d 字", maxContactRunes)
	}
	if len(why) == 0 {
		key := r.Indicator + "\x00" + catalog.DepartmentKey(c.cityName, r.Department)
		if first, dup := c.seen[key]; dup {
			wrong("", "与第 %d 行重复（同一指标、同一责任单位）", first)
		} else {
			c.seen[key] = row
		}
	}
	return why
}

// maxContactRunes bounds a task's contact.
const maxContactRunes = 200

// indicatorName is ind's name in each language: its English name, or
// the Chinese one when the framework gives none.
// leadingCode is an indicator's code written before its name in one
// cell: "1.1.1 市委市政府出台…", "1.1.1、…".
var leadingCode = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)+`)

// indicatorCode is the code of the indicator a table's cell names, as
// departments write it: the code, the code before the name, or a key
// indicator's name alone (spaces and the width of brackets aside). A
// cell naming none is returned as it is, for the message that says so.
// other is the code of another key indicator whose name follows the code
// (1.1.2 with 1.1.1's name: a mistyped code, not to be taken on trust); a
// name shortened or worded otherwise is left to the code.
func (c *checker) indicatorCode(cell string) (code, other string) {
	if _, ok := c.inds[cell]; ok {
		return cell, ""
	}
	if code := leadingCode.FindString(cell); code != "" {
		if _, ok := c.inds[code]; ok && !unicode.IsDigit(firstRune(cell[len(code):])) {
			named := c.byName[nameKey(strings.TrimLeft(cell[len(code):], " \t\u3000、.．:：-—"))]
			if named != "" && named != code {
				return code, named
			}
			return code, ""
		}
	}
	if code := c.byName[nameKey(cell)]; code != "" {
		return code, ""
	}
	return cell, ""
}

func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// nameKey is an indicator's name as a table's cell is compared with it:
// without spaces, brackets and other forms folded to one width (NFKC:
// （学习） and (学习) alike).
func nameKey(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsSpace(r) {
			return -1
		}
		return r
	}, norm.NFKC.String(s))
}

var (
	isoDate   = regexp.MustCompile(`^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$`)
	hanDate   = regexp.MustCompile(`^(\d{4})年(\d{1,2})月(\d{1,2})日?$`)
	excelDate = regexp.MustCompile(`^(\d{1,2})[-/](\d{1,2})[-/](\d{2})$`) // how excelize shows a date cell: m-d-yy
)

// DueShape reports whether s is written as a date ParseDue reads, day
// or not: 2018-02-30 is, 下月底 is not.
func DueShape(s string) bool {
	s = strings.TrimSpace(s)
	return isoDate.MatchString(s) || hanDate.MatchString(s) || excelDate.MatchString(s)
}

// ParseDue reads a due date as people write it in a table — 2018-03-31,
// 2018/3/31, 2018.3.31, 2018年3月31日, or 03-31-18 as a spreadsheet's
// date cell is read — and returns it as YYYY-MM-DD; ok is false when it
// is none of these or no such day.
func ParseDue(s string) (string, bool) {
	s = strings.TrimSpace(s)
	var y, m, d string
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := hanDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := excelDate.FindStringSubmatch(s); p != nil {
		y, m, d = "20"+p[3], p[1], p[2]
	} else {
		return "", false
	}
	yi, _ := strconv.Atoi(y)
	mi, _ := strconv.Atoi(m)
	di, _ := strconv.Atoi(d)
	t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, time.UTC)
	if t.Year() != yi || int(t.Month()) != mi || t.Day() != di {
		return "", false
	}
	return t.Format("2006-01-02"), true
}
