package web

import (
	"context"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestBoardSaysWhatTheCoordinatorLinked: 市民政局 owes 2.3.1 for 2018,
// overdue, while the coordinator has linked two documents to 2.3.1 for
// 2018 (and a third for 2017 only) and 市教育局 handed one in for its own
// task of 2.3.1. The board keeps 市民政局's task 未提交 — a link is no
// hand-in — but not ⚠ 逾期: the indicator is covered (as the API's
// covered and the CLI say); it says 协调员已关联 2 份佐证材料 and lists exactly those
// two by title, each linking to its page, so nobody chases the
// department for material in hand; the hand-in and the 2017 link are
// neither counted nor listed, a task of another indicator says nothing,
// nor does the task handed in. English too.
func TestBoardSaysWhatTheCoordinatorLinked(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	// The third in its own round, 2017: not 2018's evidence.
	docs := importAndLink(t, s, "2.3.1,市教育局,2099-03-31,张老师\n2.3.1,市民政局,2018-03-31,赵科长\n1.3.2,市人社局,2018-03-31,李科长\n",
		[]string{"学分银行建设方案.txt", "学分银行管理办法.txt", "学分银行往年总结.txt"}, 2018, 2018, 0)
	tasks, err := s.env.Assignments.List(ctx, testenv.Admin, assignments.Filter{City: "330100", Round: 2018})
	if err != nil {
		t.Fatal(err)
	}
	byDept := map[string]string{}
	for _, tk := range tasks {
		byDept[tk.Department] = tk.ID
	}
	if resp, page := s.login("jiaoyu").handIn(byDept["市教育局"], "学分银行工作总结.txt", "杭州市教育局学分银行工作总结：建立学分银行。"); resp.StatusCode != 200 || !strings.Contains(page, "已提交 1 个文件") {
		t.Fatalf("handing in for 市教育局: %d %.800s", resp.StatusCode, page)
	}
	row := func(page, dept string) string {
		t.Helper()
		r := regexp.MustCompile(`(?s)<tr id="task-` + byDept[dept] + `".*?</tr>`).FindString(page)
		if r == "" {
			t.Fatalf("%s's task is not on the board: %.2000s", dept, textOf(page))
		}
		return html.UnescapeString(r)
	}
	wang := s.login("wang")
	_, page := wang.get("/assignments?city=330100&round=2018")
	civil := row(page, "市民政局")
	for _, want := range []string{`class="badge open">未提交`, ">（协调员已关联 2 份佐证材料，不算部门提交）</span>"} {
		if !strings.Contains(civil, want) {
			t.Errorf("市民政局's task on the board lacks %q: %q", want, civil)
		}
	}
	if strings.Contains(civil, "逾期") || strings.Contains(civil, `class="late"`) {
		t.Errorf("市民政局's task, covered by the coordinator's links, is marked overdue on the board: %q", textOf(civil))
	}
	// The documents listed beside it are exactly the two counted, each
	// linking to its page: not 市教育局's hand-in, not the 2017 link.
	listed := regexp.MustCompile(`(?s)<span class="muted linked-docs">(.*?)</span>`).FindStringSubmatch(civil)
	if listed == nil {
		t.Fatalf("市民政局's task lists no linked documents: %q", civil)
	}
	hrefs := hrefsIn(listed[1])
	if want := []string{"/documents/" + docs[0].ID, "/documents/" + docs[1].ID}; strings.Join(hrefs, " ") != strings.Join(want, " ") {
		t.Errorf("市民政局's task links to %v, want the 2 documents counted %v", hrefs, want)
	}
	for i, href := range hrefs {
		if resp, doc := wang.get(href); resp.StatusCode != 200 || !strings.Contains(doc, html.EscapeString(docs[i].Title)) {
			t.Errorf("following %s: %d, want the page of %s", href, resp.StatusCode, docs[i].Title)
		}
	}
	for _, other := range []string{"学分银行工作总结", docs[2].Title} {
		if strings.Contains(listed[1], other) {
			t.Errorf("市民政局's linked documents list %s, which the count leaves out: %q", other, listed[1])
		}
	}
	for _, dept := range []string{"市人社局", "市教育局"} {
		if r := row(page, dept); strings.Contains(r, "已关联") {
			t.Errorf("%s's task says documents were linked: %q", dept, textOf(r))
		}
	}
	wang.english()
	_, page = wang.get("/assignments?city=330100&round=2018")
	if r := textOf(row(page, "市民政局")); !strings.Contains(r, "Open (the coordinator has linked 2 documents; not a hand-in by the department)") {
		t.Errorf("the English board's task of 市民政局: %q", r)
	}
}

// importAndLink imports the rows of a 责任分解表 of 330100 for 2018
// (rows, below its header) and uploads each of names to 330100, linking
// it to 2.3.1 as the coordinator does for the round rounds gives it in
// order (2018 past their end; 0 for the document's own round). It
// returns the documents, in order.
func importAndLink(t *testing.T, s *site, rows string, names []string, rounds ...int) []*catalog.Document {
	t.Helper()
	ctx := context.Background()
	if _, err := s.env.Assignments.Import(ctx, testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018, Filename: "表.csv",
		Data: []byte("指标编码,责任单位,截止日期,联系人\n" + rows)}); err != nil {
		t.Fatal(err)
	}
	var docs []*catalog.Document
	for i, name := range names {
		d := s.env.Upload("330100", name, "杭州市"+strings.TrimSuffix(name, ".txt")+"，推进学分银行建设。")
		docs = append(docs, d)
		round := 2018
		if i < len(rounds) {
			round = rounds[i]
		}
		if err := s.env.Ingest.AddLinkInRound(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: 1}, round); err != nil {
			t.Fatal(err)
		}
	}
	return docs
}
