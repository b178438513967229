package api

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"log/slog"
	"net/http"
	"runtime/debug"
	"slices"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/internal/services"
)

// Deps are the services the API calls; handlers never reach the catalog
// or the blob store but through them.
type Deps = services.Set

type handler struct {
	Deps
	metrics   *metrics
	errorPage ErrorPage
	// returnedNames names the returned files of a task a change answers
	// (namedTask): Deps.Assignments, apart so that a test can make the
	// read after a committed change fail.
	returnedNames returnedNamer
}

// ErrorPage writes err as the web UI's error page (in the language the
// person chose, with the way back), for a browser that followed one of
// the UI's links to the API (下载原件, 下载佐证材料包) and was refused: a
// person reads a page, not JSON.
type ErrorPage func(w http.ResponseWriter, r *http.Request, err error)

// route is one endpoint: a Go 1.22 pattern and its handler. Public
// endpoints need no credential; every other one needs a bearer token or a
// session (with a CSRF token when it changes state). Roles, when set, are
// the only roles admitted: the others get 403 before the body is read.
// Services still check what depends on the object (a city's document).
//
// Bodies: an endpoint that takes files (files) reads its multipart body
// itself, within its own limit, and may find a session's CSRF token in
// the csrf_token field before the first file; every other body is cut
// at maxBodyBytes.
type route struct {
	pattern string
	handle  http.HandlerFunc
	public  bool
	roles   []catalog.Role
	files   bool
}

var (
	adminRoles = []catalog.Role{catalog.RoleAdmin}
	// editorRoles change a city's documents (catalog.User.CanEdit).
	editorRoles = []catalog.Role{catalog.RoleAdmin, catalog.RoleCoordinator}
)

