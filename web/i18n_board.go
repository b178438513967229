package web

import "github.com/lcmonitor/evidence/catalog"

// The words of the collection board (责任分解) about documents a
// coordinator linked, kept apart from i18n.go so that they merge cleanly;
// they join messages at start-up, with full-width punctuation as the rest.
func init() {
	for k, m := range boardMessages {
		m[Chinese] = catalog.Fullwidth(m[Chinese])
		messages[k] = m
	}
}

var boardMessages = map[string]map[Lang]string{
	"assignments.linked_by_coordinator": {Chinese: "（协调员已关联 %d 份佐证材料，不算部门提交）",
		English: " (the coordinator has linked %d {document|documents}; not a hand-in by the department)"},
	// tasks.linked_docs heads, on 我的任务, the documents the coordinator
	// linked to an owed task's indicator: the department need not upload
	// them again.
	"tasks.linked_docs": {Chinese: "协调员已关联的材料（无需重复上传）",
		English: "Documents the coordinator linked (no need to upload them again)"},
	// confirm.reopens heads, in the question before a deletion, the tasks
	// it would leave with nothing handed in (confirm.reopen_task each:
	// indicator, department, round, status now).
	"confirm.reopens": {Chinese: "删除后，以下责任分解任务将没有提交的材料，回到提交前的状态（未提交或已退回），需要责任单位重新提交：",
		English: "Deleting leaves these tasks with no material handed in: they go back to before the hand-in (not submitted, or returned), and the department has to hand in again:"},
	// assignments.partly_returned, under the progress table's 已退回
	// count, counts the tasks still 已提交 with files returned and none
	// handed in since (assignments.Task.ReturnedUnanswered); the task's
	// row says it beside its badge (assignments.returned_unanswered),
	// as 我的任务 does.
	"assignments.partly_returned": {Chinese: "部分退回 %d", English: "partly returned: %d"},
	"assignments.returned_unanswered": {Chinese: "（其中 %d 份文件已被退回，待部门处理）",
		English: " (%d {file was|files were} returned, waiting for the department)"},
	// tasks.returned_files heads an accepted task's returned files, listed
	// apart from what was accepted (taskRow.HandedReturned).
	"tasks.returned_files": {Chinese: "已退回的文件", English: "Returned files"},
	"confirm.reopen_task":  {Chinese: "%s %s（%d年度，当前状态：%s）", English: "%s %s (round %d, status now: %s)"},
}
