package accounts

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

const password = "学习型城市建设2017"

var (
	admin  = &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	expert = &catalog.User{Username: "zhou", Role: catalog.RoleExpert}
)

// newService returns the service on a fresh catalog holding the accounts
// admin and zhou (an expert), both with password.
func newService(t *testing.T) (*Service, *catalog.Store) {
	t.Helper()
	cat, err := catalog.Open(context.Background(), filepath.Join(t.TempDir(), "catalog.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cat.Close() })
	s := NewService(cat)
	system := &catalog.User{Username: "system", Role: catalog.RoleAdmin}
	for _, u := range []*catalog.User{admin, expert} {
		if _, err := s.Create(context.Background(), system, NewUser{Username: u.Username, Role: string(u.Role), Password: password}); err != nil {
			t.Fatal(err)
		}
	}
	return s, cat
}

func TestCreateChecksTheAccountAndShowsItsSecretsOnce(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	for _, tt := range []struct {
		name   string
		actor  *catalog.User
		in     NewUser
		code   string
		phrase string
	}{
		{"by an expert", expert, NewUser{Username: "li", Role: "reviewer"}, catalog.EFORBIDDEN, "管理员"},
		{"no name", admin, NewUser{Username: " ", Role: "reviewer"}, catalog.EINVALID, "用户名"},
		{"a colon in the name", admin, NewUser{Username: "cli:li", Role: "reviewer"}, catalog.EINVALID, "冒号"},
		{"unknown role", admin, NewUser{Username: "li", Role: "boss"}, catalog.EINVALID, "未知的角色"},
		{"coordinator without a city", admin, NewUser{Username: "li", Role: "coordinator"}, catalog.EINVALID, "必须指定所属城市"},
		{"contributor without a department", admin, NewUser{Username: "li", Role: "contributor", City: "330100"}, catalog.EINVALID, "部门"},
		{"contributor without a city", admin, NewUser{Username: "li", Role: "contributor", Department: "市教育局"}, catalog.EINVALID, "所属城市"},
		{"contributor of an unknown city", admin, NewUser{Username: "li", Role: "contributor", City: "999999", Department: "市教育局"}, catalog.EINVALID, "未知的城市代码"},
		{"expert with a city", admin, NewUser{Username: "li", Role: "expert", City: "330100"}, catalog.EINVALID, "不要指定城市"},
		{"unknown city", admin, NewUser{Username: "li", Role: "coordinator", City: "999999"}, catalog.EINVALID, "未知的城市代码"},
		{"short password", admin, NewUser{Username: "li", Role: "expert", Password: "short"}, catalog.EINVALID, "至少"},
		{"a taken name", admin, NewUser{Username: "zhou", Role: "expert"}, catalog.ECONFLICT, "已存在"},
		{"the name the audit log gives the archive", admin, NewUser{Username: "System", Role: "expert"}, catalog.EINVALID, "留给系统"},
	} {
		_, err := s.Create(ctx, tt.actor, tt.in)
		if catalog.ErrorCode(err) != tt.code || !strings.Contains(catalog.ErrorMessage(err), tt.phrase) {
			t.Errorf("%s: %v, want %s saying %q", tt.name, err, tt.code, tt.phrase)
		}
	}
	if users, _ := cat.Users(ctx); len(users) != 2 {
		t.Errorf("refused creations stored accounts: %v", users)
	}

	c, err := s.Create(ctx, admin, NewUser{Username: " wang ", Role: "coordinator", City: "330100", TokenLabel: "同步脚本"})
	if err != nil {
		t.Fatal(err)
	}
	if c.User.Username != "wang" || !c.Generated || len(c.Password) < auth.MinPasswordLength || c.Token == nil {
		t.Fatalf("created %+v, want wang with a generated password and a token", c)
	}
	if hash, err := cat.PasswordHash(ctx, "wang"); err != nil || !auth.CheckPassword(hash, c.Password) {
		t.Errorf("the generated password does not log in: %v", err)
	}
	if u, err := cat.UserByToken(ctx, c.Token.Token); err != nil || u.Username != "wang" || c.Token.Label != "同步脚本" {
		t.Errorf("the new token: %v %v, label %q", u, err, c.Token.Label)
	}
	events, _ := cat.FindEvents(ctx, catalog.EventFilter{Object: "user:wang"})
	if len(events) != 2 || events[0].Action != "token.create" || events[1].Action != "user.create" || events[1].User != "admin" {
		t.Errorf("audit of the creation: %+v", events)
	}
	given, err := s.Create(ctx, admin, NewUser{Username: "li", Role: "reviewer", Password: password})
	if err != nil || given.Generated || given.Password != password || given.Token != nil {
		t.Errorf("a given password: %+v %v", given, err)
	}
}

// TestContributorsDepartmentMustBeListed: an account for 文广旅局, which
// 杭州's list of departments does not have (it has 市文化广电旅游局), is
// refused on the department field, as moving an account there is, and
// nothing is stored; one typed 教育局 gets the list's name 市教育局, so
// that it finds that department's tasks.
func TestContributorsDepartmentMustBeListed(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	for _, name := range []string{"市教育局", "市文化广电旅游局"} {
		if _, err := cat.AddDepartment(ctx, "330100", name, "wang"); err != nil {
			t.Fatal(err)
		}
	}
	for _, tt := range []struct {
		username, typed, want string // want "": refused
	}{
		{"wenhua2", "文广旅局", ""},
		{"renshe", "市人社局", ""},
		{"jiaoyu", " 市教育局 ", "市教育局"},
		{"jiaoyu2", "教育局", "市教育局"},
		{"wenhua", "杭州市文化广电旅游局", "市文化广电旅游局"},
	} {
		c, err := s.Create(ctx, admin, NewUser{Username: tt.username, Role: "contributor", City: "330100", Department: tt.typed})
		if tt.want == "" {
			var e *catalog.Error
			if !errors.As(err, &e) || e.Code != catalog.EINVALID || e.Field != "department" ||
				!strings.Contains(e.Message, "城市 330100 的责任单位名单中没有“"+tt.typed+"”") {
				t.Errorf("%s of %q: %v, want EINVALID on department naming the list", tt.username, tt.typed, err)
			}
			// An admin adding the account with `evidence user add` is told where
			// the list is kept, in both languages, not only that it lacks the name.
			if e != nil && (!strings.Contains(e.Message, "先在“责任分解”页的“管理责任单位名单”中添加") ||
				!strings.Contains(e.English, "Responsibilities → Manage the list of departments")) {
				t.Errorf("%s of %q: %q (%q), want it to say where departments are added", tt.username, tt.typed, e.Message, e.English)
			}
			if _, err := cat.User(ctx, tt.username); !catalog.IsNotFound(err) {
				t.Errorf("%s of %q was stored though refused: %v", tt.username, tt.typed, err)
			}
			continue
		}
		if err != nil || c.User.Role != catalog.RoleContributor || c.User.City != "330100" || c.User.Department != tt.want {
			t.Errorf("%s of %q: %+v %v, want a contributor of 杭州 %s", tt.username, tt.typed, c, err, tt.want)
		}
	}
}

// TestOnlyCoordinatorsAndContributorsHaveADepartment: moving an expert
// to a department is refused in Chinese words alone, without the English
// role codes inside the sentence.
func TestOnlyCoordinatorsAndContributorsHaveADepartment(t *testing.T) {
	s, _ := newService(t)
	_, err := s.SetDepartment(context.Background(), admin, "zhou", "市教育局")
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.EINVALID || !strings.Contains(msg, "只有协调员和部门联系人属于某个责任单位") || strings.Contains(msg, "coordinator") {
		t.Errorf("giving the expert zhou a department: %v, want EINVALID in Chinese words alone", err)
	}
}

func TestNoAdminCanDisableThemselves(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	if _, err := s.SetDisabled(ctx, admin, "admin", true); catalog.ErrorCode(err) != catalog.EINVALID ||
		!strings.Contains(catalog.ErrorMessage(err), "不能停用自己的账号") {
		t.Errorf("an admin disabling themselves: %v", err)
	}
	if _, err := s.SetDisabled(ctx, expert, "admin", true); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("an expert disabling an admin: %v", err)
	}
	u, err := s.SetDisabled(ctx, admin, "zhou", true)
	if err != nil || !u.Disabled {
		t.Fatalf("disable zhou: %+v %v", u, err)
	}
	if _, err := cat.PasswordHash(ctx, "zhou"); catalog.ErrorCode(err) != catalog.EUNAUTHORIZED {
		t.Errorf("a disabled account can still log in: %v", err)
	}
	if u, err := s.SetDisabled(ctx, admin, "zhou", false); err != nil || u.Disabled {
		t.Errorf("enable zhou: %+v %v", u, err)
	}
	if _, err := s.SetDisabled(ctx, admin, "nobody", true); !catalog.IsNotFound(err) {
		t.Errorf("disable an unknown account: %v", err)
	}
	events, _ := cat.FindEvents(ctx, catalog.EventFilter{Object: "user:zhou", Action: "user."})
	if len(events) != 3 || events[0].Action != "user.enable" || events[1].Action != "user.disable" || events[1].User != "admin" {
		t.Errorf("audit: %+v", events)
	}
}

func TestPasswordsAreSetByAdminsOrWithTheCurrentOne(t *testing.T) {
	s, cat := newService(t)
	ctx := context.Background()
	const next = "新的密码要足够长才安全"
	for _, tt := range []struct {
		name  string
		actor *catalog.User
		c     PasswordChange
		code  string
	}{
		{"an expert for someone else", expert, PasswordChange{Username: "admin", Password: next}, catalog.EFORBIDDEN},
		{"themselves without the current one", expert, PasswordChange{Username: "zhou", Password: next}, catalog.EFORBIDDEN},
		{"an admin for themselves without it", admin, PasswordChange{Username: "admin", Password: next}, catalog.EFORBIDDEN},
		{"too short", admin, PasswordChange{Username: "zhou", Password: "short"}, catalog.EINVALID},
		{"themselves with it", expert, PasswordChange{Username: "zhou", Current: password, Password: next}, ""},
		{"an admin for someone else", admin, PasswordChange{Username: "zhou", Password: password}, ""},
		{"an unknown account", admin, PasswordChange{Username: "nobody", Password: next}, catalog.ENOTFOUND},
	} {
		if err := s.SetPassword(ctx, tt.actor, tt.c); catalog.ErrorCode(err) != tt.code {
			t.Errorf("%s: %v, want %q", tt.name, err, tt.code)
		}
	}
	if hash, _ := cat.PasswordHash(ctx, "zhou"); !auth.CheckPassword(hash, password) {
		t.Errorf("zhou's password is not the one the admin set last")
	}
}

func TestTokensBelongToTheirOwner(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	mine, err := s.CreateToken(ctx, expert, "  脚本  ")
	if err != nil || mine.Label != "脚本" || !strings.HasPrefix(mine.Token, "ev_") {
		t.Fatalf("create token: %+v %v", mine, err)
	}
	if list, err := s.Tokens(ctx, expert, ""); err != nil || len(list) != 1 || list[0].ID != mine.ID {
		t.Errorf("own tokens: %+v %v", list, err)
	}
	if _, err := s.Tokens(ctx, expert, "admin"); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("an expert listing the admin's tokens: %v", err)
	}
	if list, err := s.Tokens(ctx, admin, "zhou"); err != nil || len(list) != 1 {
		t.Errorf("an admin listing zhou's tokens: %+v %v", list, err)
	}
	theirs, _ := s.CreateToken(ctx, admin, "")
	if err := s.RevokeToken(ctx, expert, theirs.ID); !catalog.IsNotFound(err) {
		t.Errorf("an expert revoking the admin's token: %v, want ENOTFOUND", err)
	}
	if err := s.RevokeToken(ctx, admin, mine.ID); err != nil {
		t.Errorf("an admin revoking zhou's token: %v", err)
	}
	if err := s.RevokeToken(ctx, expert, theirs.ID+"x"); !catalog.IsNotFound(err) {
		t.Errorf("an unknown token: %v", err)
	}
}

func TestEventsAreForAdmins(t *testing.T) {
	s, _ := newService(t)
	ctx := context.Background()
	if _, err := s.Events(ctx, expert, catalog.EventFilter{}); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("an expert reading the audit log: %v", err)
	}
	if _, err := s.List(ctx, expert); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("an expert listing accounts: %v", err)
	}
	events, err := s.Events(ctx, admin, catalog.EventFilter{Action: "user.create"})
	if err != nil || len(events) != 2 {
		t.Errorf("admin reading user.create events: %d %v", len(events), err)
	}
}
