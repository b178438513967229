package blob

import (
	"context"
	"time"
)

// RemoveBucket lets the external tests clean up a bucket on a shared server
// without importing minio-go themselves.
func (s *S3) RemoveBucket(ctx context.Context) error { return s.removeBucket(ctx) }

// NewFolderWithoutAttrs is a folder store that writes every content type
// to a metadata file, as on a file system without extended attributes.
func NewFolderWithoutAttrs(dir string) (*Folder, error) {
	f, err := NewFolder(dir)
	if err != nil {
		return nil, err
	}
	f.noAttrs = true
	return f, nil
}

// SetS3Timeouts shortens the wait for a stalled S3 service's answer and
// for an object's body to move, until restore is called.
func SetS3Timeouts(response, idle time.Duration) (restore func()) {
	oldResponse, oldIdle := responseTimeout, idleTimeout
	responseTimeout, idleTimeout = response, idle
	return func() { responseTimeout, idleTimeout = oldResponse, oldIdle }
}
