package blob

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestS3CompletionMayTakeLongerThanAnAnswer: the request that completes a
// multipart upload may wait longer for its answer than any other (the
// service joins the parts first); every other request that gets no answer
// within responseTimeout fails.
func TestS3CompletionMayTakeLongerThanAnAnswer(t *testing.T) {
	old := responseTimeout
	responseTimeout = 300 * time.Millisecond
	defer func() { responseTimeout = old }()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(time.Second) // joining the parts, or hung
		w.WriteHeader(http.StatusOK)
	}))
	defer srv.Close()
	tr, err := newS3Transport(false)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: tr}
	tests := []struct {
		method, query string
		wantAnswer    bool
	}{
		{"POST", "?uploadId=2~abc", true}, // CompleteMultipartUpload
		{"POST", "?uploads", false},       // CreateMultipartUpload
		{"PUT", "?partNumber=1&uploadId=2~abc", false},
		{"GET", "", false},
	}
	for _, tc := range tests {
		req, err := http.NewRequest(tc.method, srv.URL+"/evidence/originals/a"+tc.query, nil)
		if err != nil {
			t.Fatal(err)
		}
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
		}
		if got := err == nil; got != tc.wantAnswer {
			t.Errorf("%s %s with an answer after 1 s: answered %v (%v), want %v", tc.method, tc.query, got, err, tc.wantAnswer)
		}
	}
}

// TestS3PutWhoseCompletionWasAlreadyDone: a multipart upload whose
// completion is answered NoSuchUpload (it was sent again after a late
// answer, and the first one had completed it) is whole when the object is
// there with its size: the upload succeeded.
func TestS3PutWhoseCompletionWasAlreadyDone(t *testing.T) {
	const size = partSize + 1<<20
	var completed atomic.Bool
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		switch {
		case r.Method == "HEAD" && strings.TrimSuffix(r.URL.Path, "/") == "/evidence":
			w.WriteHeader(http.StatusOK) // the bucket
		case r.Method == "GET" && q.Has("location"):
			io.WriteString(w, `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>`)
		case r.Method == "POST" && q.Has("uploads"):
			io.WriteString(w, `<InitiateMultipartUploadResult><Bucket>evidence</Bucket><Key>originals/a</Key><UploadId>u1</UploadId></InitiateMultipartUploadResult>`)
		case r.Method == "PUT" && q.Has("partNumber"):
			io.Copy(io.Discard, r.Body)
			w.Header().Set("ETag", `"`+q.Get("partNumber")+`"`)
		case r.Method == "POST" && q.Has("uploadId"):
			io.Copy(io.Discard, r.Body)
			completed.Store(true)
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `<Error><Code>NoSuchUpload</Code><Message>The specified upload does not exist.</Message></Error>`)
		case r.Method == "DELETE" && q.Has("uploadId"):
			w.WriteHeader(http.StatusNoContent) // minio-go aborts what it takes for failed
		case r.Method == "HEAD" && r.URL.Path == "/evidence/originals/a" && completed.Load():
			w.Header().Set("Content-Length", strconv.Itoa(size))
			w.Header().Set("ETag", `"x-2"`)
			w.Header().Set("Last-Modified", time.Now().UTC().Format(http.TimeFormat))
			w.WriteHeader(http.StatusOK)
		default:
			t.Logf("unexpected %s %s", r.Method, r.URL)
			w.WriteHeader(http.StatusNotFound)
			io.WriteString(w, `<Error><Code>NoSuchKey</Code></Error>`)
		}
	}))
	defer srv.Close()
	s, err := NewS3(t.Context(), S3Config{Endpoint: strings.TrimPrefix(srv.URL, "http://"), Bucket: "evidence", AccessKey: "k", SecretKey: "s"})
	if err != nil {
		t.Fatal(err)
	}
	body := bytes.Repeat([]byte("学"), size/3+1)[:size]
	if err := s.Put(t.Context(), "originals/a", bytes.NewReader(body), size, "text/plain"); err != nil {
		t.Errorf("an upload whose completion was already done: %v", err)
	}
}

// TestS3MissingKeyInTheServersOwnWords: a server that answers a key it
// does not hold with 404 and a code of its own (NotFound,
// ResourceNotFound) says the object is missing, as NoSuchKey does: an
// upload asks first whether its file is there, and must store it then.
// A 404 that names the bucket or the credentials still says that.
func TestS3MissingKeyInTheServersOwnWords(t *testing.T) {
	for _, code := range []string{"NotFound", "ResourceNotFound"} {
		t.Run(code, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				switch {
				case r.Method == "HEAD" && strings.TrimSuffix(r.URL.Path, "/") == "/evidence":
					w.WriteHeader(http.StatusOK) // the bucket
				case r.Method == "GET" && r.URL.Query().Has("location"):
					io.WriteString(w, `<LocationConstraint xmlns="http://s3.amazonaws.com/doc/2006-03-01/"></LocationConstraint>`)
				case r.URL.Path == "/evidence/originals/bucketgone":
					w.WriteHeader(http.StatusNotFound)
					io.WriteString(w, `<Error><Code>NoSuchBucket</Code></Error>`)
				case r.URL.Path == "/evidence/originals/keyunknown":
					w.WriteHeader(http.StatusNotFound)
					io.WriteString(w, `<Error><Code>XAdminUserNotFound</Code></Error>`)
				case r.Method == "HEAD":
					// A HEAD answer has no body: the code comes in a header.
					w.Header().Set("x-minio-error-code", code)
					w.WriteHeader(http.StatusNotFound)
				default:
					w.WriteHeader(http.StatusNotFound)
					io.WriteString(w, `<Error><Code>`+code+`</Code><Message>资源不存在</Message></Error>`)
				}
			}))
			defer srv.Close()
			s, err := NewS3(t.Context(), S3Config{Endpoint: strings.TrimPrefix(srv.URL, "http://"), Bucket: "evidence", AccessKey: "k", SecretKey: "s"})
			if err != nil {
				t.Fatal(err)
			}
			// A new file's original: the key its upload asks about.
			sum := sha256.Sum256([]byte("学习型城市建设工作总结"))
			key := catalog.OriginalKey(hex.EncodeToString(sum[:]))
			if _, err := s.Stat(t.Context(), key); !catalog.IsNotFound(err) {
				t.Errorf("stat of a missing key answered 404 %s: %v, want not found", code, err)
			}
			if rc, err := s.Get(t.Context(), key); !catalog.IsNotFound(err) {
				if err == nil {
					rc.Close()
				}
				t.Errorf("get of a missing key answered 404 %s: %v, want not found", code, err)
			}
			for key, hint := range map[string]string{"originals/bucketgone": "EVIDENCE_S3_BUCKET", "originals/keyunknown": "EVIDENCE_S3_ACCESS_KEY"} {
				_, err := s.Get(t.Context(), key)
				if catalog.ErrorCode(err) != catalog.EUNAVAILABLE || !strings.Contains(catalog.ErrorMessage(err), hint) {
					t.Errorf("get answered 404 naming %s: %v, want EUNAVAILABLE naming %s", hint, err, hint)
				}
			}
		})
	}
}
