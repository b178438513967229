package web

import "github.com/lcmonitor/evidence/catalog"

// The words of the admin page's 重新读取, kept apart from i18n.go so that
// they merge cleanly; they join messages at start-up, with full-width
// punctuation as the rest.
func init() {
	for k, m := range rereadMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

var rereadMessages = map[string]map[Lang]string{
	"admin.reread":              {Chinese: "新版读取器", English: "Newer readers"},
	"admin.reread.count":        {Chinese: "%d 份材料可用新版读取器重新读取（文字 %d 份，字段 %d 份）", English: "%d {document|documents} can be read again by newer readers (texts: %d, fields: %d)"},
	"admin.reread.none":         {Chinese: "所有材料都已由当前版本的读取器读取", English: "Every document was read by today's readers"},
	"admin.reread.unknown":      {Chinese: "另有 %d 份材料未记录读取器版本，重新读取时一并检查", English: "%d more {document has|documents have} no reader version on record; reading again checks {it|them} too"},
	"admin.reread.unknown_only": {Chinese: "%d 份材料未记录读取器版本，重新读取时检查", English: "%d {document has|documents have} no reader version on record; reading again checks {it|them}"},
	"admin.reread.uncounted":    {Chinese: "暂时无法统计需要重新读取的材料", English: "The documents to read again cannot be counted just now"},
	"admin.reread.button":       {Chinese: "重新读取", English: "Read again"},
	"admin.reread.note":         {Chinese: "在后台进行，不必停止服务；人工填写或修改过的字段不变，被定性描述或数值引用的文字保留；原来未找到的引文在新读出的文字中重新查找", English: "Runs in the background, with the server running; fields a person typed or edited stay, texts that claims or values cite are kept; quotes not found before are looked for again in the new text"},
	"admin.reread.started":      {Chinese: "已开始重新读取，刷新页面查看进度", English: "Reading again has started; reload the page to follow it"},
	"admin.reread.running":      {Chinese: "正在重新读取：%d/%d", English: "Reading again: %d/%d"},
	"admin.reread.done":         {Chinese: "上次重新读取：%d 份文字重新提取，%d 份字段重新读取，其中 %d 份有变化（人工填写或修改过的字段不变）", English: "Last run: %d {text|texts} extracted again, fields of %d {document|documents} read again, %d of them changed (fields a person typed or edited stay)"},
	"admin.reread.kept":         {Chinese: "保留 %d 份由旧版读取器提取的文字（被引用，或未能重新读取）", English: "%d {text|texts} older readers gave {was|were} kept (cited, or could not be read again)"},
	"admin.reread.heads":        {Chinese: "旧版存储的文字：%d 份重新提取后与原来相同，已补存原文开头，标题按原文恢复全角标点；%d 份重新提取后不同或无法提取，保持原样", English: "Texts an older release stored: %d read the same again and {was|were} given {its|their} head as written, titles taking back the document's full-width marks; %d read differently now or could not be read again and {was|were} kept as {it was|they were}"},
	"admin.reread.failed":       {Chinese: "重新读取中途停止：", English: "Reading again stopped: "},
	"admin.reread.changed":      {Chinese: "字段有变化的材料", English: "Documents whose fields changed"},
	"event.value.not_found":     {Chinese: "引文中未找到该数值", English: "Number not in the quoted passage"},
	"event.value.unit":          {Chinese: "单位不符：原文中该数字的单位是“%s”", English: "Unit mismatch: the passage writes the number in “%s”"},
	"admin.reread.empty":        {Chinese: "（空）", English: "(empty)"},
	// The quotes looked for again in the texts read anew, and those that
	// could not be (引文待重新核对: their marks are the old text's).
	"admin.reread.quotes":          {Chinese: "重新核对引文 %d 处，其中 %d 处结果变化", English: "%d {quote|quotes} checked again, %d of them changed"},
	"admin.reread.quotes_failed":   {Chinese: "%d 处引文核对失败（%s），已标为引文待重新核对", English: "%d {quote|quotes} could not be checked again (%s): marked to be checked again"},
	"admin.reread.quotes_unmarked": {Chinese: "%d 个文字中的引文既未能重新核对，也未能标为待重新核对，仍是旧文字的标记（%s）；请再次重新读取", English: "%d {text's|texts'} quotes could neither be checked again nor marked to be checked again, and keep the old text's marks (%s); read again to check them"},
	"admin.reread.quotes_sep":      {Chinese: "\uFF1B", English: "; "},
	"quote.recheck_why":            {Chinese: "引文待重新核对（%s）", English: "Quote to be checked again (%s)"},
	"doc.past_return":              {Chinese: "曾被退回：%s 于 %s 退回了这份为指标 %s（%s，%d年度）提交的材料，原因：%s；该任务已于 %s 由 %s 删除", English: "Returned before: %s returned this file on %s, handed in for indicator %s (%s, round %d), reason: %s; the task was deleted on %s by %s"},
	"doc.quotes_recheck":           {Chinese: "本文档的文字重新读取后，有 %d 处引文未能重新核对，其“已找到”等标记仍是旧文字的：", English: "After this document's text was read anew, %d {quote|quotes} could not be checked again; {its marks are|their marks are} still the old text's:"},
	"doc.quotes_recheck.claim":     {Chinese: "定性描述", English: "Claim"},
	"doc.quotes_recheck.value":     {Chinese: "数值", English: "Value"},
}
