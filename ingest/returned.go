package ingest

import (
	"context"
	"fmt"

	"github.com/lcmonitor/evidence/catalog"
)

// returnedAgain refuses, for a department's hand-in for task a, each file
// of files whose bytes are those of a file the coordinator returned on
// that task (a.Returned): handing the very file in again would clear the
// return and put the task back to 已提交 with nothing changed, and nobody
// would be told the returned file came back. errs[i] is why files[i] is
// refused (nil for the others, and for every file of an upload not by a
// contributor: the coordinator who returned a file may take it back by
// uploading it for the task). A returned file since withdrawn, and so
// deleted, is still held against its bytes (catalog.ReturnedFiles reads
// the deleted ones too): withdrawing it first must not let it back in.
func (s *Service) returnedAgain(ctx context.Context, u *catalog.User, a *catalog.Assignment, files []*Staged) ([]error, error) {
	errs := make([]error, len(files))
	if a == nil || u.Role != catalog.RoleContributor {
		return errs, nil
	}
	bySHA, err := s.cat.ReturnedFiles(ctx, a.ID)
	if err != nil {
		return nil, fmt.Errorf("the files returned on task %s: %w", a.ID, err)
	}
	for i, st := range files {
		if r, returned := bySHA[st.SHA256]; returned {
			errs[i] = returnedFileRefused(r)
		}
	}
	return errs, nil
}

// returnedFileRefused says that a file handed in is the very file the
// coordinator returned (r) on the task, and what to do: hand in the
// corrected file, or have the coordinator take this one back.
func returnedFileRefused(r catalog.ReturnedFile) error {
	return catalog.Errorf(catalog.ECONFLICT, "这份文件与 %s 由 %s 退回的文件完全相同（退回原因：%s），没有再次提交；请上传更正后的文件（如盖章版）；如认为原文件无需更正，请先与协调员商量，由协调员在“责任分解”页面该任务的“为本任务提交文件”中提交这份文件",
		catalog.ShowTime(r.At), r.By, catalog.TypedText(r.Reason))
}
