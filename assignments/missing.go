package assignments

import (
	"bytes"
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/spreadsheet"
)

// Missing returns what a city's departments still owe in a round (0: every
// round): the open, returned and overdue assignments, by department and
// indicator, for the reminder round in the chat group. Admins and the
// city's coordinators only; a coordinator's city is the default, another
// city is ENOTFOUND.
func (s *Service) Missing(ctx context.Context, u *catalog.User, city string, round int) ([]Task, error) {
	city = strings.TrimSpace(city)
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if city == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "请指定城市（参数 city，如 330100）")
	}
	if err := u.SeeObject(city, catalog.ObjectCity, city); err != nil {
		return nil, err
	}
	if err := canManage(u, city); err != nil {
		return nil, err
	}
	all, err := s.List(ctx, u, Filter{City: city, Round: round})
	if err != nil {
		return nil, err
	}
	out := []Task{}
	for _, t := range all {
		if t.Owed() {
			out = append(out, t)
		}
	}
	return out, nil
}

// XLSXType is the media type of the spreadsheets this package writes.
const XLSXType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// MissingFilename names the missing-materials file of a city and round
// for u, as the report and the evidence pack name theirs: by the city's
// name (未交材料-杭州-2018.xlsx), its code only where the catalog has no
// name for it; the city defaults to a coordinator's, as in Missing. In
// English (english true) the file is missing-Hangzhou-2018.xlsx, the city
// named as catalog.CityNameEN knows it (in Chinese where it knows none).
func (s *Service) MissingFilename(ctx context.Context, u *catalog.User, city string, round int, english bool) string {
	city = strings.TrimSpace(city)
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if c, err := s.cat.City(ctx, city); err == nil && strings.TrimSpace(c.Name) != "" {
		city = c.Name
		if en := catalog.CityNameEN(c.Code, c.Name); english && en != "" {
			city = en
		}
	}
	return missingFilename(city, round, english)
}

func missingFilename(city string, round int, english bool) string {
	name := missingLangs[english].filename
	if city != "" {
		name += "-" + city
	}
	if round != 0 {
		name += fmt.Sprintf("-%d", round)
	}
	return name + ".xlsx"
}

// missingWords are the texts of the missing-materials file in one
// language: the file's name, its sheet, the header row (whose fifth
// column's heading is missingWanted's), the three headings of that
// column, its marks, the statuses, the overdue mark and the count of
// documents a coordinator linked.
//
// In a sheet whose other tasks have their own 材料要求, infoMark starts a
// cell that holds the framework's wording: the department must not read
// the generic wording as the city's. remarkMark starts a cell whose
// requirement the table's 备注 gave, read for want of a 材料要求 column:
// the pages label it 备注, and the list must not pass a note off as what
// the city asked for.
type missingWords struct {
	filename, sheet                string
	header                         []any
	infoHeading, ownHeading, mixed string
	infoMark, remarkMark           string
	statuses                       map[catalog.AssignmentStatus]string
	overdue                        string
	linked                         string // a fmt format of the count
	english                        bool
}

// missingLangs are missingWords in Chinese (false) and English (true).
var missingLangs = map[bool]missingWords{
	false: {filename: "未交材料", sheet: "未交材料",
		header:      []any{"责任单位", "联系人", "指标编码", "关键指标", "信息性质说明", "截止日期", "状态", "退回原因", "监测轮次", "协调员已关联"},
		infoHeading: "信息性质说明", ownHeading: "材料要求", mixed: "材料要求（未写明的为指标的信息性质说明）",
		infoMark: "（信息性质说明）", remarkMark: "（备注）",
		statuses: catalog.AssignmentStatusLabels, overdue: " ⚠ 逾期", linked: "%d 份佐证材料（不算部门提交）"},
	true: {filename: "missing", sheet: "Missing",
		header: []any{"Department", "Contact", "Indicator code", "Key indicator", "Nature of information", "Due", "Status",
			"Reason returned", "Monitoring round", "Linked by the coordinator"},
		infoHeading: "Nature of information", ownHeading: "Material required",
		mixed:    "Material required (where none is written, the indicator's nature of information)",
		infoMark: "(nature of information) ", remarkMark: "(remark) ",
		statuses: map[catalog.AssignmentStatus]string{catalog.AssignmentOpen: "Open", catalog.AssignmentSubmitted: "Submitted",
			catalog.AssignmentReturned: "Returned", catalog.AssignmentAccepted: "Accepted"},
		overdue: " ⚠ overdue", linked: "%d {document|documents} of evidence (not handed in by the department)", english: true},
}

