package web

import (
	"context"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestRenameOntoAnotherDepartmentAsksToMerge: on 责任单位名单, renaming
// 市教育局（市语委办） to 市教育局, already on the list, asks to merge the
// two (naming both); confirmed, 市教育局 holds both tasks, the noted name
// leaves the list and the page says what moved.
func TestRenameOntoAnotherDepartmentAsksToMerge(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for code, dept := range map[string]string{"1.1.1": "市教育局（市语委办）", "2.3.1": "市教育局"} {
		if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
			Indicator: code, Department: dept, Due: "2018-03-31"}); err != nil {
			t.Fatal(err)
		}
	}
	noted, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	resp, body := wang.post("/departments/"+noted.ID, url.Values{"city": {"330100"}, "name": {"市教育局"}})
	text := textOf(body)
	if resp.StatusCode != 409 || !strings.Contains(text, "确认合并") || !strings.Contains(text, "本市已有责任单位“市教育局”") ||
		!strings.Contains(body, `name="merge" value="1"`) {
		t.Fatalf("renaming onto 市教育局: %d, want 409 asking to merge: %.600s", resp.StatusCode, text)
	}
	if d, err := s.env.Catalog.Department(ctx, noted.ID); err != nil || d.Assignments != 1 {
		t.Fatalf("asking moved something: %+v %v", d, err)
	}
	resp, body = wang.post("/departments/"+noted.ID, url.Values{"city": {"330100"}, "name": {"市教育局"}, "merge": {"1"}})
	text = textOf(body)
	if resp.StatusCode != 200 || !strings.Contains(text, "已把“市教育局（市语委办）”并入“市教育局”") || strings.Contains(body, ">市教育局（市语委办）</a>") {
		t.Fatalf("confirming the merge: %d %.600s", resp.StatusCode, text)
	}
	d, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市教育局")
	if err == nil {
		d, err = s.env.Catalog.Department(ctx, d.ID)
	}
	if err != nil || d.Assignments != 2 {
		t.Errorf("市教育局 after the merge: %+v %v, want 2 tasks", d, err)
	}
}

// TestNotedNameBesideItsDepartmentIsOfferedTheMerge: an earlier import
// left 市教育局（市语委办） on 杭州's list beside 市教育局. 责任单位名单 says on
// its row that the two are one department and offers 并入“市教育局”, which
// posts the rename onto 市教育局 and so asks to merge, as a rename does;
// 市教育局's own row offers nothing of the kind.
func TestNotedNameBesideItsDepartmentIsOfferedTheMerge(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for code, dept := range map[string]string{"1.1.1": "市教育局（市语委办）", "2.3.1": "市教育局"} {
		if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
			Indicator: code, Department: dept, Due: "2018-03-31"}); err != nil {
			t.Fatal(err)
		}
	}
	noted, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
	if err != nil {
		t.Fatal(err)
	}
	plain, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市教育局")
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	_, body := wang.get("/departments?city=330100")
	if !strings.Contains(body, `id="noted-`+noted.ID+`"`) || !strings.Contains(textOf(body), "与名单中的“市教育局”是同一单位") ||
		!strings.Contains(textOf(body), "并入“市教育局”") {
		t.Fatalf("the list does not offer to merge 市教育局（市语委办） into 市教育局: %.1500s", textOf(body))
	}
	if strings.Contains(body, `id="noted-`+plain.ID+`"`) {
		t.Errorf("市教育局's own row is offered a merge")
	}
	resp, body := wang.post("/departments/"+noted.ID, url.Values{"city": {"330100"}, "name": {"市教育局"}})
	if resp.StatusCode != 409 || !strings.Contains(textOf(body), "确认合并") || !strings.Contains(body, `name="merge" value="1"`) {
		t.Fatalf("并入“市教育局”: %d, want 409 asking to merge: %.600s", resp.StatusCode, textOf(body))
	}
}

// TestMergeNoticeSaysWhichTasksBecameOne: 市教育局（市语委办） and 市教育局
// both hold 2018 1.1.1. Confirming the merge makes it one task and the
// notice says so: which task, whose task stays, and the due date kept.
func TestMergeNoticeSaysWhichTasksBecameOne(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	for _, dept := range []string{"市教育局（市语委办）", "市教育局"} {
		if _, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
			Indicator: "1.1.1", Department: dept, Due: "2018-03-31"}); err != nil {
			t.Fatal(err)
		}
	}
	noted, err := s.env.Catalog.DepartmentByName(ctx, "330100", "市教育局（市语委办）")
	if err != nil {
		t.Fatal(err)
	}
	resp, body := s.login("wang").post("/departments/"+noted.ID, url.Values{"city": {"330100"}, "name": {"市教育局"}, "merge": {"1"}})
	text := textOf(body)
	if resp.StatusCode != 200 || !strings.Contains(text, "两个单位都有的 1 项任务已合为一项（2018 1.1.1）：保留“市教育局”的任务，截止日期取两者中较早的一个") {
		t.Fatalf("merging two departments that both hold 1.1.1: %d %.800s", resp.StatusCode, text)
	}
}
