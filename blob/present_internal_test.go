package blob

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"testing"
)

// An object found already stored (perhaps another request's, renamed in
// but its folder not yet synced) is reported durable only after its
// folder is synced: a Present file shares the batch's folder sync, and
// fails when that sync fails or the object is not there (review s25-cpu
// #3).
func TestFolderPutFilesSyncsTheFolderOfAPresentObject(t *testing.T) {
	ctx := context.Background()
	f, err := NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := []byte("杭州市学分银行建设实施方案")
	if err := f.Put(ctx, "originals/ab/plan", bytes.NewReader(data), int64(len(data)), "text/plain"); err != nil {
		t.Fatal(err)
	}
	var synced []string
	fail := false
	syncDir = func(dir string) error {
		synced = append(synced, dir)
		if fail {
			return errors.New("磁盘同步失败")
		}
		return nil
	}
	t.Cleanup(func() { syncDir = syncDirNow })
	errs := f.PutFiles(ctx, []LocalFile{{Key: "originals/ab/plan", Present: true}, {Key: "originals/cd/gone", Present: true}})
	if errs[0] != nil || errs[1] == nil {
		t.Errorf("PutFiles of a present and a missing object: %v, want the missing one's error alone", errs)
	}
	want := filepath.Join(f.objects, "originals", "ab")
	if len(synced) != 1 || synced[0] != want {
		t.Errorf("folders synced %q, want %q once", synced, want)
	}
	fail = true
	if err := f.PutFiles(ctx, []LocalFile{{Key: "originals/ab/plan", Present: true}})[0]; err == nil {
		t.Errorf("a present object whose folder sync failed is reported stored")
	}
}
