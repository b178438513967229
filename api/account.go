package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

// userJSON is an account as the API shows it; never with its password.
type userJSON struct {
	Username   string    `json:"username"`
	Role       string    `json:"role"`
	City       string    `json:"city,omitempty"`
	Department string    `json:"department,omitempty"`
	Disabled   bool      `json:"disabled"`
	CreatedAt  time.Time `json:"created_at"`
}

func toUserJSON(u *catalog.User) userJSON {
	return userJSON{Username: u.Username, Role: string(u.Role), City: u.City, Department: u.Department,
		Disabled: u.Disabled, CreatedAt: u.CreatedAt}
}

// handleLogin opens a web session from a username and password, sent as
// a form or as JSON.
func (h *handler) handleLogin(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Username string `json:"username"`
		Password string `json:"password"`
	}
	if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
		if err := readJSON(r, &in); err != nil {
			h.writeError(w, r, err)
			return
		}
	} else {
		r.Body = http.MaxBytesReader(w, r.Body, 64<<10)
		in.Username, in.Password = r.PostFormValue("username"), r.PostFormValue("password")
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
	if err := requireAdmin(userFrom(r.Context())); err != nil {
		h.writeError(w, r, err)
		return
	}
	users, err := h.Catalog.Users(r.Context())
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

func (h *handler) handleUserCreate(w http.ResponseWriter, r *http.Request) {
	admin := userFrom(r.Context())
	var in struct {
		Username   string `json:"username"`
		Role       string `json:"role"`
		City       string `json:"city"`
		Department string `json:"department"`
		Password   string `json:"password"`
	}
	err := requireAdmin(admin)
	if err == nil {
		err = readJSON(r, &in)
	}
	var u *catalog.User
	if err == nil {
		u, err = auth.NewAccount(in.Username, in.Role, in.City, in.Department)
	}
	if err == nil && u.City != "" {
		_, err = h.Catalog.City(r.Context(), u.City)
	}
	generated := in.Password == ""
	if generated {
		in.Password = auth.NewPassword()
	}
	var hash string
	if err == nil {
		hash, err = auth.HashPassword(in.Password)
	}
	if err == nil {
		err = h.Catalog.CreateUser(r.Context(), u, hash, admin.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := map[string]any{"user": toUserJSON(u)}
	if generated {
		out["password"] = in.Password
	}
	h.writeJSON(w, r, http.StatusCreated, out)
}

func (h *handler) setDisabled(w http.ResponseWriter, r *http.Request, disabled bool) {
	admin := userFrom(r.Context())
	name := r.PathValue("name")
	err := requireAdmin(admin)
	if err == nil && disabled && name == admin.Username {
		err = catalog.Errorf(catalog.EINVALID, "不能停用自己的账号")
	}
	if err == nil {
		err = h.Catalog.SetDisabled(r.Context(), name, disabled, admin.Username)
	}
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	u, err := h.Catalog.User(r.Context(), name)
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

// handleUserPassword sets a password: admins for anyone, users for
// themselves with their current password.
func (h *handler) handleUserPassword(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	name := r.PathValue("name")
	var in struct {
		Current  string `json:"current"`
		Password string `json:"password"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	switch {
	case u.Role == catalog.RoleAdmin && name != u.Username:
	case name == u.Username:
		hash, err := h.Catalog.PasswordHash(r.Context(), u.Username)
		if err != nil || !auth.CheckPassword(hash, in.Current) {
			h.writeError(w, r, catalog.Errorf(catalog.EFORBIDDEN, "当前密码不正确"))
			return
		}
	default:
		h.writeError(w, r, catalog.Errorf(catalog.EFORBIDDEN, "只能修改自己的密码"))
		return
	}
	hash, err := auth.HashPassword(in.Password)
	if err == nil {
		err = h.Catalog.SetPassword(r.Context(), name, hash, u.Username)
	}
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

func (h *handler) handleTokenList(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	owner := u.Username
	if q := r.URL.Query().Get("user"); q != "" && q != u.Username {
		if err := requireAdmin(u); err != nil {
			h.writeError(w, r, err)
			return
		}
		owner = q
	}
	tokens, err := h.Catalog.Tokens(r.Context(), owner)
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
	u := userFrom(r.Context())
	var in struct {
		Label string `json:"label"`
	}
	if err := readJSON(r, &in); err != nil {
		h.writeError(w, r, err)
		return
	}
	token := auth.NewToken()
	id, err := h.Catalog.CreateToken(r.Context(), u.Username, token, strings.TrimSpace(in.Label), u.Username)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusCreated, map[string]any{"id": id, "token": token, "label": in.Label})
}

// handleTokenRevoke deletes one of the caller's tokens; admins may revoke
// anyone's.
func (h *handler) handleTokenRevoke(w http.ResponseWriter, r *http.Request) {
	u := userFrom(r.Context())
	owner := u.Username
	if u.Role == catalog.RoleAdmin {
		owner = ""
	}
	if err := h.Catalog.RevokeToken(r.Context(), r.PathValue("id"), owner, u.Username); err != nil {
		h.writeError(w, r, err)
		return
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"revoked": r.PathValue("id")})
}

func (h *handler) handleEvents(w http.ResponseWriter, r *http.Request) {
	if err := requireAdmin(userFrom(r.Context())); err != nil {
		h.writeError(w, r, err)
		return
	}
	q := r.URL.Query()
	f := catalog.EventFilter{Object: q.Get("object"), User: q.Get("user"), Action: q.Get("action")}
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
	events, err := h.Catalog.FindEvents(r.Context(), f)
	if err != nil {
		h.writeError(w, r, err)
		return
	}
	out := make([]map[string]any, len(events))
	for i, e := range events {
		out[i] = map[string]any{"at": e.At, "user": e.User, "action": e.Action, "object": e.Object, "detail": e.Detail}
	}
	h.writeJSON(w, r, http.StatusOK, map[string]any{"events": out})
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
	return time.Time{}, catalog.Errorf(catalog.EINVALID, "since 应为日期(2017-06-01)、时间(RFC 3339)或时长(24h、7d),收到 %q", s)
}

// ParseSince is parseSince for the CLI.
func ParseSince(s string) (time.Time, error) { return parseSince(s, time.Now()) }
