package blob

import (
	"errors"
	"strings"
	"syscall"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestStoreFailuresAreTheStores: a full disk, a used-up quota and a disk
// remounted read-only, a disk error and the machine out of open files or
// memory are the store's EUNAVAILABLE with a message saying
// what happened; any other file-system error stays internal.
func TestStoreFailuresAreTheStores(t *testing.T) {
	f := &Folder{}
	for _, c := range []struct {
		err  error
		code string
		says string
	}{
		{syscall.ENOSPC, catalog.EUNAVAILABLE, "已满"},
		{syscall.EDQUOT, catalog.EUNAVAILABLE, "配额"},
		{syscall.EROFS, catalog.EUNAVAILABLE, "只读"},
		{syscall.EMFILE, catalog.EUNAVAILABLE, "打开的文件数"},
		{syscall.ENFILE, catalog.EUNAVAILABLE, "打开的文件数"},
		{syscall.ENOMEM, catalog.EUNAVAILABLE, "内存"},
		// EIO is one damaged file's as often as the disk's: as
		// unavailable, its document would be read again for ever.
		{syscall.EIO, catalog.EINTERNAL, ""},
		{errors.New("bad descriptor"), catalog.EINTERNAL, ""},
	} {
		got := f.fail("put", "originals/x", c.err)
		if catalog.ErrorCode(got) != c.code || !errors.Is(got, c.err) ||
			c.says != "" && (!strings.Contains(catalog.ErrorMessage(got), c.says) || strings.ContainsAny(catalog.ErrorMessage(got), ",;()")) {
			t.Errorf("%v: %s %q; want %s saying %q", c.err, catalog.ErrorCode(got), catalog.ErrorMessage(got), c.code, c.says)
		}
	}
}
