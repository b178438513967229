package web

import "github.com/lcmonitor/evidence/catalog"

// uploadMessages are the words the upload page's script says of the form
// and of each file's row, and a failed document's advice by what its
// failure is owed to (ingest.FailureCause). They live apart from
// messages, as formMessages do, so that pages changed in parallel do not
// fight over one map literal; init merges them, Chinese made full-width.
var uploadMessages = map[string]map[Lang]string{
	// The upload page's 提交到任务: the files sent are handed in for the
	// task chosen, as on the board or 我的任务.
	"upload.task":      {Chinese: "提交到任务（可选）", English: "Hand in for a task (optional)"},
	"upload.task.none": {Chinese: "不提交到任务", English: "No task"},
	"upload.task.note": {Chinese: "选择任务后，文件即作为该任务的材料提交：关联到任务的指标，任务变为已提交，与“责任分解”中的“为本任务提交文件”相同；文件类型默认为该任务需要的类型。",
		English: "With a task chosen, the files are handed in for it: linked to its indicator, and the task becomes submitted, as with Hand in files for this task on the board; the type of document starts at the one the task asks for."},
	// upload.task.item is one task: city (an administrator's, with " · "),
	// round, indicator code and name, department, status.
	"upload.task.item":   {Chinese: "%s%d年度 · %s %s · %s（%s）", English: "%sround %d · %s %s · %s (%s)"},
	"upload.handed_task": {Chinese: "已提交 %d 个文件，作为任务“%s”的材料", English: "%d {file|files} handed in for the task “%s”"},
	// upload.handed_unnamed is upload.handed_task when the task could not
	// be read back after the hand-in (afterHandIn).
	"upload.handed_unnamed": {Chinese: "已提交 %d 个文件，作为所选任务的材料", English: "%d {file|files} handed in for the task chosen"},
	// upload.handed_row, on a file's row, names the task it was handed in
	// for (the page's script, the task's indicator and department).
	"upload.handed_row": {Chinese: "已提交到任务“%s”", English: "handed in for the task “%s”"},
	// upload.to_tasks greets a department's contributor sent from 上传 to
	// 我的任务, where its files are handed in.
	"upload.to_tasks": {Chinese: "部门联系人在“我的任务”中提交材料：在对应任务下选择文件，点“提交材料”，文件即作为该任务的材料交协调员确认。",
		English: "Departments hand files in on My tasks: choose the files under the task they are for and press Hand in; the coordinator then checks them as that task's material."},
	"upload.need_files": {Chinese: "请选择要上传的文件", English: "Choose the files to upload"},
	"upload.need_city":  {Chinese: "请选择城市", English: "Choose a city"},
	"upload.need_type": {Chinese: "请选择文件类型\uFF08如政策文件、工作总结\uFF09\uFF0C或在下方为每个文件分别选择",
		English: "Choose the type of document (such as policy document or work summary), here or for each file below"},
	"upload.not_sent": {Chinese: "未上传", English: "Not sent"},
	// Photos of one paper document's pages, joined into one PDF.
	"upload.join": {Chinese: "合并为一份文件", English: "Join into one document"},
	"upload.join.note": {Chinese: "选了同一份纸质文件各页的照片（JPEG、PNG、HEIC 或 WebP）时勾选：每张照片一页，合成一个 PDF 文档；网页按文件名排序（手机照片的文件名即拍摄先后），发送前可用“上移”“下移”调整页序。",
		English: "Tick when the photos (JPEG, PNG, HEIC or WebP) are the pages of one paper document: one page per photo, in one PDF document; the page sorts them by file name (a phone names its photos in the order taken), and Move up and Move down change the order before sending."},
	"upload.join.note.task": {Chinese: "多张照片是同一份纸质文件的各页时勾选：按所选顺序每张一页，合成一个 PDF 文档；选好照片后可用“上移”“下移”调整页序。",
		English: "Tick when the photos are the pages of one paper document: one page each, in the order chosen, in one PDF document; once the photos are chosen, Move up and Move down change the order."},
	"upload.join.up":    {Chinese: "上移", English: "Move up"},
	"upload.join.down":  {Chinese: "下移", English: "Move down"},
	"upload.join.moved": {Chinese: "%s 现在是第 %d 页", English: "%s is now page %d"},
	"upload.join.pages": {Chinese: "%d 张照片合并为一份文件：%s", English: "%d photos joined into one document: %s"},
	"upload.join.page":  {Chinese: "第 %d 页 %s", English: "page %d %s"},
	"upload.join.done":  {Chinese: "由 %d 张照片合并，每张一页", English: "joined from %d photos, one page each"},
	"upload.fix_above":  {Chinese: "请改正上面表单中标出的错误\uFF0C再点“上传”", English: "correct what is marked in the form above, then click Upload"},
	"upload.fix_row":    {Chinese: "改正后点“上传”", English: "correct it, then click Upload"},
	// The round a document ended in once read: {round} a year, {date} its
	// 成文日期 as stored (2017-12-20).
	"upload.round_given":             {Chinese: "监测轮次\uFF1A{round}年度", English: "round {round}"},
	"upload.round_by_date":           {Chinese: "按成文日期 {date} 归入 {round}年度", English: "filed under round {round}, the round of its date ({date})"},
	"upload.round_no_match":          {Chinese: "成文日期 {date} 没有对应的监测轮次\uFF0C仍归入 {round}年度", English: "no round for its date ({date}): it stays under round {round}"},
	"upload.round_by_title":          {Chinese: "按标题中的年份 {round} 归入 {round}年度", English: "filed under round {round}, the year its title names"},
	"upload.round_by_filename":       {Chinese: "按文件名中的年份 {round} 归入 {round}年度", English: "filed under round {round}, the year its file name names"},
	"upload.round_by_report":         {Chinese: "标题为 {round}年的总结或报告，成文日期 {date}，按标题的年份归入 {round}年度，请核对", English: "filed under round {round}, the year its title says this summary or report is about (dated {date}); please check"},
	"upload.round_year_absent":       {Chinese: "标题或文件名中的年份 {year} 没有对应的监测轮次，已归入 {round}年度（当前轮次），请核对", English: "there is no round {year}, the year its title or file name names: filed under the current round, {round}; please check"},
	"upload.round_year_absent_dated": {Chinese: "标题中的年份 {year} 没有对应的监测轮次，按成文日期 {date} 归入 {round}年度，请核对", English: "there is no round {year}, the year its title names: filed under {round} by its date ({date}); please check"},
	"doc.round_by_report":            {Chinese: "标题为 %s年的总结或报告，成文日期 %s，已按标题的年份归入 %s年度；如应归入成文日期的年度，请修改监测轮次", English: "Filed under round %s, the year its title says this summary or report is about, though dated %s; if it belongs to the round of its date, change the round (now %s)"},
	"doc.round_year_absent":          {Chinese: "标题或文件名中的年份 %d 没有对应的监测轮次，已归入 %s年度（当前轮次），请核对", English: "There is no round %d, the year its title or file name names: filed under the current round, %s; please check"},
	"doc.round_year_absent_dated":    {Chinese: "标题中的年份 %d 没有对应的监测轮次，按成文日期 %s 归入 %s年度，请核对", English: "There is no round %d, the year its title names: filed by its date (%s) under round %s; please check"},
	"upload.round_no_date":           {Chinese: "未识别出成文日期\uFF0C仍归入 {round}年度", English: "no date found in it: it stays under round {round}"},
	"doc.failed.hint.file": {Chinese: "原件已保存在档案中\uFF0C可以下载。问题出在文件本身\uFF08原因见上\uFF09\uFF0C重新读取仍会失败\uFF1B请改好文件\uFF08如去除密码、用原软件重新导出\uFF09后上传替换文件\uFF1A文档的编号、信息和关联的指标都保持不变。",
		English: "The original is kept and can be downloaded. The trouble is the file itself (see the reason above), so reading it again would fail alike; correct the file (remove its password, export it again from the program that made it) and upload it as a replacement: the document keeps its id, details and linked indicators."},
	"doc.failed.hint.setup": {Chinese: "原件已保存在档案中\uFF0C可以下载。文件本身未必有问题\uFF1A管理员安装了所需的程序或放宽了限制后\uFF0C点“重新读取”\uFF1B也可以上传替换文件\uFF08如拆分后的文件\uFF09\uFF1A文档的编号、信息和关联的指标都保持不变。",
		English: "The original is kept and can be downloaded. The file itself may well be sound: once an administrator has installed the program it needs or raised the limit, read it again; or upload a replacement (split into parts, say): the document keeps its id, details and linked indicators."},
	"doc.failed.hint.server": {Chinese: "原件已保存在档案中\uFF0C可以下载。文件本身未必有问题\uFF1A请稍后点“重新读取”\uFF1B若再次失败\uFF0C请联系管理员\uFF0C或上传替换文件\uFF1A文档的编号、信息和关联的指标都保持不变。",
		English: "The original is kept and can be downloaded. The file itself may well be sound: read it again in a while; if it fails again, tell the administrator, or upload a replacement: the document keeps its id, details and linked indicators."},
	"doc.failed.ask.file": {Chinese: "请本市协调员改好文件后上传替换文件。", English: "Ask the city's coordinator to correct the file and upload it as a replacement."},
}

func init() {
	for k, m := range uploadMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
