package web

import (
	"html"
	"regexp"
	"strings"
	"testing"
)

// TestTasksSayWhatTheCoordinatorLinked: 市民政局 owes 2.3.1 for 2018
// while the coordinator has linked two documents to 2.3.1 for 2018. On
// 我的任务 the department's task stays 未提交 — a link is no hand-in —
// and says 协调员已关联 2 份佐证材料，待部门确认提交, listing the two by
// title and linking to their pages, so that the department does not
// upload them again but hands one in (确认以此提交); 市教育局's task, of another
// indicator, says nothing. English too.
func TestTasksSayWhatTheCoordinatorLinked(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("minzheng", "contributor", "330100", "市民政局")
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	docs := importAndLink(t, s, "2.3.1,市民政局,2099-03-31,赵科长\n1.3.2,市教育局,2099-03-31,张老师\n",
		[]string{"社区老年教育实施方案.txt", "老年大学办学情况统计.txt"})
	card := func(page, indicator string) string {
		t.Helper()
		c := regexp.MustCompile(`(?s)<article class="card task[^"]*" id="task-[^"]*">\s*<h2>` + regexp.QuoteMeta(indicator) + ` .*?</article>`).FindString(page)
		if c == "" {
			t.Fatalf("task %s is not on 我的任务: %.2000s", indicator, textOf(page))
		}
		return html.UnescapeString(c)
	}
	mz := s.login("minzheng")
	_, page := mz.get("/tasks?round=2018")
	civil := card(page, "2.3.1")
	for _, want := range []string{`class="badge open">未提交`, "（协调员已关联 2 份佐证材料，待部门确认提交）", "协调员已关联的材料（无需重复上传）："} {
		if !strings.Contains(civil, want) {
			t.Errorf("市民政局's task on 我的任务 lacks %q: %q", want, textOf(civil))
		}
	}
	listed := regexp.MustCompile(`(?s)<div class="linked-docs">(.*?)</div>`).FindStringSubmatch(civil)
	if listed == nil {
		t.Fatalf("市民政局's task lists no linked documents: %q", civil)
	}
	hrefs := hrefsIn(listed[1])
	if want := []string{"/documents/" + docs[0].ID, "/documents/" + docs[1].ID}; strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("市民政局's task links to %v, want the 2 documents linked %v", hrefs, want)
	}
	for _, d := range docs {
		if !strings.Contains(listed[1], d.Title) {
			t.Errorf("市民政局's linked documents lack %s: %q", d.Title, listed[1])
		}
	}
	_, page = s.login("jiaoyu").get("/tasks?round=2018")
	if c := card(page, "1.3.2"); strings.Contains(c, "已关联") {
		t.Errorf("市教育局's task says documents were linked: %q", textOf(c))
	}
	mz.english()
	_, page = mz.get("/tasks?round=2018")
	if c := textOf(card(page, "2.3.1")); !strings.Contains(c, "Open (the coordinator has linked 2 documents, waiting for the department to hand them in)") ||
		!strings.Contains(c, "Documents the coordinator linked (no need to upload them again): ") {
		t.Errorf("the English task of 市民政局: %q", c)
	}
}

// hrefsIn are the targets of the links in an HTML fragment, in order.
func hrefsIn(fragment string) []string {
	var hrefs []string
	for _, m := range regexp.MustCompile(`href="([^"]*)"`).FindAllStringSubmatch(fragment, -1) {
		hrefs = append(hrefs, m[1])
	}
	return hrefs
}
