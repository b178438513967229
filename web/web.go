package web

import (
	"bytes"
	"context"
	"crypto/subtle"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/httperr"
	"github.com/lcmonitor/evidence/internal/parthead"
	"github.com/lcmonitor/evidence/internal/services"
)

//go:embed templates/*.html
var templateFS embed.FS

//go:embed static
var staticFS embed.FS

// Deps are the services the pages call: the same as the API's. Pages
// never reach the catalog or the blob store but through them.
type Deps = services.Set

type handler struct {
	Deps
	pages map[string]*template.Template
}

// session is the logged-in user of a page request with its CSRF token.
type session struct {
	User *catalog.User
	CSRF string
}

type sessionKey struct{}

func sessionFrom(r *http.Request) *session {
	s, _ := r.Context().Value(sessionKey{}).(*session)
	return s
}

// NewHandler returns the web UI: every page but /login needs a session.
func NewHandler(d Deps) (http.Handler, error) {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	h := &handler{Deps: d}
	if err := h.parseTemplates(); err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	for _, rt := range h.routes() {
		if rt.public {
			mux.Handle(rt.pattern, rt.handle)
		} else {
			mux.Handle(rt.pattern, h.withSession(rt))
		}
	}
	return h.recoverer(h.refuseWhenOutrun(h.langFromQuery(mux))), nil
}

// refuseWhenOutrun answers every page 503 once a newer binary has migrated
// the catalog under this running node (ingest.Service.Refusal), with the
// words it would refuse to start with; the stylesheet is still served,
// for the error page.
func (h *handler) refuseWhenOutrun(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if h.Ingest != nil && !strings.HasPrefix(r.URL.Path, "/static/") {
			if err := h.Ingest.Refusal(); err != nil {
				h.fail(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// langFromQuery takes a page's ?lang=en (or zh) as the top bar's switch:
// a link shared in English opens in English. The choice is kept in the
// language cookie, and the page is asked for again without it, so the
// address stays the page's own and the pages after it speak the same
// language. Any other value is left to the page.
func (h *handler) langFromQuery(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		l := Lang(q.Get("lang"))
		if (r.Method != http.MethodGet && r.Method != http.MethodHead) || (l != Chinese && l != English) {
			next.ServeHTTP(w, r)
			return
		}
		h.setLang(w, r, l)
		// The address is kept as sent but for its lang pairs: parsed and
		// encoded again, a pair Go cannot parse (q=学分银行;社区) would be
		// lost with the search.
		var kept []string
		for _, pair := range strings.Split(r.URL.RawQuery, "&") {
			if key, _, _ := strings.Cut(pair, "="); !isLangKey(key) {
				kept = append(kept, pair)
			}
		}
		target := *r.URL
		target.RawQuery = strings.Join(kept, "&")
		http.Redirect(w, r, safeNext(target.RequestURI()), http.StatusSeeOther)
	})
}

// isLangKey reports whether a query's key, as sent, is lang however it
// is escaped (%6Cang): a pair the page took as lang must not stay in the
// address it is sent on to, or it would be sent on again and again.
func isLangKey(key string) bool {
	k, err := url.QueryUnescape(key)
	return err == nil && k == "lang"
}

// NewErrorPage returns what writes an error as the UI's error page, with
// the menu of the person's session when there is one: the JSON API
// answers with it a browser that followed one of the UI's links to it
// (下载原件, 下载佐证材料包) and was refused (api.ErrorPage).
func NewErrorPage(d Deps) (func(http.ResponseWriter, *http.Request, error), error) {
	if d.Logger == nil {
		d.Logger = slog.Default()
	}
	h := &handler{Deps: d}
	if err := h.parseTemplates(); err != nil {
		return nil, err
	}
	return func(w http.ResponseWriter, r *http.Request, err error) {
		if cred, aerr := h.Auth.Authenticate(r); aerr == nil {
			r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, &session{User: cred.User, CSRF: cred.CSRF}))
		}
		if r.URL.Query().Get("inline") == "1" {
			h.failFramed(w, r, err)
			return
		}
		h.fail(w, r, err)
	}, nil
}

// route is one page or form: a Go 1.22 pattern and its handler. Public
// routes need no session; every other one sends a visitor without a
// session to the login page (GET) or refuses the form (401), and checks
// the CSRF token of a POST. Roles, when set, are the only roles the page
// admits; the others get 403 with the denied message before the handler
// runs. Handlers and services still check what depends on the object
// (a city's document, a claim's author).
type route struct {
	pattern string
	handle  http.HandlerFunc
	public  bool
	roles   []catalog.Role
	denied  string
}

