package assignments

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// A city's responsibility table often says, row by row, what material it
// wants from the department (材料要求: 学分银行相关政策文件及实施情况), more
// precisely than the framework's wording for the indicator (制度文件、试点
// 方案、典型案例). The import keeps it on the task (catalog.Assignment's
// Requirement), and every list of tasks shows it first.

// maxRequirementRunes bounds a task's requirement: a city's cell is a
// line or a short list (学分银行相关政策文件及实施情况); one longer than a
// page is a paste gone wrong, or a whole document in a cell, and every
// task list shows it in full.
const maxRequirementRunes = 2000

// requirementColumn is the field of the column a table's rows say what
// is wanted in: its requirement column, else its 备注.
func requirementColumn(index map[string]int) (string, bool) {
	for _, col := range []string{"requirement", "remark"} {
		if _, ok := index[col]; ok {
			return col, true
		}
	}
	return "", false
}

// requirementText is a requirement cell as a task keeps it: its lines
// (a cell may list materials one a line) without the spaces around them
// or the empty ones between, and without control characters, which no
// city means to write (a paste from another program leaves them).
func requirementText(cell string) string {
	cell = strings.Map(func(r rune) rune {
		if r != '\n' && r != '\r' && unicode.IsControl(r) {
			return -1
		}
		return r
	}, cell)
	var lines []string
	for line := range strings.Lines(strings.ReplaceAll(cell, "\r", "\n")) {
		if line = strings.TrimSpace(line); line != "" {
			lines = append(lines, line)
		}
	}
	return strings.Join(lines, "\n")
}

// rowRequirement is the requirement a row's cell of column col sets on
// its task, nil to leave the task's as it was: a 备注 (read only for want
// of a requirement column) that does not read as one (remarkAsks) says
// nothing of the material, and a table whose 备注 is blank or says 已完成
// would otherwise clear or overwrite what an earlier table's 材料要求
// asked for. An empty cell of a requirement column clears it.
func rowRequirement(col, cell string) *string {
	w := requirementText(cell)
	if col == "remark" && !remarkAsks(w) {
		return nil
	}
	return &w
}

// remarkStatuses are the words a 备注 holds alone that say how a task
// stands or who leads it, never what material it wants.
var remarkStatuses = []string{"已完成", "完成", "未完成", "已提交", "已报送", "牵头", "牵头单位", "配合", "配合单位",
	"无", "暂无", "同上", "待定", "是", "否"}

// remarkPhone is a telephone number in a 备注 (0574-87654321, 13800138000):
// a contact's, which a 备注 beside no 联系人 column holds.
var remarkPhone = regexp.MustCompile(`\d{3,4}-\d{7,8}|1\d{10}`)

// remarkAsks reports whether a 备注's text w reads as a requirement: at
// least four Han characters besides a date's 年月日 (学习档案系统截图;
// not 2018年3月31日, 牵头), no bare status word (已完成) and no telephone
// number. A 备注 that fails is left out, where it was shown to the
// department as 本市材料要求.
func remarkAsks(w string) bool {
	bare := strings.TrimRight(strings.TrimSpace(w), "。.；;！!")
	if slices.Contains(remarkStatuses, bare) || remarkPhone.MatchString(w) {
		return false
	}
	han := 0
	for _, r := range w {
		if unicode.Is(unicode.Han, r) && !strings.ContainsRune("年月日号", r) {
			han++
		}
	}
	return han >= 4
}

// RequirementByHand is the source of a task's requirement written on the
// board's form or sent to the API (catalog.Assignment's
// RequirementSource), where an import's is its table's column
// (catalog.AssignmentImport's RequirementColumn); an answer names it so.
const RequirementByHand = "手工填写"

// handRequirement sets on r the requirement a coordinator wrote for one
// task, tidied as a table's cell is; nil leaves r's unset, and so the
// task's as it was. One over the cap is the form's mistake, said for the
// form (a table's says to import again).
func handRequirement(r *catalog.AssignmentRow, written *string) *catalog.Error {
	if written == nil {
		return nil
	}
	w := requirementText(*written)
	if n := utf8.RuneCountInString(w); n > maxRequirementRunes {
		return catalog.FieldErrorf("requirement", catalog.EINVALID,
			"材料要求有 %d 字，超过 %d 字的上限；请精简后再保存（详细说明可作为附件另行发给责任单位）", n, maxRequirementRunes)
	}
	r.Requirement, r.RequirementSource = &w, RequirementByHand
	return nil
}
