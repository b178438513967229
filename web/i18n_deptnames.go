package web

import "github.com/lcmonitor/evidence/catalog"

// deptNameMessages are the words of merging two names of one department
// and of a department with tasks and no account, kept apart from
// i18n.go so that they merge cleanly.
var deptNameMessages = map[string]map[Lang]string{
	"departments.merge.title":   {Chinese: "确认合并责任单位", English: "Confirm merging the departments"},
	"departments.merge.item":    {Chinese: "“%s”（%d 项任务）", English: "“%s” (%d {task|tasks})"},
	"departments.merge.confirm": {Chinese: "确认合并", English: "Merge"},
	"departments.merged": {Chinese: "已把“%s”并入“%s”：移过去 %d 项任务、%d 个账号、%d 份佐证材料",
		English: "Merged “%s” into “%s”: %d {task|tasks}, %d {account|accounts} and %d {document|documents} of evidence moved"},
}

func init() {
	for k, m := range deptNameMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
