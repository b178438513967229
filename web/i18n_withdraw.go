package web

// The words of returning and withdrawing hand-ins, kept apart from
// i18n.go so that they merge cleanly; they join messages at start-up.
func init() {
	for k, m := range withdrawMessages {
		messages[k] = m
	}
}

var withdrawMessages = map[string]map[Lang]string{
	"assignments.returned_unlinked": {Chinese: "已退回，并取消其对指标 %s 的关联（%d 份文件）；部门联系人会看到退回原因",
		English: "Returned, and its hand-ins' links to indicator %s removed (%d {file|files}); the department sees the reason"},
	"tasks.linked_waiting": {Chinese: "（协调员已关联 %d 份佐证材料，待部门确认提交）",
		English: " (the coordinator has linked %d {document|documents}, waiting for the department to hand {it|them} in)"},
	"tasks.returned_unanswered": {Chinese: "（其中 %d 份文件已被退回，原因见下方）",
		English: " (%d {file was|files were} returned: see the reason below)"},
	"tasks.hand_in_linked": {Chinese: "确认以此提交", English: "Hand this in"},
	"tasks.linked_next": {Chinese: "协调员已为本任务的指标关联了上述材料。点“确认以此提交”，它即作为本部门对本任务的提交（记录为您提交），再由协调员确认或退回；不合适时，请在下方上传本部门的文件。",
		English: "The coordinator linked the documents above to the task's indicator. Hand one in and it becomes your department's submission for the task (recorded as yours), for the coordinator to accept or return; if none fits, upload your own file below."},
	"tasks.handed_linked": {Chinese: "已将《%s》作为本部门的提交，等待协调员确认", English: "Handed in “%s” as your department's submission; the coordinator will check it"},
	"tasks.withdraw":      {Chinese: "撤回", English: "Withdraw"},
	"tasks.withdraw.hint": {Chinese: "协调员确认前，可以撤回提交错的文件",
		English: "Until the coordinator accepts, a file handed in by mistake can be withdrawn"},
	"tasks.withdraw.title":    {Chinese: "撤回提交的文件", English: "Withdraw a file handed in"},
	"tasks.withdraw.question": {Chinese: "撤回后，这份文件不再是本部门为该任务提交的材料", English: "Once withdrawn, this file is no longer your department's hand-in for the task"},
	"tasks.withdraw.unlinks":  {Chinese: "，也不再关联指标 %s", English: ", nor linked to indicator %s"},
	"tasks.withdraw.stays": {Chinese: "；它与指标 %s 的关联不是这次提交建立的（如协调员所关联），仍然保留，文件也仍保留在档案中",
		English: "; its link to indicator %s was not made by this hand-in (the coordinator's, say) and stays, and so does the file"},
	"tasks.withdraw.may_delete": {Chinese: "；没有其他用途的文件将从档案中删除", English: "; a file used for nothing else is removed from the archive"},
	"tasks.withdraw.returned": {Chinese: "这份文件已被协调员退回，不算本部门的提交；撤回后，它将从档案中删除，退回记录（退回人、时间、原因）仍然保留。确定撤回吗？",
		English: "The coordinator returned this file, and it does not count as your department's hand-in; once withdrawn it is removed from the archive, while the return (who, when, why) stays on record. Withdraw it?"},
	"tasks.withdraw.ask":       {Chinese: "。确定撤回吗？", English: ". Withdraw it?"},
	"tasks.withdraw.confirm":   {Chinese: "确认撤回", English: "Withdraw"},
	"tasks.withdrawn":          {Chinese: "已撤回%s", English: "Withdrew %s"},
	"tasks.withdrawn.unlinked": {Chinese: "，并取消其对指标 %s 的关联", English: ", and removed its link to indicator %s"},
	"tasks.withdrawn.deleted":  {Chinese: "；该文件没有其他用途，已从档案中删除", English: "; the file was used for nothing else and was removed from the archive"},
	"tasks.withdrawn.kept":     {Chinese: "；文件仍保留在档案中", English: "; the file stays in the archive"},
	"tasks.withdrawn.status":   {Chinese: "；任务现为“%s”", English: "; the task is now “%s”"},
}
