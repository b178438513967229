package ingest

import (
	"context"
	"fmt"
	"io"
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
	return blob.Info{}, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用(S3 服务无法连接),%s;请稍后重试或联系管理员",
		catalog.Words{Chinese: "暂时无法读取文件", English: "files cannot be read for now"})
}

func (unreachableStore) Put(context.Context, string, io.Reader, int64, string) error {
	return catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用(S3 服务无法连接),%s;请稍后重试或联系管理员",
		catalog.Words{Chinese: "文件未保存", English: "the file was not saved"})
}

// misconfiguredStore is an S3 store whose bucket does not exist: waiting
// does not help, the administrator must act.
type misconfiguredStore struct{ blob.Store }

func (misconfiguredStore) Stat(context.Context, string) (blob.Info, error) {
	return blob.Info{}, catalog.Errorf(catalog.EUNAVAILABLE, "对象存储中找不到存储桶(EVIDENCE_S3_BUCKET),%s;请联系管理员检查配置",
		catalog.Words{Chinese: "暂时无法读取文件", English: "files cannot be read for now"})
}

func (misconfiguredStore) Put(context.Context, string, io.Reader, int64, string) error {
	return catalog.Errorf(catalog.EUNAVAILABLE, "对象存储中找不到存储桶(EVIDENCE_S3_BUCKET),%s;请联系管理员检查配置",
		catalog.Words{Chinese: "文件未保存", English: "the file was not saved"})
}

// An upload to a store whose bucket is missing is told that the file was
// not saved and that the administrator must check the configuration, not
// to upload again later, which would never help.
func TestUploadToAMisconfiguredStoreSaysToAskTheAdministrator(t *testing.T) {
	r := newRig(t)
	r.blobs = misconfiguredStore{r.blobs}
	svc, _ := r.service(t)
	st, err := svc.Stage(strings.NewReader("宁波市社区教育学分银行工作总结。"), "宁波市工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	_, err = svc.Submit(context.Background(), st, Meta{City: "330100", DocType: "work_summary"}, coordinator)
	msg := catalog.ErrorMessage(err)
	if !strings.Contains(msg, "文件未保存") || !strings.Contains(msg, "联系管理员检查配置") || strings.Contains(msg, "稍后") {
		t.Errorf("upload to a store without its bucket: %q, want the file not saved and the administrator asked to check the configuration", msg)
	}
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

// hungStore is an S3 store that gives no answer in its time: every call
// times out after the client's response timeout.
type hungStore struct {
	blob.Store
	puts *int
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

func (hungStore) Stat(context.Context, string) (blob.Info, error) {
	return blob.Info{}, fmt.Errorf("s3 stat: %w: %w", catalog.Errorf(catalog.EUNAVAILABLE, "对象存储响应超时(S3 服务无应答),%s;请稍后重试或联系管理员",
		catalog.Words{Chinese: "暂时无法读取文件", English: "files cannot be read for now"}), timeoutError{})
}

func (s hungStore) Put(context.Context, string, io.Reader, int64, string) error {
	*s.puts++
	return catalog.Errorf(catalog.EUNAVAILABLE, "对象存储响应超时(S3 服务无应答),%s;请稍后重试或联系管理员",
		catalog.Words{Chinese: "文件未保存", English: "the file was not saved"})
}

// An upload to a store that did not answer the check in time is told so
// at once, without waiting out the put as well.
func TestUploadToAHungStoreWaitsOnce(t *testing.T) {
	r := newRig(t)
	puts := 0
	r.blobs = hungStore{Store: r.blobs, puts: &puts}
	svc, _ := r.service(t)
	st, err := svc.Stage(strings.NewReader("宁波市社区教育学分银行工作总结。"), "宁波市工作总结.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	_, err = svc.Submit(context.Background(), st, Meta{City: "330100", DocType: "work_summary"}, coordinator)
	if msg := catalog.ErrorMessage(err); catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(msg, "文件未保存") {
		t.Errorf("upload to a hung store: %v (%q), want EUNAVAILABLE saying the file was not saved", err, msg)
	}
	if puts != 0 {
		t.Errorf("the put was tried %d times after the check timed out", puts)
	}
}
