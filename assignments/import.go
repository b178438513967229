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
var columns = remarks(map[string]string{
	"indicator": "indicator", "指标编码": "indicator", "指标": "indicator", "编码": "indicator", "code": "indicator",
	"关键指标": "indicator", "指标代码": "indicator", "指标序号": "indicator", "指标编号": "indicator",
	// The UI says 责任单位; a table from elsewhere may say 报送部门 or 部门.
	"department": "department", "责任单位": "department", "责任部门": "department", "部门": "department",
	"报送部门": "department", "报送单位": "department",
	"牵头单位": "department", "牵头部门": "department", "责任处室": "department", "承办单位": "department", "责任主体": "department",
	"due": "due", "截止日期": "due", "截止时间": "due", "完成时限": "due", "完成时间": "due", "完成期限": "due", "时间节点": "due",
	"contact": "contact", "联系人": "contact", "联系人及电话": "contact", "联系人及联系方式": "contact",
	// What the city asks the department to hand in, in its words: shown
	// on the task before the framework's wording for the indicator.
	"requirement": "requirement", "requirements": "requirement", "material": "requirement", "materials": "requirement",
	"材料要求": "requirement", "佐证材料要求": "requirement", "佐证材料": "requirement", "佐证材料说明": "requirement",
	"报送材料": "requirement", "报送材料要求": "requirement", "提交材料": "requirement", "所需材料": "requirement",
	"材料说明": "requirement", "信息性质说明": "requirement", "工作要求": "requirement", "具体要求": "requirement",
	// 备注 often holds what is wanted too, and is read so only where the
	// table has none of the columns above: its headings are
	// catalog.RemarkHeadings (remarks), which a task's requirement source
	// is told by.
	// Cooperating units are read only to say that they were not imported:
	// a task is owed by the departments that answer for the indicator.
	"cooperating": "cooperating", "配合单位": "cooperating", "配合部门": "cooperating", "协办单位": "cooperating",
	"协作单位": "cooperating", "参与单位": "cooperating",
})

