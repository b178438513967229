package index

import (
	"errors"
	"fmt"
	"log/slog"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/index/scorch"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/lowprio"
)

// An index on a full disk. Scorch writes a batch to memory, then its
// persister writes it to a segment file; when the disk is full the
// persister fails again and again, and the index's state in memory can
// no longer be trusted: a segment left closed while still in the root
// snapshot made every search and the next batch panic inside the library
// (assignment to entry in nil map), which killed the indexer's goroutine
// and so the server. So the first sign of it (a batch that fails for the
// machine's reason, a persister or merger error scorch reports, a panic
// out of the library) marks the index unusable: every call answers
// EUNAVAILABLE, saying why, until the index has been closed and opened
// again from its files, which hold every batch that returned nil (scorch
// returns from a batch only once it is persisted). A call past
// reopenEvery since the last try opens it again; on a disk still full it
// stays unusable.

// asyncErrorCallback is the name under which scorch finds onAsyncError.
const asyncErrorCallback = "evidence-index"

// open holds each Bleve on disk by the folder of its scorch store, for
// onAsyncError.
var open sync.Map // string → *Bleve

func init() {
	scorch.RegistryAsyncErrorCallbacks[asyncErrorCallback] = onAsyncError
}

// onAsyncError is told of scorch's errors in the background; those of
// persisting a snapshot and the panics it recovered make the index
// unusable (cleaning up old files may fail without harm).
func onAsyncError(err error, path string) {
	if errors.Is(err, scorch.ErrCleanup) {
		return
	}
	for _, p := range []string{filepath.Clean(path), filepath.Dir(filepath.Clean(path))} {
		if b, ok := open.Load(p); ok {
			// Not in scorch's goroutine: a batch may hold the index
			// while it waits for that goroutine.
			go b.(*Bleve).markUnusable(err)
			return
		}
	}
}

// minFreeToReopen is the room on the index's disk below which an
// unusable index is not opened again: it would fail again at the next
// batch, or at a merge, and searches would come and go with it.
var minFreeToReopen uint64 = 16 << 20

// diskFree tells the bytes free on the disk of a folder, and whether it
// could tell; a test stands in for the disk.
var diskFree = freeBytes

// reopenEvery is how often an unusable index is opened again; a test
// shortens it.
var reopenEvery = 5 * time.Second

// health is whether a Bleve on disk may be used.
type health struct {
	mu sync.RWMutex // held to read idx; locked to replace it
	// unusable is why the index may not be used, nil when it may.
	unusable   error
	lastReopen time.Time
	// closed is set by Close: an unusable index is not opened again after.
	closed bool
}

// Unusable returns why the index may not be used now (EUNAVAILABLE, with
// what to do), nil when it may. A readiness check calls it; it opens an
// unusable index again when reopenEvery has passed.
func (b *Bleve) Unusable() error {
	if err := b.acquire(); err != nil {
		return err
	}
	b.release()
	return nil
}

// markUnusable records why the index may no longer be used, once.
func (b *Bleve) markUnusable(cause error) {
	b.h.mu.Lock()
	defer b.h.mu.Unlock()
	b.markUnusableLocked(cause)
}

func (b *Bleve) markUnusableLocked(cause error) {
	if b.h.unusable != nil {
		return
	}
	slog.Error("index unusable until opened again", "dir", b.dir, "err", cause)
	b.h.unusable = unusableError(cause)
	b.h.lastReopen = time.Now()
	// Closed at once: scorch's persister would otherwise try the same
	// snapshot again and again on the full disk.
	if b.idx != nil {
		closeRecovered(b.idx)
		b.idx = nil
	}
}

// unusableError is the error every call answers while the index is
// unusable for cause.
func unusableError(cause error) error {
	var e *catalog.Error
	if machineError(cause) && !errors.Is(cause, syscall.ENOSPC) {
		e = catalog.Errorf(catalog.EUNAVAILABLE, "索引暂不可用（写入索引时磁盘出错：配额用尽、只读或打开的文件过多），检索和新文档的索引暂停；请联系管理员检查数据目录所在的磁盘，恢复后自动恢复，已读取的文档会自动重新索引")
	} else {
		// The room it waits for is named: an operator who freed less
		// would otherwise wait for a recovery that does not come.
		e = catalog.Errorf(catalog.EUNAVAILABLE, "索引暂不可用（写入索引时出错，多半是磁盘已满），检索和新文档的索引暂停；请联系管理员清理数据目录所在的磁盘，需要至少 %d MiB 空闲，空间恢复后自动恢复，已读取的文档会自动重新索引", minFreeToReopen>>20)
	}
	e.RetryAfter = retrySearchAfter
	return fmt.Errorf("%w: %v", e, cause)
}

