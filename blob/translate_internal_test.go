package blob

import (
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"syscall"
	"testing"

	"github.com/minio/minio-go/v7"

	"github.com/lcmonitor/evidence/catalog"
)

// TestS3ErrorsSpeakChinesePunctuation: what a person reads when the S3
// store fails has the full-width punctuation of the rest of the UI.
func TestS3ErrorsSpeakChinesePunctuation(t *testing.T) {
	for _, err := range []error{
		io.ErrUnexpectedEOF,
		context.DeadlineExceeded,
		minio.ErrorResponse{Code: "NoSuchBucket", StatusCode: http.StatusNotFound},
		minio.ErrorResponse{Code: "AccessDenied", StatusCode: http.StatusForbidden},
		minio.ErrorResponse{Code: "InternalError", StatusCode: http.StatusInternalServerError},
	} {
		got := translate("put", "originals/x", err)
		msg := catalog.ErrorMessage(got)
		if catalog.ErrorCode(got) != catalog.EUNAVAILABLE || strings.ContainsAny(msg, ",;()") || !strings.Contains(msg, "，") {
			t.Errorf("%v: %s %q; want EUNAVAILABLE in full-width punctuation", err, catalog.ErrorCode(got), msg)
		}
	}
}

// TestStoreErrorsHaveEnglish: what a person reads when the S3 store or the
// disk fails says in English too what failed and what did not happen.
func TestStoreErrorsHaveEnglish(t *testing.T) {
	han := regexp.MustCompile(`\p{Han}`)
	for _, op := range []string{"put", "get", "delete", "open bucket"} {
		for _, err := range []error{
			io.ErrUnexpectedEOF,
			context.DeadlineExceeded,
			minio.ErrorResponse{Code: "NoSuchBucket", StatusCode: http.StatusNotFound},
			minio.ErrorResponse{Code: "AccessDenied", StatusCode: http.StatusForbidden},
			minio.ErrorResponse{Code: "InternalError", StatusCode: http.StatusInternalServerError},
		} {
			got := translate(op, "originals/x", err)
			en := catalog.MessageIn(got, true)
			if en == "" || han.MatchString(en) {
				t.Errorf("%s %v: English message %q, want one without Chinese", op, err, en)
			}
			if op == "put" && !strings.Contains(en, "not saved") {
				t.Errorf("put %v: English message %q does not say the file was not saved", err, en)
			}
		}
	}
	for _, errno := range []syscall.Errno{syscall.ENOSPC, syscall.EDQUOT, syscall.EROFS} {
		got := DiskError(errno)
		if en := catalog.MessageIn(got, true); !strings.Contains(en, "not saved") || han.MatchString(en) {
			t.Errorf("%v: English message %q, want one saying the file was not saved", errno, en)
		}
		if zh := catalog.ErrorMessage(got); !strings.Contains(zh, "文件未保存") || strings.ContainsAny(zh, ",;()") {
			t.Errorf("%v: message %q, want it in full-width punctuation saying 文件未保存", errno, zh)
		}
	}
}

// TestS3ErrorCodesDecideOverStatus: the S3 error code says what went
// wrong; a 404 is a missing object unless the code names the bucket
// or the credentials.
func TestS3ErrorCodesDecideOverStatus(t *testing.T) {
	for _, c := range []struct {
		resp minio.ErrorResponse
		want string
		hint string
	}{
		{minio.ErrorResponse{Code: "NoSuchKey", StatusCode: http.StatusNotFound}, catalog.ENOTFOUND, "originals/x"},
		{minio.ErrorResponse{Code: "NoSuchBucket", StatusCode: http.StatusNotFound}, catalog.EUNAVAILABLE, "EVIDENCE_S3_BUCKET"},
		{minio.ErrorResponse{Code: "XAdminUserNotFound", StatusCode: http.StatusNotFound}, catalog.EUNAVAILABLE, "EVIDENCE_S3_ACCESS_KEY"},
		{minio.ErrorResponse{Code: "InvalidAccessKeyId", StatusCode: http.StatusForbidden}, catalog.EUNAVAILABLE, "EVIDENCE_S3_ACCESS_KEY"},
		{minio.ErrorResponse{Code: "SignatureDoesNotMatch", StatusCode: http.StatusForbidden}, catalog.EUNAVAILABLE, "EVIDENCE_S3_SECRET_KEY"},
		{minio.ErrorResponse{Code: "AccessDenied", StatusCode: http.StatusForbidden}, catalog.EUNAVAILABLE, "EVIDENCE_S3_ACCESS_KEY"},
	} {
		got := translate("get", "originals/x", c.resp)
		if catalog.ErrorCode(got) != c.want || !strings.Contains(catalog.ErrorMessage(got), c.hint) {
			t.Errorf("%s (HTTP %d): %s %q; want %s naming %s", c.resp.Code, c.resp.StatusCode,
				catalog.ErrorCode(got), catalog.ErrorMessage(got), c.want, c.hint)
		}
	}
	// A 404 of any other code is a missing object in the server's own
	// words (NotFound, ResourceNotFound).
	for _, code := range []string{"NotFound", "ResourceNotFound"} {
		if got := translate("get", "originals/x", minio.ErrorResponse{Code: code, StatusCode: http.StatusNotFound}); !catalog.IsNotFound(got) {
			t.Errorf("404 %s: %v, want a missing object", code, got)
		}
	}
}
