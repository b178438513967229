package blob

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Folder is a Store that keeps each object as a plain file, so an
// administrator can back it up with ordinary tools and read an original
// without the program. The folder holds three trees on one file system:
//
//	objects/<key>   the object's bytes, exactly as stored
//	meta/<key>      its content type, one line of text, when the file
//	                system cannot keep it on the object (see below)
//	tmp/            files being written; never part of the store
//
// Keeping metadata and temporary files outside objects/ means no key can
// collide with them and List needs no filtering by name.
//
// The content type goes, where the file system allows, into an extended
// attribute of the object's own file (user.evidence.content-type, set
// before the file is renamed into place, so it arrives with the bytes)
// instead of a metadata file: creating a file costs far more than setting
// an attribute (≈ 450 µs against 5 µs of kernel CPU on the servers'
// ext4), and each upload stores two objects, its original and its text.
// A type is advisory (the catalog keeps each document's; a backup does not
// carry it), so an attribute lost by a copy that drops them reads as
// generic bytes, as a missing metadata file always did. Stat reads the
// attribute first, then meta/<key>, which objects stored by older
// versions have.
type Folder struct {
	objects string
	meta    string
	tmp     string
	noAttrs bool // always write metadata files (tests of that path)

	// sharedSyncs says that syncs are shared by syncing the file system
	// as one (Linux 5.8 and later: syncFileSystem); else each object is
	// synced on its own, as by Put.
	sharedSyncs bool
	// lazy guards epoch, the handle on objects/ whose sync will make the
	// objects PutLazy writes now durable (LazyPutter).
	lazy  sync.RWMutex
	epoch *os.File
}

var _ Store = (*Folder)(nil)

// staleTempAge is how old a temporary file must be before NewFolder removes
// it as the leftover of a crash; no Put runs that long.
const staleTempAge = 24 * time.Hour

// NewFolder returns a folder store rooted at dir, creating dir if needed.
func NewFolder(dir string) (*Folder, error) {
	f := &Folder{
		objects: filepath.Join(dir, "objects"),
		meta:    filepath.Join(dir, "meta"),
		tmp:     filepath.Join(dir, "tmp"),
	}
	for _, d := range []string{f.objects, f.meta, f.tmp} {
		if err := os.MkdirAll(d, 0o750); err != nil {
			return nil, fmt.Errorf("open folder store %s: %w", dir, err)
		}
	}
	if err := f.removeStaleTemp(time.Now().Add(-staleTempAge)); err != nil {
		return nil, fmt.Errorf("open folder store %s: %w", dir, err)
	}
	if f.sharedSyncs = syncfsReportsErrors(); f.sharedSyncs {
		// Closed with the Folder: an unreachable File closes itself.
		epoch, err := os.Open(f.objects)
		if err != nil {
			return nil, fmt.Errorf("open folder store %s: %w", dir, err)
		}
		f.epoch = epoch
	}
	return f, nil
}

// Put writes the object to a temporary file, with its content type, syncs
// it and renames it into place, so the object appears whole or not at all.
func (f *Folder) Put(ctx context.Context, key string, r io.Reader, size int64, contentType string) error {
	dir, err := f.writeObject(ctx, key, r, size, contentType)
	if err != nil {
		return err
	}
	if err := syncDir(dir); err != nil {
		return f.fail("put", key, err)
	}
	return nil
}

// writeObject is Put but for the sync of the folder the object is renamed
// into, which it returns for the caller to sync.
func (f *Folder) writeObject(ctx context.Context, key string, r io.Reader, size int64, contentType string) (string, error) {
	o, err := f.prepareWrite(ctx, key, r, size, contentType, true)
	if err != nil {
		return "", err
	}
	return f.place(ctx, o)
}

// readyObject is an object's file written (or moved in) and typed, under
// tmp/ or where its caller staged it, waiting to be renamed into place.
type readyObject struct {
	key, tmp    string
	moved       bool // tmp is the caller's file (PutFile), not one of tmp/
	size        int64
	contentType string
	// durable: the caller syncs the object's folder (Put, PutFile), so
	// place syncs the entries of the folders it made for it.
	durable bool
}