// routes is the API's one route table.
func (h *handler) routes() []route {
	return []route{
		{pattern: "GET /healthz", handle: h.healthz, public: true},
		{pattern: "GET /readyz", handle: h.readyz, public: true},
		{pattern: "POST /api/v1/login", handle: h.handleLogin, public: true},
		{pattern: "POST /api/v1/logout", handle: h.handleLogout, public: true},
		{pattern: "GET /metrics", handle: h.handleMetrics, roles: adminRoles},
		{pattern: "GET /api/v1/me", handle: h.handleMe},
		{pattern: "POST /api/v1/documents", handle: h.handleDocumentUpload, roles: catalog.UploaderRoles, files: true},
		{pattern: "GET /api/v1/documents", handle: h.handleDocumentList},
		{pattern: "POST /api/v1/documents/bulk", handle: h.handleDocumentBulk},
		{pattern: "GET /api/v1/documents/{id}", handle: h.handleDocumentView},
		{pattern: "PATCH /api/v1/documents/{id}", handle: h.handleDocumentEdit},
		{pattern: "DELETE /api/v1/documents/{id}", handle: h.handleDocumentDelete},
		{pattern: "GET /api/v1/documents/{id}/original", handle: h.handleDocumentOriginal},
		{pattern: "GET /api/v1/documents/{id}/pages/{page}/thumbnail", handle: h.handleDocumentThumbnail},
		{pattern: "GET /api/v1/documents/{id}/text", handle: h.handleDocumentText},
		{pattern: "GET /api/v1/documents/{id}/find", handle: h.handleDocumentFind},
		{pattern: "GET /api/v1/documents/{id}/suggestions", handle: h.handleDocumentSuggestions},
		{pattern: "POST /api/v1/documents/{id}/retry", handle: h.handleDocumentRetry},
		{pattern: "POST /api/v1/documents/{id}/restore", handle: h.handleDocumentRestore, roles: editorRoles},
		{pattern: "POST /api/v1/documents/{id}/original", handle: h.handleDocumentReplace, roles: editorRoles, files: true},
		{pattern: "GET /api/v1/search", handle: h.handleSearch},
		{pattern: "POST /api/v1/search", handle: h.handleSearchPost},
		{pattern: "GET /api/v1/search/export", handle: h.handleSearchExport},
		{pattern: "GET /api/v1/saved-searches", handle: h.handleSavedSearchList},
		{pattern: "POST /api/v1/saved-searches", handle: h.handleSavedSearchCreate},
		{pattern: "GET /api/v1/saved-searches/{id}", handle: h.handleSavedSearchView},
		{pattern: "POST /api/v1/saved-searches/{id}/seen", handle: h.handleSavedSearchSeen},
		{pattern: "DELETE /api/v1/saved-searches/{id}", handle: h.handleSavedSearchDelete},
		{pattern: "GET /api/v1/indicators/{code}/query-pack", handle: h.handleQueryPack},
		{pattern: "POST /api/v1/links", handle: h.handleLinkCreate},
		{pattern: "DELETE /api/v1/links/{id}", handle: h.handleLinkDelete},
		{pattern: "POST /api/v1/links/{id}/restore", handle: h.handleLinkRestoreRound},
		{pattern: "GET /api/v1/indicators", handle: h.handleIndicatorTree},
		{pattern: "GET /api/v1/indicators/{code}/evidence", handle: h.handleIndicatorEvidence},
		{pattern: "POST /api/v1/framework", handle: h.handleFrameworkImport, roles: adminRoles, files: true},
		{pattern: "GET /api/v1/coverage", handle: h.handleCoverage},
		{pattern: "GET /api/v1/cities", handle: h.handleCities},
		{pattern: "POST /api/v1/cities", handle: h.handleCityCreate, roles: adminRoles},
		{pattern: "GET /api/v1/rounds", handle: h.handleRounds},
		{pattern: "POST /api/v1/rounds", handle: h.handleRoundCreate, roles: adminRoles},
		{pattern: "PATCH /api/v1/rounds/{year}", handle: h.handleRoundUpdate, roles: adminRoles},
		{pattern: "GET /api/v1/rounds/{year}/indicators", handle: h.handleRoundIndicators},
		{pattern: "PATCH /api/v1/rounds/{year}/indicators/{code}", handle: h.handleRoundIndicatorCorrect, roles: adminRoles},
		{pattern: "GET /api/v1/users", handle: h.handleUserList, roles: adminRoles},
		{pattern: "POST /api/v1/users", handle: h.handleUserCreate, roles: adminRoles},
		{pattern: "PATCH /api/v1/users/{name}", handle: h.handleUserUpdate, roles: adminRoles},
		{pattern: "POST /api/v1/users/{name}/disable", handle: h.handleUserDisable, roles: adminRoles},
		{pattern: "POST /api/v1/users/{name}/enable", handle: h.handleUserEnable, roles: adminRoles},
		{pattern: "POST /api/v1/users/{name}/password", handle: h.handleUserPassword},
		{pattern: "GET /api/v1/tokens", handle: h.handleTokenList},
		{pattern: "POST /api/v1/tokens", handle: h.handleTokenCreate},
		{pattern: "DELETE /api/v1/tokens/{id}", handle: h.handleTokenRevoke},
		{pattern: "GET /api/v1/events", handle: h.handleEvents},
		{pattern: "GET /api/v1/admin/reread", handle: h.handleRereadState, roles: adminRoles},
		{pattern: "POST /api/v1/admin/reread", handle: h.handleRereadStart, roles: adminRoles},
		{pattern: "POST /api/v1/claims", handle: h.handleClaimCreate},
		{pattern: "GET /api/v1/claims", handle: h.handleClaimList},
		{pattern: "GET /api/v1/claims/{id}", handle: h.handleClaimView},
		{pattern: "PATCH /api/v1/claims/{id}", handle: h.handleClaimEdit},
		{pattern: "POST /api/v1/claims/{id}/citations", handle: h.handleCitationAdd},
		{pattern: "DELETE /api/v1/claims/{id}/citations/{n}", handle: h.handleCitationRemove},
		{pattern: "POST /api/v1/claims/{id}/reviews", handle: h.handleClaimReview},
		{pattern: "POST /api/v1/claims/{id}/withdraw", handle: h.handleClaimWithdraw},
		{pattern: "GET /api/v1/claims/{id}/candidates", handle: h.handleClaimCandidates},
		{pattern: "GET /api/v1/originals/{sha256}", handle: h.handleOriginalBySHA},
		{pattern: "POST /api/v1/assignments/import", handle: h.handleAssignmentImport, roles: editorRoles, files: true},
		{pattern: "POST /api/v1/assignments/copy", handle: h.handleAssignmentCopy},
		{pattern: "POST /api/v1/assignments", handle: h.handleAssignmentAdd},
		{pattern: "GET /api/v1/assignments", handle: h.handleAssignmentList},
		{pattern: "GET /api/v1/assignments/progress", handle: h.handleAssignmentProgress},
		{pattern: "GET /api/v1/assignments/{id}", handle: h.handleAssignmentView},
		{pattern: "DELETE /api/v1/assignments/{id}", handle: h.handleAssignmentDelete},
		{pattern: "GET /api/v1/departments", handle: h.handleDepartmentList},
		{pattern: "POST /api/v1/departments", handle: h.handleDepartmentCreate},
		{pattern: "PATCH /api/v1/departments/{id}", handle: h.handleDepartmentRename},
		{pattern: "DELETE /api/v1/departments/{id}", handle: h.handleDepartmentDelete},
		{pattern: "POST /api/v1/assignments/{id}/return", handle: h.handleAssignmentReturn},
		{pattern: "POST /api/v1/assignments/{id}/accept", handle: h.handleAssignmentAccept},
		{pattern: "POST /api/v1/assignments/{id}/withdraw", handle: h.handleAssignmentWithdraw},
		{pattern: "POST /api/v1/assignments/{id}/hand-in-linked", handle: h.handleAssignmentHandInLinked},
		{pattern: "POST /api/v1/values", handle: h.handleValueCreate},
		{pattern: "GET /api/v1/values", handle: h.handleValueList},
		{pattern: "POST /api/v1/values/import", handle: h.handleValueImport, roles: editorRoles, files: true},
		{pattern: "GET /api/v1/values/{id}", handle: h.handleValueView},
		{pattern: "POST /api/v1/values/{id}/reviews", handle: h.handleValueReview},
		{pattern: "POST /api/v1/rounds/{year}/carryover", handle: h.handleRoundCarryover},
		{pattern: "DELETE /api/v1/rounds/{year}", handle: h.handleRoundDelete},
		{pattern: "GET /api/v1/carryovers", handle: h.handleCarryoverList},
		{pattern: "POST /api/v1/carryovers/{id}", handle: h.handleCarryoverDecide},
		{pattern: "GET /api/v1/coverage/compare", handle: h.handleCoverageCompare},
		{pattern: "GET /api/v1/reports/{city}", handle: h.handleReport},
		{pattern: "GET /api/v1/packs/{city}", handle: h.handleEvidencePack},
		{pattern: "POST /api/v1/documents/{id}/notes", handle: h.handleNoteCreate},
		{pattern: "GET /api/v1/documents/{id}/notes", handle: h.handleNoteList},
		{pattern: "GET /api/v1/notes", handle: h.handleNotesByAuthor},
		{pattern: "GET /api/v1/assignments/missing.xlsx", handle: h.handleAssignmentMissing},
	}
}

