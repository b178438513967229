package web

import "github.com/lcmonitor/evidence/catalog"

// uploadMessages are the words the upload page's script says of the form
// and of each file's row. They live apart from messages, as formMessages
// do, so that pages changed in parallel do not fight over one map
// literal; init merges them, Chinese made full-width.
var uploadMessages = map[string]map[Lang]string{
	"upload.need_files": {Chinese: "请选择要上传的文件", English: "Choose the files to upload"},
	"upload.need_city":  {Chinese: "请选择城市", English: "Choose a city"},
	"upload.need_type": {Chinese: "请选择文件类型\uFF08如政策文件、工作总结\uFF09\uFF0C或在下方为每个文件分别选择",
		English: "Choose the type of document (such as policy document or work summary), here or for each file below"},
	"upload.not_sent":  {Chinese: "未上传", English: "Not sent"},
	"upload.fix_above": {Chinese: "请改正上面表单中标出的错误\uFF0C再点“上传”", English: "correct what is marked in the form above, then click Upload"},
	"upload.fix_row":   {Chinese: "改正后点“上传”", English: "correct it, then click Upload"},
	// The round a document ended in once read: {round} a year, {date} its
	// 成文日期 as stored (2017-12-20).
	"upload.round_given":    {Chinese: "监测轮次\uFF1A{round} 年度", English: "round: {round}"},
	"upload.round_by_date":  {Chinese: "按成文日期 {date} 归入 {round} 年度", English: "filed under {round}, the round of its date ({date})"},
	"upload.round_no_match": {Chinese: "成文日期 {date} 没有对应的监测轮次\uFF0C仍归入 {round} 年度", English: "no round for its date ({date}): it stays under {round}"},
	"upload.round_no_date":  {Chinese: "未识别出成文日期\uFF0C仍归入 {round} 年度", English: "no date found in it: it stays under {round}"},
}

func init() {
	for k, m := range uploadMessages {
		m[Chinese] = catalog.Fullwidth(m[Chinese])
		messages[k] = m
	}
}
