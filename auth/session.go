package auth

import (
	"context"
	"crypto/subtle"
	"fmt"
	"math"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

// CookieName is the web session cookie.
const CookieName = "evidence_session"

// DefaultSessionTTL is how long a web session lasts.
const DefaultSessionTTL = 12 * time.Hour

// Authenticator turns credentials into users: passwords into sessions,
// session cookies and bearer tokens into the user behind them.
type Authenticator struct {
	cat      *catalog.Store
	throttle *Throttle
	turns    addressTurns // one login attempt per address at a time
	refused  refusalLog   // which throttled attempts are audited
	uploads  uploadSlots  // each account's requests sending files
	ttl      time.Duration
	now      func() time.Time
	// TrustProxy says a reverse proxy in front sets X-Forwarded-For and
	// X-Forwarded-Proto; without it those headers are ignored, since anyone
	// could send them.
	TrustProxy bool
}

// NewAuthenticator returns an authenticator with the default throttle;
// ttl 0 means DefaultSessionTTL.
func NewAuthenticator(cat *catalog.Store, ttl time.Duration) *Authenticator {
	if ttl <= 0 {
		ttl = DefaultSessionTTL
	}
	return &Authenticator{cat: cat, throttle: NewThrottle(cat), ttl: ttl, now: time.Now}
}

// Throttle exposes the login throttle, for tests and tuning.
func (a *Authenticator) Throttle() *Throttle { return a.throttle }

// SetClock replaces the clock that sets and checks session expiry and
// ages throttled failures, so that tests move time instead of sleeping.
// Call it before the authenticator serves requests.
func (a *Authenticator) SetClock(now func() time.Time) {
	a.now = now
	a.throttle.now = now
}

// Login is a successful login: the cookie secret to set and the session.
type Login struct {
	Secret  string
	Session catalog.Session
}

// LogIn checks a password and opens a session. Failures are audited and
// throttled; a throttled attempt is refused before the password is looked
// at (ETHROTTLED, with how long to wait) and audited once a minute an
// address and account (refusalLog), and unknown users fail exactly like
// wrong passwords.
//
// An attempt whose audit entry cannot be written fails with that error
// instead of its usual answer: the surfaces log every such failure with
// its detail, and no login happens that the audit log does not show.
func (a *Authenticator) LogIn(ctx context.Context, username, password, addr string) (*Login, error) {
	username = strings.TrimSpace(username)
	if !plausibleUsername(username) {
		// No account has such a name; it is not counted either, so that
		// a name too long for the throttle's key cannot fail the request.
		return nil, catalog.Errorf(catalog.EUNAUTHORIZED, "用户名或密码错误")
	}
	// From the check to the failure being counted, so that attempts sent
	// together are each checked against the failures of those before.
	done, err := a.turns.take(ctx, addr)
	if err != nil {
		return nil, err
	}
	defer done()
	doneShared, err := a.sharedTurn(ctx, addr)
	if err != nil {
		return nil, err
	}
	defer doneShared()
	wait, err := a.throttle.Check(ctx, username, addr)
	if err != nil {
		return nil, err
	}
	if wait > 0 {
		if audit, leftOut := a.refused.admit(addr+"\x00"+username, a.now()); audit {
			e := loginEvent(username, "login.throttled", addr)
			if leftOut > 0 {
				e.Detail["refused_since_last"] = leftOut
			}
			if err := a.cat.RecordEvent(ctx, e); err != nil {
				return nil, fmt.Errorf("audit login.throttled of %s: %w", username, err)
			}
		}
		n, seconds := WaitWords(wait)
		if seconds {
			return nil, catalog.Throttled(wait, "登录失败次数过多，请 %d 秒后再试", n)
		}
		return nil, catalog.Throttled(wait, "登录失败次数过多，请 %d 分钟后再试", n)
	}
	hash, disabled, err := a.cat.LoginHash(ctx, username)
	if err != nil && catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
		return nil, err
	}
	if err != nil {
		CheckPassword(string(dummyHash), password)
	}
	if right := err == nil && CheckPassword(hash, password); !right || disabled {
		if err := a.throttle.Fail(ctx, username, addr); err != nil {
			return nil, err
		}
		// A disabled account is its own entry, that the admin reading the
		// log sees why its owner cannot get in; the person is told only
		// what a wrong password tells, so the answer does not say which
		// names exist or were disabled.
		action := "login.fail"
		if disabled {
			action = "login.disabled"
		}
		if err := a.audit(ctx, username, action, addr); err != nil {
			return nil, err
		}
		return nil, catalog.Errorf(catalog.EUNAUTHORIZED, "用户名或密码错误")
	}
	if err := a.throttle.Succeed(ctx, username, addr); err != nil {
		return nil, err
	}
	secret, csrf := RandomString(40), RandomString(32)
	expires := a.now().Add(a.ttl)
	if err := a.cat.CreateSession(ctx, catalog.HashToken(secret), username, csrf, expires,
		loginEvent(username, "login", addr)); err != nil {
		return nil, fmt.Errorf("open session of %s: %w", username, err)
	}
	u, err := a.cat.User(ctx, username)
	if err != nil {
		return nil, err
	}
	return &Login{Secret: secret, Session: catalog.Session{User: u, CSRF: csrf, ExpiresAt: expires}}, nil
}

