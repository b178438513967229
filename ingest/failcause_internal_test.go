package ingest

import (
	"errors"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/extract"
)

// TestFailureCause: the pipeline's own reason for an unexpected error is
// the server's, a reader's reason is classified as extract says, and a
// document that has not failed has no cause.
func TestFailureCause(t *testing.T) {
	internal, _ := failureReason(catalog.Words{Chinese: "读取文字", English: "reading the text"}, errors.New("boom"))
	encrypted, _ := failureReason(catalog.Words{}, catalog.Errorf(catalog.EINVALID, "PDF 文件已加密（设置了打开密码），无法提取文字；请去除密码后重新上传"))
	for _, tt := range []struct {
		name string
		doc  catalog.Document
		want extract.Cause
	}{
		{"an internal error", catalog.Document{Status: catalog.StatusFailed, Error: internal}, extract.CauseServer},
		{"an encrypted PDF", catalog.Document{Status: catalog.StatusFailed, Error: encrypted}, extract.CauseFile},
		{"failed without a reason", catalog.Document{Status: catalog.StatusFailed}, extract.CauseUnknown},
		{"indexed", catalog.Document{Status: catalog.StatusIndexed, Error: encrypted}, extract.CauseUnknown},
	} {
		if got := FailureCause(&tt.doc); got != tt.want {
			t.Errorf("%s (%q): cause %q, want %q", tt.name, tt.doc.Error, got, tt.want)
		}
	}
}
