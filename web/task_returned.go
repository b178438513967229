package web

import (
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// ReturnedUnanswered counts the files the coordinator sent back from a task
// that stays 已提交 for its other files, while the department has handed
// nothing in since: the badge says 已提交 and the board's 已退回 counts
// none, so without a word beside the badge a department reads that
// nothing is asked of it, and the reason sits unseen under one file of
// the list. A file handed in for the task after a file's return is taken
// for that file's correction (each return is answered by a hand-in after
// it, not only after the last); a returned file since withdrawn asks for
// nothing. The words only point at the reason: it may ask for a new file,
// or say the file belongs to another task and this one needs nothing more.
func (t taskRow) ReturnedUnanswered() int {
	if t.Status != catalog.AssignmentSubmitted {
		return 0
	}
	var lastHandIn time.Time // of a file not returned, for this task
	for _, d := range t.Handed {
		if d.Returned != nil {
			continue
		}
		for _, sub := range d.Submissions {
			if sub.Assignment == t.ID && sub.At.After(lastHandIn) {
				lastHandIn = sub.At
			}
		}
	}
	n := 0
	for _, d := range t.Handed {
		if d.Returned != nil && !d.Gone && lastHandIn.Before(d.Returned.At) {
			n++
		}
	}
	return n
}