var (
	adminRoles   = []catalog.Role{catalog.RoleAdmin}
	adminDenied  = "只有管理员可以使用管理页面"
	writerRoles  = []catalog.Role{catalog.RoleAdmin, catalog.RoleCoordinator}
	uploadDenied = "只有协调员和管理员可以上传材料"
	// A department's contributor opening 上传 is taken to 我的任务, where
	// it hands its files in (uploadPage); its upload form is refused.
	uploadPageRoles = []catalog.Role{catalog.RoleAdmin, catalog.RoleCoordinator, catalog.RoleContributor}
	claimDenied     = "只有协调员和管理员可以撰写定性描述"
	// The collection board is the coordinators' (and admins'); 我的任务 is
	// a department's.
	boardDenied      = "只有本市协调员和管理员可以管理责任分解"
	contributorRoles = []catalog.Role{catalog.RoleContributor}
	tasksDenied      = "“我的任务”是部门联系人的页面；协调员请使用“责任分解”页面"
	valueDenied      = "只有协调员和管理员可以填报数值"
	carryDenied      = "只有本市协调员和管理员可以结转和确认上一轮的内容"
	// Notes are the experts' and reviewers' working papers.
	noteRoles     = []catalog.Role{catalog.RoleAdmin, catalog.RoleExpert, catalog.RoleReviewer}
	noteDenied    = "只有专家、审核专家和管理员可以添加批注"
	editDenied    = "只有协调员和管理员可以批量修改文档"
	deleteDenied  = "只有管理员和本市协调员可以删除文档"
	moveDenied    = "只有管理员可以把文档移到其他城市"
	restoreDenied = "只有管理员和本市协调员可以恢复已删除的文档"
	retryDenied   = "只有协调员和管理员可以重新读取或替换处理失败的文档"
)

// tasksHint tells a department's contributor, refused a coordinator's
// page (上传, 责任分解, 撰写定性描述 …), where its own work is.
const tasksHint = "部门联系人请在“我的任务”中查看本部门的任务并提交材料"

// deniedError is the refusal of a route to a role, in both languages;
// hints follow the reason, each in its own clause.
func deniedError(msg string, hints ...string) error {
	zh, en := msg, catalog.EnglishOf(msg)
	for _, h := range hints {
		zh += ";" + h
		en += "; " + catalog.EnglishOf(h)
	}
	return &catalog.Error{Code: catalog.EFORBIDDEN, Message: catalog.Fullwidth(zh), English: en}
}