// prepareWrite writes r to a temporary file with its content type, synced
// when durable, ready to be placed. Nothing is left behind on failure.
func (f *Folder) prepareWrite(ctx context.Context, key string, r io.Reader, size int64, contentType string, durable bool) (readyObject, error) {
	if err := ValidKey(key); err != nil {
		return readyObject{}, err
	}
	if err := ctx.Err(); err != nil {
		return readyObject{}, fmt.Errorf("put %s: %w", key, err)
	}
	src := newSource(ctx, r, size)
	ctype := contentTypeOrDefault(contentType)
	data, typed, err := f.writeTemp(src, durable, ctype)
	if src.err != nil {
		if err == nil {
			os.Remove(data)
		}
		return readyObject{}, fmt.Errorf("put %s: %w", key, src.err) // the upload's fault, not the disk's
	}
	if err != nil {
		return readyObject{}, f.fail("put", key, err)
	}
	o := readyObject{key: key, tmp: data, size: size, contentType: contentType, durable: durable}
	if err := ctx.Err(); err != nil {
		f.discard(o)
		return readyObject{}, fmt.Errorf("put %s: %w", key, err)
	}
	if !typed {
		if err := f.putMeta(key, ctype, durable); err != nil {
			f.discard(o)
			return readyObject{}, f.fail("put", key, err)
		}
	}
	return o, nil
}

// place renames a ready object into place and returns the folder it went
// into, for the caller to sync ("" when it was copied in by Put, synced,
// because the caller's file is on another file system). On failure a
// temporary file of the store's own is removed.
func (f *Folder) place(ctx context.Context, o readyObject) (string, error) {
	final := f.path(f.objects, o.key)
	made, err := publish(o.tmp, final)
	if errors.Is(err, syscall.EXDEV) && o.moved {
		src, oerr := os.Open(o.tmp)
		if oerr != nil {
			return "", f.fail("put", o.key, oerr)
		}
		defer src.Close()
		if err := f.Put(ctx, o.key, src, o.size, o.contentType); err != nil {
			return "", err
		}
		// The failed rename made the folders: Put found them there,
		// and syncs only the one it renamed into.
		if err := syncEntries(made, o.durable); err != nil {
			return "", f.fail("put", o.key, err)
		}
		return "", os.Remove(o.tmp)
	}
	if err != nil {
		f.discard(o)
		return "", f.fail("put", o.key, err)
	}
	// The caller syncs the folder the object went into.
	if err := syncEntries(made, o.durable); err != nil {
		return "", f.fail("put", o.key, err)
	}
	return filepath.Dir(final), nil
}

// syncEntries syncs, when durable, the entry of each folder made (in its
// parent): syncing a folder keeps what was renamed into it, not the folder
// itself, and a power cut could lose a new folder and all it holds.
func syncEntries(made []string, durable bool) error {
	if !durable {
		return nil
	}
	for _, dir := range made {
		if err := syncDir(filepath.Dir(dir)); err != nil {
			return err
		}
	}
	return nil
}

// discard removes a ready object's temporary file, unless it is the
// caller's (which PutFile leaves where it was on failure).
func (f *Folder) discard(o readyObject) {
	if !o.moved {
		os.Remove(o.tmp)
	}
}

// writeTemp copies r into a new file under tmp/, syncs it when durable,
// and returns the file's path. When ctype is not empty it is recorded on
// the file, and typed says whether that worked. The caller removes the
// file if it does not rename it.
func (f *Folder) writeTemp(r io.Reader, durable bool, ctype string) (name string, typed bool, err error) {
	file, err := os.CreateTemp(f.tmp, "put-*")
	if err != nil {
		return "", false, err
	}
	name = file.Name()
	defer func() {
		if err != nil {
			file.Close()
			os.Remove(name)
		}
	}()
	buf := copyBuffers.Get().(*[]byte)
	_, err = io.CopyBuffer(writerOnly{file}, r, *buf)
	copyBuffers.Put(buf)
	if err != nil {
		return "", false, err
	}
	if ctype != "" {
		typed = f.setType(file, ctype)
	}
	if durable {
		if err := file.Sync(); err != nil {
			return "", false, err
		}
	}
	return name, typed, file.Close()
}

