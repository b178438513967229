// Package httperr turns application errors into HTTP statuses and
// headers, one table for the JSON API and the web UI, so that the same
// failure answers alike on both surfaces. It keeps net/http out of
// catalog; each surface writes its own body (JSON or an HTML page).
package httperr

import (
	"context"
	"errors"
	"log/slog"
	"net/http"
	"strconv"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// statusOf maps application error codes to HTTP statuses.
var statusOf = map[string]int{
	catalog.ECONFLICT:     http.StatusConflict,
	catalog.EFORBIDDEN:    http.StatusForbidden,
	catalog.EINTERNAL:     http.StatusInternalServerError,
	catalog.EINVALID:      http.StatusBadRequest,
	catalog.ENOTFOUND:     http.StatusNotFound,
	catalog.ESTALE:        http.StatusPreconditionFailed,
	catalog.ETHROTTLED:    http.StatusTooManyRequests,
	catalog.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	catalog.EUNAUTHORIZED: http.StatusUnauthorized,
	catalog.EUNAVAILABLE:  http.StatusServiceUnavailable,
	catalog.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
}

// Status returns the HTTP status of err's application code: 500 for an
// error without one or with a code the table lacks.
func Status(err error) int {
	if s, ok := statusOf[catalog.ErrorCode(err)]; ok {
		return s
	}
	return http.StatusInternalServerError
}

// RetryAfterSeconds is d in whole seconds for a Retry-After header,
// rounded up so that a client that waits as told is let in, and at least 1.
func RetryAfterSeconds(d time.Duration) int {
	s := int((d + time.Second - 1) / time.Second)
	return max(s, 1)
}

// Prepare does what every error response needs before its body: it sets
// Retry-After on a throttled error, logs every 5xx with its detail (the
// user sees only the generic message), and returns the status to write.
// A request its client gave up on (closed the connection, so its context
// ended and the work with it) is no server failure: it is logged at info
// level, not as an error an operator is paged for.
func Prepare(w http.ResponseWriter, r *http.Request, log *slog.Logger, err error) int {
	status := Status(err)
	if d, ok := catalog.RetryAfter(err); ok {
		w.Header().Set("Retry-After", strconv.Itoa(RetryAfterSeconds(d)))
	}
	if status >= 500 && errors.Is(err, context.Canceled) && errors.Is(r.Context().Err(), context.Canceled) {
		log.Info("request given up by its client", "method", r.Method, "path", r.URL.Path, "err", err)
		return status
	}
	if status >= 500 {
		log.Error("request failed", "method", r.Method, "path", r.URL.Path, "status", status,
			"code", catalog.ErrorCode(err), "err", err)
	}
	return status
}