// routes is the web UI's one route table.
func (h *handler) routes() []route {
	return []route{
		{pattern: "GET /static/", handle: staticFiles(), public: true},
		{pattern: "GET /login", handle: h.loginPage, public: true},
		{pattern: "POST /login", handle: h.loginSubmit, public: true},
		{pattern: "GET /lang", handle: h.switchLang, public: true},
		{pattern: "/", handle: h.notFound, public: true},
		{pattern: "POST /logout", handle: h.logout},
		{pattern: "GET /{$}", handle: h.home},
		{pattern: "GET /search", handle: h.searchPage},
		{pattern: "POST /search", handle: h.searchPost},
		{pattern: "GET /search/export", handle: h.searchExport},
		{pattern: "GET /saved-searches", handle: h.savedSearchesPage},
		{pattern: "POST /saved-searches", handle: h.savedSearchSave},
		{pattern: "GET /saved-searches/{id}", handle: h.savedSearchOpen},
		{pattern: "POST /saved-searches/{id}/delete", handle: h.savedSearchDelete},
		{pattern: "GET /indicators", handle: h.indicatorsPage},
		{pattern: "GET /indicators/{code}", handle: h.indicatorPage},
		{pattern: "GET /documents", handle: h.documentsPage},
		{pattern: "POST /documents/bulk", handle: h.documentsBulk, roles: writerRoles, denied: editDenied},
		{pattern: "GET /documents/{id}", handle: h.documentPage},
		{pattern: "POST /documents/{id}", handle: h.documentEdit},
		{pattern: "GET /documents/{id}/status", handle: h.documentFollow},
		{pattern: "POST /documents/{id}/delete", handle: h.documentDelete, roles: writerRoles, denied: deleteDenied},
		{pattern: "POST /documents/{id}/move", handle: h.documentMove, roles: adminRoles, denied: moveDenied},
		{pattern: "POST /documents/{id}/restore", handle: h.documentRestore, roles: writerRoles, denied: restoreDenied},
		{pattern: "POST /documents/{id}/retry", handle: h.documentRetry, roles: writerRoles, denied: retryDenied},
		{pattern: "POST /documents/{id}/original", handle: h.documentReplace, roles: writerRoles, denied: retryDenied},
		{pattern: "POST /documents/{id}/links", handle: h.linkAdd},
		{pattern: "POST /links/{id}/delete", handle: h.linkDelete},
		{pattern: "POST /documents/{id}/values", handle: h.valueAdd, roles: writerRoles, denied: valueDenied},
		{pattern: "POST /documents/{id}/notes", handle: h.noteAdd, roles: noteRoles, denied: noteDenied},
		{pattern: "GET /compare", handle: h.comparePage},
		{pattern: "GET /carryovers", handle: h.carryoversPage},
		{pattern: "POST /carryovers", handle: h.carryoverStart, roles: writerRoles, denied: carryDenied},
		{pattern: "POST /carryovers/{id}", handle: h.carryoverDecide, roles: writerRoles, denied: carryDenied},
		{pattern: "GET /upload", handle: h.uploadPage, roles: uploadPageRoles, denied: uploadDenied},
		{pattern: "POST /upload", handle: h.uploadSubmit, roles: writerRoles, denied: uploadDenied},
		{pattern: "GET /review", handle: h.reviewPage},
		{pattern: "GET /values", handle: h.valuesReviewPage},
		{pattern: "GET /values/{id}", handle: h.valuePageOf},
		{pattern: "POST /values/{id}/review", handle: h.valueReview},
		{pattern: "POST /values/import", handle: h.valueImport, roles: writerRoles, denied: valueDenied},
		{pattern: "GET /claims/new", handle: h.claimNewPage, roles: writerRoles, denied: claimDenied},
		{pattern: "POST /claims", handle: h.claimCreate},
		{pattern: "GET /claims/{id}", handle: h.claimPage},
		{pattern: "POST /claims/{id}", handle: h.claimEdit},
		{pattern: "POST /claims/{id}/citations", handle: h.claimAddCitation},
		{pattern: "POST /claims/{id}/citations/{n}/delete", handle: h.claimRemoveCitation},
		{pattern: "POST /claims/{id}/review", handle: h.claimReview},
		{pattern: "POST /claims/{id}/withdraw", handle: h.claimWithdraw},
		{pattern: "GET /tasks", handle: h.tasksPage, roles: contributorRoles, denied: tasksDenied},
		{pattern: "POST /tasks/{id}/upload", handle: h.taskUpload},
		{pattern: "POST /tasks/{id}/withdraw", handle: h.taskWithdraw},
		{pattern: "POST /tasks/{id}/hand-in-linked", handle: h.taskHandInLinked},
		{pattern: "GET /assignments", handle: h.assignmentsPage, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments", handle: h.assignmentCreate},
		{pattern: "POST /assignments/import", handle: h.assignmentImport, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments/copy", handle: h.assignmentCopy},
		{pattern: "POST /assignments/remove-missing", handle: h.assignmentRemoveMissing, roles: writerRoles, denied: boardDenied},
		{pattern: "GET /departments", handle: h.departmentsPage, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /departments", handle: h.departmentCreate, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /departments/{id}", handle: h.departmentRename, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /departments/{id}/delete", handle: h.departmentDelete, roles: writerRoles, denied: boardDenied},
		{pattern: "GET /assignments/missing.xlsx", handle: h.assignmentMissing, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments/{id}/return", handle: h.assignmentReturn, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments/{id}/accept", handle: h.assignmentAccept, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments/{id}/delete", handle: h.assignmentDelete, roles: writerRoles, denied: boardDenied},
		{pattern: "POST /assignments/{id}/upload", handle: h.assignmentHandIn, roles: writerRoles, denied: boardDenied},
		{pattern: "GET /account", handle: h.accountPage},
		{pattern: "POST /account/password", handle: h.accountPassword},
		{pattern: "POST /account/tokens", handle: h.accountTokenCreate},
		{pattern: "POST /account/tokens/{id}/revoke", handle: h.accountTokenRevoke},
		{pattern: "GET /admin", handle: h.adminPage, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/users", handle: h.adminUserCreate, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/users/{name}/disable", handle: h.adminUserDisable, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/users/{name}/enable", handle: h.adminUserEnable, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/users/{name}/password", handle: h.adminUserPassword, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/users/{name}/department", handle: h.adminUserDepartment, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/tokens/{id}/revoke", handle: h.adminTokenRevoke, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/cities", handle: h.adminCityCreate, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/rounds", handle: h.adminRoundCreate, roles: adminRoles, denied: adminDenied},
		{pattern: "GET /admin/rounds/{year}", handle: h.adminRoundPage, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/rounds/{year}/current", handle: h.adminRoundCurrent, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/rounds/{year}/indicators/{code}", handle: h.adminRoundNameCorrect, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/framework", handle: h.adminFrameworkImport, roles: adminRoles, denied: adminDenied},
		{pattern: "POST /admin/reread", handle: h.adminReread, roles: adminRoles, denied: adminDenied},
	}
}

// Route describes one web route for tests and documentation.
type Route struct {
	Pattern string
	// Public routes need no session.
	Public bool
	// Roles are the only roles the page admits; nil admits every
	// signed-in user (the handler may still refuse a particular object).
	Roles []catalog.Role
}

// Routes lists every web route, so a test can hold each one to an
// authorization rule.
func Routes() []Route {
	var out []Route
	for _, r := range (&handler{}).routes() {
		out = append(out, Route{Pattern: r.pattern, Public: r.public, Roles: r.roles})
	}
	return out
}

// staticFiles serves the embedded stylesheet and scripts.
func staticFiles() http.HandlerFunc {
	static, err := fs.Sub(staticFS, "static")
	if err != nil {
		panic(err) // the folder is embedded at build time
	}
	files := http.StripPrefix("/static/", cacheStatic(http.FileServerFS(static)))
	return func(w http.ResponseWriter, r *http.Request) {
		// Files only: a folder answers 404, never a listing of what is in it.
		name := strings.TrimPrefix(r.URL.Path, "/static/")
		if fi, err := fs.Stat(static, strings.TrimSuffix(name, "/")); name == "" || err != nil || fi.IsDir() {
			http.NotFound(w, r)
			return
		}
		files.ServeHTTP(w, r)
	}
}

func (h *handler) notFound(w http.ResponseWriter, r *http.Request) {
	// Public, so that a visitor is not sent to log in for a page that is
	// not there; but one who is signed in keeps the menu to go on from.
	if cred, err := h.Auth.Authenticate(r); err == nil {
		r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, &session{User: cred.User, CSRF: cred.CSRF}))
	}
	h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "没有这个页面：%s", r.URL.Path))
}

// recoverer turns a panic in a page into a logged error page.
func (h *handler) recoverer(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				h.Logger.Error("panic in page", "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				h.fail(w, r, catalog.Errorf(catalog.EINTERNAL, "内部错误，已记录日志；请稍后重试或联系管理员"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

func cacheStatic(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", "public, max-age=3600")
		next.ServeHTTP(w, r)
	})
}

// withSession admits requests with a session (or a bearer token) and sends
// others to the login page; forms that change state must carry the
// session's CSRF token; a page restricted to some roles refuses the others.
func (h *handler) withSession(rt route) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		cred, err := h.Auth.Authenticate(r)
		if err != nil {
			if errors.Is(err, catalog.ErrAccountDisabled) {
				h.accountDisabled(w, r)
				return
			}
			// Only a missing or expired session asks to log in: a catalog
			// out of reach is said as such, for logging in fails too.
			unauthorized := catalog.ErrorCode(err) == catalog.EUNAUTHORIZED
			if r.Method == http.MethodGet && unauthorized {
				http.Redirect(w, r, "/login?next="+url.QueryEscape(r.URL.RequestURI()), http.StatusSeeOther)
				return
			}
			if unauthorized {
				h.loginAgain(w, r)
				return
			}
			h.fail(w, r, err)
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), sessionKey{}, &session{User: cred.User, CSRF: cred.CSRF}))
		// The role first: a form from a role the page does not admit is
		// refused before a byte of it is read.
		if rt.roles != nil && !slices.Contains(rt.roles, cred.User.Role) {
			var hints []string
			if cred.User.Role == catalog.RoleContributor && slices.Contains(rt.roles, catalog.RoleCoordinator) {
				hints = append(hints, tasksHint)
			}
			h.fail(w, r, deniedError(rt.denied, hints...))
			return
		}
		if r.Method == http.MethodPost {
			if multipartForm(r) {
				release, err := h.Auth.TakeUploadSlot(cred.User)
				if err != nil {
					h.fail(w, r, err)
					return
				}
				defer release()
			}
			r.Body = http.MaxBytesReader(w, r.Body, h.bodyLimit(r))
			head := parthead.Limit(r) // a part's header at most 16 KiB, not Go's 10 MiB
			if multipartForm(r) {
				// The token before the files: a form refused here has had
				// none of its files read, let alone spooled to disk.
				files, err := checkCSRFFirst(r, cred.CSRF)
				if cut := head.Err(); cut != nil {
					err = cut
				}
				if catalog.ErrorCode(err) == catalog.EFORBIDDEN {
					h.formExpired(w, r, err, files)
					return
				}
				if err != nil {
					h.fail(w, r, err)
					return
				}
			}
			err := parseForm(r)
			if cut := head.Err(); cut != nil {
				err = cut // the reader may call the line it had begun malformed
			}
			if r.MultipartForm != nil {
				// The server removes the temporary files of the request
				// it gave the handler, not of this copy of it.
				defer r.MultipartForm.RemoveAll()
			}
			if err != nil {
				h.fail(w, r, err)
				return
			}
			if err := checkFormCSRF(r, cred.CSRF); err != nil {
				h.formExpired(w, r, err, r.MultipartForm != nil && len(r.MultipartForm.File) > 0)
				return
			}
		}
		rt.handle(w, r)
	})
}

