package web

import "github.com/lcmonitor/evidence/catalog"

// deptNotedMessages are the words of the list of departments about a
// name with a bracketed note beside the same name without it, kept apart
// from i18n.go so that they merge cleanly.
var deptNotedMessages = map[string]map[Lang]string{
	"departments.noted": {Chinese: "括号中是挂牌或合署的名称，与名单中的“%s”是同一单位（现在导入时按“%s”导入）；请把它并入“%s”",
		English: "The name in brackets is one the department also goes by: it is “%s” on the list (imports now take it as “%s”); merge it into “%s”"},
	"departments.noted.merge": {Chinese: "并入“%s”", English: "Merge into “%s”"},
	"departments.merged_tasks": {Chinese: "；两个单位都有的 %d 项任务已合为一项（%s）：保留“%s”的任务，截止日期取两者中较早的一个，另一项的提交材料和记录移到这项任务",
		English: "; %d {task|tasks} both departments held became one each (%s): “%s”'s task is kept, due on the earlier of the two dates, with the other's files and history"},
}

func init() {
	for k, m := range deptNotedMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
