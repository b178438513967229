package web

import (
	"cmp"
	"context"
	"net/http"
	"net/url"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/catalog"
)

// A token revoked cannot be had back: a script using it stops at once and
// its owner must make a new one. 撤销 on /account and on /admin asks first
// (probe s38 finding 16), as 停用 and 重置密码 do, on the same page; the
// form posts again with confirm=1.

// accountTokenRevoke revokes one of the user's own API tokens once
// confirmed.
func (h *handler) accountTokenRevoke(w http.ResponseWriter, r *http.Request) {
	h.revokeToken(w, r, false)
}

// adminTokenRevoke revokes any account's API token from /admin once
// confirmed: a leaked script token is cut off without ending the
// account's sessions, which a password reset or 停用 would.
func (h *handler) adminTokenRevoke(w http.ResponseWriter, r *http.Request) {
	h.revokeToken(w, r, true)
}

func (h *handler) revokeToken(w http.ResponseWriter, r *http.Request, admin bool) {
	l := langOf(r)
	u := sessionFrom(r).User
	id := r.PathValue("id")
	list, backURL, formPath := h.Accounts.Tokens, "/account#tokens", "/account/tokens/"
	if admin {
		formPath = "/admin/tokens/"
		list = func(ctx context.Context, u *catalog.User, _ string) ([]catalog.Token, error) {
			return h.Accounts.EveryToken(ctx, u)
		}
		backURL = "/admin#tokens"
	}
	tokens, err := list(r.Context(), u, "")
	if err != nil {
		h.fail(w, r, err)
		return
	}
	var t *catalog.Token
	for i := range tokens {
		if tokens[i].ID == id {
			t = &tokens[i]
		}
	}
	if t == nil {
		h.fail(w, r, catalog.Errorf(catalog.ENOTFOUND, "令牌 %s 不存在", id))
		return
	}
	label := cmp.Or(tokenName(l, t.Label), id)
	if r.PostFormValue("confirm") != "1" {
		p := &confirmPage{Action: formPath + url.PathEscape(id) + "/revoke",
			Fields: []hiddenField{{"confirm", "1"}}, Button: tr(l, "confirm.revoke_button"), Cancel: backURL,
			Question: trf(l, "confirm.revoke_question", t.Username, label), Items: []string{tr(l, "confirm.revoke_effect")}}
		h.render(w, r, http.StatusOK, "confirm", tr(l, "confirm.revoke_title"), p)
		return
	}
	if err := h.Accounts.RevokeToken(r.Context(), u, id); err != nil {
		h.fail(w, r, err)
		return
	}
	msg := trf(l, "account.token_revoked", label)
	if admin {
		msg = trf(l, "admin.token_revoked", t.Username, label)
	}
	back(w, r, backURL, msg)
}

// tokenName is a token's label as pages show it: the command line's in
// the page's language.
func tokenName(l Lang, label string) string {
	if label == accounts.CommandLineTokenLabel {
		return tr(l, "account.token_cli")
	}
	return label
}