// acquire takes the index for a call (release gives it back), or returns
// why it may not be used. An unusable index is opened again first when
// reopenEvery has passed since the last try.
func (b *Bleve) acquire() error {
	b.h.mu.RLock()
	if b.h.unusable == nil {
		return nil
	}
	due := time.Since(b.h.lastReopen) >= reopenEvery
	err := b.h.unusable
	b.h.mu.RUnlock()
	if !due || b.dir == "" {
		return err
	}
	b.reopen()
	b.h.mu.RLock()
	if b.h.unusable == nil {
		return nil
	}
	err = b.h.unusable
	b.h.mu.RUnlock()
	return err
}

func (b *Bleve) release() { b.h.mu.RUnlock() }

// reopen closes the index and opens it again from its files.
func (b *Bleve) reopen() {
	b.h.mu.Lock()
	defer b.h.mu.Unlock()
	if b.h.closed || b.h.unusable == nil || time.Since(b.h.lastReopen) < reopenEvery {
		return
	}
	b.h.lastReopen = time.Now()
	if free, ok := diskFree(b.dir); ok && free < minFreeToReopen {
		slog.Warn("index still unusable: disk still full", "dir", b.dir, "free_bytes", free, "need_bytes", minFreeToReopen)
		return
	}
	idx, err := openBleve(b.dir)
	if err != nil {
		slog.Warn("index still unusable", "dir", b.dir, "err", err)
		return
	}
	b.idx = idx
	b.h.unusable = nil
	b.results.invalidate()
	slog.Info("index opened again and usable", "dir", b.dir)
}

// closeRecovered closes idx, whose state may be what panicked.
func closeRecovered(idx bleve.Index) {
	defer func() {
		if r := recover(); r != nil {
			value, stack := recovered(r)
			slog.Error("close unusable index", "panic", value, "stack", stack)
		}
	}()
	if err := idx.Close(); err != nil {
		slog.Warn("close unusable index", "err", err)
	}
}

// guarded runs call, a use of the Bleve library: a panic out of it is
// turned into an error. An error of the machine (a full disk) makes the
// index unusable, and so does a panic out of a write (write): the batch
// may have left scorch's state half changed. A panic out of a read fails
// that read only: one bad query must not take the index from everyone.
func (b *Bleve) guarded(write bool, call func() error) (err error) {
	if err := b.acquire(); err != nil {
		return err
	}
	defer func() {
		r := recover()
		b.release()
		if r != nil {
			value, stack := recovered(r)
			err = fmt.Errorf("index library panic: %v", value)
			slog.Error("index library panic", "write", write, "panic", value, "stack", stack)
		}
		if err != nil && (r != nil && write || diskError(err)) {
			b.markUnusable(err)
			b.h.mu.RLock()
			err = b.h.unusable
			b.h.mu.RUnlock()
		}
	}()
	return call()
}

// recovered is the value of r, recovered from a panic, for a message, and
// the stack that raised it, for the log: work the library gave
// internal/lowprio panics as a *lowprio.HandedPanic, whose text holds its
// whole stack, which the index's unusable error (answered to every call,
// shown to admins) must not. Called in the recovering function, so that
// another panic's stack is still the one that raised it.
func recovered(r any) (value any, stack string) {
	if p, ok := r.(*lowprio.HandedPanic); ok {
		return p.Value, string(p.Stack)
	}
	return r, string(debug.Stack())
}

// diskError reports whether err, out of the Bleve library, is the
// machine's: scorch often passes it on as text only.
func diskError(err error) bool {
	if machineError(err) {
		return true
	}
	s := err.Error()
	for _, m := range []string{"no space left on device", "disk quota exceeded", "read-only file system", "too many open files"} {
		if strings.Contains(s, m) {
			return true
		}
	}
	return false
}
