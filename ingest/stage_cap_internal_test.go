package ingest

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestRequestOverItsCapNamesTheFile: a body that goes over its request's
// cap while a file is read says the file is over the limit, as the
// single-file replacement must say, not to send the other files in
// another request; it keeps the cap's error, with which api's upload of
// many files says its own cap instead.
func TestRequestOverItsCapNamesTheFile(t *testing.T) {
	body := strings.Repeat("社区教育工作总结：市民夜校开设书法、摄影课程。\n", 200)
	r := http.MaxBytesReader(httptest.NewRecorder(), io.NopCloser(strings.NewReader(body)), 1000)
	_, err := stageFile(r, "替换稿.txt", t.TempDir(), 1<<20, nil, false, false)
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(msg, "文件“替换稿.txt”超过上传上限") || strings.Contains(msg, "另一个请求") {
		t.Errorf("got %v (%q), want ETOOLARGE naming the file", err, msg)
	}
	var mbe *http.MaxBytesError
	if !errors.As(err, &mbe) {
		t.Errorf("%v does not keep the cap's error", err)
	}
}
