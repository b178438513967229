package web

import (
	"context"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestEmptyTasksPageNamesTheDepartment: a contributor with no task at all
// is told which department the account names and whom to ask: 文广旅局,
// an account made before creation checked the list, that the list lacks
// it (ask an admin to move the account); 市教育局, on the list with no
// task yet, that the table has none for it (ask the coordinator or an
// admin). In English too.
func TestEmptyTasksPageNamesTheDepartment(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	hash, err := auth.HashPassword(testenv.Password)
	if err != nil {
		t.Fatal(err)
	}
	old := &catalog.User{Username: "wenhua2", Role: catalog.RoleContributor, City: "330100", Department: "文广旅局"}
	if err := s.env.Catalog.CreateUser(ctx, old, hash, "admin"); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		user    string
		english bool
		want    []string
	}{
		{"wenhua2", false, []string{"您的账号的责任单位是“文广旅局”", "本市责任单位名单中没有这个单位", "请联系管理员"}},
		{"wenhua2", true, []string{"“文广旅局”", "not on the city's list of departments"}},
		{"jiaoyu", false, []string{"您的账号的责任单位是“市教育局”", "本市责任分解表中暂无这个责任单位的任务", "请联系本市协调员或管理员"}},
	} {
		b := s.login(tt.user)
		if tt.english {
			b.english()
		}
		resp, body := b.get("/tasks")
		text := html.UnescapeString(textOf(body))
		for _, w := range tt.want {
			if resp.StatusCode != 200 || !strings.Contains(body, `id="tasks-empty"`) || !strings.Contains(text, w) {
				t.Errorf("%s's empty 我的任务 (english %v): %d, want %q: %.400s", tt.user, tt.english, resp.StatusCode, w, text)
			}
		}
	}
}