// maxFormBytes bounds a form without files.
const maxFormBytes = 1 << 20

// bodyLimit is the most a POST may send: several files for an upload (or
// a task's), a framework or responsibility table for an import, a plain
// form otherwise.
func (h *handler) bodyLimit(r *http.Request) int64 {
	switch {
	case r.URL.Path == "/upload", strings.HasPrefix(r.URL.Path, "/tasks/"),
		strings.HasPrefix(r.URL.Path, "/assignments/") && strings.HasSuffix(r.URL.Path, "/upload"):
		return 8*h.Ingest.MaxUpload() + maxFormBytes
	case strings.HasPrefix(r.URL.Path, "/documents/") && strings.HasSuffix(r.URL.Path, "/original"):
		return h.Ingest.MaxUpload() + maxFormBytes
	case r.URL.Path == "/admin/framework", r.URL.Path == "/assignments/import", r.URL.Path == "/values/import":
		return 10<<20 + maxFormBytes
	}
	return maxFormBytes
}

// Limits on the fields of a form (files aside): how many, and how many
// bytes together; a multipart form's files go to temp files beyond
// formMemory.
const (
	maxFormFields = 100
	maxFieldBytes = 256 << 10
	formMemory    = 1 << 20
)

// checkFormCSRF compares the form's csrf_token (or the X-CSRF-Token
// header) with the session's; want is empty for a bearer token, which
// needs none. The form has been parsed.
func checkFormCSRF(r *http.Request, want string) error {
	if want == "" {
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" {
		got = r.PostFormValue("csrf_token")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
		return errFormCSRF()
	}
	return nil
}

