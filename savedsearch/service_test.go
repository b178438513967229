package savedsearch_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/savedsearch"
)

// TestNewMatchesSinceLastLook: a saved search and a query pack count the
// documents that arrived after each user's last look, in that user's city
// scope; opening one resets it for that user only.
func TestNewMatchesSinceLastLook(t *testing.T) {
	env := testenv.New(t)
	ctx := context.Background()
	env.AddUser("liu", "expert", "")
	env.AddUser("chen", "expert", "")
	env.AddUser("wang", "coordinator", "330100")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	chen := &catalog.User{Username: "chen", Role: catalog.RoleExpert}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}

	env.Upload("330100", "旧文件.txt", "杭州市学分银行建设工作总结，已有三万人开户。")
	mine, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学分银行（杭州）", Query: "学分银行",
		Filters: catalog.SearchFilters{Cities: []string{"330100"}}})
	if err != nil {
		t.Fatal(err)
	}
	pack, err := env.Saved.Save(ctx, liu, savedsearch.Input{Name: "学分银行", Query: "学分银行", Indicator: "2.3.1"})
	if err != nil {
		t.Fatal(err)
	}
	if mine.New != 0 || pack.New != 0 {
		t.Fatalf("just saved: new %d and %d, want 0 (the document was there before)", mine.New, pack.New)
	}

	env.Upload("330100", "新文件.txt", "杭州市学分银行管理办法（试行）")
	env.Upload("330200", "宁波.txt", "宁波市学分银行建设方案")
	env.Upload("330100", "无关.txt", "杭州市社区教育工作要点")

	cases := []struct {
		who  *catalog.User
		id   string
		want int
	}{
		{liu, mine.ID, 1},  // 杭州 only
		{liu, pack.ID, 2},  // every city
		{chen, pack.ID, 2}, // a pack search is everyone's, with their own last look
		{wang, pack.ID, 1}, // counted in the coordinator's city scope
	}
	for _, c := range cases {
		e, err := env.Saved.Get(ctx, c.who, c.id)
		if err != nil || e.New != c.want {
			t.Errorf("%s's %q: new %v (%v), want %d", c.who.Username, c.id, e, err, c.want)
		}
	}
	p, err := env.Saved.Pack(ctx, chen, "2.3.1")
	if err != nil || p.New != 2 || len(p.Searches) != 1 {
		t.Fatalf("pack 2.3.1 for chen: %+v, %v; want 2 new in 1 search", p, err)
	}

	opened, err := env.Saved.Open(ctx, chen, pack.ID)
	if err != nil || opened.New != 2 || opened.Params != "q=%E5%AD%A6%E5%88%86%E9%93%B6%E8%A1%8C" {
		t.Fatalf("open: %+v, %v", opened, err)
	}
	if e, _ := env.Saved.Get(ctx, chen, pack.ID); e.New != 0 || e.SeenAt == nil {
		t.Errorf("after chen opened it: new %d, seen %v; want 0", e.New, e.SeenAt)
	}
	if e, _ := env.Saved.Get(ctx, liu, pack.ID); e.New != 2 {
		t.Errorf("liu's count changed when chen opened the search: %d, want 2", e.New)
	}

	list, err := env.Saved.List(ctx, chen)
	if err != nil || len(list) != 0 {
		t.Errorf("chen's own searches: %v, %v; want none", list, err)
	}
	if _, err := env.Saved.Get(ctx, chen, mine.ID); catalog.ErrorCode(err) != catalog.ENOTFOUND {
		t.Errorf("another expert's private search: %v, want ENOTFOUND", err)
	}
	if err := env.Saved.Delete(ctx, chen, pack.ID); catalog.ErrorCode(err) != catalog.EFORBIDDEN {
		t.Errorf("deleting another expert's pack search: %v, want EFORBIDDEN", err)
	}
	if err := env.Saved.Delete(ctx, liu, pack.ID); err != nil {
		t.Errorf("owner deletes: %v", err)
	}
}

func TestSaveRefusesBadInput(t *testing.T) {
	env := testenv.New(t)
	env.AddUser("liu", "expert", "")
	env.AddUser("wang", "coordinator", "330100")
	liu := &catalog.User{Username: "liu", Role: catalog.RoleExpert}
	wang := &catalog.User{Username: "wang", Role: catalog.RoleCoordinator, City: "330100"}
	cases := []struct {
		name string
		who  *catalog.User
		in   savedsearch.Input
		want string
	}{
		{"no name", liu, savedsearch.Input{Query: "学分银行"}, catalog.EINVALID},
		{"nothing to search", liu, savedsearch.Input{Name: "空"}, catalog.EINVALID},
		{"unreadable query", liu, savedsearch.Input{Name: "坏", Query: "\"学分银行"}, catalog.EINVALID},
		{"unknown indicator", liu, savedsearch.Input{Name: "甲", Query: "学分银行", Indicator: "9.9.9"}, catalog.ENOTFOUND},
		{"coordinator into a pack", wang, savedsearch.Input{Name: "乙", Query: "学分银行", Indicator: "2.3.1"}, catalog.EFORBIDDEN},
		{"a day that does not exist", liu, savedsearch.Input{Name: "丙", Query: "学分银行",
			Filters: catalog.SearchFilters{IssuedFrom: "2018-02-30"}}, catalog.EINVALID},
		{"a NUL in the name", liu, savedsearch.Input{Name: "学分\x00银行", Query: "学分银行"}, catalog.EINVALID},
		{"a right-to-left override in the name", liu, savedsearch.Input{Name: "\u202e行银分学", Query: "学分银行"}, catalog.EINVALID},
		{"an unknown order", liu, savedsearch.Input{Name: "丁", Query: "学分银行", Filters: catalog.SearchFilters{Sort: "newest"}}, catalog.EINVALID},
	}
	for _, c := range cases {
		if _, err := env.Saved.Save(context.Background(), c.who, c.in); catalog.ErrorCode(err) != c.want {
			t.Errorf("%s: %v, want %s", c.name, err, c.want)
		}
	}
	if _, err := env.Saved.Save(context.Background(), wang, savedsearch.Input{Name: "本市学分银行", Query: "学分银行"}); err != nil {
		t.Errorf("a coordinator saves a private search: %v", err)
	}
	// A range written as people write it is kept as the days it means,
	// and the saved search opens with it and its order.
	e, err := env.Saved.Save(context.Background(), liu, savedsearch.Input{Name: "2018年上半年", Query: "学分银行",
		Filters: catalog.SearchFilters{IssuedFrom: "2018年1月", IssuedTo: "2018.6", Sort: "issued"}})
	if err != nil {
		t.Fatal(err)
	}
	if e.Filters.IssuedFrom != "2018-01-01" || e.Filters.IssuedTo != "2018-06-30" ||
		!strings.Contains(e.Params, "issued_from=2018-01-01") || !strings.Contains(e.Params, "issued_to=2018-06-30") || !strings.Contains(e.Params, "sort=issued") {
		t.Errorf("saved range %+v, params %s", e.Filters, e.Params)
	}
	if req := e.Request(liu); req.IssuedTo.Format("2006-01-02") != "2018-06-30" || req.Sort != "issued" {
		t.Errorf("the saved search runs as %+v", req)
	}
}
