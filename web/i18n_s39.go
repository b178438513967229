package web

import "github.com/lcmonitor/evidence/catalog"

// s39Messages are the words of the copy form's new due date, the version
// notice's dismissal and the upload form's 责任单位 hint for a
// coordinator, kept apart from i18n.go so that they merge cleanly.
var s39Messages = map[string]map[Lang]string{
	"assignments.copy_due": {Chinese: "本轮新的截止日期", English: "New due date for this round"},
	"assignments.copy_due_note": {Chinese: "顺延后已过期的任务改用这个日期，未过期的仍按顺延后的日期；有已过期的任务时必须填写。",
		English: "Tasks whose shifted date is already past are due on this day instead; the others keep their shifted date. Needed when a shifted date is past."},
	"doc.versions_dismiss": {Chinese: "知道了，本文档不再提示", English: "Got it, don't show this for this document again"},
	"upload.department.note_city": {Chinese: "可选：填写提供这份材料的责任单位，文档页会标明，便于核对材料来源；须是本市责任单位名单中的单位（输入时可从名单中选择；名单在“责任分解”页的“管理责任单位名单”中维护），名单外的名称无法上传；留空则不记责任单位。",
		English: "Optional: the department that provided this material, shown on the document's page so that its source can be checked. It must be on the city's list of departments (pick it as you type; the list is kept under “Manage the list of departments” on the Responsibilities page): a name off the list is refused. Left empty, no department is recorded."},
	"upload.department.note_city_own": {Chinese: "可选：填写提供这份材料的责任单位，文档页会标明，便于核对材料来源；须是本市责任单位名单中的单位（输入时可从名单中选择；名单在“责任分解”页的“管理责任单位名单”中维护），名单外的名称无法上传；留空则记为您账号的责任单位“%s”。",
		English: "Optional: the department that provided this material, shown on the document's page so that its source can be checked. It must be on the city's list of departments (pick it as you type; the list is kept under “Manage the list of departments” on the Responsibilities page): a name off the list is refused. Left empty, it is filed under your account's department, “%s”."},
	"assignments.copy_redated": {Chinese: "；其中 %d 项顺延后已过期，截止日期改为 %s", English: "; %d {was|were} past due once shifted, now due on %s"},
}

func init() {
	for k, m := range s39Messages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
