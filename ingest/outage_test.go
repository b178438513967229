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

// failingStore is an S3 store that fails as the real one does, with the
// message format it gives (its %s the consequence: a stat speaks of
// reading, a put of the file not saved), a timeout when timedOut; it
// counts the puts tried.
type failingStore struct {
	blob.Store
	format   string
	timedOut bool
	puts     *int
}

func (s failingStore) Stat(context.Context, string) (blob.Info, error) {
	err := catalog.Errorf(catalog.EUNAVAILABLE, s.format, catalog.Words{Chinese: "暂时无法读取文件", English: "files cannot be read for now"})
	if s.timedOut {
		return blob.Info{}, fmt.Errorf("s3 stat: %w: %w", err, timeoutError{})
	}
	return blob.Info{}, err
}

func (s failingStore) Put(context.Context, string, io.Reader, int64, string) error {
	*s.puts++
	return catalog.Errorf(catalog.EUNAVAILABLE, s.format, catalog.Words{Chinese: "文件未保存", English: "the file was not saved"})
}

type timeoutError struct{}

func (timeoutError) Error() string   { return "i/o timeout" }
func (timeoutError) Timeout() bool   { return true }
func (timeoutError) Temporary() bool { return true }

// An upload the store cannot take is told that its file was not saved, in
// the words of the cause: try again later when the store is down (not
// that a file cannot be read, as the store's check says), ask the
// administrator when its bucket is missing (waiting never helps), and at
// once when the check timed out (not after the put's own wait too).
// Nothing is recorded.
func TestUploadTheStoreCannotTakeSaysTheFileWasNotSaved(t *testing.T) {
	for _, tt := range []struct {
		name, format string
		timedOut     bool
		want, not    string
		puts         int
	}{
		{"store down", "对象存储不可用（S3 服务无法连接），%s；请稍后重试或联系管理员", false, "稍后", "读取", 1},
		{"bucket missing", "对象存储中找不到存储桶（EVIDENCE_S3_BUCKET），%s；请联系管理员检查配置", false, "联系管理员检查配置", "稍后", 1},
		{"store hung", "对象存储响应超时（S3 服务无应答），%s；请稍后重试或联系管理员", true, "稍后", "读取", 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			r := newRig(t)
			puts := 0
			r.blobs = failingStore{Store: r.blobs, format: tt.format, timedOut: tt.timedOut, puts: &puts}
			svc, _ := r.service(t)
			ctx := context.Background()
			st, err := svc.Stage(strings.NewReader("宁波市社区教育学分银行工作总结。"), "宁波市工作总结.txt")
			if err != nil {
				t.Fatal(err)
			}
			defer st.Remove()
			_, err = svc.Submit(ctx, st, Meta{City: "330100", DocType: "work_summary"}, coordinator)
			msg, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
			if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(msg, "文件未保存") ||
				!strings.Contains(msg, tt.want) || strings.Contains(msg, tt.not) {
				t.Errorf("upload: %v (message %q), want EUNAVAILABLE saying the file was not saved, %q and not %q", err, msg, tt.want, tt.not)
			}
			if !strings.Contains(en, "not saved") {
				t.Errorf("upload, in English: %q, want it to say the file was not saved", en)
			}
			if puts != tt.puts {
				t.Errorf("the put was tried %d times, want %d", puts, tt.puts)
			}
			if _, err := r.cat.DocumentBySHA256(ctx, st.SHA256, "330100"); !catalog.IsNotFound(err) {
				t.Errorf("the catalog records the upload the store refused: %v", err)
			}
		})
	}
}
