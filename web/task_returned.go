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
// the list. A file handed in for the task after the last return is taken
// for the correction; a returned file since withdrawn asks for nothing.
// The words only point at the reason: it may ask for a new file, or say
// the file belongs to another task and this one needs nothing more.
func (t taskRow) ReturnedUnanswered() int {
	if t.Status != catalog.AssignmentSubmitted {
		return 0
	}
	n := 0
	var lastReturn time.Time
	for _, d := range t.Handed {
		if d.Returned != nil && !d.Gone {
			n++
			if d.Returned.At.After(lastReturn) {
				lastReturn = d.Returned.At
			}
		}
	}
	for _, d := range t.Handed {
		if d.Returned != nil {
			continue
		}
		for _, sub := range d.Submissions {
			if sub.Assignment == t.ID && !sub.At.Before(lastReturn) {
				return 0
			}
		}
	}
	return n
}