// copyBuffers hold the buffers objects are copied through: io.Copy into a
// file allocates 32 KiB for each copy from a reader it cannot splice (an
// upload, a text), twice per document of a bulk load, which was a third
// of what the pipeline allocates (ingest's BenchmarkPipelineCPU).
var copyBuffers = sync.Pool{New: func() any { b := make([]byte, 32<<10); return &b }}

// writerOnly hides a file's ReadFrom, which would copy through a buffer
// of its own.
type writerOnly struct{ io.Writer }

// setType records the content type on the object's file and reports
// whether it could; see Folder.
func (f *Folder) setType(file *os.File, ctype string) bool {
	return !f.noAttrs && setTypeAttr(file, ctype) == nil
}

// putMeta writes the content type to meta/<key>, for a file system that
// keeps no attribute. It is renamed into place before the object's data,
// so a crash in between leaves only an unused metadata file. It is not
// synced: a missing or torn type reads as generic bytes, and skipping the
// sync halves the fsyncs of a Put, which dominate bulk uploads. But a
// folder it makes for a durable put has its entry synced, as the
// object's are: one sync for each folder of keys over the store's life,
// and a folder lost would take every type kept in it.
func (f *Folder) putMeta(key, ctype string, durable bool) error {
	meta, _, err := f.writeTemp(strings.NewReader(ctype+"\n"), false, "")
	if err != nil {
		return err
	}
	made, err := publish(meta, f.path(f.meta, key))
	if err != nil {
		os.Remove(meta)
		return err
	}
	return syncEntries(made, durable)
}

// publish renames a finished temporary file to its final path and
// returns the folders it made for it, innermost first, also when the
// rename then failed (they stay); the caller syncs what must survive a
// power cut. The folder of the final path is made only when the rename
// finds it missing: the folders of keys (originals/, text/) are there for
// every object but the first, and looking first cost a system call an
// object.
func publish(tmp, final string) (made []string, err error) {
	dir := filepath.Dir(final)
	err = rename(tmp, final)
	if missing(err) {
		made = foldersMissing(dir)
		if err := makeFolder(dir, 0o750); err != nil {
			return nil, err
		}
		err = rename(tmp, final)
	}
	return made, err
}

// foldersMissing is dir and each of its parents that is not there,
// innermost first: the folders MkdirAll(dir) will make. dir is always
// one, for the rename found it missing (another request may have made it
// since, its entry perhaps not yet synced).
func foldersMissing(dir string) []string {
	out := []string{dir}
	for d := filepath.Dir(dir); d != filepath.Dir(d); d = filepath.Dir(d) {
		if _, err := os.Lstat(d); !missing(err) {
			break
		}
		out = append(out, d)
	}
	return out
}

// rename is a variable for the tests of a file on another file system.
var rename = renameFile

// makeFolder is a variable for the tests that count the folders made.
var makeFolder = os.MkdirAll

// syncDir is a variable for the tests that count or fail folder syncs.
var syncDir = syncDirNow

// syncDirNow syncs the folder dir, so that what was renamed into it stays.
func syncDirNow(dir string) error {
	if runtime.GOOS == "windows" {
		return nil // directories cannot be opened for syncing there
	}
	d, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return d.Sync()
}

// Get opens the object's file. The file stays readable after a concurrent
// Put or Delete replaces or removes it, so a reader never sees a mixture.
func (f *Folder) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	file, _, err := f.open(ctx, key)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// open opens the object's file for Get and GetRange, and names the
// version it is (fileVersion): the open file reads as that version to its
// end, whatever is put after.
func (f *Folder) open(ctx context.Context, key string) (*os.File, string, error) {
	if err := ValidKey(key); err != nil {
		return nil, "", err
	}
	if err := ctx.Err(); err != nil {
		return nil, "", fmt.Errorf("get %s: %w", key, err)
	}
	file, err := os.Open(f.path(f.objects, key))
	if missing(err) {
		return nil, "", fmt.Errorf("get %s: %w", key, notFound(key))
	} else if err != nil {
		return nil, "", f.fail("get", key, err)
	}
	st, err := file.Stat()
	if err == nil && st.IsDir() {
		// A directory is only the parent of other keys.
		file.Close()
		return nil, "", fmt.Errorf("get %s: %w", key, notFound(key))
	} else if err != nil {
		file.Close()
		return nil, "", f.fail("get", key, err)
	}
	return file, fileVersion(st), nil
}

