package accounts

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
)

// Service is the accounts use cases over the catalog store.
type Service struct {
	cat *catalog.Store
}

// NewService returns the accounts service over the catalog.
func NewService(cat *catalog.Store) *Service {
	return &Service{cat: cat}
}

// requireAdmin is the check of every admin-only method.
func requireAdmin(actor *catalog.User) error {
	if actor == nil || actor.Role != catalog.RoleAdmin {
		return catalog.Errorf(catalog.EFORBIDDEN, "只有管理员可以执行此操作")
	}
	return nil
}

// NewUser is an account as an admin asks for it.
type NewUser struct {
	Username   string
	Role       string
	City       string // coordinators and contributors only, and then required
	Department string // required for contributors: their 责任单位
	// Cities limits a reviewer to these city codes (every city when
	// empty); only reviewers may have it.
	Cities []string
	// Password is the first password; one is generated when empty.
	Password string
	// TokenLabel, when not empty, also gives the new user an API token
	// with this label.
	TokenLabel string
}

// CommandLineTokenLabel labels the API token that "evidence user add"
// gives a new account; pages show it in their own language.
const CommandLineTokenLabel = "命令行创建"

// Created is a new account and the secrets that are shown only once.
type Created struct {
	User *catalog.User
	// Password is the first password, given or generated.
	Password string
	// Generated says the service chose Password.
	Generated bool
	// Token is the API token asked for by NewUser.TokenLabel, else nil.
	Token *NewToken
}

// contributorField is the field a contributor's account lacks: the city
// first, then the department.
func contributorField(city string) string {
	if city == "" {
		return "city"
	}
	return "department"
}

// reservedUsernames are the names the audit log gives the archive's own
// actions: a reader that failed ("system") and the command line ("cli").
var reservedUsernames = map[string]bool{"system": true, "cli": true}

// account checks a new account's fields: the rules of names, roles and
// cities.
func (n NewUser) account() (*catalog.User, error) {
	name := strings.TrimSpace(n.Username)
	if name == "" || len(name) > 64 || strings.ContainsAny(name, " \t\r\n/:") {
		return nil, catalog.FieldErrorf("username", catalog.EINVALID, "用户名必填，不超过 64 字符，不含空格、斜杠或冒号")
	}
	if reservedUsernames[strings.ToLower(name)] {
		return nil, catalog.FieldErrorf("username", catalog.EINVALID, "用户名“%s”留给系统记录自己的操作（审计日志），请换一个", name)
	}
	r, err := catalog.ParseRole(n.Role)
	if err != nil {
		var e *catalog.Error
		if errors.As(err, &e) {
			return nil, e.OnField("role")
		}
		return nil, err
	}
	cityBound := r == catalog.RoleCoordinator || r == catalog.RoleContributor
	dept := strings.TrimSpace(n.Department)
	switch {
	case r == catalog.RoleCoordinator && n.City == "":
		return nil, catalog.FieldErrorf("city", catalog.EINVALID, "协调员（coordinator）必须指定所属城市")
	case r == catalog.RoleContributor && (n.City == "" || dept == ""):
		return nil, catalog.FieldErrorf(contributorField(n.City), catalog.EINVALID, "部门联系人必须指定所属城市和责任单位，如城市 330100（杭州）、责任单位“市教育局”")
	case !cityBound && n.City != "":
		return nil, catalog.FieldErrorf("city", catalog.EINVALID, "只有协调员（coordinator）和部门联系人（contributor）属于某个城市；其他角色不要指定城市（审核专家可用 cities 限定多个城市）")
	case r != catalog.RoleReviewer && len(n.Cities) > 0:
		return nil, catalog.FieldErrorf("cities", catalog.EINVALID, "只有审核专家（reviewer）可以限定城市列表 cities")
	}
	var cities []string
	for _, c := range n.Cities {
		if c = strings.TrimSpace(c); c != "" && !slices.Contains(cities, c) {
			cities = append(cities, c)
		}
	}
	return &catalog.User{Username: name, Role: r, City: n.City, Department: dept, Cities: cities}, nil
}