// parseForm reads a posted form and holds its fields to the limits; the
// handler finds them already read. (Go's own limit of 1,000 parts bounds
// a multipart form while it is read.)
func parseForm(r *http.Request) error {
	if multipartForm(r) {
		if err := r.ParseMultipartForm(formMemory); err != nil {
			return formError(err)
		}
	} else if err := r.ParseForm(); err != nil {
		return formError(err)
	}
	count, total := 0, 0
	for k, vs := range r.PostForm {
		for _, v := range vs {
			count++
			total += len(k) + len(v)
		}
	}
	if count > maxFormFields {
		return catalog.Errorf(catalog.EINVALID, "表单字段过多（最多 %d 个）", maxFormFields)
	}
	if total > maxFieldBytes {
		return catalog.Errorf(catalog.ETOOLARGE, "表单字段合计过长（最多 %s）", ingest.FormatBytes(maxFieldBytes))
	}
	return nil
}

// formError says why a form could not be read, in words a person can act on.
func formError(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return catalog.Errorf(catalog.ETOOLARGE, "提交的内容超过上限（%s）；请减少文件数量或大小后重试", ingest.FormatBytes(mbe.Limit))
	}
	var said *catalog.Error
	if errors.As(err, &said) {
		return said // the body stopped moving (bodyrate)
	}
	return catalog.Errorf(catalog.EINVALID, "表单数据不完整，请刷新页面后重新提交")
}