// Routes lists the patterns of every endpoint, so a test can hold each one
// to an authorization rule.
func Routes() []string {
	var out []string
	for _, r := range (&handler{}).routes() {
		out = append(out, r.pattern)
	}
	return out
}

// NewHandler returns the HTTP handler of the JSON API under /api/v1, plus
// /healthz and /metrics. The web UI owns /login and /logout for forms.
//
// page, when given, answers the refusals of a browser's navigation
// (navigating) in HTML; every other client gets JSON.
func NewHandler(d Deps, page ...ErrorPage) http.Handler {
	return newHandler(d, d.Assignments, page...)
}

// newHandler is NewHandler with the returned files of a task's answer
// named by names.
func newHandler(d Deps, names returnedNamer, page ...ErrorPage) http.Handler {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	h := &handler{Deps: d, metrics: newMetrics(d), returnedNames: names}
	if len(page) > 0 {
		h.errorPage = page[0]
	}
	mux := http.NewServeMux()
	for _, rt := range h.routes() {
		if rt.public {
			mux.Handle(rt.pattern, limitBody(rt.handle))
		} else {
			mux.Handle(rt.pattern, h.authenticated(rt))
		}
	}
	mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		h.writeError(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个接口：%s %s", r.Method, r.URL.Path))
	})
	return h.recoverer(SecurityHeaders(h.instrument(h.refuseWhenOutrun(mux))))
}

// refuseWhenOutrun answers every request 503 once a newer binary has
// migrated the catalog under this running node (ingest.Service.Refusal),
// with the words it would refuse to start with: it must not serve, or
// write, a catalog whose newer tables it does not keep up. /readyz says
// it itself, and /healthz still says the process lives.
func (h *handler) refuseWhenOutrun(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/readyz" && r.URL.Path != "/healthz" && h.Ingest != nil {
			if err := h.Ingest.Refusal(); err != nil {
				h.writeError(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// SecurityHeaders are set on every response: no inline script, no
// framing, no type sniffing, no referrer to other sites.
func SecurityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		hd := w.Header()
		hd.Set("Content-Security-Policy", securityPolicy("'none'"))
		hd.Set("X-Content-Type-Options", "nosniff")
		hd.Set("X-Frame-Options", "DENY")
		hd.Set("Referrer-Policy", "same-origin")
		next.ServeHTTP(w, r)
	})
}

