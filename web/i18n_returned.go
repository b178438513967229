package web

// The words of files a coordinator returned, as the document page and
// the search page mark them, kept apart from i18n.go so that they merge
// cleanly; they join messages at start-up.
func init() {
	for k, m := range returnedMessages {
		messages[k] = m
	}
}

var returnedMessages = map[string]map[Lang]string{
	"doc.returned": {Chinese: "已退回（退回人 %s，原因：%s，%s）：%s",
		English: "Returned (by %s, reason: %s, %s): %s"},
	"doc.returned.unnamed": {Chinese: "已退回（%s）：%s", English: "Returned (%s): %s"},
	"doc.returned.task": {Chinese: "这份文件是为指标 %s（%s，%d年度）提交的材料，协调员已将其退回",
		English: "this file was handed in for indicator %s (%s, round %d) and the coordinator returned it"},
	"doc.returned.see_task":       {Chinese: "查看任务", English: "See the task"},
	"doc.returned.replaced":       {Chinese: "已由", English: "Replaced by "},
	"doc.returned.replaced_end":   {Chinese: "替代", English: "."},
	"doc.returned.still_evidence": {Chinese: "这份文件另有任务保留，或已关联指标、被定性描述或数值引用，仍算作本市的佐证材料。", English: "This file still counts as the city's evidence: another task keeps it, or an indicator link, a claim or a value uses it."},
	"doc.returned.not_evidence": {Chinese: "退回的文件不算作本市的佐证材料；未关联指标的，检索时默认不列出（勾选“包括已退回的文件”可以查到）。部门重新提交这份文件后，它不再标为已退回。",
		English: "A returned file is not the city's evidence: one linked to no indicator is left out of searches unless “Include returned files” is ticked. Handed in again, it is no longer marked returned."},
	"search.returned":         {Chinese: "已退回", English: "Returned"},
	"search.returned.include": {Chinese: "包括已退回的文件", English: "Include returned files"},
	"search.returned.hidden": {Chinese: "另有 %d 份已被协调员退回的文件符合检索条件，未列出（退回的文件不算作佐证材料）；",
		English: "%d {file|files} the coordinator returned also {matches|match} and {is|are} not listed (a returned file is not evidence); "},
	"search.returned.show": {Chinese: "列出已退回的文件", English: "list returned files"},
	"tasks.withdraw_returned.offer": {Chinese: "这项任务此前被退回的文件仍在档案中，可以检索，但已不算作提交；如已由刚提交的文件替代，可以撤回（撤回即从档案中删除，退回记录保留）：",
		English: "Files returned on this task before are still in the archive, and searchable, though no longer handed in; if the file just handed in replaces them, withdraw them (withdrawn, a file is deleted from the archive; its return stays on record):"},
	"tasks.title_apart":       {Chinese: "（%s）", English: " (%s)"},
	"tasks.title_uploaded":    {Chinese: "%s 上传", English: "uploaded %s"},
	"tasks.title_nth":         {Chinese: "第 %d 份", English: "file %d"},
	"tasks.withdraw_returned": {Chinese: "撤回被退回的旧文件%s", English: "Withdraw the returned file %s"},
}
