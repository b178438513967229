package auth

import (
	"sync"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// MaxUploadsPerAccount is how many requests sending files (uploads,
// replacements, imports) one account may have under way at once. A person
// uploading a few files in parallel, the ingest command's workers, or
// `make load`'s 16 uploaders and the bench's 8 clients on one token stay
// within it; a script holding thousands of slow uploads open, each
// with a socket and a temporary file, until the server ran out of file
// descriptors is refused past it.
const MaxUploadsPerAccount = 32

// retryUploadAfter is how long a refused upload is asked to wait.
const retryUploadAfter = 5 * time.Second

// uploadSlots counts each account's requests sending files.
type uploadSlots struct {
	mu   sync.Mutex
	held map[string]int
}

// TakeUploadSlot reserves one of u's MaxUploadsPerAccount slots for a
// request that sends files, before its body is read; release gives it
// back and must be called once. Past the limit it returns ETHROTTLED
// (429) with Retry-After and takes nothing.
func (a *Authenticator) TakeUploadSlot(u *catalog.User) (release func(), err error) {
	s := &a.uploads
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.held == nil {
		s.held = map[string]int{}
	}
	if s.held[u.Username] >= MaxUploadsPerAccount {
		e := catalog.Errorf(catalog.ETHROTTLED, "您的账号已有 %d 个上传正在进行，已达同时上传的上限；请等其中的上传完成后再试", MaxUploadsPerAccount)
		e.RetryAfter = retryUploadAfter
		return nil, e
	}
	s.held[u.Username]++
	var once sync.Once
	return func() {
		once.Do(func() {
			s.mu.Lock()
			defer s.mu.Unlock()
			if s.held[u.Username]--; s.held[u.Username] <= 0 {
				delete(s.held, u.Username)
			}
		})
	}, nil
}

// UploadsUnderWay reports how many of username's slots are taken.
func (a *Authenticator) UploadsUnderWay(username string) int {
	a.uploads.mu.Lock()
	defer a.uploads.mu.Unlock()
	return a.uploads.held[username]
}