// GetRange opens the object's file at off and reads n bytes of it at
// most (to its end when n is negative).
func (f *Folder) GetRange(ctx context.Context, key string, off, n int64, version string) (io.ReadCloser, error) {
	if err := ValidKey(key); err != nil {
		return nil, err
	}
	if off < 0 {
		return nil, badRange(key, off)
	}
	file, now, err := f.open(ctx, key)
	if err != nil {
		return nil, err
	}
	if version != "" && now != version {
		file.Close()
		return nil, fmt.Errorf("get %s: %w", key, ErrChanged)
	}
	if _, err := file.Seek(off, io.SeekStart); err != nil {
		file.Close()
		return nil, f.fail("get", key, err)
	}
	if n < 0 {
		return file, nil
	}
	return &limitedFile{Reader: io.LimitReader(file, n), Closer: file}, nil
}

// limitedFile is a range of an open file.
type limitedFile struct {
	io.Reader
	io.Closer
}

// Stat returns the object's size and the content type Put recorded.
func (f *Folder) Stat(ctx context.Context, key string) (Info, error) {
	if err := ValidKey(key); err != nil {
		return Info{}, err
	}
	if err := ctx.Err(); err != nil {
		return Info{}, fmt.Errorf("stat %s: %w", key, err)
	}
	st, err := os.Stat(f.path(f.objects, key))
	if missing(err) || err == nil && st.IsDir() {
		return Info{}, fmt.Errorf("stat %s: %w", key, notFound(key))
	} else if err != nil {
		return Info{}, f.fail("stat", key, err)
	}
	return Info{Key: key, Size: st.Size(), ContentType: f.contentType(key), Version: fileVersion(st)}, nil
}

// fileVersion names the state of an object's file: its modification time
// to the nanosecond and its inode (each Put renames a new file into
// place).
func fileVersion(st os.FileInfo) string {
	return strconv.FormatInt(st.ModTime().UnixNano(), 36) + "-" + fileID(st)
}

// contentType reads the attribute, else the metadata file; an object placed
// by hand has neither and is reported as generic bytes rather than as an
// error.
func (f *Folder) contentType(key string) string {
	if t, ok := typeFromAttr(f.path(f.objects, key)); ok {
		return contentTypeOrDefault(strings.TrimSpace(t))
	}
	b, err := os.ReadFile(f.path(f.meta, key))
	if err != nil {
		return defaultContentType
	}
	return contentTypeOrDefault(strings.TrimSpace(string(b)))
}

// Delete removes the data file first, so the object disappears at once even
// if removing its metadata fails.
func (f *Folder) Delete(ctx context.Context, key string) error {
	if err := ValidKey(key); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("delete %s: %w", key, err)
	}
	for _, p := range []string{f.path(f.objects, key), f.path(f.meta, key)} {
		if err := os.Remove(p); err != nil && !missing(err) {
			return f.fail("delete", key, err)
		}
	}
	return nil
}

// List walks objects/ below the prefix's last complete directory. Walk order
// is not key order ("a/b" is visited before "a-c", yet '-' sorts before '/'),
// so the keys are collected and sorted before fn sees any of them.
func (f *Folder) List(ctx context.Context, prefix string, fn func(Info) error) error {
	if err := validPrefix(prefix); err != nil {
		return err
	}
	infos, err := f.collect(ctx, prefix)
	if err != nil {
		return err
	}
	slices.SortFunc(infos, func(a, b Info) int { return strings.Compare(a.Key, b.Key) })
	for _, info := range infos {
		if err := ctx.Err(); err != nil {
			return fmt.Errorf("list %q: %w", prefix, err)
		}
		if err := fn(info); err != nil {
			return err
		}
	}
	return nil
}