// view is what every page template gets.
type view struct {
	Lang Lang
	User *catalog.User
	CSRF string
	// Path is the address of the page shown, where the language switch
	// comes back to: the request's own for a GET; for a form's answer
	// (a mistake shown beside its field) the page the form was sent from,
	// as the form's address has no page to come back to.
	Path    string
	Title   string
	Flash   string
	Error   string
	Page    any
	Request *http.Request
	// Cities are the cities' names by code, so that no page shows a bare
	// 330100 for 杭州 (Hangzhou on English pages).
	Cities map[string]string
	// IndicatorsEN are the indicators' English names by code, on English
	// pages only (the indname template function).
	IndicatorsEN map[string]string
	// CurrentRound is the year a round left empty is taken as: the
	// example in the round fields that say 留空即当前轮次 (a claim, a value
	// ledger), so that it shows what leaving them empty means. Filters
	// (empty: every round), the bulk change (empty: unchanged) and the
	// upload (empty: by the document's date) show none.
	CurrentRound string
	// kept names indicators as a past round keeps them (the keptname
	// template function).
	kept *roundNamer
}

func (h *handler) parseTemplates() error {
	h.pages = map[string]*template.Template{}
	names, err := fs.Glob(templateFS, "templates/*.html")
	if err != nil {
		return err
	}
	// Files named _*.html hold parts that several pages share.
	parts, err := fs.Glob(templateFS, "templates/_*.html")
	if err != nil {
		return err
	}
	for _, n := range names {
		base := strings.TrimSuffix(strings.TrimPrefix(n, "templates/"), ".html")
		if base == "layout" || strings.HasPrefix(base, "_") {
			continue
		}
		// Files named bare_*.html are whole pages without the site's top
		// bar and menu: shown inside a frame of one of our pages.
		root, files := "layout.html", append([]string{"templates/layout.html", n}, parts...)
		if strings.HasPrefix(base, "bare_") {
			root, files = base+".html", []string{n}
		}
		t, err := template.New(root).Funcs(funcs).ParseFS(templateFS, files...)
		if err != nil {
			return fmt.Errorf("parse template %s: %w", n, err)
		}
		h.pages[base] = t
	}
	return nil
}

