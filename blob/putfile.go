package blob

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"
)

// FilePutter is implemented by stores that can take a finished local file
// by moving it, instead of copying it: an upload already staged on disk
// becomes the stored object without a second write.
type FilePutter interface {
	// PutFile stores the file at path under key and consumes the file: on
	// success it is gone from path. size is its length. Like Put, it is
	// atomic and idempotent; on failure the file may still be at path.
	PutFile(ctx context.Context, key, path string, size int64, contentType string) error
}

var _ FilePutter = (*Folder)(nil)

// PutFile implements FilePutter: the file gets its content type, is synced
// and renamed into place. A file on another file system is copied through
// Put instead.
func (f *Folder) PutFile(ctx context.Context, key, path string, size int64, contentType string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return fmt.Errorf("put %s: %w", key, err)
	}
	st, err := file.Stat()
	if err == nil && st.Size() != size {
		err = fmt.Errorf("file has %d bytes, want %d", st.Size(), size)
	}
	ctype := contentTypeOrDefault(contentType)
	typed := err == nil && f.setType(file, ctype)
	if err == nil {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return f.fail("put", key, err)
	}
	if !typed {
		if err := f.putMeta(key, ctype); err != nil {
			return f.fail("put", key, err)
		}
	}
	err = publish(path, f.path(f.objects, key), true)
	if errors.Is(err, syscall.EXDEV) {
		src, oerr := os.Open(path)
		if oerr != nil {
			return f.fail("put", key, oerr)
		}
		defer src.Close()
		if err := f.Put(ctx, key, src, size, contentType); err != nil {
			return err
		}
		return os.Remove(path)
	}
	if err != nil {
		return f.fail("put", key, err)
	}
	return nil
}