// ownWanted is what a task's own requirement says in the list.
func (w missingWords) ownWanted(t Task) string {
	if t.RequirementFromRemark && t.Requirement != "" {
		return w.remarkMark + t.Requirement
	}
	return t.Requirement
}

// info is the indicator's 信息性质说明 in the list's language: its
// English where the framework gives one.
func (w missingWords) info(t Task) string {
	if w.english && t.IndicatorInfoEN != "" {
		return t.IndicatorInfoEN
	}
	return t.IndicatorInfo
}

// missingWanted is the heading of the what-to-provide column and what
// it says for each task: the task's own 材料要求 (from the city's table
// or written by hand), the framework's 信息性质说明 only where there is
// none, the heading saying which the column holds.
func (w missingWords) missingWanted(tasks []Task) (string, func(Task) string) {
	own, generic := false, false
	for _, t := range tasks {
		own = own || t.Requirement != ""
		generic = generic || t.Requirement == "" && t.IndicatorInfo != ""
	}
	switch {
	case !own:
		return w.infoHeading, w.info
	case !generic:
		return w.ownHeading, w.ownWanted
	}
	return w.mixed, func(t Task) string {
		if t.Requirement != "" || t.IndicatorInfo == "" {
			return w.ownWanted(t)
		}
		return w.infoMark + w.info(t)
	}
}

// MissingXLSX writes tasks (as Missing returns them) as a spreadsheet: one
// row per task, the header frozen and filtered; what to provide is the
// task's 材料要求 where it has one (missingWanted). Overdue tasks say ⚠ 逾期
// in the status, so they show without colour; 协调员已关联 counts the
// documents a coordinator linked for the task (Task.Linked, when
// MarkLinked filled it), so the department is not chased for them. Every text that a
// spreadsheet would read as a formula (leading =, +, -, @) is written with
// a leading apostrophe, so a department name or reason cannot run one.
//
// In English (english true) the sheet, headings, statuses and marks are
// English, and the indicator's name and 信息性质说明 where the framework
// has them in English; what the city's table and people wrote stays as
// written.
func MissingXLSX(tasks []Task, english bool) ([]byte, error) {
	w := missingLangs[english]
	f := spreadsheet.NewFile(time.Now())
	defer f.Close()
	sheet := w.sheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := slices.Clone(w.header)
	heading, wanted := w.missingWanted(tasks)
	header[4] = heading
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, err
	}
	for i, t := range tasks {
		status := w.statuses[t.Status]
		if t.Overdue {
			status += w.overdue
		}
		row := []any{neutral(t.Department), neutral(t.Contact), neutral(t.Indicator), neutral(catalog.NameNow(t.IndicatorName, t.IndicatorNameEN, t.IndicatorNow, english)),
			neutral(wanted(t)), t.Due, status, neutral(catalog.TypedText(t.Reason)), t.Round, ""}
		if n := len(t.Linked); n > 0 {
			row[len(row)-1] = fmt.Sprintf(catalog.ChooseForms(w.linked, []any{n}), n)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("write row %d: %w", i+2, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(header), len(tasks)+1)
	if err := f.AutoFilter(sheet, "A1:"+last, nil); err != nil {
		return nil, err
	}
	f.SetColWidth(sheet, "A", "B", 18)
	f.SetColWidth(sheet, "D", "E", 40)
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, fmt.Errorf("encode missing xlsx: %w", err)
	}
	return buf.Bytes(), nil
}

// neutral keeps a text from being read as a formula by a spreadsheet.
func neutral(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}
