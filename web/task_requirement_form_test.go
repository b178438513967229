package web

import (
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestBoardFormWritesTheTasksRequirement: a coordinator writes a task's
// 材料要求 on the board's form (添加或修改一项任务), and the department
// reads it first on 我的任务; changing the due date with the box left
// empty keeps it; one over 2000 characters comes back with the reason
// beside the box and the text as typed.
func TestBoardFormWritesTheTasksRequirement(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	wang := s.login("wang")
	const wanted = "学分银行管理办法\n2018年度学分认定情况"
	task := func(due, requirement string) url.Values {
		return url.Values{"city": {"330100"}, "round": {"2018"}, "indicator": {"2.3.1"}, "department": {"市教育局"},
			"due": {due}, "requirement": {requirement}, "next": {"/assignments?city=330100&round=2018"}}
	}
	resp, body := wang.post("/assignments", task("2099-03-31", "  学分银行管理办法\r\n\r\n 2018年度学分认定情况 "))
	if resp.StatusCode != http.StatusOK || !strings.Contains(html.UnescapeString(body), `<span class="requirement-text">`+wanted+`</span>`) {
		t.Fatalf("a task added with its requirement: %d, want the board showing %q:\n%.2000s", resp.StatusCode, wanted, textOf(body))
	}
	if resp, body = wang.post("/assignments", task("2099-04-30", "")); resp.StatusCode != http.StatusOK {
		t.Fatalf("the due date changed: %d %.600s", resp.StatusCode, textOf(body))
	}
	_, page := s.login("jiaoyu").get("/tasks")
	card := taskCard(t, html.UnescapeString(page), "2.3.1")
	if !strings.Contains(card, "本市材料要求：</strong><span class=\"requirement-text\">"+wanted+"</span>") || !strings.Contains(card, "2099-04-30") {
		t.Errorf("我的任务 after the due date changed with the box empty: want due 2099-04-30 and the requirement %q kept:\n%s", wanted, card)
	}

	long := strings.Repeat("学", 2001)
	resp, body = wang.post("/assignments", task("2099-04-30", long))
	page = html.UnescapeString(body)
	i := strings.Index(page, `id="a-req-err"`)
	if resp.StatusCode != http.StatusBadRequest || i < 0 || !strings.Contains(page[i:min(i+300, len(page))], "材料要求有 2001 字，超过 2000 字的上限；请精简后再保存") {
		t.Fatalf("a requirement of 2001 characters: %d, want 400 with the reason beside the box:\n%.800s", resp.StatusCode, textOf(body))
	}
	if !strings.Contains(page, ">"+long+"</textarea>") {
		t.Errorf("the form lost the requirement as typed")
	}
}

// TestBoardFormClearsTheRequirementOnlyWhenTicked: 清除材料要求 ticked with
// the box empty clears the task's 材料要求, and the department no longer
// reads it on 我的任务; ticked with a requirement written too, the form
// asks for one or the other (in Chinese and in English) and keeps both
// as typed, the task's requirement untouched.
func TestBoardFormClearsTheRequirementOnlyWhenTicked(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	wang := s.login("wang")
	task := func(requirement, clear string) url.Values {
		v := url.Values{"city": {"330100"}, "round": {"2018"}, "indicator": {"2.3.1"}, "department": {"市教育局"},
			"due": {"2099-03-31"}, "requirement": {requirement}, "next": {"/assignments?city=330100&round=2018"}}
		if clear != "" {
			v.Set("clear_requirement", clear)
		}
		return v
	}
	if resp, body := wang.post("/assignments", task("学分银行管理办法", "")); resp.StatusCode != http.StatusOK {
		t.Fatalf("a task added with its requirement: %d %.600s", resp.StatusCode, textOf(body))
	}
	_, board := wang.get("/assignments?city=330100&round=2018")
	if !strings.Contains(board, `name="clear_requirement"`) {
		t.Fatalf("the board's form offers no 清除材料要求 box:\n%.2000s", textOf(board))
	}

	resp, body := wang.post("/assignments", task("学分认定情况", "1"))
	page := html.UnescapeString(body)
	i := strings.Index(page, `id="a-req-err"`)
	if resp.StatusCode != http.StatusBadRequest || i < 0 || !strings.Contains(page[i:min(i+300, len(page))], "已勾选“清除材料要求”，又填写了材料要求") {
		t.Fatalf("ticked with a requirement written: %d, want 400 with the reason beside the box:\n%.800s", resp.StatusCode, textOf(body))
	}
	if !strings.Contains(page, ">学分认定情况</textarea>") || !strings.Contains(page, `name="clear_requirement" value="1" checked`) {
		t.Errorf("the form lost what was typed or ticked:\n%.1500s", textOf(body))
	}
	en := s.login("wang")
	en.get("/assignments?city=330100&round=2018&lang=en")
	if _, body := en.post("/assignments", task("学分认定情况", "1")); !strings.Contains(html.UnescapeString(body), "“Clear the material requirement” is ticked and a requirement is written too") {
		t.Errorf("the English form does not say why:\n%.800s", textOf(body))
	}
	jiaoyu := s.login("jiaoyu")
	if _, page := jiaoyu.get("/tasks"); !strings.Contains(taskCard(t, html.UnescapeString(page), "2.3.1"), "学分银行管理办法") {
		t.Fatalf("the refused form changed the requirement")
	}

	resp, body = wang.post("/assignments", task("", "1"))
	if resp.StatusCode != http.StatusOK || !strings.Contains(textOf(body), "任务已保存，材料要求已清除") {
		t.Fatalf("ticked with the box empty: %d, want the board saying the requirement was cleared:\n%.800s", resp.StatusCode, textOf(body))
	}
	if _, page := jiaoyu.get("/tasks"); strings.Contains(taskCard(t, html.UnescapeString(page), "2.3.1"), "学分银行管理办法") {
		t.Errorf("我的任务 still shows the requirement cleared")
	}
}
