package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

var departmentRows = regexp.MustCompile(`id="dept-([0-9A-Z]+)"`)

// TestDepartmentsPage walks a coordinator through the city's list of
// departments: add one, be told that the same department typed another
// way already exists (with the name kept beside the field), rename it,
// see that one holding tasks cannot be deleted (naming them), and delete
// the one nothing refers to, the only one offered, after confirming.
func TestDepartmentsPage(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市人社局", Due: "2018-03-31"}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")

	resp, body := wang.post("/departments", url.Values{"city": {"330100"}, "name": {"市教育局"}})
	if resp.StatusCode != 200 || resp.Request.URL.Path != "/departments" || !strings.Contains(textOf(body), "已添加责任单位") {
		t.Fatalf("adding 市教育局: %d at %s: %.300s", resp.StatusCode, resp.Request.URL, textOf(body))
	}
	if !strings.Contains(body, ">市教育局</a>") || !strings.Contains(body, ">市人社局</a>") {
		t.Fatalf("the list does not show both departments: %.600s", textOf(body))
	}

	resp, body = wang.post("/departments", url.Values{"city": {"330100"}, "name": {"教育局"}})
	page := html.UnescapeString(body)
	i := strings.Index(page, `id="d-name-err"`)
	if resp.StatusCode != 409 || i < 0 || !strings.Contains(page[i:min(i+300, len(page))], "市教育局") || !strings.Contains(page, `value="教育局"`) {
		t.Fatalf("adding 教育局 beside 市教育局: %d, want 409 naming 市教育局 beside the field with 教育局 kept: %.500s", resp.StatusCode, textOf(body))
	}
	if strings.Contains(textOf(body), "出错了") {
		t.Error("a clashing name ended on the dead-end error page")
	}

	_, body = wang.get("/departments")
	ids := map[string]string{}
	for _, m := range departmentRows.FindAllStringSubmatch(body, -1) {
		row := body[strings.Index(body, m[0]):]
		for _, name := range []string{"市教育局", "市人社局"} {
			if strings.HasPrefix(row[strings.Index(row, "<th"):], `<th scope="row"><a href="/assignments?city=330100&amp;department=`) &&
				strings.Contains(row[:strings.Index(row, "</th>")], ">"+name+"<") {
				ids[name] = m[1]
			}
		}
	}
	if len(ids) != 2 {
		t.Fatalf("rows found %v in %.600s", ids, body)
	}

	resp, body = wang.post("/departments/"+ids["市教育局"], url.Values{"city": {"330100"}, "name": {"市教育体育局"}})
	if resp.StatusCode != 200 || !strings.Contains(body, ">市教育体育局</a>") || strings.Contains(body, ">市教育局</a>") {
		t.Fatalf("renaming: %d %.500s", resp.StatusCode, textOf(body))
	}

	resp, body = wang.post("/departments/"+ids["市人社局"]+"/delete", url.Values{"city": {"330100"}})
	if resp.StatusCode != 400 || !strings.Contains(body, `id="rename-error"`) || !strings.Contains(body, ">市人社局</a>") ||
		!strings.Contains(textOf(body), "1 项责任分解任务（2018 2.3.1）") {
		t.Fatalf("deleting a department with a task: %d, want 400 with the reason on its row: %.500s", resp.StatusCode, textOf(body))
	}
	// Only the department nothing refers to is offered for deletion, and
	// deleting it asks first, naming it.
	_, body = wang.get("/departments?city=330100")
	if !strings.Contains(body, `id="delete-`+ids["市教育局"]+`"`) || strings.Contains(body, `id="delete-`+ids["市人社局"]+`"`) ||
		!strings.Contains(body, "无任务、账号和提交的材料，可删除") {
		t.Fatalf("the list does not offer to delete only the department without tasks: %.800s", textOf(body))
	}
	resp, body = wang.post("/departments/"+ids["市教育局"]+"/delete", url.Values{"city": {"330100"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "确定从本市责任单位名单中删除这个责任单位吗") || !strings.Contains(textOf(body), "市教育体育局") {
		t.Fatalf("deleting asks first, naming the department: %d %.500s", resp.StatusCode, textOf(body))
	}
	if _, body = wang.get("/departments?city=330100"); !strings.Contains(body, ">市教育体育局</a>") {
		t.Fatal("the department went before the deletion was confirmed")
	}
	resp, body = wang.post("/departments/"+ids["市教育局"]+"/delete", url.Values{"city": {"330100"}, "confirm": {"1"}})
	if resp.StatusCode != 200 || !strings.Contains(textOf(body), "已删除责任单位：市教育体育局") || strings.Contains(body, "市教育体育局</a>") {
		t.Fatalf("deleting an empty department: %d %.500s", resp.StatusCode, textOf(body))
	}

	// The board links to the list.
	if _, body = wang.get("/assignments"); !strings.Contains(body, `id="departments-link"`) {
		t.Error("the responsibilities board has no link to the list of departments")
	}
}

// TestRenamingADepartmentKeepsItsContributor renames 市人力社保局 on the
// list: the page says which accounts moved with it, and its contributor
// still finds the department's task on /tasks.
func TestRenamingADepartmentKeepsItsContributor(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市人力社保局", Due: "2018-03-31"}); err != nil {
		t.Fatal(err)
	}
	s.env.AddUserIn("renshe", "contributor", "330100", "人力社保局")
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	d, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市人力社保局")
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	resp, body := wang.post("/departments/"+d.ID, url.Values{"city": {"330100"}, "name": {"市人力资源和社会保障局"}})
	if text := textOf(body); resp.StatusCode != 200 || !strings.Contains(text, "已同时更新 1 个该单位的账号：renshe") || strings.Contains(text, "jiaoyu") {
		t.Fatalf("renaming 市人力社保局: %d, want the page to name renshe (and not jiaoyu) as moved with it: %.500s", resp.StatusCode, text)
	}
	_, body = s.login("renshe").get("/tasks")
	if text := textOf(body); strings.Contains(text, "本部门暂无责任分解任务") || !strings.Contains(text, "2.3.1") {
		t.Errorf("renshe after the rename does not see its task 2.3.1: %.500s", text)
	}
}

