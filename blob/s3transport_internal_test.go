package blob

import (
	"net/http"
	"net/http/httptest"
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