// WaitWords is how a refused login says its wait: under a minute in
// seconds (seconds true), as its Retry-After header gives them, rounded
// up and at least 1; else in minutes, rounded up.
func WaitWords(wait time.Duration) (n int, seconds bool) {
	if wait < time.Minute {
		return max(int((wait+time.Second-1)/time.Second), 1), true
	}
	return int(math.Ceil(wait.Minutes())), false
}

func loginEvent(username, action, addr string) catalog.Event {
	return catalog.Event{User: username, Action: action, Object: "user:" + username,
		Detail: map[string]any{"address": addr}}
}

// audit records a refused login attempt.
func (a *Authenticator) audit(ctx context.Context, username, action, addr string) error {
	if err := a.cat.RecordEvent(ctx, loginEvent(username, action, addr)); err != nil {
		return fmt.Errorf("audit %s of %s: %w", action, username, err)
	}
	return nil
}

// LogOut ends the session of a cookie secret.
func (a *Authenticator) LogOut(ctx context.Context, secret string) error {
	return a.cat.DeleteSession(ctx, catalog.HashToken(secret))
}

// Credential is who a request is from and how it proved it.
type Credential struct {
	User *catalog.User
	// CSRF is the session's CSRF token; empty for bearer tokens, which a
	// browser never sends on its own and so need no CSRF check.
	CSRF string
}

// Authenticate reads a request's bearer token or session cookie. No
// credential, or a bad one, is EUNAUTHORIZED.
func (a *Authenticator) Authenticate(r *http.Request) (*Credential, error) {
	if h := r.Header.Get("Authorization"); h != "" {
		token, ok := strings.CutPrefix(h, "Bearer ")
		if !ok || strings.TrimSpace(token) == "" {
			return nil, catalog.Errorf(catalog.EUNAUTHORIZED, "Authorization 头应为 Bearer 令牌")
		}
		u, err := a.cat.UserByToken(r.Context(), strings.TrimSpace(token))
		if err != nil {
			return nil, err
		}
		return &Credential{User: u}, nil
	}
	c, err := r.Cookie(CookieName)
	if err != nil || c.Value == "" {
		return nil, catalog.Errorf(catalog.EUNAUTHORIZED, "需要登录：请登录，或在 Authorization 头中提供 Bearer 令牌")
	}
	s, err := a.cat.SessionByHash(r.Context(), catalog.HashToken(c.Value), a.now())
	if err != nil {
		return nil, err
	}
	return &Credential{User: s.User, CSRF: s.CSRF}, nil
}

