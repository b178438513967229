package web

import "github.com/lcmonitor/evidence/catalog"

// s39Messages are the words of the copy form's new due date, the version
// notice's dismissal and the upload form's 责任单位 hint for a
// coordinator, kept apart from i18n.go so that they merge cleanly.
var s39Messages = map[string]map[Lang]string{
	"assignments.copy_due": {Chinese: "本轮新的截止日期", English: "New due date for this round"},
	"assignments.copy_due_note": {Chinese: "顺延后已过期的任务改用这个日期，未过期的仍按顺延后的日期；有已过期的任务时必须填写。",
		English: "Tasks whose shifted date is already past are due on this day instead; the others keep their shifted date. Needed when a shifted date is past."},
	"assignments.copy_redated": {Chinese: "；其中 %d 项顺延后已过期，截止日期改为 %s", English: "; %d {was|were} past due once shifted, now due on %s"},
}

func init() {
	for k, m := range s39Messages {
		m[Chinese] = catalog.TypedText(m[Chinese])
		messages[k] = m
	}
}
