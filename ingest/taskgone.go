package ingest

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/catalog"
)

// linksBefore records, for each file of out already in the archive before
// this upload (a duplicate), the links its document had: what taskGone
// must leave, since they hold whatever they held before the upload.
// A file whose links cannot be read fails alone, before it is linked.
func (s *Service) linksBefore(ctx context.Context, outs []*Outcome, errs []error) {
	for i, o := range outs {
		if o == nil || !o.Duplicate || errs[i] != nil {
			continue
		}
		links, err := s.cat.DocumentLinks(ctx, o.Document.ID)
		if err != nil {
			errs[i] = fmt.Errorf("links of %s before an upload for a task: %w", o.Document.ID, err)
			continue
		}
		o.hadLinks = make([]string, len(links))
		for k, l := range links {
			o.hadLinks[k] = l.ID
		}
	}
}

// taskGone answers an upload for task whose Submitted failed with err.
// The catalog refuses to record a new document for a task that is gone
// and to delete a task while a file's submission for it is under way
// (catalog.Store.DeleteAssignment), but a file already in the archive is
// only given a submission, and the task can be deleted after the upload
// checked it and before that: the file is then linked to the task's
// indicator for a task no longer there. Left so, the link would count as
// evidence with no task listing the file and no way for the department
// to withdraw it, so the links to the task's indicator this upload made
// (not one the document had before it: Outcome.hadLinks) are deleted, and
// the error says what became of the files. Any other failure (the task
// still there) is err itself.
func (s *Service) taskGone(ctx context.Context, u *catalog.User, task *catalog.Assignment, out []Outcome, err error) error {
	if _, aerr := s.cat.Assignment(ctx, task.ID); !catalog.IsNotFound(aerr) {
		return err
	}
	var undone []string
	for _, o := range out {
		if o.Err != nil || o.Document == nil {
			continue
		}
		links, lerr := s.cat.DocumentLinks(ctx, o.Document.ID)
		if lerr != nil {
			return fmt.Errorf("links of %s after its task was deleted: %w", o.Document.ID, lerr)
		}
		for _, l := range links {
			if l.IndicatorCode != task.Indicator || l.CreatedBy != u.Username || slices.Contains(o.hadLinks, l.ID) {
				continue
			}
			if derr := s.cat.DeleteLink(ctx, l.ID, u.Username); derr != nil && !catalog.IsNotFound(derr) {
				return fmt.Errorf("unlink %s after its task was deleted: %w", o.Document.ID, derr)
			}
		}
		if !slices.Contains(undone, o.Document.ID) {
			undone = append(undone, o.Document.ID)
		}
	}
	if len(undone) > 0 {
		s.refreshLogged(ctx, undone...)
	}
	return catalog.Errorf(catalog.ECONFLICT, "上传期间，指标 %s 的这项任务已被协调员删除：本次上传的 %d 份文件已在档案中，但未记入任何任务，本次上传也未使其成为该指标的佐证（上传前已有的关联保留）；请刷新“我的任务”，如仍需提交，请联系本市协调员", task.Indicator, len(undone))
}
