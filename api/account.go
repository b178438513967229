package api

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

// userJSON is an account as the API shows it; never with its password.
type userJSON struct {
	Username   string    `json:"username"`
	Role       string    `json:"role"`
	City       string    `json:"city,omitempty"`
	Department string    `json:"department,omitempty"`
	Cities     []string  `json:"cities,omitempty"` // a reviewer's cities; none: every city
	Disabled   bool      `json:"disabled"`
	CreatedAt  time.Time `json:"created_at"`
}

func toUserJSON(u *catalog.User) userJSON {
	return userJSON{Username: u.Username, Role: string(u.Role), City: u.City, Department: u.Department,
		Cities: u.Cities, Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

// handleLogin opens a web session from a username and password, sent as
// a form or as JSON.
func (h *handler) handleLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if err := h.Auth.CheckOrigin(r); err != nil {
		h.writeError(w, r, err)
		return
	}
	if err := readLogin(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	if in.Username == "" && in.Password == "" && !strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		in.Username, in.Password = r.PostFormValue("username"), r.PostFormValue("password")
	}
	if in.Username == "" && in.Password == "" {
		// Neither came: most often JSON sent without its Content-Type (curl
		// -d), read as a form; "wrong user name or password" would mislead.
		h.writeError(w, r, catalog.Errorf(catalog.EINVALID, "没有收到用户名和密码；请以 JSON 提交（Content-Type: application/json）或用表单字段 username、password"))
		return
	}
	login, err := h.Auth.LogIn(r.Context(), in.Username, in.Password, h.Auth.ClientAddress(r))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	http.SetCookie(w, h.Auth.SessionCookie(r, login.Secret, login.Session.ExpiresAt))
	h.writeJSON(w, r, http.StatusOK, map[string]any{"user": toUserJSON(login.Session.User),
		"csrf_token": login.Session.CSRF, "expires_at": login.Session.ExpiresAt})
}

// readLogin reads a login sent as JSON into in: with its Content-Type, or
// with a form's (curl -d sends JSON so) when the body is a JSON object,
// as the other JSON routes read it whatever its type (probe s55). It
// leaves in empty for a form. Reading JSON under a form's type gives
// another site nothing: its form could post username and password
// fields already, and CheckOrigin, before any body is read, is what
// refuses a login posted from another site.
func readLogin(r *http.Request, in any) error {
	ct := r.Header.Get("Content-Type")
	if strings.HasPrefix(ct, "application/json") {
		return readJSON(r, in)
	}
	if ct != "" && !strings.HasPrefix(ct, "application/x-www-form-urlencoded") {
		return nil
	}
	body, err := io.ReadAll(http.MaxBytesReader(nil, r.Body, maxJSONBody))
	if err != nil {
		return jsonError(err, in)
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	if !bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
		return nil // a form, read from the body put back
	}
	return readJSON(r, in)
}

// handleLogout ends the session of the request's cookie, if any.
func (h *handler) handleLogout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(auth.CookieName); err == nil && c.Value != "" {
		// Logging out needs the CSRF token too, or another site could end a
		// user's session.
		cred, err := h.Auth.Authenticate(r)
		if err == nil {
			if err := auth.CheckCSRF(r, cred); err != nil {
				h.writeError(w, r, err)
				return
			}
		}
		if err := h.Auth.LogOut(r.Context(), c.Value); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	http.SetCookie(w, h.Auth.ClearCookie(r))
	h.writeJSON(w, r, http.StatusOK, map[string]any{"logged_out": true})
}

func (h *handler) handleMe(w http.ResponseWriter, r *http.Request) {
	h.writeJSON(w, r, http.StatusOK, map[string]any{"user": toUserJSON(userFrom(r.Context()))})
}

func (h *handler) handleUserList(w http.ResponseWriter, r *http.Request) {
	users, err := h.Accounts.List(r.Context(), userFrom(r.Context()))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]userJSON, len(users))
	for i := range users {
		out[i] = toUserJSON(&users[i])
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"users": out})
}

// handleUserCreate makes an account; a generated password is shown once.
func (h *handler) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username   string   `json:"username"`
		Role       string   `json:"role"`
		City       string   `json:"city"`
		Department string   `json:"department"`
		Cities     []string `json:"cities"`
		Password   string   `json:"password"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	c, err := h.Accounts.Create(r.Context(), userFrom(r.Context()), accounts.NewUser{Username: in.Username, Role: in.Role,
		City: in.City, Department: in.Department, Cities: in.Cities, Password: in.Password})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := map[string]any{"user": toUserJSON(c.User)}
	if c.Generated {
		out["password"] = c.Password
	}
	h.writeJSON(w, r, http.StatusCreated, out)
}

func (h *handler) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	u, err := h.Accounts.SetDisabled(r.Context(), userFrom(r.Context()), r.PathValue("name"), disabled)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"user": toUserJSON(u)})
}

func (h *handler) handleUserDisable(w http.ResponseWriter, r *http.Request) {
	h.setDisabled(w, r, true)
}
func (h *handler) handleUserEnable(w http.ResponseWriter, r *http.Request) {
	h.setDisabled(w, r, false)
}

// handleUserUpdate changes an account's department (admins); department
// is the only field that may change.
func (h *handler) handleUserUpdate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Department *string `json:"department"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	if in.Department == nil {
		h.writeError(w, r, catalog.FieldErrorf("department", catalog.EINVALID, "请提供要修改的字段 department（责任单位）"))
		return
	}
	u, err := h.Accounts.SetDepartment(r.Context(), userFrom(r.Context()), r.PathValue("name"), *in.Department)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"user": toUserJSON(u)})
}

