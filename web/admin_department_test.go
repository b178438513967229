package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/auth"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAdminMovesAnAccountToAnotherDepartment: /admin offers each
// coordinator and contributor a choice of their city's departments, the
// account's own selected, and marks one the list lacks (wenhua2's 文广旅局,
// from before creation checked it); moving wenhua2 to 市文化广电旅游局
// works and says so, a name not on the list is refused above the table,
// and an expert has no such choice.
func TestAdminMovesAnAccountToAnotherDepartment(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Catalog.AddDepartment(ctx, "330100", "市文化广电旅游局", "wang"); err != nil {
		t.Fatal(err)
	}
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	hash, err := auth.HashPassword(testenv.Password)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Catalog.CreateUser(ctx, &catalog.User{Username: "wenhua2", Role: catalog.RoleContributor, City: "330100",
		Department: "文广旅局"}, hash, "admin"); err != nil {
		t.Fatal(err)
	}
	admin := s.login("admin")
	_, page := admin.get("/admin")
	for _, want := range []string{`id="dept-wenhua2"`, `<option value="文广旅局" selected>文广旅局（不在责任单位名单中）</option>`,
		`<option value="市文化广电旅游局">`, `id="dept-jiaoyu"`, `<option value="市教育局" selected>`, `id="dept-wang"`} {
		if !strings.Contains(html.UnescapeString(page), want) {
			t.Errorf("/admin lacks %s", want)
		}
	}
	if strings.Contains(page, `id="dept-zhou"`) {
		t.Errorf("/admin offers the expert zhou a department")
	}
	resp, page := admin.post("/admin/users/wenhua2/department", url.Values{"department": {"文广局"}})
	if text := html.UnescapeString(textOf(page)); resp.StatusCode != 400 || !strings.Contains(text, "城市 330100 的责任单位名单中没有“文广局”") ||
		!strings.Contains(page, `id="users-error"`) {
		t.Errorf("moving wenhua2 to 文广局: %d %.500s", resp.StatusCode, text)
	}
	resp, page = admin.post("/admin/users/wenhua2/department", url.Values{"department": {"市文化广电旅游局"}})
	if text := html.UnescapeString(textOf(page)); resp.StatusCode != 200 || !strings.Contains(text, "已将 wenhua2 的责任单位改为“市文化广电旅游局”") {
		t.Errorf("moving wenhua2 to 市文化广电旅游局: %d %.500s", resp.StatusCode, text)
	}
	if u, err := s.env.Catalog.User(ctx, "wenhua2"); err != nil || u.Department != "市文化广电旅游局" {
		t.Errorf("wenhua2 after the move: %+v %v", u, err)
	}
}
