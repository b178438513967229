package web

import "github.com/lcmonitor/evidence/catalog"

// formMessages are the words of the forms that keep what was typed (the
// value form, the imports, a task's hand-in), the upload page's outcomes
// and a failed document's page. They live apart from messages so that
// pages added in parallel do not fight over one map literal; init merges
// them, Chinese made full-width as messages' are.
var formMessages = map[string]map[Lang]string{
	"doc.failed.title":            {Chinese: "这份文件未能读取", English: "This file could not be read"},
	"doc.failed.unknown":          {Chinese: "未记录原因", English: "no reason was recorded"},
	"doc.original_damaged":        {Chinese: "档案中保存的原件已损坏或缺失，暂时无法下载，也不能放进佐证材料包。用同一文件重新上传即可修复：档案会用它替换损坏的原件，文档的编号、信息和关联的指标都保持不变。", English: "The original kept in the archive is damaged or missing: it cannot be downloaded or packed for now. Upload the same file again to mend it: the archive replaces the damaged copy with it, and the document's ID, details and linked indicators stay as they are."},
	"doc.original_damaged.upload": {Chinese: "去上传页重新上传同一文件", English: "Upload the same file again"},
	"doc.original_damaged.ask":    {Chinese: "您没有上传权限：请联系本市协调员或管理员用同一文件重新上传。", English: "You cannot upload: ask the city's coordinator or an admin to upload the same file again."},
	"doc.failed.hint": {Chinese: "原件已保存在档案中，可以下载。安装了所需的程序或放宽了限制后，点“重新读取”；文件本身损坏或不是所说的格式时，上传替换文件：文档的编号、信息和关联的指标都保持不变。",
		English: "The original is kept and can be downloaded. Once the program it needs is installed or a limit raised, read it again; if the file itself is damaged, upload a replacement: the document keeps its id, details and linked indicators."},
	"doc.failed.ask":        {Chinese: "请本市协调员重新读取或上传替换文件。", English: "Ask the city's coordinator to read it again or upload a replacement."},
	"doc.retry":             {Chinese: "重新读取", English: "Read again"},
	"doc.replace.file":      {Chinese: "替换文件", English: "Replacement file"},
	"doc.replace":           {Chinese: "上传替换文件", English: "Upload a replacement"},
	"doc.retried":           {Chinese: "正在重新读取《%s》，稍候刷新即可看到结果", English: "Reading “%s” again; refresh in a moment to see the outcome"},
	"doc.replaced":          {Chinese: "原件已替换为 %s，正在重新读取", English: "The original is now %s; it is being read"},
	"doc.no_text.failed":    {Chinese: "没有可显示的文字：这份文件未能读取，原因见上方。", English: "No text to show: the file could not be read (see why above)."},
	"doc.text_out_of_reach": {Chinese: "正文暂时无法显示，文件详情和关联指标仍可查看：", English: "The text cannot be shown right now; the details and links still can: "},
	"doc.no_text.pending":   {Chinese: "正在提取文字，稍候刷新即可看到。", English: "The text is being extracted; refresh in a moment."},
	"form.lines":            {Chinese: "有误的行", English: "Rows with errors"},
	"form.and":              {Chinese: "\uFF1B", English: "; "},
	"upload.issued_on":      {Chinese: "成文日期", English: "Date of issue"},
	"tasks.some_refused":    {Chinese: "；以下文件未能提交：", English: "; these files were not handed in:"},
	"upload.common":         {Chinese: "用于所有文件", English: "For all the files"},
	"upload.common.note": {Chinese: "这里填写的信息用于本次上传的每个文件。选择文件后，可在下方为每个文件分别填写文件类型、文号、成文日期和监测轮次（留空即用这里的）。",
		English: "What you fill in here applies to every file of this upload. Once files are chosen, each may get its own type, document number, date and round below (empty: the values here)."},
	"upload.totals":          {Chinese: "%d 个文件：已保存 %d，重复 %d，失败 %d", English: "%d {file|files}: %d stored, %d {duplicate|duplicates}, %d failed"},
	"upload.retried":         {Chinese: "该文件已在档案中，上次处理失败（%s），现已重新读取", English: "already in the archive, where it had failed (%s); it is being read again"},
	"upload.failed_again":    {Chinese: "该文件已在档案中，但处理失败", English: "already in the archive, but it could not be read"},
	"upload.doc_failed":      {Chinese: "已保存，但处理失败", English: "stored, but it could not be read"},
	"upload.retry":           {Chinese: "重试", English: "Retry"},
	"upload.remove":          {Chinese: "移除", English: "Remove"},
	"upload.restore_deleted": {Chinese: "打开已删除的文档，恢复它", English: "open the deleted document to restore it"},
	"upload.replace":         {Chinese: "打开文档页面上传替换文件", English: "open the document to upload a replacement"},
	"upload.same":            {Chinese: "（同上）", English: "(as above)"},
	"upload.waiting":         {Chinese: "等待上传", English: "waiting"},
	"doc.no_text.empty":      {Chinese: "这份文件中没有可提取的文字。", English: "This file holds no text that could be extracted."},
}

func init() {
	for k, m := range formMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}

// colonOf is the colon after a label: full-width in Chinese.
func colonOf(l Lang) string {
	if l == English {
		return ": "
	}
	return "\uFF1A"
}
