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
	"assignments.folded": {Chinese: "；%s按“%s”导入（括号中是该单位挂牌或合署的名称，不另作一个责任单位）",
		English: "; %s was imported as “%s” (the name in brackets is one the department also goes by, not a department of its own)"},
	"assignments.folded_other": {Chinese: "；%s按“%s”导入；名单中另有“%s”，如这些任务应由它承担，请在任务表中改派",
		English: "; %s was imported as “%s”; the list also has “%s”: if these tasks are its, reassign them in the task list"},
	"assignments.matched": {Chinese: "；%s按责任单位名单中的“%s”导入",
		English: "; %s was imported as “%s”, as the list of departments names it"},
	"assignments.matched_item": {Chinese: "%s按“%s”", English: "%s as “%s”"},
	"assignments.matched_many": {Chinese: "；按责任单位名单中的名称导入：%s等 %d 个",
		English: "; imported as the list of departments names them: %s and %d more"},
	"assignments.ignored_units": {Chinese: "；未导入：%s", English: "; not imported: %s"},
	"assignments.unreceived": {Chinese: "；%d 个责任单位无账号，任务无人接收：%s；请为其添加账号，或在责任单位名单中把它并入已有账号的单位",
		English: "; %d {department has|departments have} no account, so nobody receives their tasks: %s; add an account, or merge the department into one with an account on the list of departments"},
	"departments.no_account": {Chinese: "无账号，任务无人接收", English: "No account: nobody receives its tasks"},
}

func init() {
	for k, m := range deptNameMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
