package testenv

import (
	"context"
	"io"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/blob"
)

// heldFolder is the blob folder as the ingest service sees it: while a
// test holds text reads (HoldTextReads), a Get of a stored text waits for
// the release, so that a 重新读取 run stays running with nothing done
// without a hook in the service. Embedding the folder keeps its PutFile.
type heldFolder struct {
	*blob.Folder
	mu   sync.Mutex
	hold chan struct{}
}

func (h *heldFolder) Get(ctx context.Context, key string) (io.ReadCloser, error) {
	if strings.HasPrefix(key, "text/") {
		h.mu.Lock()
		hold := h.hold
		h.mu.Unlock()
		if hold != nil {
			select {
			case <-hold:
			case <-ctx.Done():
				return nil, ctx.Err()
			}
		}
	}
	return h.Folder.Get(ctx, key)
}

// HoldTextReads makes the ingest service's reads of stored texts wait
// until release is called (a 重新读取 run then runs with nothing done, so
// a second start is refused without racing a small archive's run).
// release is safe to call more than once.
func (e *Env) HoldTextReads() (release func()) {
	hold := make(chan struct{})
	e.held.mu.Lock()
	e.held.hold = hold
	e.held.mu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			e.held.mu.Lock()
			e.held.hold = nil
			e.held.mu.Unlock()
			close(hold)
		})
	}
}
