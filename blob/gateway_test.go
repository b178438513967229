package blob_test

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/internal/s3gw"
)

// config returns the settings that reach bucket on g.
func config(g *s3gw.Gateway, bucket string) blob.S3Config {
	return blob.S3Config{Endpoint: g.Addr, Bucket: bucket, AccessKey: s3gw.AccessKey, SecretKey: s3gw.SecretKey}
}

// sharedGateway is started by the first test that needs it and stopped by
// TestMain, so tests that do not touch S3 pay nothing.
var sharedGateway struct {
	once sync.Once
	g    *s3gw.Gateway
	err  error
}

func shared() (*s3gw.Gateway, error) {
	sharedGateway.once.Do(func() { sharedGateway.g, sharedGateway.err = s3gw.Start() })
	return sharedGateway.g, sharedGateway.err
}

func stopShared() {
	if g := sharedGateway.g; g != nil {
		g.Close()
	}
}

// bucketSeq and bucketRun make bucket names unique per subtest and per run,
// so a shared external server never hands a test someone else's objects.
var (
	bucketMu  sync.Mutex
	bucketSeq int
	bucketRun = fmt.Sprintf("%x", time.Now().UnixNano()&0xffffffffff)
)

func newBucketName() string {
	bucketMu.Lock()
	defer bucketMu.Unlock()
	bucketSeq++
	return fmt.Sprintf("blobtest-%s-%d", bucketRun, bucketSeq) // S3 rules: 3-63 of [a-z0-9.-]
}

func withTimeout(d time.Duration) (context.Context, context.CancelFunc) {
	return context.WithTimeout(context.Background(), d)
}
