package bench

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"
	"time"
)

// TestWaitIndexedAsksOnceALook: the harness's wait asks the server for the
// indexed count at each look, and for the failed count only once the
// indexed count has reached the corpus or stopped moving: a run without
// failures costs the server one request a look; one with failures still
// ends, with their number.
func TestWaitIndexedAsksOnceALook(t *testing.T) {
	for _, tc := range []struct {
		name            string
		indexed, failed []int // what each look at the status answers, the last repeated
		n, wantFailed   int
		wantAsked       []string
	}{
		{"none fail", []int{0, 4, 9, 10}, []int{0}, 10, 0,
			[]string{"indexed", "indexed", "indexed", "indexed", "failed"}},
		{"two fail", []int{0, 5, 8, 8}, []int{2}, 10, 2,
			[]string{"indexed", "indexed", "indexed", "indexed", "failed"}},
		{"a pause, then all", []int{3, 3, 10}, []int{0}, 10, 0,
			[]string{"indexed", "indexed", "failed", "indexed", "failed"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var asked []string
			looks := map[string][]int{"indexed": tc.indexed, "failed": tc.failed}
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				st := r.URL.Query().Get("status")
				asked = append(asked, st)
				counts := looks[st]
				fmt.Fprintf(w, `{"total": %d}`, counts[0])
				if len(counts) > 1 {
					looks[st] = counts[1:]
				}
			}))
			defer srv.Close()
			c := &client{base: srv.URL, token: "t", http: srv.Client()}
			failed, err := c.waitIndexedEvery(context.Background(), tc.n, time.Millisecond, time.Millisecond)
			if err != nil {
				t.Fatal(err)
			}
			if failed != tc.wantFailed || !slices.Equal(asked, tc.wantAsked) {
				t.Errorf("failed %d after asking %v; want %d after %v", failed, asked, tc.wantFailed, tc.wantAsked)
			}
		})
	}
}

// The harness looks rarely while many documents are left and often near
// the end, never later than least after the last one.
func TestNextLookWaitsLessNearTheEnd(t *testing.T) {
	const least, most = 100 * time.Millisecond, 2 * time.Second
	for _, tc := range []struct {
		name        string
		left, moved int
		since, want time.Duration
	}{
		{"most left", 5000, 200, 2 * time.Second, most},
		{"a few seconds left", 1200, 200, time.Second, 750 * time.Millisecond},
		{"the last few", 10, 200, time.Second, least},
		{"a pause", 500, 0, time.Second, least},
	} {
		if got := nextLook(tc.left, tc.moved, tc.since, least, most); got != tc.want {
			t.Errorf("%s: next look after %v, want %v", tc.name, got, tc.want)
		}
	}
}