// securityPolicy is SecurityHeaders' Content-Security-Policy, framed by
// ancestors alone.
func securityPolicy(ancestors string) string {
	return "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
		"object-src 'none'; frame-ancestors " + ancestors + "; base-uri 'none'; form-action 'self'"
}

// frameableBySelf lets a page under SecurityHeaders be framed by this
// site's own pages, and no other.
func frameableBySelf(hd http.Header) {
	hd.Set("Content-Security-Policy", securityPolicy("'self'"))
	hd.Set("X-Frame-Options", "SAMEORIGIN")
}

func (h *handler) handleMetrics(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(userFrom(r.Context())); err != nil {
		h.writeError(w, r, err)
		return
	}
	promhttp.HandlerFor(h.metrics.registry, promhttp.HandlerOpts{}).ServeHTTP(w, r)
}

func (h *handler) healthz(w http.ResponseWriter, r *http.Request) {
	if err := h.Ingest.Healthy(r.Context()); err != nil {
		h.writeError(w, r, catalog.Errorf(catalog.EUNAVAILABLE, "目录数据库不可用"))
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"status": "ok", "pending": h.Ingest.Pending()})
}

// readyz says whether this node should get traffic: no newer binary has
// migrated its catalog since it started (ingest.Service.Refusal), its
// catalog answers
// and its index may be used (not on a full disk) and has caught up with
// the catalog since start (a node of several follows the changes the
// others make). It reports the index lag
// in changes and seconds either way; 503 while not ready.
func (h *handler) readyz(w http.ResponseWriter, r *http.Request) {
	lag := h.Ingest.IndexLag()
	body := map[string]any{"ready": lag.CaughtUp, "lag_changes": lag.Changes, "lag_seconds": lag.Behind.Seconds()}
	status := http.StatusOK
	if err := h.Ingest.Refusal(); err != nil {
		body["ready"], body["error"], body["error_en"] = false, catalog.ErrorMessage(err), catalog.MessageIn(err, true)
		status = http.StatusServiceUnavailable
	} else if err := h.Ingest.Healthy(r.Context()); err != nil {
		body["ready"], body["error"], body["error_en"] = false, "目录数据库不可用", "The catalog database cannot be reached"
		status = http.StatusServiceUnavailable
	} else if err := h.Ingest.IndexUnusable(); err != nil {
		body["ready"], body["error"], body["error_en"] = false, catalog.ErrorMessage(err), catalog.MessageIn(err, true)
		status = http.StatusServiceUnavailable
	} else if !lag.CaughtUp {
		body["error"] = catalog.Fullwidth("索引正在追赶目录，请稍候")
		body["error_en"] = "The index is catching up with the catalog; wait a moment"
		status = http.StatusServiceUnavailable
	}
	h.writeJSON(w, r, status, body)
}

type userKey struct{}

// userFrom returns the authenticated user of a request.
func userFrom(ctx context.Context) *catalog.User {
	u, _ := ctx.Value(userKey{}).(*catalog.User)
	return u
}

// authenticated admits requests with a valid bearer token or session and
// a role the route admits, before anything of the body is read;
// state-changing requests made with a session must carry its CSRF token.
func (h *handler) authenticated(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cred, err := h.Auth.Authenticate(r)
		if err != nil {
			w.Header().Set("WWW-Authenticate", `Bearer realm="evidence"`)
			h.writeError(w, r, err)
			return
		}
		if rt.roles != nil && !slices.Contains(rt.roles, cred.User.Role) {
			h.writeError(w, r, catalog.Errorf(catalog.EFORBIDDEN, "您的角色（%s）不能执行此操作，请由%s执行", cred.User.Role.Words(), admitted(rt.roles)))
			return
		}
		if !rt.files {
			r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		} else {
			release, err := h.Auth.TakeUploadSlot(cred.User)
			if err != nil {
				h.writeError(w, r, err)
				return
			}
			defer release()
		}
		if rt.files && auth.CSRFInForm(r, cred) {
			r = withPendingCSRF(r, cred.CSRF)
		} else if err := auth.CheckCSRF(r, cred); err != nil {
			h.writeError(w, r, err)
			return
		}
		rt.handle(w, r.WithContext(context.WithValue(r.Context(), userKey{}, cred.User)))
	})
}

