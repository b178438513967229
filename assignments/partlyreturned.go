package assignments

import (
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// ReturnedUnanswered counts the files the coordinator sent back from a task
// that stays 已提交 for its other files, while the department has handed
// nothing in since: the badge says 已提交 and the status alone counts it
// among the submitted, so without a word beside it a department reads
// that nothing is asked of it and a coordinator's board that nothing is
// owed. A file handed in for the task after a file's return is taken for
// that file's correction (each return is answered by a hand-in after it,
// not only after the last); a returned file since withdrawn asks for
// nothing. The count only points at the reason: it may ask for a new
// file, or say the file belongs to another task and this one needs
// nothing more, so the task stays submitted (DepartmentProgress.PartlyReturned, not Returned).
func (t Task) ReturnedUnanswered() int {
	if t.Status != catalog.AssignmentSubmitted {
		return 0
	}
	var lastHandIn time.Time // of a file not returned, for this task
	for _, id := range t.Documents {
		if _, returned := t.Returned[id]; returned {
			continue
		}
		for _, sub := range t.Submissions[id] {
			if sub.Assignment == t.ID && sub.At.After(lastHandIn) {
				lastHandIn = sub.At
			}
		}
	}
	n := 0
	for _, r := range t.Returned {
		if r.Gone == nil && lastHandIn.Before(r.At) {
			n++
		}
	}
	return n
}