// handleUserPassword sets a password: admins for anyone, users for
// themselves with their current password.
func (h *handler) handleUserPassword(w http.ResponseWriter, r *http.Request) {
	name := r.PathValue("name")
	var in struct {
		Current  string `json:"current"`
		Password string `json:"password"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	err := h.Accounts.SetPassword(r.Context(), userFrom(r.Context()),
		accounts.PasswordChange{Username: name, Current: in.Current, Password: in.Password})
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"password_changed": name})
}

type tokenJSON struct {
	ID        string     `json:"id"`
	Username  string     `json:"username"`
	Label     string     `json:"label"`
	CreatedAt time.Time  `json:"created_at"`
	LastUsed  *time.Time `json:"last_used"`
}

// handleTokenList lists the caller's tokens, or with ?user= (admins) another user's.
func (h *handler) handleTokenList(w http.ResponseWriter, r *http.Request) {
	tokens, err := h.Accounts.Tokens(r.Context(), userFrom(r.Context()), r.URL.Query().Get("user"))
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]tokenJSON, len(tokens))
	for i, t := range tokens {
		out[i] = tokenJSON{ID: t.ID, Username: t.Username, Label: t.Label, CreatedAt: t.CreatedAt}
		if !t.LastUsed.IsZero() {
			used := t.LastUsed
			out[i].LastUsed = &used
		}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"tokens": out})
}

// handleTokenCreate makes a token for the caller; the secret is shown once.
func (h *handler) handleTokenCreate(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Label string `json:"label"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	t, err := h.Accounts.CreateToken(r.Context(), userFrom(r.Context()), in.Label)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"id": t.ID, "token": t.Token, "label": t.Label})
}

// handleTokenRevoke deletes one of the caller's tokens; admins may revoke
// anyone's.
func (h *handler) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	if err := h.Accounts.RevokeToken(r.Context(), userFrom(r.Context()), r.PathValue("id")); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"revoked": r.PathValue("id")})
}

func (h *handler) handleEvents(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := catalog.EventFilter{Object: q.Get("object"), User: q.Get("user"), Action: q.Get("action"),
		Indicator: strings.TrimSpace(q.Get("indicator")), IndicatorCity: strings.TrimSpace(q.Get("city"))}
	if f.IndicatorCity != "" && f.Indicator == "" {
		h.writeError(w, r, catalog.FieldErrorf("city", catalog.EINVALID, "city 只用于查看一个指标在该城市的记录，请同时填写 indicator，如 indicator=2.3.1&city=330100"))
		return
	}
	var err error
	if s := q.Get("since"); s != "" {
		if f.Since, err = parseSince(s, time.Now()); err != nil {
			h.writeError(w, r, err)
			return
		}
	}
	if f.Limit, err = intParam(q.Get("limit"), 100, "limit"); err != nil {
		h.writeError(w, r, err)
		return
	}
	if f.Limit < 1 || f.Limit > 1000 {
		// Out of range used to give 100 without a word, 5000 as much as -1.
		h.writeError(w, r, catalog.FieldErrorf("limit", catalog.EINVALID, "limit 应在 1 到 1000 之间，收到 %d", f.Limit))
		return
	}
	before, err := intParam(q.Get("before"), 0, "before")
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	if q.Has("before") && q.Get("before") == "" {
		h.writeError(w, r, catalog.FieldErrorf("before", catalog.EINVALID, "before 为空；应为上一页答复中的 next"))
		return
	}
	if q.Has("before") && before < 1 {
		h.writeError(w, r, catalog.FieldErrorf("before", catalog.EINVALID, "before 应为上一页答复中的 next（正整数），收到 %d", before))
		return
	}
	f.Before = int64(before)
	events, err := h.Accounts.Events(r.Context(), userFrom(r.Context()), f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, len(events))
	for i, e := range events {
		out[i] = map[string]any{"id": e.ID, "at": e.At, "user": e.User, "action": e.Action, "object": e.Object, "detail": e.Detail}
	}
	answer := map[string]any{"events": out}
	if len(events) == f.Limit {
		// The log is read newest first; before=next goes on further back,
		// however much is written meanwhile.
		answer["next"] = events[len(events)-1].ID
	}
	h.writeJSON(w, r, http.StatusOK, answer)
}

// parseSince reads a point in time: RFC 3339, a date (2017-06-01), or a
// duration back from now (24h, 7d).
func parseSince(s string, now time.Time) (time.Time, error) {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t, nil
	}
	if t, err := time.ParseInLocation("2006-01-02", s, time.Local); err == nil {
		return t, nil
	}
	if days, ok := strings.CutSuffix(s, "d"); ok {
		if n, err := strconv.Atoi(days); err == nil && n >= 0 {
			return now.AddDate(0, 0, -n), nil
		}
	}
	if d, err := time.ParseDuration(s); err == nil && d >= 0 {
		return now.Add(-d), nil
	}
	return time.Time{}, catalog.Errorf(catalog.EINVALID, "起始时间应为日期（2017-06-01）、时间（RFC 3339）或时长（24h、7d），收到 %q", s)
}

// ParseSince is parseSince for the CLI.
func ParseSince(s string) (time.Time, error) { return parseSince(s, time.Now()) }
