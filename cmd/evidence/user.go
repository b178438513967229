package main

import (
	"context"
	"crypto/rand"
	"encoding/base32"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"golang.org/x/crypto/bcrypt"

	"github.com/lcmonitor/evidence/catalog"
)

// minPasswordLength is the shortest password accepted.
const minPasswordLength = 10

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "add" {
		fmt.Fprintln(stderr, "usage: evidence user add --name NAME --role admin|coordinator|expert|reviewer [--city CODE] [--department D] [--password P] [--json]")
		return exitError{2}
	}
	fs, data := newFlags("user add", stderr)
	name := fs.String("name", "", "username")
	role := fs.String("role", "", "admin, coordinator, expert or reviewer")
	city := fs.String("city", "", "city code (coordinators)")
	dept := fs.String("department", "", "department")
	password := fs.String("password", "", "password (generated when empty)")
	asJSON := fs.Bool("json", false, "print one JSON object")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	u, err := newUser(*name, *role, *city, *dept)
	if err != nil {
		return err
	}
	pw := *password
	if pw == "" {
		pw = randomString(12)
	} else if len([]rune(pw)) < minPasswordLength {
		return catalog.Errorf(catalog.EINVALID, "密码至少 %d 个字符", minPasswordLength)
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(pw), bcrypt.DefaultCost)
	if err != nil {
		return fmt.Errorf("hash password: %w", err)
	}
	a, err := openApp(ctx, *data, quietLogger(stderr), appOptions{})
	if err != nil {
		return err
	}
	defer a.close()
	if u.City != "" {
		if _, err := a.cat.City(ctx, u.City); err != nil {
			return err
		}
	}
	if err := a.cat.CreateUser(ctx, u, string(hash), "cli"); err != nil {
		return err
	}
	token := "ev_" + randomString(32)
	if err := a.cat.CreateToken(ctx, u.Username, token); err != nil {
		return err
	}
	if *asJSON {
		return json.NewEncoder(stdout).Encode(map[string]string{
			"username": u.Username, "role": string(u.Role), "city": u.City, "password": pw, "token": token,
		})
	}
	fmt.Fprintf(stdout, "用户 %s(%s)已创建\n密码:%s\nAPI 令牌:%s\n请妥善保存:密码和令牌不会再次显示。\n", u.Username, u.Role, pw, token)
	return nil
}

func newUser(name, role, city, dept string) (*catalog.User, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 64 || strings.ContainsAny(name, " \t\r\n/:") {
		return nil, catalog.Errorf(catalog.EINVALID, "用户名 --name 必填,不超过 64 字符,不含空格、斜杠或冒号")
	}
	r, err := catalog.ParseRole(role)
	if err != nil {
		return nil, err
	}
	if r == catalog.RoleCoordinator && city == "" {
		return nil, catalog.Errorf(catalog.EINVALID, "协调员(coordinator)必须指定所属城市 --city")
	}
	if r != catalog.RoleCoordinator && city != "" {
		return nil, catalog.Errorf(catalog.EINVALID, "只有协调员(coordinator)属于某个城市;其他角色不要指定 --city")
	}
	return &catalog.User{Username: name, Role: r, City: city, Department: dept}, nil
}

// randomString returns n characters of crypto-random base32 (lower case,
// no padding): easy to read aloud and to type.
func randomString(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return strings.ToLower(base32.StdEncoding.WithPadding(base32.NoPadding).EncodeToString(b))[:n]
}