// Create adds an account on behalf of an admin: the fields are checked,
// a coordinator's or contributor's city and a reviewer's cities must
// exist, a contributor's department must be on its city's list (as
// SetDepartment: the list's name is kept), and a password is generated
// when none is given. Nothing is stored when a check fails; a taken name is
// ECONFLICT.
func (s *Service) Create(ctx context.Context, actor *catalog.User, n NewUser) (*Created, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	u, err := n.account()
	if err != nil {
		return nil, err
	}
	for i, city := range append([]string{u.City}, u.Cities...) {
		if city == "" {
			continue
		}
		if _, err := s.cat.City(ctx, city); err != nil {
			// A code typed into the form: a mistake in it, as elsewhere.
			field := "city"
			if i > 0 {
				field = "cities"
			}
			return nil, catalog.AsInvalid(err, field)
		}
	}
	if u.Role == catalog.RoleContributor {
		// As SetDepartment: an account of a department not on the list
		// matches no task, and its 我的任务 would stay empty for good.
		if u.Department, err = s.listedDepartment(ctx, u.City, u.Department); err != nil {
			return nil, err
		}
	}
	c := &Created{User: u, Password: n.Password}
	if c.Password == "" {
		c.Password, c.Generated = auth.NewPassword(), true
	}
	hash, err := auth.HashPassword(c.Password)
	if err != nil {
		return nil, err
	}
	// The department found on the list is held as the account is written
	// (CreateListedUser): deleted meanwhile, the account is refused.
	if err := s.cat.CreateListedUser(ctx, u, hash, actor.Username); err != nil {
		return nil, err
	}
	if n.TokenLabel != "" {
		if c.Token, err = s.createToken(ctx, actor, u.Username, n.TokenLabel); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// List returns every account, by name; admins only.
func (s *Service) List(ctx context.Context, actor *catalog.User) ([]catalog.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	return s.cat.Users(ctx)
}

// SetDisabled disables or re-enables an account on behalf of an admin and
// returns it as it now is. Disabling ends the account's sessions and stops
// its tokens; an admin cannot disable their own account, so that the last
// admin cannot lock everyone out by mistake.
func (s *Service) SetDisabled(ctx context.Context, actor *catalog.User, name string, disabled bool) (*catalog.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	if disabled && name == actor.Username {
		return nil, catalog.Errorf(catalog.EINVALID, "不能停用自己的账号")
	}
	if err := s.cat.SetDisabled(ctx, name, disabled, actor.Username); err != nil {
		return nil, err
	}
	return s.cat.User(ctx, name)
}

// PasswordChange is a new password for an account.
type PasswordChange struct {
	Username string
	// Current is the account's present password, required when users
	// change their own (admins included).
	Current  string
	Password string
}

// SetPassword sets a password and ends the account's sessions: admins
// for anyone else, every user for themselves with their current password.
func (s *Service) SetPassword(ctx context.Context, actor *catalog.User, c PasswordChange) error {
	switch {
	case actor.Role == catalog.RoleAdmin && c.Username != actor.Username:
	case c.Username == actor.Username:
		hash, err := s.cat.PasswordHash(ctx, actor.Username)
		if err != nil || !auth.CheckPassword(hash, c.Current) {
			return catalog.Errorf(catalog.EFORBIDDEN, "当前密码不正确")
		}
	default:
		return catalog.Errorf(catalog.EFORBIDDEN, "只能修改自己的密码")
	}
	hash, err := auth.HashPassword(c.Password)
	if err != nil {
		return err
	}
	return s.cat.SetPassword(ctx, c.Username, hash, actor.Username)
}

// SetDepartment gives a coordinator or contributor another department
// (责任单位) on behalf of an admin and returns the account as it now is.
// A contributor's department must be on its city's list (by key: 教育局
// finds 市教育局) and takes the list's name, so that the account sees
// that department's tasks; a coordinator's may be emptied.
func (s *Service) SetDepartment(ctx context.Context, actor *catalog.User, name, department string) (*catalog.User, error) {
	if err := requireAdmin(actor); err != nil {
		return nil, err
	}
	u, err := s.cat.User(ctx, name)
	if err != nil {
		return nil, err
	}
	dept := strings.TrimSpace(department)
	switch {
	case u.Role != catalog.RoleContributor && u.Role != catalog.RoleCoordinator:
		return nil, catalog.FieldErrorf("department", catalog.EINVALID, "只有协调员和部门联系人属于某个责任单位；%s 的角色不能指定责任单位", u.Username)
	case u.Role == catalog.RoleContributor && dept == "":
		return nil, catalog.FieldErrorf("department", catalog.EINVALID, "部门联系人必须有责任单位，如“市教育局”")
	case u.Role == catalog.RoleContributor:
		if dept, err = s.listedDepartment(ctx, u.City, dept); err != nil {
			return nil, err
		}
	}
	// The department found on the list is held as the account is moved
	// (SetListedUserDepartment): deleted meanwhile, the move is refused.
	if err := s.cat.SetListedUserDepartment(ctx, u.Username, dept, actor.Username); err != nil {
		return nil, err
	}
	return s.cat.User(ctx, u.Username)
}

// listedDepartment returns the name city's list gives dept (by key: 教育局
// finds 市教育局); a name not on the list is EINVALID on the department
// field, saying where departments are added.
func (s *Service) listedDepartment(ctx context.Context, city, dept string) (string, error) {
	d, err := s.cat.DepartmentByName(ctx, city, dept)
	if catalog.IsNotFound(err) {
		return "", catalog.FieldErrorf("department", catalog.EINVALID, "城市 %s 的责任单位名单中没有“%s”；请填写名单中的责任单位名称，或先在“责任分解”页的“管理责任单位名单”中添加", city, dept)
	}
	if err != nil {
		return "", fmt.Errorf("find department %q of city %s: %w", dept, city, err)
	}
	return d.Name, nil
}
