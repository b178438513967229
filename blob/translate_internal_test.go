package blob

import (
	"context"
	"io"
	"net/http"
	"strings"
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
