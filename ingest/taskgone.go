package ingest

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// taskGone answers an upload for task whose Submitted failed with err.
// The catalog refuses to delete a task once a file's submission for it
// is recorded (catalog.Store.DeleteAssignment), but a deletion can still
// come while the files are being stored or unpacked, before that: the
// files are then recorded and linked to the task's indicator for a task
// no longer there. Left so, they would count as evidence for it with no
// task listing them and no way for the department to withdraw them, so
// the links to the task's indicator made for the new documents of out
// are deleted, and the error says what became of the files. Any other
// failure (the task still there) is err itself.
func (s *Service) taskGone(ctx context.Context, u *catalog.User, task *catalog.Assignment, out []Outcome, err error) error {
	if _, aerr := s.cat.Assignment(ctx, task.ID); !catalog.IsNotFound(aerr) {
		return err
	}
	var undone []string
	for _, o := range out {
		// A duplicate's links may be older than this request, and hold
		// whatever they held before it.
		if o.Err != nil || o.Duplicate || o.Document == nil {
			continue
		}
		links, lerr := s.cat.DocumentLinks(ctx, o.Document.ID)
		if lerr != nil {
			return fmt.Errorf("links of %s after its task was deleted: %w", o.Document.ID, lerr)
		}
		for _, l := range links {
			if l.IndicatorCode != task.Indicator || l.CreatedBy != u.Username {
				continue
			}
			if derr := s.cat.DeleteLink(ctx, l.ID, u.Username); derr != nil && !catalog.IsNotFound(derr) {
				return fmt.Errorf("unlink %s after its task was deleted: %w", o.Document.ID, derr)
			}
		}
		undone = append(undone, o.Document.ID)
	}
	if len(undone) > 0 {
		s.refreshLogged(ctx, undone...)
	}
	return catalog.Errorf(catalog.ECONFLICT, "上传期间，指标 %s 的这项任务已被协调员删除：%d 份新文件已存入档案，但未记入任何任务，也不作为该指标的佐证；请刷新“我的任务”，如仍需提交，请联系本市协调员", task.Indicator, len(undone))
}
