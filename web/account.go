package web

import (
	"net/http"
	"strings"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/httperr"
)

// accountPage is 我的账户: every user's own password and API tokens, which
// were reachable only through the API or the command line.
type accountPage struct {
	Tokens []catalog.Token
	// NewToken is a token just made, its secret shown this once.
	NewToken *accounts.NewToken
	Forms    map[string]formState
}

// The account page's forms and their fields.
var (
	passwordFields = []string{"current", "password", "confirm"}
	tokenFields    = []string{"label"}
)

func (h *handler) accountPage(w http.ResponseWriter, r *http.Request) {
	h.renderAccount(w, r, http.StatusOK, &accountPage{})
}

func (h *handler) renderAccount(w http.ResponseWriter, r *http.Request, status int, p *accountPage) {
	if p.Forms == nil {
		p.Forms = map[string]formState{}
	}
	var err error
	if p.Tokens, err = h.Accounts.Tokens(r.Context(), sessionFrom(r).User, ""); err != nil {
		h.fail(w, r, err)
		return
	}
	h.render(w, r, status, "account", tr(langOf(r), "account.title"), p)
}

// accountPassword changes the user's own password. Changing it ends every
// session and API token of the account (accounts.SetPassword), this one
// included, so the user signs in again with the new one.
func (h *handler) accountPassword(w http.ResponseWriter, r *http.Request) {
	u := sessionFrom(r).User
	pw, confirm := r.PostFormValue("password"), r.PostFormValue("confirm")
	var err error
	switch {
	case pw == "":
		err = catalog.FieldErrorf("password", catalog.EINVALID, "请填写新密码")
	case pw != confirm:
		err = catalog.FieldErrorf("confirm", catalog.EINVALID, "两次输入的新密码不一致")
	default:
		err = h.Accounts.SetPassword(r.Context(), u, accounts.PasswordChange{Username: u.Username, Current: r.PostFormValue("current"), Password: pw})
		if catalog.ErrorCode(err) == catalog.EFORBIDDEN {
			err = catalog.AsInvalid(err, "current") // the current password was wrong
		}
	}
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		st := formState{} // passwords are never typed back into a page
		st.setError(langOf(r), err, passwordFields...)
		h.renderAccount(w, r, httperr.Prepare(w, r, h.Logger, err), &accountPage{Forms: map[string]formState{"password": st}})
		return
	}
	back(w, r, "/login", tr(langOf(r), "account.password_changed"))
}

// accountTokenCreate makes an API token for the user and shows its secret
// on the page it answers with, once: it is never put in a cookie or a
// redirect.
func (h *handler) accountTokenCreate(w http.ResponseWriter, r *http.Request) {
	label := strings.TrimSpace(r.PostFormValue("label"))
	var err error
	if label == "" {
		err = catalog.FieldErrorf("label", catalog.EINVALID, "请为令牌写一个用途，如“上报脚本”")
	}
	var t *accounts.NewToken
	if err == nil {
		t, err = h.Accounts.CreateToken(r.Context(), sessionFrom(r).User, label)
	}
	if err != nil {
		if catalog.ErrorCode(err) != catalog.EINVALID {
			h.fail(w, r, err)
			return
		}
		st := typed(r, tokenFields...)
		st.setError(langOf(r), err, tokenFields...)
		h.renderAccount(w, r, httperr.Prepare(w, r, h.Logger, err), &accountPage{Forms: map[string]formState{"token": st}})
		return
	}
	h.renderAccount(w, r, http.StatusOK, &accountPage{NewToken: t})
}