// remarks adds to columns the headings of a 备注 column: the catalog's,
// so that a requirement read from one is told as a 备注 wherever a task
// is read.
func remarks(columns map[string]string) map[string]string {
	for _, h := range catalog.RemarkHeadings() {
		columns[h] = "remark"
	}
	return columns
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
	// RemoveMissing deletes the round's tasks that the table no longer
	// lists (a corrected table after a wrong one), except those with
	// files handed in or accepted, which are kept and named.
	RemoveMissing bool
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
	var zh, en []string
	for _, e := range why {
		// Two departments of one cell may repeat the same row.
		if !slices.Contains(zh, e.Message) {
			zh, en = append(zh, e.Message), append(en, e.English)
		}
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
// optional 联系人/contact and 材料要求/requirement — or 信息性质说明,
// 报送材料, 工作要求, else 备注) for a city and round on behalf of an admin or
// the city's coordinator, and stores it all or not at all. A cell naming
// several departments gives each its own task (SplitDepartments).
// Departments new to the city's list are added to it; a row for an
// existing task replaces its due date, contact and, when the table has
// a requirement column, requirement. The round's tasks the
// table does not list are named in NotInTable, or deleted with
// RemoveMissing when nothing was handed in for them.
func (s *Service) Import(ctx context.Context, u *catalog.User, req ImportRequest) (*catalog.AssignmentImport, error) {
	city, round, err := s.target(ctx, u, req.City, req.Round)
	if err != nil {
		return nil, err
	}
	records, err := framework.ReadTable(ctx, req.Filename, req.Data, s.xls)
	if err != nil {
		return nil, err
	}
	table, err := s.checkTable(ctx, city, round, records)
	if err != nil {
		return nil, err
	}
	imp, err := s.cat.ImportAssignments(ctx, city, round, table.rows, u.Username)
	if err != nil {
		return nil, err
	}
	imp.IgnoredColumns, imp.IgnoredUnits, imp.Folded = table.ignored, table.units, table.folded
	imp.Matched = table.matched
	imp.RequirementColumn, imp.RequirementFromRemark = table.requirement, table.fromRemark
	if err := s.sortOutMissing(ctx, u, imp, city, round, req.RemoveMissing); err != nil {
		return nil, err
	}
	if imp.Combined, err = s.combinedDepartments(ctx, city, imp); err != nil {
		return nil, err
	}
	if imp.Unreceived, err = s.unreceived(ctx, city, imp.Assignments); err != nil {
		return nil, err
	}
	return imp, nil
}

// combinedDepartments are the departments of city's list that imp's
// table splits (AssignmentImport.Combined): a name of two or more
// departments (SplitDepartments), each of them named by the table, that
// no account or hand-in refers to and whose tasks, if any, are all among
// those NotInTable that may be removed.
func (s *Service) combinedDepartments(ctx context.Context, city string, imp *catalog.AssignmentImport) ([]catalog.Department, error) {
	c, err := s.cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	named := map[string]bool{}
	for _, a := range imp.Assignments {
		named[catalog.DepartmentKey(c.Name, a.Department)] = true
	}
	removable := map[string]int{}
	for _, a := range imp.NotInTable {
		if !HasHandIns(&a) {
			removable[a.DepartmentID]++
		}
	}
	list, err := s.cat.Departments(ctx, city)
	if err != nil {
		return nil, err
	}
	var out []catalog.Department
	for _, d := range list {
		parts := SplitDepartments(d.Name)
		if len(parts) < 2 || d.Accounts > 0 || d.HandIns > 0 || d.Assignments > removable[d.ID] {
			continue
		}
		split := true
		for _, p := range parts {
			split = split && named[catalog.DepartmentKey(c.Name, p)]
		}
		if split {
			out = append(out, d)
		}
	}
	return out, nil
}

// sortOutMissing finds the round's tasks that the table just imported
// does not list and, with remove, deletes those nothing is handed in for.
// A task with files handed in or accepted is never removed so: it stays
// in NotInTable, for the coordinator to settle on the board.
func (s *Service) sortOutMissing(ctx context.Context, u *catalog.User, imp *catalog.AssignmentImport, city string, round int, remove bool) error {
	all, err := s.cat.FindAssignments(ctx, catalog.AssignmentFilter{City: city, Round: round})
	if err != nil {
		return err
	}
	listed := make(map[string]bool, len(imp.Assignments))
	for _, a := range imp.Assignments {
		listed[a.ID] = true
	}
	for _, a := range all {
		if listed[a.ID] {
			continue
		}
		if !remove || HasHandIns(&a) {
			imp.NotInTable = append(imp.NotInTable, a)
			continue
		}
		switch _, err := s.cat.DeleteAssignment(ctx, a.ID, u.Username); {
		case err == nil:
		case catalog.IsNotFound(err): // deleted meanwhile
			continue
		case catalog.ErrorCode(err) == catalog.ECONFLICT:
			// A hand-in begun since the list was read: the task stays,
			// named among those not in the table.
			imp.NotInTable = append(imp.NotInTable, a)
			continue
		default:
			return fmt.Errorf("remove task %s not in the table: %w", a.ID, err)
		}
		imp.Removed = append(imp.Removed, a)
	}
	return nil
}

// HasHandIns reports whether a task holds files a department handed in
// (and the coordinator did not return) or was accepted: such a task is
// not removed because a corrected table leaves it out.
func HasHandIns(a *catalog.Assignment) bool {
	return a.Status == catalog.AssignmentAccepted || len(a.HandedIn()) > 0
}

// target checks the city and round of a change on behalf of u.
func (s *Service) target(ctx context.Context, u *catalog.User, city string, round int) (string, int, error) {
	city = strings.TrimSpace(city)
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if city == "" {
		return "", 0, catalog.Errorf(catalog.EINVALID, "缺少城市代码（如 330100 杭州）")
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
		r, err := s.cat.BlankRound(ctx, "round")
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

// checkedTable is a table's rows, checked, one per task, and the
// headings of the columns read but not imported.
type checkedTable struct {
	rows        []catalog.AssignmentRow
	requirement string // the heading of the column read as the tasks' requirement, "" for none
	fromRemark  bool   // that column is the 备注
	ignored     []string
	units       []catalog.IgnoredUnit // the units of the ignored columns
	folded      []catalog.FoldedName  // names with a note imported as another
	matched     []catalog.FoldedName  // names written otherwise than the list's department they were imported as
}

// checkTable maps a table's records to rows, one per department a cell
// names, naming every bad row; a due date without a year is in round's.
func (s *Service) checkTable(ctx context.Context, city string, round int, records [][]string) (*checkedTable, error) {
	if len(records) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "表格为空")
	}
	// 关键指标 and 指标 are the code's column only where no 指标编码,
	// 指标编号 and the like is: beside one, they hold the name
	// (nameHeadings), whichever column comes first.
	heading, _ := spreadsheet.FindHeading(records, headingKeys, []string{"indicator", "department", "due"}, "关键指标", "指标")
	index := heading.Columns
	for _, need := range []struct{ col, zh string }{{"indicator", "指标编码"}, {"department", "责任单位"}, {"due", "截止日期"}} {
		if _, ok := index[need.col]; !ok {
			if spreadsheet.Misdecoded(records[:min(len(records), spreadsheet.MaxHeadingRow)]) {
				return nil, catalog.Errorf(catalog.EINVALID, "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入")
			}
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
	c, err := newChecker(ctx, s.cat, city, round)
	if err != nil {
		return nil, err
	}
	nameColumn := indicatorNameColumn(records, heading)
	wanted, hasWanted := requirementColumn(index)
	var names []string
	for _, rec := range records[heading.Rows:] {
		names = append(names, SplitDepartments(cell(rec, "department"))...)
	}
	folds, err := s.noteFolds(ctx, city, c.cityName, names)
	if err != nil {
		return nil, err
	}
	out := &checkedTable{}
	if hasWanted {
		out.fromRemark = wanted == "remark"
		fallback := "材料要求"
		if out.fromRemark {
			fallback = "备注"
		}
		out.requirement = headingWords(records, heading, wanted, fallback)
	}
	folded := map[string]bool{}
	listed := map[string]string{} // a name written → the list's name of its department ("" when none or the same)
	units := map[string]int{}     // a cooperating unit → its place in out.units
	cooperating := false
	var bad []RowError
	for n, rec := range records[heading.Rows:] {
		line := heading.Rows + n + 1 // as the spreadsheet numbers it
		if strings.TrimSpace(strings.Join(rec, "")) == "" || spreadsheet.IsAside(rec) {
			continue
		}
		r := catalog.AssignmentRow{Indicator: cell(rec, "indicator"), Department: cell(rec, "department"),
			Due: cell(rec, "due"), Contact: cell(rec, "contact")}
		if hasWanted {
			r.Requirement = rowRequirement(wanted, cell(rec, wanted))
			r.RequirementSource = out.requirement
		}
		cooperating = cooperating || cell(rec, "cooperating") != ""
		why := c.check(&r)
		if nameColumn >= 0 && nameColumn < len(rec) {
			why = c.checkNamed(why, r.Indicator, rec[nameColumn])
		}
		var tasks []catalog.AssignmentRow
		if len(why) == 0 {
			inRow := map[string]bool{}
			for _, dept := range SplitDepartments(r.Department) {
				task := r
				task.Department = dept
				if f, ok := folds[dept]; ok {
					task.Department = f.As
					if !folded[dept] {
						folded[dept] = true
						out.folded = append(out.folded, f)
					}
				}
				as, seen := listed[task.Department]
				if !seen {
					switch d, err := s.cat.DepartmentByName(ctx, city, task.Department); {
					case err == nil && d.Name != task.Department:
						as = d.Name
						out.matched = append(out.matched, catalog.FoldedName{Written: task.Department, As: as})
					case err != nil && !catalog.IsNotFound(err):
						return nil, err
					}
					listed[task.Department] = as
				}
				// 市教育局（市语委办）、市教育局 in one cell is one task.
				key := catalog.DepartmentKey(c.cityName, task.Department)
				if inRow[key] {
					continue
				}
				inRow[key] = true
				if e := c.repeats(task, line); e != nil {
					why = append(why, e)
					continue
				}
				tasks = append(tasks, task)
			}
		}
		if len(why) > 0 {
			bad = append(bad, rowError(line, why))
			continue
		}
		out.rows = append(out.rows, tasks...)
		for _, unit := range SplitDepartments(cell(rec, "cooperating")) {
			i, ok := units[unit]
			if !ok {
				i, units[unit] = len(out.units), len(out.units)
				out.units = append(out.units, catalog.IgnoredUnit{Name: unit})
			}
			if !slices.Contains(out.units[i].Indicators, r.Indicator) {
				out.units[i].Indicators = append(out.units[i].Indicators, r.Indicator)
			}
		}
	}
	if len(bad) > 0 {
		return nil, newImportError(bad)
	}
	if len(out.rows) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "表格中没有任务行；表头（第 %d 行）之下应每行一项任务", heading.Rows)
	}
	if cooperating {
		out.ignored = append(out.ignored, headingWords(records, heading, "cooperating", "配合单位"))
	}
	return out, nil
}

// headingWords is the heading of col as the table writes it (its
// lowest row), or fallback when that cell is empty.
func headingWords(records [][]string, h spreadsheet.Heading, col, fallback string) string {
	i := h.Columns[col]
	if h.Rows > 0 && i < len(records[h.Rows-1]) {
		if w := strings.Join(strings.Fields(records[h.Rows-1][i]), ""); w != "" {
			return w
		}
	}
	return fallback
}

// nameHeadings are the headings of a column that names a row's key
// indicator in words beside its code: 关键指标 is the code's column in a
// table without 指标编码, its name's column in one with it.
var nameHeadings = []string{"关键指标", "指标名称", "指标内容", "指标名", "name"}

// indicatorNameColumn is the column of a table that names each row's
// indicator in words, apart from the column its code is read from, or
// -1 when it has none.
func indicatorNameColumn(records [][]string, h spreadsheet.Heading) int {
	if h.Rows == 0 {
		return -1
	}
	codes, ok := h.Columns["indicator"]
	if !ok {
		return -1
	}
	for i, word := range records[h.Rows-1] {
		if i != codes && slices.Contains(nameHeadings, spreadsheet.HeadingKey(word)) {
			return i
		}
	}
	return -1
}

// checkNamed adds to a row's mistakes what its indicator's name, written
// in a column of its own, says of its code: a code that is no key
// indicator's while the name is one's (3.1.l for 3.1.1, or the level-2
// 3.1 a typo left) is named with the code the name gives; a key
// indicator's code beside another's name is a mismatch. A name that is
// no key indicator's word for word says nothing: tables shorten names.
func (c *checker) checkNamed(why []*catalog.Error, code, name string) []*catalog.Error {
	named := c.byName[nameKey(name)]
	if named == "" || named == code {
		return why
	}
	ind := c.inds[named]
	suggestion := catalog.FieldErrorf("indicator", catalog.EINVALID, "指标编码“%s”与所写指标名称不符：按名称“%s”应为 %s，请核对编码",
		code, ind.NameWords(), named)
	for i, e := range why {
		if e.Field == "indicator" {
			// The code's own mistake (not in the framework, a level-2
			// indicator) is this one, said with the code it should be.
			why[i] = suggestion
			return why
		}
	}
	return append(why, suggestion)
}

// checker checks rows against the current framework and the rows before.
type checker struct {
	round    int // the year of a due date written without one
	cityName string
	inds     map[string]catalog.Indicator
	byName   map[string]string // a key indicator's name, spaces taken out → its code ("" when two share it)
	seen     map[string]int    // indicator + department key → first row
}

func newChecker(ctx context.Context, cat *catalog.Store, city string, round int) (*checker, error) {
	c, err := cat.City(ctx, city)
	if err != nil {
		return nil, err
	}
	_, inds, err := cat.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	ch := &checker{round: round, cityName: c.Name, inds: map[string]catalog.Indicator{}, byName: map[string]string{}, seen: map[string]int{}}
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
// its field of the add-a-task form.
func (c *checker) check(r *catalog.AssignmentRow) []*catalog.Error {
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
	if len(SplitDepartments(r.Department)) == 0 {
		wrong("department", "责任单位为空")
	}
	if r.Due == "" {
		wrong("due", "截止日期为空")
	} else if due, ok := ParseDueIn(r.Due, c.round); ok {
		r.Due = due
	} else if DueShape(r.Due) {
		wrong("due", "截止日期 %q 不存在，请检查月和日", r.Due)
	} else {
		wrong("due", "截止日期 %q 无法识别；可写为 2018-03-31、2018/3/31、2018.3.31、2018年3月31日、2018年3月底（该月最后一天），或不写年份的 3月31日、3-31（按本轮 %d 年）",
			r.Due, c.round)
	}
	if len([]rune(r.Contact)) > maxContactRunes {
		wrong("contact", "联系人超过 %d 字", maxContactRunes)
	}
	if r.Requirement != nil && utf8.RuneCountInString(*r.Requirement) > maxRequirementRunes {
		wrong("requirement", "材料要求有 %d 字，超过 %d 字的上限；请精简（详细说明可作为附件另行发给责任单位）后重新导入",
			utf8.RuneCountInString(*r.Requirement), maxRequirementRunes)
	}
	return why
}

// repeats says which earlier row r repeats (the same indicator for the
// same department), or records r as the first; nil when it is the first.
func (c *checker) repeats(r catalog.AssignmentRow, row int) *catalog.Error {
	key := r.Indicator + "\x00" + catalog.DepartmentKey(c.cityName, r.Department)
	if first, dup := c.seen[key]; dup {
		return catalog.FieldErrorf("", catalog.EINVALID, "与第 %d 行重复（同一指标、同一责任单位）", first)
	}
	c.seen[key] = row
	return nil
}

// departmentSeparators part the departments one cell names: 、，,;；/
// and line breaks or spaces between names.
const departmentSeparators = "、，,;；/／\n\r\t \u3000"

// bracketPairs open and close the brackets a department's name may hold
// a separator inside: 各区、县（市）政府.
var bracketPairs = map[rune]rune{'（': '）', '(': ')', '【': '】', '[': ']', '〔': '〕', '《': '》', '“': '”'}

// bodyEndings end the name of a body that answers for a task (局, 委,
// 政府, 办公厅, 大学 …); a 各… piece without one is the start of a name.
const bodyEndings = "局委办府院会厅部室校学团联协社处心站所馆司行队"

// enumerationUnderEach reports whether piece, written before a 、, is the
// head of an enumeration under one 各 (各区、县（市）政府) rather than a
// department of its own.
func enumerationUnderEach(piece string) bool {
	piece = strings.TrimSpace(piece)
	last, _ := utf8.DecodeLastRuneInString(piece)
	return strings.HasPrefix(piece, "各") && !strings.ContainsRune(bodyEndings, last)
}

// SplitDepartments parts a 责任单位 cell into the departments it names,
// each trimmed, in the order written, each once: "市教育局、市人力社保局",
// "市财政局⏎市教育局" are two. A separator inside brackets belongs to the
// name (各区（县、市）政府), and so does a 、 after a 各… that names no
// body yet: 各区、县（市）政府 is one, the governments of every district
// and county, not 各区 and 县（市）政府. A space parts Chinese names
// (市教育局 市文广新局) but not the words of a Latin one: "Education
// Bureau" is one department, written with one space (latinWordSpace).
func SplitDepartments(cell string) []string {
	var out []string
	var name strings.Builder
	var open []rune // the closing brackets awaited, innermost last
	flush := func() {
		if n := strings.TrimSpace(name.String()); n != "" && !slices.Contains(out, n) {
			out = append(out, n)
		}
		name.Reset()
	}
	runes := []rune(cell)
	for i := 0; i < len(runes); i++ {
		r := runes[i]
		if len(open) == 0 && isLineSpace(r) {
			next := i
			for next < len(runes) && isLineSpace(runes[next]) {
				next++
			}
			if next < len(runes) && latinWordSpace(name.String(), runes[next]) {
				name.WriteRune(' ')
				i = next - 1
				continue
			}
		}
		switch {
		case len(open) > 0 && r == open[len(open)-1]:
			open = open[:len(open)-1]
		case bracketPairs[r] != 0:
			open = append(open, bracketPairs[r])
		case len(open) == 0 && r == '、' && enumerationUnderEach(name.String()):
		case len(open) == 0 && strings.ContainsRune(departmentSeparators, r):
			flush()
			continue
		}
		name.WriteRune(r)
	}
	flush()
	return out
}

// isLineSpace is white space within a line: a line break always parts
// two departments.
func isLineSpace(r rune) bool { return r == ' ' || r == '\t' || r == '\u3000' }

// latinWordSpace reports whether a space between before (the name so far)
// and next joins two words of one Latin name (Education Bureau, Dept. of
// Culture) rather than parting two names: the name so far ends in a
// Latin character and a Latin letter or digit follows.
func latinWordSpace(before string, next rune) bool {
	last, _ := utf8.DecodeLastRuneInString(before)
	return last != utf8.RuneError && last < utf8.RuneSelf && !unicode.IsSpace(last) &&
		next < utf8.RuneSelf && (unicode.IsLetter(next) || unicode.IsDigit(next))
}

// maxContactRunes bounds a task's contact.
const maxContactRunes = 200

// indicatorName is ind's name in each language: its English name, or
// the Chinese one when the framework gives none.
// leadingCode is an indicator's code written before its name in one
// cell: "1.1.1 市委市政府出台…", "1.1.1、…".
var leadingCode = regexp.MustCompile(`^[0-9]+(?:\.[0-9]+)+`)

// outlineMark is the mark of an outline's item written before a cell's
// code: （二）, (2), 二、, ①, and the Arabic 1、, 1), 1. (the dot only with
// a space after it: 1.1.1 is a code, never the mark 1. before 1.1).
var outlineMark = regexp.MustCompile(`^[\s\x{3000}]*(?:[（(][一二三四五六七八九十0-9０-９]+[)）]|[一二三四五六七八九十]+[、.．]|[\x{2460}-\x{2473}]|[0-9０-９]+(?:[、)）]|[.．][\s\x{3000}]+))[\s\x{3000}]*`)

// arabicMark tells an outlineMark of Arabic numerals (1、, 1), 1. ) from
// the others, which begin with a bracket, a Chinese numeral or a circled
// digit.
var arabicMark = regexp.MustCompile(`^[\s\x{3000}]*[0-9０-９]`)

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
	if rest := outlineMark.ReplaceAllString(cell, ""); rest != cell && rest != "" {
		// （二）3.1.2: the outline's mark the table's drafter numbered
		// the row with, then the code. After an Arabic mark only a key
		// indicator's code is read: 1、2 and 3. 1.2 are more likely 1.2
		// and 3.1.2 mistyped than a row naming indicator 2 or 1.2, and
		// are refused as written.
		if code, other := c.indicatorCode(rest); code != "" {
			if ind, ok := c.inds[code]; ok && (ind.Level == catalog.KeyLevel || !arabicMark.MatchString(cell)) {
				return code, other
			}
		}
	}
	written := cell
	cell = catalog.CodeAsTyped(cell)
	if _, ok := c.inds[cell]; ok {
		return cell, ""
	}
	if code := leadingCode.FindString(cell); code != "" && !codeGoesOn(cell[len(code):]) {
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
	return written, ""
}

// codeGoesOn reports whether rest, what follows a code's digits in a
// cell, carries the code on (3.1 then .l, a letter typed for a digit):
// the cell names no indicator by that shorter code.
func codeGoesOn(rest string) bool {
	r, size := utf8.DecodeRuneInString(rest)
	if r != '.' && r != '．' {
		return false
	}
	next := firstRune(rest[size:])
	return unicode.IsLetter(next) && next < utf8.RuneSelf || unicode.IsDigit(next)
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
	// A month's end, with or without its year: 2026年12月底, 12月底, 2026年底.
	monthEnd = regexp.MustCompile(`^(?:(\d{4})年)?(\d{1,2})月(?:底|末)$`)
	yearEnd  = regexp.MustCompile(`^(\d{4})年(?:底|末)$`)
	// A day without its year: 12月31日, 12-31, 12/31.
	dayOnly = regexp.MustCompile(`^(\d{1,2})(?:月|[-/])(\d{1,2})日?$`)
)

// DueShape reports whether s is written as a date ParseDue reads, day
// or not: 2018-02-30 is, 下月底 is not.
func DueShape(s string) bool {
	s = strings.TrimSpace(s)
	return isoDate.MatchString(s) || hanDate.MatchString(s) || excelDate.MatchString(s) ||
		monthEnd.MatchString(s) || dayOnly.MatchString(s)
}

// ParseDue reads a due date as people write it in a table — 2018-03-31,
// 2018/3/31, 2018.3.31, 2018年3月31日, or 03-31-18 as a spreadsheet's
// date cell is read — and returns it as YYYY-MM-DD; ok is false when it
// is none of these or no such day.
func ParseDue(s string) (string, bool) {
	return ParseDueIn(s, 0)
}

// ParseDueIn is ParseDue with the forms a responsibility table writes
// too: a month's end, 2026年12月底 (its last day) or 2026年底, and, when
// year is not 0, a date without its year in year (the round's: a table
// is made for its round), 12月31日, 12-31, 12月底.
func ParseDueIn(s string, year int) (string, bool) {
	s = strings.TrimSpace(s)
	var y, m, d string
	if p := isoDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := hanDate.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], p[2], p[3]
	} else if p := excelDate.FindStringSubmatch(s); p != nil {
		y, m, d = "20"+p[3], p[1], p[2]
	} else if p := yearEnd.FindStringSubmatch(s); p != nil {
		y, m, d = p[1], "12", "31"
	} else if p := monthEnd.FindStringSubmatch(s); p != nil && (p[1] != "" || year != 0) {
		y, m = p[1], p[2]
		if y == "" {
			y = strconv.Itoa(year)
		}
		mi, _ := strconv.Atoi(m)
		if mi < 1 || mi > 12 {
			return "", false
		}
		yi, _ := strconv.Atoi(y)
		// Day 0 of the month after is the month's last day.
		return time.Date(yi, time.Month(mi)+1, 0, 0, 0, 0, 0, time.UTC).Format("2006-01-02"), true
	} else if p := dayOnly.FindStringSubmatch(s); p != nil && year != 0 {
		y, m, d = strconv.Itoa(year), p[1], p[2]
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
