package blob

import "context"

// RemoveBucket lets the external tests clean up a bucket on a shared server
// without importing minio-go themselves.
func (s *S3) RemoveBucket(ctx context.Context) error { return s.removeBucket(ctx) }
