package ingest

import (
	"errors"
	"fmt"
	"syscall"

	"github.com/lcmonitor/evidence/catalog"
)

// diskFull gives a full disk (ENOSPC) that reached the pipeline or an
// upload untranslated — from the index, or a store that does not classify
// its errors — the code and message of one the folder store translates
// itself: EUNAVAILABLE, so an upload is refused with a message a person
// can act on and a document being read waits and is tried again instead
// of failing. Any other error is returned as it is.
func diskFull(err error) error {
	if err == nil || !errors.Is(err, syscall.ENOSPC) || catalog.ErrorCode(err) != catalog.EINTERNAL {
		return err
	}
	return fmt.Errorf("%w: %w", catalog.Errorf(catalog.EUNAVAILABLE, "存储空间已满，文件未保存；请联系管理员清理磁盘"), err)
}
