package main

import (
	"context"
	"encoding/json"
	"io"
	"strings"

	"github.com/lcmonitor/evidence/accounts"
	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/report"
)

var userUsage = subcommandUsage{
	zh: `用法：evidence user add --name 用户名 --role admin|coordinator|contributor|expert|reviewer [--city 城市代码] [--department 责任单位] [--cities 330100,320100] [--password 密码] [--json]
      evidence user list [--json]
      evidence user disable|enable --name 用户名
      evidence user passwd --name 用户名 [--password 密码]
      evidence user department --name 用户名 --department 责任单位`,
	en: `usage: evidence user add --name NAME --role admin|coordinator|contributor|expert|reviewer [--city CODE] [--department D] [--cities CODE,CODE] [--password P] [--json]
       evidence user list [--json]
       evidence user disable|enable --name NAME
       evidence user passwd --name NAME [--password P]
       evidence user department --name NAME --department D`,
}

func runUser(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return badSubcommand(args, userUsage, stderr)
	}
	switch args[0] {
	case "add":
		return runUserAdd(ctx, args[1:], stdout, stderr)
	case "list":
		return runUserList(ctx, args[1:], stdout, stderr)
	case "disable", "enable":
		return runUserDisable(ctx, args[0] == "disable", args[1:], stdout, stderr)
	case "passwd":
		return runUserPasswd(ctx, args[1:], stdout, stderr)
	case "department":
		return runUserDepartment(ctx, args[1:], stdout, stderr)
	}
	return badSubcommand(args, userUsage, stderr)
}

func runUserAdd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("user add", stderr)
	name := cmd.String("name", "", "账号的`用户名`")
	role := cmd.String("role", "", "`角色`：admin（管理员）、coordinator（协调员）、contributor（部门联系人）、expert（专家）或 reviewer（审核专家）")
	city := cmd.String("city", "", "城市`代码`（协调员和部门联系人）")
	dept := cmd.String("department", "", "所属`责任单位`（部门联系人必填）")
	cities := cmd.String("cities", "", "仅用于审核专家：其审核的城市`代码`，多个用逗号隔开（为空时为全部城市）")
	password := cmd.String("password", "", "`密码`（为空时自动生成）")
	asJSON := cmd.Bool("json", false, "输出一个 JSON 对象")
	return cmd.run(ctx, args, appOptions{}, func(a *app, lang report.Lang) error {
		c, err := accounts.NewService(a.cat).Create(ctx, cliAdmin(), accounts.NewUser{Username: *name, Role: *role, City: *city,
			Department: *dept, Cities: catalog.SplitList(*cities), Password: *password, TokenLabel: accounts.CommandLineTokenLabel})
		if err != nil {
			return err
		}
		u := c.User
		if *asJSON {
			return json.NewEncoder(stdout).Encode(map[string]string{
				"username": u.Username, "role": string(u.Role), "city": u.City, "password": c.Password, "token": c.Token.Token,
			})
		}
		sayln(stdout, lang, "用户 %s（%s）已创建", u.Username, roleWord(lang, u.Role))
		sayln(stdout, lang, "密码：%s", c.Password)
		sayln(stdout, lang, "API 令牌：%s", c.Token.Token)
		sayln(stdout, lang, "请妥善保存：密码和令牌不会再次显示。")
		return nil
	})
}

func runUserList(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("user list", stderr)
	asJSON := cmd.Bool("json", false, "以 JSON 输出")
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		users, err := accounts.NewService(a.cat).List(ctx, cliAdmin())
		if err != nil {
			return err
		}
		if *asJSON {
			return json.NewEncoder(stdout).Encode(users)
		}
		rows := make([][]string, 0, len(users))
		for _, u := range users {
			state := words(lang, "启用", "enabled")
			if u.Disabled {
				state = words(lang, "停用", "disabled")
			}
			city := u.City
			if len(u.Cities) > 0 {
				city = strings.Join(u.Cities, ",")
			}
			rows = append(rows, []string{u.Username, roleWord(lang, u.Role), city, state, u.Department})
		}
		return writeColumns(stdout, rows, lang != report.English)
	})
}

// roleWord is a role as the web UI names it, in the output's language
// (协调员, Coordinator: catalog.Role.Label); --json keeps the role's code.
func roleWord(lang report.Lang, role catalog.Role) string {
	return role.Label(lang == report.English)
}

func runUserDisable(ctx context.Context, disable bool, args []string, stdout, stderr io.Writer) error {
	sub := "user enable"
	if disable {
		sub = "user disable"
	}
	cmd := newCommand(sub, stderr)
	name := cmd.String("name", "", "账号的`用户名`")
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		if _, err := accounts.NewService(a.cat).SetDisabled(ctx, cliAdmin(), *name, disable); err != nil {
			return err
		}
		if disable {
			sayln(stdout, lang, "用户 %s 已停用；其会话已结束，令牌不再有效", *name)
		} else {
			sayln(stdout, lang, "用户 %s 已启用", *name)
		}
		return nil
	})
}

func runUserPasswd(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("user passwd", stderr)
	name := cmd.String("name", "", "账号的`用户名`")
	password := cmd.String("password", "", "新`密码`（为空时自动生成）")
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		pw := *password
		if pw == "" {
			pw = auth.NewPassword()
		}
		if err := accounts.NewService(a.cat).SetPassword(ctx, cliAdmin(), accounts.PasswordChange{Username: *name, Password: pw}); err != nil {
			return err
		}
		sayln(stdout, lang, "用户 %s 的新密码：%s", *name, pw)
		return nil
	})
}

// runUserDepartment gives a coordinator or contributor another
// department, as PATCH /api/v1/users/{name} does.
func runUserDepartment(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	cmd := newCommand("user department", stderr)
	name := cmd.String("name", "", "账号的`用户名`")
	dept := cmd.String("department", "", "新的`责任单位`，写法与本市的责任单位名单一致")
	return cmd.run(ctx, args, appOptions{existing: true}, func(a *app, lang report.Lang) error {
		u, err := accounts.NewService(a.cat).SetDepartment(ctx, cliAdmin(), *name, *dept)
		if err != nil {
			return err
		}
		sayln(stdout, lang, "用户 %s 的责任单位已改为：%s", u.Username, u.Department)
		return nil
	})
}
