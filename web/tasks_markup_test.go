package web

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// TestTaskFormsSitInTheirLists: on 我的任务, the 确认以此提交 button of a
// document the coordinator linked, and the 撤回 button of a file handed
// in, are forms inside the list they belong to. Inside a <p> a browser
// closed the paragraph at the form, so the button fell out below the
// list; parsed as a browser parses it, each form's parent is its list.
func TestTaskFormsSitInTheirLists(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	importAndLink(t, s, "2.3.1,市教育局,2099-03-31,张老师\n3.1.1,市教育局,2099-03-31,张老师\n", []string{"学习型城市建设实施意见.txt", "社区教育工作方案.txt"})
	dept := s.login("jiaoyu")
	_, page := dept.get("/tasks?round=2018")
	owed := regexp.MustCompile(`id="task-([0-9A-Z]+)">\s*<h2>3\.1\.1 `).FindStringSubmatch(page)
	if owed == nil {
		t.Fatalf("task 3.1.1 is not on 我的任务: %.2000s", textOf(page))
	}
	if resp, page := dept.handIn(owed[1], "终身学习活动周总结.txt", "杭州市终身学习活动周工作总结：举办活动320场。"); resp.StatusCode != 200 {
		t.Fatalf("handing in for 3.1.1: %d %.800s", resp.StatusCode, textOf(page))
	}
	_, page = dept.get("/tasks?round=2018")
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"hand-in-linked": "linked-docs", "withdraw": "handed-docs"}
	found := map[string]int{}
	var walk func(n *html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "form" {
			for form, list := range want {
				if !hasClass(n, form) {
					continue
				}
				found[form]++
				// Inside its list, directly or in one of its items (the
				// handed files are a ul, one li a file), never in a p.
				p := n.Parent
				for p != nil && p.Data == "li" || p != nil && p.Data == "ul" && !hasClass(p, list) {
					p = p.Parent
				}
				if p == nil || !hasClass(p, list) {
					t.Errorf("a form %s sits in <%s class=%q>, want inside its list .%s", form, p.Data, attr(p, "class"), list)
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if found["hand-in-linked"] != 2 || found["withdraw"] != 1 {
		t.Errorf("forms found %v, want 2 hand-in-linked (the two linked documents) and 1 withdraw", found)
	}
}

func hasClass(n *html.Node, class string) bool {
	return slices.Contains(strings.Fields(attr(n, "class")), class)
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}
