package blob

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"
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