// render writes a page; the template is run into a buffer first, so a
// failure never leaves half a page.
func (h *handler) render(w http.ResponseWriter, r *http.Request, status int, name, title string, page any) {
	v := view{Lang: langOf(r), Path: pageAddress(r), Title: title, Page: page, Request: r}
	if s := sessionFrom(r); s != nil {
		v.User, v.CSRF = s.User, s.CSRF
		v.Cities = h.cityNames(r)
		v.CurrentRound = h.currentRound(r)
		v.kept = h.roundNamer(r)
		if v.Lang == English {
			v.IndicatorsEN = h.indicatorNamesEN(r)
		}
	}
	if r.Method == http.MethodGet {
		v.Flash = takeFlash(w, r)
	}
	t, ok := h.pages[name]
	if !ok {
		h.Logger.Error("no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, v); err != nil {
		h.Logger.Error("render page", "name", name, "err", err)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(buf.Bytes())
}

// currentRound is the year the services take for a round left empty (the
// current round, or the latest), "" when there is none or the catalog
// does not answer (the page is shown all the same).
func (h *handler) currentRound(r *http.Request) string {
	if h.Framework == nil {
		return ""
	}
	year, err := h.Framework.CurrentRound(r.Context())
	if err != nil {
		h.Logger.Warn("current round", "err", err)
	}
	if err != nil || year == 0 {
		return ""
	}
	return strconv.Itoa(year)
}

// cityNames are the names of the cities by code; a page is still shown,
// with codes, when the catalog does not answer.
func (h *handler) cityNames(r *http.Request) map[string]string {
	names := map[string]string{}
	if h.Framework == nil {
		return names
	}
	cities, err := h.Framework.Cities(r.Context())
	if err != nil {
		h.Logger.Warn("city names", "err", err)
	}
	for _, c := range cities {
		names[c.Code] = cityLabel(langOf(r), c)
	}
	return names
}

// fail shows an error page with the message a person can act on; the
// status, Retry-After and logging follow the table shared with the API.
func (h *handler) fail(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Prepare(w, r, h.Logger, err)
	h.render(w, r, status, "error", tr(langOf(r), "error.title"), map[string]string{"Message": errorText(langOf(r), err),
		"Back": refererPath(r)})
}

// failFramed is fail for a request shown inside a frame of one of our
// pages (the document page's PDF frame asks for original?inline=1): the
// message alone, without the site's top bar and menu, which would be a
// second site inside the page, and a link that opens the page the frame
// is in (else search) in the whole window.
func (h *handler) failFramed(w http.ResponseWriter, r *http.Request, err error) {
	status := httperr.Prepare(w, r, h.Logger, err)
	h.render(w, r, status, "bare_error", tr(langOf(r), "error.title"), map[string]string{"Message": errorText(langOf(r), err),
		"Back": refererPath(r)})
}

// formExpired answers a form whose security token is not the session's —
// most often one filled in before the person logged in again in another
// tab — saying so and that what was typed comes back on the page
// (data-form-lost keeps it for ux.js), not the token's technical words. A
// form with files says they must be chosen again: a page cannot keep them.
func (h *handler) formExpired(w http.ResponseWriter, r *http.Request, err error, files bool) {
	status := httperr.Prepare(w, r, h.Logger, err)
	message := "form.expired"
	if files {
		message = "form.expired_files"
	}
	h.render(w, r, status, "error", tr(langOf(r), "error.title"), map[string]string{"Message": tr(langOf(r), message),
		"Back": refererPath(r), "Lost": "form"})
}

// pageAddress is the address a person comes back to the page shown by:
// the request's for a GET, else the page the form was sent from (the home
// page when the browser did not say).
func pageAddress(r *http.Request) string {
	if r.Method == http.MethodGet || r.Method == http.MethodHead {
		return r.URL.RequestURI()
	}
	if p := refererPath(r); p != "" {
		return p
	}
	return "/"
}

// refererPath is the page the request came from when it is on this site
// and not the page itself, as a path; else "".
func refererPath(r *http.Request) string {
	ref, err := url.Parse(r.Referer())
	if err != nil || ref.Host != r.Host || (ref.Scheme != "http" && ref.Scheme != "https") {
		return ""
	}
	p := ref.EscapedPath()
	if ref.RawQuery != "" {
		p += "?" + ref.RawQuery
	}
	if p = safeNext(p); p == r.URL.RequestURI() && r.Method == http.MethodGet {
		return ""
	}
	return p
}

// flashCookie carries the message of a form's outcome to the page it
// leads to. A cookie, not the address: a link from elsewhere cannot put
// words on our pages, and a reload does not show the message again.
const flashCookie = "evidence_flash"

// maxFlash is the most bytes of a page's message (back): its cookie
// stays well within the 4 KB a browser keeps of one, and takeFlash
// takes a longer one for a cookie not of ours.
const maxFlash = 1000

// back redirects to a page with a short message shown on it once; a
// message longer than maxFlash is shortened (fitFlash), never dropped.
func back(w http.ResponseWriter, r *http.Request, path, flash string) {
	if flash != "" {
		http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: base64.RawURLEncoding.EncodeToString([]byte(fitFlash(flash))),
			Path: "/", MaxAge: 60, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	}
	http.Redirect(w, r, path, http.StatusSeeOther)
}

// takeFlash returns the message back left for this page and clears it.
func takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteStrictMode})
	msg, err := base64.RawURLEncoding.DecodeString(c.Value)
	if err != nil || !utf8.Valid(msg) || len(msg) > maxFlash {
		return ""
	}
	return string(msg)
}

// fitFlash shortens msg to at most maxFlash bytes, ending it with "…":
// its first clauses (up to a ；or ; ) when they fill at least half of it,
// else up to an item of a list (、or , ), else a character. A page
// message names lists whose length the user's input sets (an import's
// new departments, those without an account, the tasks kept): over the
// bound the whole message was dropped, and a large import said nothing.
func fitFlash(msg string) string {
	if len(msg) <= maxFlash {
		return msg
	}
	const more = "…"
	cut := maxFlash - len(more)
	for cut > 0 && !utf8.RuneStart(msg[cut]) {
		cut--
	}
	head := msg[:cut]
	if i := max(strings.LastIndex(head, "；"), strings.LastIndex(head, "; ")); i >= cut/2 {
		return head[:i] + more
	}
	if i := max(strings.LastIndex(head, "、"), strings.LastIndex(head, ", ")); i > 0 {
		return head[:i] + more
	}
	return head + more
}

