package web

import "github.com/lcmonitor/evidence/catalog"

// tombMessages are the page of a deleted document (its tombstone): a
// link to it from a claim, a carry-over or the log no longer ends at
// 文档不存在.
var tombMessages = map[string]map[Lang]string{
	"tomb.title":            {Chinese: "文档已删除", English: "Document deleted"},
	"tomb.deleted":          {Chinese: "这份文档已于 %s 由 %s 删除，不再出现在列表和检索中。", English: "This document was deleted at %s by %s; it no longer appears in lists or search."},
	"tomb.deleted_unknown":  {Chinese: "这份文档已删除，不再出现在列表和检索中。", English: "This document was deleted; it no longer appears in lists or search."},
	"tomb.kept":             {Chinese: "原件仍保留，SHA-256", English: "The original is still kept, SHA-256"},
	"tomb.download":         {Chinese: "下载原件", English: "Download the original"},
	"tomb.citing":           {Chinese: "仍引用它的定性描述和数值", English: "Claims and values still citing it"},
	"tomb.none":             {Chinese: "没有定性描述或数值引用它。", English: "No claim or value cites it."},
	"tomb.claim":            {Chinese: "定性描述 %s（%d年度）", English: "Claim %s (round %d)"},
	"tomb.value":            {Chinese: "数值 %s（%d年度）", English: "Value %s (round %d)"},
	"tomb.gone":             {Chinese: "原件已不在档案中，这份文档不能恢复；如仍需要，请重新上传这份文件。", English: "The original is no longer in the archive, so this document cannot be restored; upload the file again if it is still needed."},
	"tomb.restore":          {Chinese: "恢复", English: "Restore"},
	"tomb.restore.hint":     {Chinese: "恢复后，它的指标关联和字段随之恢复，引用它的定性描述和数值不再标为出处已删除。", English: "Restored, it gets back its indicator links and fields, and the claims and values citing it are no longer marked source deleted."},
	"tomb.restore.title":    {Chinese: "确认恢复", English: "Confirm restore"},
	"tomb.restore.question": {Chinese: "确定恢复这份文档吗？恢复后它回到文档列表和检索中，指标关联和字段随之恢复；因删除而清除的审核结论和退回的任务，删除后无人再动过的，恢复为删除前的状态，其余保持现状。", English: "Restore this document? It returns to lists and search with its indicator links and fields; verdicts the deletion cleared and tasks it sent back come back as they stood when nothing touched them since; the rest stay as they are."},
	"tomb.restore.links":    {Chinese: "关联的指标：%s", English: "Linked to indicators: %s"},
	"tomb.restore.citing":   {Chinese: "引用它的定性描述和数值 %d 处，不再标为出处已删除", English: "%d {citation|citations} by claims and values, no longer marked source deleted"},
	"tomb.restore.confirm":  {Chinese: "确认恢复", English: "Restore"},
	"tomb.restored_back":    {Chinese: "；因删除而清除的审核结论 %d 项、退回的任务 %d 项已恢复为删除前的状态", English: "; %d {verdict|verdicts} the deletion cleared and %d {task|tasks} it sent back are as they stood"},
	"tomb.restored_kept":    {Chinese: "；另有 %d 项在删除后已被修改、重新审核或重新提交，未恢复，保持现状（见各自的处理记录）", English: "; %d more, changed, reviewed or handed in for since the deletion, stay as they are (see their history)"},
	"tomb.restored":         {Chinese: "已恢复《%s》：关联的指标 %d 项，引用它的定性描述和数值 %d 处", English: "Restored “%s”: %d {indicator|indicators} linked, %d {citation|citations} by claims and values"},
	"tomb.fix":              {Chinese: "请为它们引用新的出处，或在下一轮结转时选择“本轮不用”。", English: "Cite a new source for them, or drop them from the round when they are carried over."},
}

func init() {
	for k, m := range tombMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