// CheckCSRF verifies that a state-changing request made with a session
// cookie carries the session's CSRF token, in the X-CSRF-Token header or a
// csrf_token field of a url-encoded form. A multipart form's field is the
// endpoint's to check as it reads its parts (see CSRFInForm).
func CheckCSRF(r *http.Request, cred *Credential) error {
	if !needsCSRF(r, cred) {
		return nil
	}
	got := r.Header.Get("X-CSRF-Token")
	if got == "" && strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded") {
		got = r.PostFormValue("csrf_token")
	}
	if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(cred.CSRF)) != 1 {
		return catalog.Errorf(catalog.EFORBIDDEN, "请求缺少有效的 CSRF 令牌；请刷新页面后重试")
	}
	return nil
}

// CSRFInForm reports whether a request needs its session's CSRF token and
// can only carry it as a field of its multipart form: no X-CSRF-Token
// header, a multipart body. An endpoint that reads such a form part by
// part must then find a matching csrf_token field before acting on it.
func CSRFInForm(r *http.Request, cred *Credential) bool {
	return needsCSRF(r, cred) && r.Header.Get("X-CSRF-Token") == "" &&
		strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/form-data")
}

func needsCSRF(r *http.Request, cred *Credential) bool {
	if cred.CSRF == "" {
		return false
	}
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return false
	}
	return true
}

// IsTLS reports whether the client's connection is encrypted, directly or
// up to a trusted proxy.
func (a *Authenticator) IsTLS(r *http.Request) bool {
	if r.TLS != nil {
		return true
	}
	return a.TrustProxy && strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")
}

// SessionCookie is the cookie that carries a session: HttpOnly,
// SameSite=Lax, and Secure when the client connection is TLS.
func (a *Authenticator) SessionCookie(r *http.Request, secret string, expires time.Time) *http.Cookie {
	return &http.Cookie{Name: CookieName, Value: secret, Path: "/", Expires: expires, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: a.IsTLS(r)}
}

// ClearCookie removes the session cookie.
func (a *Authenticator) ClearCookie(r *http.Request) *http.Cookie {
	return &http.Cookie{Name: CookieName, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: a.IsTLS(r)}
}

// ClientAddress is the address a request came from, without the port:
// behind a trusted proxy the last hop it added to X-Forwarded-For, so that
// login throttling counts clients, not the proxy.
func (a *Authenticator) ClientAddress(r *http.Request) string {
	if a.TrustProxy {
		// The proxy appends its hop last, to the last header line; a
		// client may have sent lines of its own before it.
		if lines := r.Header.Values("X-Forwarded-For"); len(lines) > 0 {
			hops := strings.Split(lines[len(lines)-1], ",")
			if last := strings.TrimSpace(hops[len(hops)-1]); last != "" {
				return last
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// CheckOrigin refuses a request that a browser says comes from another
// site: its Origin header, or without one its Referer, names a host other
// than the one it was sent to. A login form posted from another site
// would otherwise sign the victim's browser in to the attacker's account
// (login CSRF). Requests with neither header (the CLI, scripts) pass:
// browsers send Origin with every cross-site POST.
func (a *Authenticator) CheckOrigin(r *http.Request) error {
	from := r.Header.Get("Origin")
	if from == "" {
		from = r.Header.Get("Referer")
	}
	if from == "" {
		return nil
	}
	host := r.Host
	if a.TrustProxy && r.Header.Get("X-Forwarded-Host") != "" {
		host = r.Header.Get("X-Forwarded-Host")
	}
	u, err := url.Parse(from)
	if err != nil || u.Host == "" || !strings.EqualFold(u.Host, host) {
		return catalog.Errorf(catalog.EFORBIDDEN, "登录请求来自其他网站，已拒绝；请直接打开本系统的登录页面登录")
	}
	return nil
}

// plausibleUsername tells a name an account could have (at most
// maxUsernameRunes, no control characters) from one no account has.
func plausibleUsername(name string) bool {
	if name == "" || utf8.RuneCountInString(name) > maxUsernameRunes {
		return false
	}
	for _, r := range name {
		if unicode.IsControl(r) {
			return false
		}
	}
	return true
}

// maxUsernameRunes bounds a user name at login, well above any real one.
const maxUsernameRunes = 64
