package web

import "github.com/lcmonitor/evidence/catalog"

// An accepted task's returned files are no part of what was accepted (the
// catalog unlinked them; the report and the pack leave them out), yet
// listed among 已提交的材料 with their reason and 可检索 between the good
// files they read as accepted too. Once the task is accepted they are
// listed apart, under 已退回的文件, on /tasks and the board. While the
// task is still open to work they stay beside the others, where
// 已提交（其中 1 份文件已被退回，原因见下方） points and 撤回 is offered.

// HandedKept are the files listed under 已提交的材料: every file handed
// in, but for an accepted task's returned ones (HandedReturned).
func (t taskRow) HandedKept() []docRef {
	if t.Status != catalog.AssignmentAccepted {
		return t.Handed
	}
	var out []docRef
	for _, d := range t.Handed {
		if d.Returned == nil {
			out = append(out, d)
		}
	}
	return out
}

// HandedReturned are an accepted task's returned files, listed apart
// under 已退回的文件; nil for a task not accepted.
func (t taskRow) HandedReturned() []docRef {
	if t.Status != catalog.AssignmentAccepted {
		return nil
	}
	var out []docRef
	for _, d := range t.Handed {
		if d.Returned != nil {
			out = append(out, d)
		}
	}
	return out
}
