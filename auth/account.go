package auth

import (
	"strings"

	"github.com/lcmonitor/evidence/catalog"
)

// NewAccount validates a new account's fields: the rules of roles and
// cities are the same for the API and the CLI.
func NewAccount(name, role, city, dept string) (*catalog.User, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 || strings.ContainsAny(name, " \t\r\n/:") {
		return nil, catalog.Errorf(catalog.EINVALID, "用户名必填,不超过 64 字符,不含空格、斜杠或冒号")
	}
	r, err := catalog.ParseRole(role)
	if err != nil {
		return nil, err
	}
	if r == catalog.RoleCoordinator && city == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "协调员(coordinator)必须指定所属城市")
	}
	if r != catalog.RoleCoordinator && city != "" {
		return nil, catalog.Errorf(catalog.EINVALID, "只有协调员(coordinator)属于某个城市;其他角色不要指定城市")
	}
	return &catalog.User{Username: name, Role: r, City: city, Department: strings.TrimSpace(dept)}, nil
}