func (f *Folder) collect(ctx context.Context, prefix string) ([]Info, error) {
	root := f.objects
	if i := strings.LastIndexByte(prefix, '/'); i > 0 {
		root = f.path(f.objects, prefix[:i])
	}
	var infos []Info
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == root && missing(err) {
				return fs.SkipAll // nothing stored under this prefix
			}
			return err
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		rel, err := filepath.Rel(f.objects, p)
		if err != nil {
			return err
		}
		key := filepath.ToSlash(rel)
		if !strings.HasPrefix(key, prefix) || ValidKey(key) != nil {
			return nil
		}
		st, err := d.Info()
		if missing(err) {
			return nil // deleted while we walked
		} else if err != nil {
			return err
		}
		infos = append(infos, Info{Key: key, Size: st.Size()})
		return nil
	})
	if err != nil {
		return nil, f.fail("list", strconv.Quote(prefix), err)
	}
	return infos, nil
}

// removeStaleTemp deletes temporary files a crashed Put left behind. Younger
// files may belong to a Put still running in another process.
func (f *Folder) removeStaleTemp(before time.Time) error {
	entries, err := os.ReadDir(f.tmp)
	if err != nil {
		return err
	}
	for _, e := range entries {
		st, err := e.Info()
		if err != nil || !st.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(f.tmp, e.Name())); err != nil && !missing(err) {
			return err
		}
	}
	return nil
}

// path maps a valid key to a file below root; ValidKey guarantees that the
// result cannot leave root.
func (f *Folder) path(root, key string) string {
	return filepath.Join(root, filepath.FromSlash(key))
}

// fail wraps a file-system error with the operation and key, with the
// message of DiskError when it is one.
func (f *Folder) fail(op, key string, err error) error {
	if e := DiskError(err); e != nil {
		return fmt.Errorf("%s %s: %w: %w", op, key, e, err)
	}
	return fmt.Errorf("%s %s: %w", op, key, err)
}

// DiskError is the store's failure in err when it is a full disk, a used-up
// quota, a disk remounted read-only, a disk that failed a read or write,
// or the machine out of open files or memory: failures of the machine, not
// of the file, that pass or that an administrator can mend, so they are
// EUNAVAILABLE (the work is tried again later, an upload is answered 503
// with Retry-After) with a message saying what happened. Nil for any other
// error.
func DiskError(err error) *catalog.Error {
	var e *catalog.Error
	switch {
	case errors.Is(err, syscall.ENOSPC):
		e = catalog.Errorf(catalog.EUNAVAILABLE, "存储空间已满，文件未保存；请联系管理员清理磁盘")
	case errors.Is(err, syscall.EDQUOT):
		e = catalog.Errorf(catalog.EUNAVAILABLE, "存储空间超出配额，文件未保存；请联系管理员清理磁盘或提高配额")
	case errors.Is(err, syscall.EROFS):
		e = catalog.Errorf(catalog.EUNAVAILABLE, "文件存储变成了只读（磁盘可能出错后被重新挂载为只读），文件未保存；请联系管理员检查磁盘")
	case errors.Is(err, syscall.EMFILE), errors.Is(err, syscall.ENFILE), errors.Is(err, syscall.ENOMEM):
		e = catalog.Errorf(catalog.EUNAVAILABLE, "服务器暂时繁忙（打开的文件数或内存已达上限），本次操作未完成；请稍后重试，若一直如此请联系管理员")
		e.RetryAfter = retryBusyAfter
	}
	return e
}

// retryBusyAfter is how long a client is asked to wait when the server is
// out of open files or memory.
const retryBusyAfter = 10 * time.Second

// missing reports whether err means the file is not there, including a
// path whose parent is a file (ENOTDIR), which S3 would also call missing.
func missing(err error) bool {
	return errors.Is(err, fs.ErrNotExist) || errors.Is(err, syscall.ENOTDIR)
}
