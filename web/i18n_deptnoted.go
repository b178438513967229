package web

import "github.com/lcmonitor/evidence/catalog"

// deptNotedMessages are the words of the list of departments about a
// name with a bracketed note beside the same name without it, kept apart
// from i18n.go so that they merge cleanly.
var deptNotedMessages = map[string]map[Lang]string{
	"departments.noted": {Chinese: "括号中是挂牌或合署的名称，与名单中的“%s”是同一单位（现在导入时按“%s”导入）；请把它并入“%s”",
		English: "The name in brackets is one the department also goes by: it is “%s” on the list (imports now take it as “%s”); merge it into “%s”"},
	"departments.noted.merge": {Chinese: "并入“%s”", English: "Merge into “%s”"},
}

func init() {
	for k, m := range deptNotedMessages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