// safeNext keeps a post-login redirect on this site: a path, never a URL
// with a host, and nothing a browser might clean up into one ("/\t/evil"
// becomes "//evil" once the tab is stripped). Without one it is "/", the
// signed-in user's home (h.home): a contributor's 我的任务, else search.
func safeNext(next string) string {
	const home = "/"
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
		return home
	}
	for _, r := range next {
		if r < 0x20 || r == 0x7f || r == '\\' {
			return home
		}
	}
	u, err := url.Parse(next)
	if err != nil || u.Host != "" || u.Scheme != "" || strings.HasPrefix(u.Path, "//") {
		return home
	}
	return next
}

// home is where a signed-in user starts: a department's contributor at
// its tasks (我的任务), which are its work; everyone else at search.
func (h *handler) home(w http.ResponseWriter, r *http.Request) {
	if s := sessionFrom(r); s != nil && s.User.Role == catalog.RoleContributor {
		http.Redirect(w, r, "/tasks", http.StatusSeeOther)
		return
	}
	http.Redirect(w, r, "/search", http.StatusSeeOther)
}

func (h *handler) switchLang(w http.ResponseWriter, r *http.Request) {
	l := Chinese
	if r.URL.Query().Get("to") == string(English) {
		l = English
	}
	h.setLang(w, r, l)
	http.Redirect(w, r, safeNext(r.URL.Query().Get("next")), http.StatusSeeOther)
}

// setLang keeps l as the browser's language of the UI.
func (h *handler) setLang(w http.ResponseWriter, r *http.Request, l Lang) {
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: string(l), Path: "/", MaxAge: 365 * 24 * 3600,
		HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: h.Auth.IsTLS(r)})
}

func (h *handler) loginPage(w http.ResponseWriter, r *http.Request) {
	h.render(w, r, http.StatusOK, "login", tr(langOf(r), "login.title"), map[string]string{"Next": safeNext(r.URL.Query().Get("next"))})
}

// accountDisabled answers a request whose session was valid and whose
// account has since been disabled with the login form saying so: told
// that the login expired, the person would log in, be refused as with a
// wrong password (the form tells no one an account's state), and doubt
// their password.
func (h *handler) accountDisabled(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	next := r.URL.RequestURI()
	if r.Method != http.MethodGet {
		next = refererPath(r)
	}
	h.render(w, r, http.StatusUnauthorized, "login", tr(lang, "login.title"),
		map[string]string{"Next": safeNext(next), "Error": tr(lang, "session.disabled")})
}

// loginAgain answers a form sent without a session (it ended while the
// form was being filled in) with the login form, saying so in the page's
// words, not the API's (a Bearer token), and leading back to the page the
// form was on.
func (h *handler) loginAgain(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	h.render(w, r, http.StatusUnauthorized, "login", tr(lang, "login.title"),
		map[string]string{"Next": safeNext(refererPath(r)), "Error": tr(lang, "login.again"), "Lost": "form"})
}

func (h *handler) loginSubmit(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, maxFormBytes)
	lang := langOf(r)
	if err := h.Auth.CheckOrigin(r); err != nil {
		h.fail(w, r, err)
		return
	}
	next := safeNext(r.PostFormValue("next"))
	login, err := h.Auth.LogIn(r.Context(), r.PostFormValue("username"), r.PostFormValue("password"), h.Auth.ClientAddress(r))
	switch wait, throttled := catalog.RetryAfter(err); {
	case throttled:
		// The form again, so the user sees when to retry; the status and
		// Retry-After are the error table's.
		status := httperr.Prepare(w, r, h.Logger, err)
		// In the unit the API's message and Retry-After agree with.
		key, n, seconds := "login.throttled", 0, false
		if n, seconds = auth.WaitWords(wait); seconds {
			key = "login.throttled.seconds"
		}
		h.render(w, r, status, "login", tr(lang, "login.title"),
			map[string]string{"Next": next, "Error": trf(lang, key, n)})
		return
	case catalog.ErrorCode(err) == catalog.EUNAUTHORIZED:
		h.render(w, r, http.StatusUnauthorized, "login", tr(lang, "login.title"),
			map[string]string{"Next": next, "Error": tr(lang, "login.failed"), "Username": r.PostFormValue("username")})
		return
	case err != nil:
		h.fail(w, r, err)
		return
	}
	http.SetCookie(w, h.Auth.SessionCookie(r, login.Secret, login.Session.ExpiresAt))
	http.Redirect(w, r, next, http.StatusSeeOther)
}

func (h *handler) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(auth.CookieName); err == nil {
		if err := h.Auth.LogOut(r.Context(), c.Value); err != nil {
			h.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, h.Auth.ClearCookie(r))
	http.Redirect(w, r, "/login", http.StatusSeeOther)
}
