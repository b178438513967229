package ingest

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
)

// unreachableStore is a blob store out of reach as an S3 store is while
// its server is down: every call fails with the S3 store's message, which
// for a stat speaks of reading.
type unreachableStore struct{ blob.Store }

func (unreachableStore) Stat(context.Context, string) (blob.Info, error) {
	return blob.Info{}, catalog.Errorf(catalog.EUNAVAILABLE, "%s",
		catalog.Fullwidth("对象存储不可用(S3 服务无法连接),暂时无法读取文件;请稍后重试或联系管理员"))
}

// An upload made while the object store is down is told that its file was
// not saved, not that a file cannot be read, and nothing is recorded.
func TestUploadWhileTheStoreIsDownSaysTheFileWasNotSaved(t *testing.T) {
	r := newRig(t)
	r.blobs = unreachableStore{r.blobs}
	svc, _ := r.service(t)
	ctx := context.Background()
	st, err := svc.Stage(strings.NewReader("宁波市社区教育学分银行工作总结。"), "宁波市工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	_, err = svc.Submit(ctx, st, Meta{City: "330100", DocType: "work_summary"}, coordinator)
	msg, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
	if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(msg, "文件未保存") || strings.Contains(msg, "读取") {
		t.Errorf("upload with the store down: %v (message %q), want EUNAVAILABLE saying the file was not saved", err, msg)
	}
	if !strings.Contains(en, "not saved") {
		t.Errorf("upload with the store down, in English: %q, want it to say the file was not saved", en)
	}
	if _, err := r.cat.DocumentBySHA256(ctx, st.SHA256, "330100"); !catalog.IsNotFound(err) {
		t.Errorf("the catalog records the upload the store refused: %v", err)
	}
}
