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
