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
// name for it; the city defaults to a coordinator's, as in Missing.
func (s *Service) MissingFilename(ctx context.Context, u *catalog.User, city string, round int) string {
	city = strings.TrimSpace(city)
	if city == "" && u.Role == catalog.RoleCoordinator {
		city = u.City
	}
	if c, err := s.cat.City(ctx, city); err == nil && strings.TrimSpace(c.Name) != "" {
		city = c.Name
	}
	return missingFilename(city, round)
}

func missingFilename(city string, round int) string {
	name := "未交材料"
	if city != "" {
		name += "-" + city
	}
	if round != 0 {
		name += fmt.Sprintf("-%d", round)
	}
	return name + ".xlsx"
}

// missingHeader is the header row of the missing-materials sheet; its
// fifth column's heading is missingWanted's.
var missingHeader = []any{"责任单位", "联系人", "指标编码", "关键指标", "信息性质说明", "截止日期", "状态", "退回原因", "监测轮次", "协调员已关联"}

// infoMark starts a cell of the what-to-provide column that holds the
// framework's wording in a sheet whose other tasks have their own
// 材料要求: the department must not read the generic wording as the
// city's.
const infoMark = "（信息性质说明）"

// remarkMark starts a cell whose requirement the table's 备注 gave, read
// for want of a 材料要求 column: the pages label it 备注, and the list
// must not pass a note off as what the city asked for.
const remarkMark = "（备注）"

// ownWanted is what a task's own requirement says in the list.
func ownWanted(t Task) string {
	if t.RequirementFromRemark && t.Requirement != "" {
		return remarkMark + t.Requirement
	}
	return t.Requirement
}

// missingWanted is the heading of the what-to-provide column and what
// it says for each task: the task's own 材料要求 (from the city's table
// or written by hand), the framework's 信息性质说明 only where there is
// none, the heading saying which the column holds.
func missingWanted(tasks []Task) (string, func(Task) string) {
	own, generic := false, false
	for _, t := range tasks {
		own = own || t.Requirement != ""
		generic = generic || t.Requirement == "" && t.IndicatorInfo != ""
	}
	switch {
	case !own:
		return "信息性质说明", func(t Task) string { return t.IndicatorInfo }
	case !generic:
		return "材料要求", ownWanted
	}
	return "材料要求（未写明的为指标的信息性质说明）", func(t Task) string {
		if t.Requirement != "" || t.IndicatorInfo == "" {
			return ownWanted(t)
		}
		return infoMark + t.IndicatorInfo
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
func MissingXLSX(tasks []Task) ([]byte, error) {
	f := spreadsheet.NewFile(time.Now())
	defer f.Close()
	const sheet = "未交材料"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	header := slices.Clone(missingHeader)
	heading, wanted := missingWanted(tasks)
	header[4] = heading
	if err := f.SetSheetRow(sheet, "A1", &header); err != nil {
		return nil, err
	}
	for i, t := range tasks {
		status := catalog.AssignmentStatusLabels[t.Status]
		if t.Overdue {
			status += " ⚠ 逾期"
		}
		row := []any{neutral(t.Department), neutral(t.Contact), neutral(t.Indicator), neutral(catalog.NameNow(t.IndicatorName, "", t.IndicatorNow, false)),
			neutral(wanted(t)), t.Due, status, neutral(catalog.TypedText(t.Reason)), t.Round, ""}
		if n := len(t.Linked); n > 0 {
			row[len(row)-1] = fmt.Sprintf("%d 份佐证材料（不算部门提交）", n)
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := f.SetSheetRow(sheet, cell, &row); err != nil {
			return nil, fmt.Errorf("write row %d: %w", i+2, err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return nil, err
	}
	last, _ := excelize.CoordinatesToCellName(len(missingHeader), len(tasks)+1)
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
