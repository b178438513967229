package ingest

import (
	"context"
	"errors"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// The same bytes as a deleted document of the city are not stored as a
// second document: the uploader is told that the file was deleted, when
// and by whom, and is offered its restore, which brings back its links,
// fields and the citations of claims and values a new document would not
// have. This holds while the deleted document's original is still stored
// (it can be restored); once it is gone the bytes are stored anew as a
// new document, as the restore's refusal asks.

// DeletedCopyError refuses a file whose bytes are those of a deleted
// document of the city (ECONFLICT): Copy is that document.
type DeletedCopyError struct {
	Filename string
	Copy     catalog.DeletedCopy
	// MayRestore: the uploader may restore it (an admin, the city's
	// coordinator); a department's contributor is told to ask the
	// coordinator.
	MayRestore bool
}

// Error says what the refusal says, in Chinese.
func (e *DeletedCopyError) Error() string { return e.refusal().Error() }

// Unwrap is the application error (ECONFLICT) with the message users read.
func (e *DeletedCopyError) Unwrap() error { return e.refusal() }

func (e *DeletedCopyError) refusal() *catalog.Error {
	d := e.Copy.Document
	title := d.Title
	if title == "" {
		title = d.Filename
	}
	if !e.MayRestore {
		return catalog.Errorf(catalog.ECONFLICT, "上传的“%s”是本市已删除的文档《%s》的同一文件，没有再保存一份；如仍需要它，请联系本市协调员恢复这份文档（/documents/%s）后再提交",
			e.Filename, title, d.ID)
	}
	if e.Copy.DeletedBy == "" || e.Copy.DeletedAt.IsZero() {
		return catalog.Errorf(catalog.ECONFLICT, "上传的“%s”是本市已删除的文档《%s》的同一文件，没有再保存一份；如仍需要它，请恢复这份文档（/documents/%s），它的指标关联、字段和定性描述、数值的引用随之恢复",
			e.Filename, title, d.ID)
	}
	return catalog.Errorf(catalog.ECONFLICT, "上传的“%s”是本市已删除的文档《%s》的同一文件（%s 由 %s 删除），没有再保存一份；如仍需要它，请恢复这份文档（/documents/%s），它的指标关联、字段和定性描述、数值的引用随之恢复",
		e.Filename, title, catalog.ShowTime(e.Copy.DeletedAt), e.Copy.DeletedBy, d.ID)
}

// AsDeletedCopy returns the DeletedCopyError in err's chain, or nil.
func AsDeletedCopy(err error) *DeletedCopyError {
	var dc *DeletedCopyError
	if errors.As(err, &dc) {
		return dc
	}
	return nil
}

// refuseDeletedCopies refuses (errs[i]) each of files[fresh] whose bytes
// are those of a deleted document of city that can be restored (its
// original still stored; catalog.Store.DeletedCopiesBySHA256 leaves out
// withdrawn hand-ins), and returns the others. user is the uploader.
func (s *Service) refuseDeletedCopies(ctx context.Context, files []*Staged, fresh []int, city string, user *catalog.User,
	errs []error) ([]int, error) {
	if len(fresh) == 0 {
		return fresh, nil
	}
	shas := make([]string, 0, len(fresh))
	for _, i := range fresh {
		shas = append(shas, files[i].SHA256)
	}
	deleted, err := s.cat.DeletedCopiesBySHA256(ctx, shas, city)
	if err != nil || len(deleted) == 0 {
		return fresh, err
	}
	kept := fresh[:0:0]
	for _, i := range fresh {
		c, ok := deleted[files[i].SHA256]
		if ok {
			if ok, err = s.originalStored(ctx, files[i].SHA256); err != nil {
				return nil, err
			}
		}
		if !ok {
			kept = append(kept, i)
			continue
		}
		errs[i] = &DeletedCopyError{Filename: files[i].Filename, Copy: c, MayRestore: user.CanEdit(city) == nil}
	}
	return kept, nil
}

// originalStored says whether the original of sha is in the blob store.
func (s *Service) originalStored(ctx context.Context, sha string) (bool, error) {
	_, err := s.blobs.Stat(ctx, catalog.OriginalKey(sha))
	if catalog.IsNotFound(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("is the original of %s stored: %w", sha, err)
	}
	return true, nil
}

// IndexAfterRestore puts a document just restored (catalog.Store.
// RestoreDocument) back into the index: read already, from its stored
// text at once; not yet read, onto the pipeline's queue. A failure is
// logged and the document queued, as after an edit.
func (s *Service) IndexAfterRestore(ctx context.Context, d *catalog.Document) {
	switch d.Status {
	case catalog.StatusExtracted, catalog.StatusIndexed:
		s.refreshLogged(ctx, d.ID)
	case catalog.StatusStored:
		s.queue.push(d.ID)
	}
}