// TestBoardsOfAnotherCitySaySo: 宁波's coordinator following a link to
// 杭州's 责任分解 board or 责任单位名单 is told that 杭州 is not among the
// cities the account may see, as /indicators and /carryovers say, in
// Chinese and English, instead of being shown 宁波's own board under
// 杭州's address; 杭州's coordinator still sees 杭州's.
func TestBoardsOfAnotherCitySaySo(t *testing.T) {
	s := newSite(t)
	s.env.AddUser("ningbo", "coordinator", "330200")
	if _, err := s.env.Assignments.Add(context.Background(), testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市人力社保局", Due: "2018-03-31"}); err != nil {
		t.Fatal(err)
	}
	for _, page := range []string{"/assignments?city=330100&round=2018", "/departments?city=330100"} {
		for _, tt := range []struct {
			user    string
			english bool
			status  int
			want    string
		}{
			{"ningbo", false, 404, "城市 330100 不在您的账号可查看的城市范围内"},
			{"ningbo", true, 404, "330100 is not among the cities your account may see"},
			{"wang", false, 200, "市人力社保局"},
		} {
			b := s.login(tt.user)
			if tt.english {
				b.english()
			}
			resp, body := b.get(page)
			if text := html.UnescapeString(textOf(body)); resp.StatusCode != tt.status || !strings.Contains(text, tt.want) {
				t.Errorf("%s opens %s (english %v): %d, want %d and %q: %.500s", tt.user, page, tt.english, resp.StatusCode, tt.status, tt.want, text)
			}
		}
	}
}
