package api

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"runtime/debug"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/search"
)

// Deps are the services the API calls.
type Deps struct {
	Catalog *catalog.Store
	Blobs   blob.Store
	Ingest  *ingest.Service
	Search  *search.Service
	Logger  *slog.Logger
}

type handler struct {
	Deps
	metrics *metrics
}

// NewHandler returns the HTTP handler of the JSON API under /api/v1, plus
// /healthz and /metrics.
func NewHandler(d Deps) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	h := &handler{Deps: d, metrics: newMetrics(d)}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", h.healthz)
	mux.Handle("GET /metrics", h.authenticated(promhttp.HandlerFor(h.metrics.registry, promhttp.HandlerOpts{})))
	api := func(pattern string, fn http.HandlerFunc) {
		mux.Handle(pattern, h.authenticated(fn))
	}
	api("POST /api/v1/documents", h.handleDocumentUpload)
	api("GET /api/v1/documents", h.handleDocumentList)
	api("GET /api/v1/documents/{id}", h.handleDocumentView)
	api("GET /api/v1/documents/{id}/original", h.handleDocumentOriginal)
	api("GET /api/v1/documents/{id}/text", h.handleDocumentText)
	api("GET /api/v1/documents/{id}/suggestions", h.handleDocumentSuggestions)
	api("GET /api/v1/search", h.handleSearch)
	api("POST /api/v1/links", h.handleLinkCreate)
	api("DELETE /api/v1/links/{id}", h.handleLinkDelete)
	api("GET /api/v1/indicators", h.handleIndicatorTree)
	api("GET /api/v1/indicators/{code}/evidence", h.handleIndicatorEvidence)
	api("POST /api/v1/framework", h.handleFrameworkImport)
	api("GET /api/v1/coverage", h.handleCoverage)
	api("GET /api/v1/cities", h.handleCities)
	api("POST /api/v1/cities", h.handleCityCreate)
	api("GET /api/v1/rounds", h.handleRounds)
	api("POST /api/v1/rounds", h.handleRoundCreate)
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		h.writeError(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个接口:%s %s", r.Method, r.URL.Path))
	})
	return h.recoverer(h.instrument(mux))
}

func (h *handler) healthz(w http.ResponseWriter, r *http.Request) {
	if _, err := h.Catalog.Cities(r.Context()); err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EUNAVAILABLE, "目录数据库不可用"))
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"status": "ok", "pending": h.Ingest.Pending()})
}

type userKey struct{}

// userFrom returns the authenticated user of a request.
func userFrom(ctx context.Context) *catalog.User {
	u, _ := ctx.Value(userKey{}).(*catalog.User)
	return u
}

// authenticated admits requests with a valid Bearer token.
func (h *handler) authenticated(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		token, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || strings.TrimSpace(token) == "" {
			w.Header().Set("WWW-Authenticate", `Bearer realm="evidence"`)
			h.writeError(w, r, catalog.Errorf(catalog.EUNAUTHORIZED, "需要登录:请在 Authorization 头中提供 Bearer 令牌"))
			return
		}
		u, err := h.Catalog.UserByToken(r.Context(), strings.TrimSpace(token))
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="evidence", error="invalid_token"`)
			h.writeError(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(context.WithValue(r.Context(), userKey{}, u)))
	})
}

// recoverer turns a panic in a handler into a logged 500, never a stack
// trace for the client.
func (h *handler) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.Logger.Error("panic in handler", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				h.writeError(w, r, catalog.Errorf(catalog.EINTERNAL, "内部错误,已记录日志;请稍后重试或联系管理员"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// statusOf maps application error codes to HTTP statuses.
var statusOf = map[string]int{
	catalog.ECONFLICT:     http.StatusConflict,
	catalog.EFORBIDDEN:    http.StatusForbidden,
	catalog.EINTERNAL:     http.StatusInternalServerError,
	catalog.EINVALID:      http.StatusBadRequest,
	catalog.ENOTFOUND:     http.StatusNotFound,
	catalog.ETOOLARGE:     http.StatusRequestEntityTooLarge,
	catalog.EUNAUTHORIZED: http.StatusUnauthorized,
	catalog.EUNAVAILABLE:  http.StatusServiceUnavailable,
	catalog.EUNSUPPORTED:  http.StatusUnsupportedMediaType,
}

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	code := catalog.ErrorCode(err)
	status, ok := statusOf[code]
	if !ok {
		status = http.StatusInternalServerError
	}
	if code == catalog.EINTERNAL || status >= 500 {
		h.Logger.Error("request failed", "method", r.Method, "path", r.URL.Path, "code", code, "err", err)
	}
	h.writeJSON(w, r, status, errorBody{Error: errorDetail{Code: code, Message: catalog.ErrorMessage(err)}})
}

func (h *handler) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		h.Logger.Debug("write response", "path", r.URL.Path, "err", err)
	}
}

// statusRecorder remembers the status a handler wrote, for logs and metrics.
type statusRecorder struct {
	http.ResponseWriter
	status int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.status = code
	s.ResponseWriter.WriteHeader(code)
}

func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

func (h *handler) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(rec, r)
		took := time.Since(start)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		h.metrics.observe(route, rec.status, took)
		h.Logger.Info("http", "method", r.Method, "path", r.URL.Path, "status", rec.status, "took", took)
	})
}
