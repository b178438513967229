package blob

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
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

// FilesPutter is implemented by stores that take several local files at
// once, as the originals of one upload request: each is stored as PutFile
// would, and the syncs they can share (the folder they are renamed into)
// are made once, before PutFiles returns.
type FilesPutter interface {
	// PutFiles stores each file as PutFile and returns each one's error
	// (nil when it is stored and durable), in the order given.
	PutFiles(ctx context.Context, files []LocalFile) []error
}

// LocalFile is one finished file for FilesPutter: the local file at Path,
// consumed on success, or when Path is "" the bytes of Body (a file held
// in memory), written as by Put. With Present the object was found
// already stored (another request's, perhaps still being put) and
// nothing is written: it only shares the sync of the folder it is in, so
// that it is durable before it is reported stored.
type LocalFile struct {
	Key, Path   string
	Body        io.Reader
	Size        int64
	ContentType string
	Present     bool
}

var (
	_ FilePutter  = (*Folder)(nil)
	_ FilesPutter = (*Folder)(nil)
)

// PutFile implements FilePutter: the file gets its content type, is synced
// and renamed into place. A file on another file system is copied through
// Put instead.
func (f *Folder) PutFile(ctx context.Context, key, path string, size int64, contentType string) error {
	return f.PutFiles(ctx, []LocalFile{{Key: key, Path: path, Size: size, ContentType: contentType}})[0]
}

// PutFiles implements FilesPutter. Several files to write on Linux 5.8
// and later are put together (putTogether: two syncs of the file system
// for them all).
// Otherwise each file is synced and renamed into place as by PutFile, and
// each folder they were renamed into (or a Present file is in) is synced
// once, after the last rename into it; a failed folder sync fails every
// file renamed into it (they may be there, but are not known durable).
func (f *Folder) PutFiles(ctx context.Context, files []LocalFile) []error {
	if f.sharedSyncs && writesSeveral(files) {
		return f.putTogether(ctx, files)
	}
	errs := make([]error, len(files))
	dirs := map[string][]int{} // folder to sync → the files renamed into it
	var order []string
	for i, lf := range files {
		var dir string
		var err error
		switch {
		case lf.Present:
			dir, err = f.presentObject(lf.Key)
		case lf.Path == "":
			dir, err = f.writeObject(ctx, lf.Key, lf.Body, lf.Size, lf.ContentType)
		default:
			dir, err = f.moveFile(ctx, lf.Key, lf.Path, lf.Size, lf.ContentType)
		}
		errs[i] = err
		if err == nil && dir != "" {
			if _, ok := dirs[dir]; !ok {
				order = append(order, dir)
			}
			dirs[dir] = append(dirs[dir], i)
		}
	}
	for _, dir := range order {
		if err := syncDir(dir); err != nil {
			for _, i := range dirs[dir] {
				errs[i] = f.fail("put", files[i].Key, err)
			}
		}
	}
	return errs
}

// presentObject is the folder to sync for an object found already stored:
// a rename into it by another request is made durable by that sync too.
func (f *Folder) presentObject(key string) (string, error) {
	if err := ValidKey(key); err != nil {
		return "", err
	}
	final := f.path(f.objects, key)
	if _, err := os.Stat(final); err != nil {
		return "", f.fail("put", key, err)
	}
	return filepath.Dir(final), nil
}

// moveFile is PutFile but for the sync of the folder the file is renamed
// into, which it returns ("" when it was copied through Put, synced).
func (f *Folder) moveFile(ctx context.Context, key, path string, size int64, contentType string) (string, error) {
	o, err := f.prepareMove(ctx, key, path, size, contentType, true)
	if err != nil {
		return "", err
	}
	return f.place(ctx, o)
}

// prepareMove checks the caller's file at path and gives it its content
// type, synced when durable, ready to be placed.
func (f *Folder) prepareMove(ctx context.Context, key, path string, size int64, contentType string, durable bool) (readyObject, error) {
	if err := ValidKey(key); err != nil {
		return readyObject{}, err
	}
	if err := ctx.Err(); err != nil {
		return readyObject{}, fmt.Errorf("put %s: %w", key, err)
	}
	file, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return readyObject{}, fmt.Errorf("put %s: %w", key, err)
	}
	st, err := file.Stat()
	if err == nil && st.Size() != size {
		err = fmt.Errorf("file has %d bytes, want %d", st.Size(), size)
	}
	ctype := contentTypeOrDefault(contentType)
	typed := err == nil && f.setType(file, ctype)
	if err == nil && durable {
		err = file.Sync()
	}
	if cerr := file.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return readyObject{}, f.fail("put", key, err)
	}
	if !typed {
		if err := f.putMeta(key, ctype, durable); err != nil {
			return readyObject{}, f.fail("put", key, err)
		}
	}
	return readyObject{key: key, tmp: path, moved: true, size: size, contentType: contentType, durable: durable}, nil
}
