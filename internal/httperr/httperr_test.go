package httperr

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

func TestStatusOfEveryCode(t *testing.T) {
	for err, want := range map[error]int{
		catalog.Errorf(catalog.ECONFLICT, "x"):                         409,
		catalog.Errorf(catalog.EFORBIDDEN, "x"):                        403,
		catalog.Errorf(catalog.EINTERNAL, "x"):                         500,
		catalog.Errorf(catalog.EINVALID, "x"):                          400,
		fmt.Errorf("load: %w", catalog.Errorf(catalog.ENOTFOUND, "x")): 404,
		catalog.Errorf(catalog.ESTALE, "x"):                            412,
		catalog.Throttled(time.Minute, "x"):                            429,
		catalog.Errorf(catalog.ETOOLARGE, "x"):                         413,
		catalog.Errorf(catalog.EUNAUTHORIZED, "x"):                     401,
		catalog.Errorf(catalog.EUNAVAILABLE, "x"):                      503,
		catalog.Errorf(catalog.EUNSUPPORTED, "x"):                      415,
		catalog.Errorf("ENEWCODE", "x"):                                500,
		errors.New("disk full"):                                        500,
	} {
		if got := Status(err); got != want {
			t.Errorf("Status(%v) = %d, want %d", err, got, want)
		}
	}
}

func TestRetryAfterRoundsUp(t *testing.T) {
	for d, want := range map[time.Duration]int{
		0: 1, time.Millisecond: 1, time.Second: 1, time.Second + time.Millisecond: 2,
		10 * time.Minute: 600, 10*time.Minute - time.Nanosecond: 600,
	} {
		if got := RetryAfterSeconds(d); got != want {
			t.Errorf("RetryAfterSeconds(%s) = %d, want %d", d, got, want)
		}
	}
}

func TestPrepareSetsRetryAfterAndLogsEvery5xx(t *testing.T) {
	var logged bytes.Buffer
	log := slog.New(slog.NewTextHandler(&logged, nil))
	r := httptest.NewRequest("GET", "/x", nil)

	w := httptest.NewRecorder()
	if s := Prepare(w, r, log, catalog.Throttled(90*time.Second+time.Millisecond, "等一下")); s != 429 || w.Header().Get("Retry-After") != "91" {
		t.Errorf("throttled: %d Retry-After %q, want 429 and 91", s, w.Header().Get("Retry-After"))
	}
	if logged.Len() != 0 {
		t.Errorf("a 429 was logged as a failure: %s", logged.String())
	}
	for _, err := range []error{catalog.Errorf(catalog.EUNAVAILABLE, "对象存储不可用"), errors.New("secret detail"), catalog.Errorf(catalog.EINTERNAL, "x")} {
		logged.Reset()
		w := httptest.NewRecorder()
		status := Prepare(w, r, log, err)
		if status < 500 || !strings.Contains(logged.String(), "request failed") || !strings.Contains(logged.String(), err.Error()) {
			t.Errorf("%v: status %d, log %q; want a 5xx logged with its detail", err, status, logged.String())
		}
		if w.Header().Get("Retry-After") != "" {
			t.Errorf("%v: Retry-After set", err)
		}
	}
	logged.Reset()
	Prepare(httptest.NewRecorder(), r, log, catalog.Errorf(catalog.ENOTFOUND, "x"))
	if logged.Len() != 0 {
		t.Errorf("a 404 was logged: %s", logged.String())
	}
}

// A request its client gave up on is logged as such at info level, not as
// a server error; the same error on a request still waited for, or a
// deadline the server set, is an error.
func TestAbandonedRequestIsNoServerError(t *testing.T) {
	gone, cancel := context.WithCancel(context.Background())
	cancel()
	for _, tt := range []struct {
		name  string
		ctx   context.Context
		err   error
		level string
	}{
		{"client gone", gone, fmt.Errorf("note token use: %w", context.Canceled), "level=INFO"},
		{"client still there", context.Background(), fmt.Errorf("note token use: %w", context.Canceled), "level=ERROR"},
		{"client gone, another failure", gone, errors.New("disk I/O error"), "level=ERROR"},
		{"deadline", gone, fmt.Errorf("query: %w", context.DeadlineExceeded), "level=ERROR"},
	} {
		var buf bytes.Buffer
		log := slog.New(slog.NewTextHandler(&buf, nil))
		r := httptest.NewRequest("GET", "/api/v1/search", nil).WithContext(tt.ctx)
		if status := Prepare(httptest.NewRecorder(), r, log, tt.err); status != 500 {
			t.Errorf("%s: status %d", tt.name, status)
		}
		if !strings.Contains(buf.String(), tt.level) {
			t.Errorf("%s: logged %q, want %s", tt.name, buf.String(), tt.level)
		}
	}
}
