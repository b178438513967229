package web

import (
	"context"
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"
)

// TestAdminAsksBeforeDisablingOrResettingAPassword: 停用 and 重置密码 on
// /admin used to act on one click (probe s36 finding 5). The first post
// now only asks, naming the account and that its sessions and API tokens
// end (and, for a password, that the new one is shown once); the
// confirmation posts again with confirm=1 and acts. Nothing changes by
// asking, and an account that is not there is refused before any question.
func TestAdminAsksBeforeDisablingOrResettingAPassword(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin := s.login("admin")
	for _, tt := range []struct {
		action string
		want   []string
	}{
		{"disable", []string{"停用用户", "确定停用账号 wang（协调员）吗？", "wang 的登录和访问令牌（API）随即失效", "确认停用"}},
		{"password", []string{"重置密码", "确定为账号 wang（协调员）重置密码吗？", "wang 原有的登录和访问令牌（API）随即失效", "只在下一页显示这一次", "确认重置"}},
	} {
		path := "/admin/users/wang/" + tt.action
		resp, page := admin.post(path, url.Values{})
		text := html.UnescapeString(textOf(page))
		if resp.StatusCode != 200 || !strings.Contains(page, `action="`+path+`"`) || !strings.Contains(page, `name="confirm" value="1"`) {
			t.Errorf("%s asked: %d, want the confirmation page posting to %s with confirm=1: %.1200s", tt.action, resp.StatusCode, path, text)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("%s asked: no %q in %.1200s", tt.action, w, text)
			}
		}
		if u, err := s.env.Catalog.User(ctx, "wang"); err != nil || u.Disabled {
			t.Fatalf("after asking to %s: %+v %v, want wang still enabled", tt.action, u, err)
		}
		if b := s.login("wang"); b == nil {
			t.Fatalf("after asking to %s: wang cannot sign in with the old password", tt.action)
		}
	}
	resp, page := admin.post("/admin/users/wang/disable", url.Values{"confirm": {"1"}})
	if text := textOf(page); resp.StatusCode != 200 || !strings.Contains(text, "已停用用户 wang") {
		t.Errorf("disable confirmed: %d %.600s", resp.StatusCode, text)
	}
	if u, err := s.env.Catalog.User(ctx, "wang"); err != nil || !u.Disabled {
		t.Errorf("disable confirmed: %+v %v, want wang disabled", u, err)
	}
	resp, page = admin.post("/admin/users/nobody/disable", url.Values{})
	if text := textOf(page); resp.StatusCode != 404 || strings.Contains(page, `name="confirm"`) {
		t.Errorf("asking to disable an account that is not there: %d, want 404 without a question: %.600s", resp.StatusCode, text)
	}
	admin.english()
	_, page = admin.post("/admin/users/zhou/password", url.Values{})
	if text := html.UnescapeString(textOf(page)); !strings.Contains(text, "Reset the password of the account zhou (Expert)? Once confirmed:") {
		t.Errorf("asked in English: %.1200s", text)
	}
}

// TestMakingARoundCurrentAsksFirst: 设为当前轮次 moved every city at once
// (probe s36 finding 4). The first post asks, naming the current round,
// that uploads without a round and 我的任务 move to the chosen one, the
// boxes ticked beside the button, and — for a round older than the
// current one — a warning apart; only the confirmation makes it current,
// the boxes travelling with it. A round current already is not asked.
func TestMakingARoundCurrentAsksFirst(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	admin := s.login("admin")
	if resp, page := admin.post("/admin/rounds", url.Values{"year": {"2019"}, "label": {"2019年度监测"}}); resp.StatusCode != 200 {
		t.Fatalf("add 2019: %d %.600s", resp.StatusCode, textOf(page))
	}
	current, err := s.env.Catalog.CurrentRound(ctx)
	if err != nil || current != 2018 {
		t.Fatalf("current round %d %v, want 2018", current, err)
	}
	for _, tt := range []struct {
		year       int
		form       url.Values
		want       []string
		warned     bool
		fieldsWant []string
	}{
		{2019, url.Values{"carry": {"on"}}, []string{"确定将2019年度（2019年度监测）设为当前轮次吗？现在的当前轮次是2018年度",
			"各城市不指定轮次的上传都归入 2019年度", "部门联系人的“我的任务”改为打开 2019年度的任务",
			"2018年度不再是当前轮次", "为各城市结转上一轮的关联、定性描述和数值"}, false, []string{`name="carry" value="on"`}},
		{2017, url.Values{}, []string{"确定将2017年度（2017年度首批监测）设为当前轮次吗？", "各城市不指定轮次的上传都归入 2017年度",
			"注意：2017年度早于现在的当前轮次 2018年度"}, true, nil},
	} {
		resp, page := admin.post(fmt.Sprintf("/admin/rounds/%d/current", tt.year), tt.form)
		text := html.UnescapeString(textOf(page))
		if resp.StatusCode != 200 || !strings.Contains(page, `name="confirm" value="1"`) {
			t.Fatalf("make %d current, asked: %d, want the question: %.1500s", tt.year, resp.StatusCode, text)
		}
		for _, w := range tt.want {
			if !strings.Contains(text, w) {
				t.Errorf("make %d current, asked: no %q in %.1500s", tt.year, w, text)
			}
		}
		if got := strings.Contains(page, `id="confirm-warning"`); got != tt.warned {
			t.Errorf("make %d current, asked: warning shown %v, want %v", tt.year, got, tt.warned)
		}
		for _, f := range tt.fieldsWant {
			if !strings.Contains(page, f) {
				t.Errorf("make %d current, asked: the ticked box %s does not travel with the confirmation", tt.year, f)
			}
		}
		if strings.Contains(page, `name="copy_tables"`) {
			t.Errorf("make %d current, asked: an unticked box travels with the confirmation", tt.year)
		}
		if got, _ := s.env.Catalog.CurrentRound(ctx); got != 2018 {
			t.Errorf("after asking to make %d current: current round %d, want 2018 still", tt.year, got)
		}
	}
	resp, page := admin.post("/admin/rounds/2019/current", url.Values{"carry": {"on"}, "confirm": {"1"}})
	if text := textOf(page); resp.StatusCode != 200 || !strings.Contains(text, "已将监测轮次 2019 设为当前轮次") {
		t.Errorf("confirmed: %d %.800s", resp.StatusCode, text)
	}
	if got, _ := s.env.Catalog.CurrentRound(ctx); got != 2019 {
		t.Errorf("confirmed: current round %d, want 2019", got)
	}
	resp, page = admin.post("/admin/rounds/2019/current", url.Values{})
	if text := textOf(page); resp.StatusCode != 200 || !strings.Contains(text, "监测轮次 2019 已是当前轮次") || strings.Contains(page, `name="confirm"`) {
		t.Errorf("the current round again: %d, want no question: %.800s", resp.StatusCode, text)
	}
	resp, _ = admin.post("/admin/rounds/2031/current", url.Values{})
	if resp.StatusCode != 404 {
		t.Errorf("a round that is not there: %d, want 404", resp.StatusCode)
	}
}