// admitted names the roles a route admits as a refusal says who may do
// it instead: 管理员, 管理员或协调员; an administrator, an administrator
// or a coordinator.
func admitted(roles []catalog.Role) catalog.Words {
	var zh, en []string
	for _, r := range roles {
		w := r.Words()
		zh = append(zh, w.Chinese)
		article := "a "
		if strings.ContainsRune("aeiou", rune(w.English[0])) {
			article = "an "
		}
		en = append(en, article+w.English)
	}
	join := func(names []string, comma, or string) string {
		if len(names) < 2 {
			return strings.Join(names, "")
		}
		return strings.Join(names[:len(names)-1], comma) + or + names[len(names)-1]
	}
	return catalog.Words{Chinese: join(zh, "、", "或"), English: join(en, ", ", " or ")}
}

// limitBody cuts the body of a public endpoint at maxBodyBytes.
func limitBody(next http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		r.Body = http.MaxBytesReader(w, r.Body, maxBodyBytes)
		next(w, r)
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
				h.writeError(w, r, catalog.Errorf(catalog.EINTERNAL, "内部错误，已记录日志；请稍后重试或联系管理员"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// errorBody is the JSON shape of every error.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string `json:"code"`
	Message string `json:"message"`
	// MessageEn is the message in English, when it has one (the web
	// page's script shows it on English pages).
	MessageEn string `json:"message_en,omitempty"`
	// Field names the request field that was wrong, when one was.
	Field string `json:"field,omitempty"`
	// Errors lists every mistake found in the request, when there were
	// several (catalog.Join), each with its field; the message above is
	// the first one's.
	Errors []fieldErrorJSON `json:"errors,omitempty"`
	// DeletedDocument, for a file refused because it holds the bytes of
	// a deleted document of the city, is that document, to restore.
	DeletedDocument *deletedCopyJSON `json:"deleted_document,omitempty"`
	// ConfirmToken, for an accept refused with a question on the files
	// handed in (assignments.QuestionError), is what confirm must carry
	// to accept them as checked: it answers this question alone.
	ConfirmToken string `json:"confirm_token,omitempty"`
}

// fieldErrorJSON is one mistake of a request that had several.
type fieldErrorJSON struct {
	Field     string `json:"field,omitempty"`
	Message   string `json:"message"`
	MessageEn string `json:"message_en,omitempty"`
}

// writeError answers with err's code and user-facing message; the status,
// Retry-After and logging follow the table shared with the web UI.
func (h *handler) writeError(w http.ResponseWriter, r *http.Request, err error) {
	if h.errorPage != nil && navigating(r) {
		h.errorPage(w, r, err)
		return
	}
	status := httperr.Prepare(w, r, h.Logger, err)
	detail := errorDetail{Code: catalog.ErrorCode(err), Message: catalog.ErrorMessage(err), MessageEn: englishOf(err),
		Field: catalog.ErrorField(err), DeletedDocument: deletedCopyOf(err)}
	if q := assignments.AsQuestion(err); q != nil {
		detail.ConfirmToken = q.Token
	}
	if each := catalog.Each(err); len(each) > 1 {
		for _, e := range each {
			detail.Errors = append(detail.Errors, fieldErrorJSON{Field: e.Field, Message: e.Message, MessageEn: e.English})
		}
	}
	h.writeJSON(w, r, status, errorBody{Error: detail})
}

// navigating says r is a browser opening the address as a page (a
// link, the address bar, a PDF's frame) with the session's cookie, not a
// program: no bearer token, and the browser says it navigates
// (Sec-Fetch-Mode) or, an older one, asks for HTML first.
func navigating(r *http.Request) bool {
	if r.Method != http.MethodGet && r.Method != http.MethodHead || r.Header.Get("Authorization") != "" {
		return false
	}
	if mode := r.Header.Get("Sec-Fetch-Mode"); mode != "" {
		return mode == "navigate"
	}
	return strings.HasPrefix(r.Header.Get("Accept"), "text/html")
}

func (h *handler) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	setJSONHeaders(w)
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		h.Logger.Debug("write response", "path", r.URL.Path, "err", err)
	}
}

func setJSONHeaders(w http.ResponseWriter) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Cache-Control", "no-store")
}

// encodeJSON is v as writeJSON writes it, in memory.
func encodeJSON(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
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

// englishOf is err's message in English, or "" when it has none.
func englishOf(err error) string {
	var e *catalog.Error
	if errors.As(err, &e) {
		return e.English
	}
	return ""
}
