package blob_test

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
)

// Copy moves a folder store's objects into an S3 bucket: an object already
// there with the same bytes is skipped, one there with other bytes is
// replaced, every object ends equal in the bucket, and running it again
// (a resumed copy) writes nothing.
func TestCopyFolderToS3(t *testing.T) {
	ctx := context.Background()
	folder, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	bucket := newS3(t, s3Config(t))
	objects := map[string]string{
		"originals/aa01": "关于建立学分银行的实施意见",
		"originals/bb02": "宁波市社区教育工作总结",
		"text/aa01.json": `{"extractor":"txt","version":1,"pages":["学分银行"]}`,
	}
	for k, v := range objects {
		put(t, folder, k, v)
	}
	put(t, bucket, "originals/aa01", objects["originals/aa01"]) // copied before the copy stopped
	put(t, bucket, "originals/bb02", "半截")                      // a different, partial object

	var calls, last int
	rep, err := blob.Copy(ctx, folder, bucket, func(done, total int) { calls, last = calls+1, done })
	if err != nil {
		t.Fatalf("copy: %v", err)
	}
	if rep.Objects != 3 || rep.Copied != 2 || rep.Skipped != 1 || calls != 3 || last != 3 {
		t.Errorf("first copy: %+v, progress %d calls up to %d; want 2 copied and 1 skipped", rep, calls, last)
	}
	for k, v := range objects {
		if got := get(t, bucket, k); got != v {
			t.Errorf("%s in the bucket: %q, want %q", k, got, v)
		}
	}
	rep, err = blob.Copy(ctx, folder, bucket, nil)
	if err != nil || rep.Copied != 0 || rep.Skipped != 3 {
		t.Errorf("copy again: %+v %v, want everything skipped", rep, err)
	}
}

func put(t *testing.T, s blob.Store, key, body string) {
	t.Helper()
	if err := s.Put(t.Context(), key, strings.NewReader(body), int64(len(body)), "application/octet-stream"); err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func get(t *testing.T, s blob.Store, key string) string {
	t.Helper()
	r, err := s.Get(t.Context(), key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer r.Close()
	var b bytes.Buffer
	io.Copy(&b, r)
	return b.String()
}
