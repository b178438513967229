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

// TestUploadPageHandsInForATask: 杭州 has two tasks of 2018, 2.3.1 of
// 市教育局 (owed) and 3.1.1 of 市人社局 (accepted), and 宁波 one. wang,
// 杭州's coordinator, finds on the upload page a 提交到任务 choice with the
// owed task alone, its kind of document beside it; chosen, the form that
// comes back keeps it and pre-selects that kind. Uploading a file with the
// task chosen (no type given) hands it in as the board does: the task is
// submitted with the file, linked to 2.3.1, the type the task asks for,
// and the page says for which task, which leaves the choice.
func TestUploadPageHandsInForATask(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	add := func(city, indicator, department string) string {
		t.Helper()
		a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: city, Round: 2018, Indicator: indicator,
			Department: department, Due: "2099-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	owed, accepted, ningbo := add("330100", "2.3.1", "市教育局"), add("330100", "3.1.1", "市人社局"), add("330200", "2.3.1", "市教育局")
	doc := s.env.Upload("330100", "人社局培训情况.txt", "杭州市人社局2018年职工培训情况。")
	if err := s.env.Assignments.Submitted(ctx, testenv.Admin, accepted, []string{doc.ID}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.env.Assignments.Accept(ctx, testenv.Admin, accepted); err != nil {
		t.Fatal(err)
	}
	task, err := s.env.Assignments.Get(ctx, testenv.Admin, owed)
	if err != nil {
		t.Fatal(err)
	}
	want := string(task.HandInType())

	wang := s.login("wang")
	_, page := wang.get("/upload")
	choice := regexp.MustCompile(`(?s)<select id="assignment" name="assignment".*?</select>`).FindString(page)
	if !strings.Contains(choice, `<option value="`+owed+`" data-doc-type="`+want+`" data-name="2.3.1 市教育局">`) || !strings.Contains(choice, "2.3.1") ||
		strings.Contains(choice, accepted) || strings.Contains(choice, ningbo) {
		t.Fatalf("the upload page's task choice: %q, want the owed task %s (type %s) alone", choice, owed, want)
	}

	// A form refused (no city's file) comes back with the task and its type.
	got := wang.postFilesBody("/upload", map[string]string{"city": "330100", "assignment": owed, "indicators": "9.9.9"},
		map[string][]byte{"学分银行工作总结.txt": []byte("杭州市学分银行建设工作总结。")})
	if !regexp.MustCompile(`<option value="`+owed+`" data-doc-type="`+want+`" data-name="[^"]*" selected>`).MatchString(got.body) ||
		!regexp.MustCompile(`<option value="`+want+`" selected>`).MatchString(got.body) {
		t.Errorf("the form refused does not keep the task chosen and its type: %.3000s", got.body)
	}

	got = wang.postFilesBody("/upload", map[string]string{"city": "330100", "assignment": owed},
		map[string][]byte{"学分银行工作总结.txt": []byte("杭州市学分银行建设工作总结：2018年新增学分银行账户3.2万个。")})
	text := html.UnescapeString(textOf(got.body))
	if got.resp.StatusCode != 200 || !strings.Contains(text, "已提交 1 个文件\uFF0C作为任务“2.3.1 市教育局”的材料") {
		t.Errorf("the upload for the task: %d %.3000s", got.resp.StatusCode, text)
	}
	// Handed in for, the task is owed no more: it leaves the choice as
	// its form leaves the board.
	if after := regexp.MustCompile(`(?s)<select id="assignment" name="assignment".*?</select>`).FindString(got.body); strings.Contains(after, owed) {
		t.Errorf("the choice after the hand-in still offers the task handed in for: %q", after)
	}
	a, err := s.env.Catalog.Assignment(ctx, owed)
	if err != nil {
		t.Fatal(err)
	}
	if a.Status != catalog.AssignmentSubmitted || len(a.Documents) != 1 || a.HandedInBy[a.Documents[0]] != "wang" {
		t.Fatalf("the task after the upload: %s %v %v, want submitted with wang's file", a.Status, a.Documents, a.HandedInBy)
	}
	d, err := s.env.Catalog.Document(ctx, a.Documents[0])
	if err != nil {
		t.Fatal(err)
	}
	links, err := s.env.Catalog.DocumentLinks(ctx, d.ID)
	if err != nil {
		t.Fatal(err)
	}
	if string(d.DocType) != want || len(links) != 1 || links[0].IndicatorCode != "2.3.1" || d.Department != "市教育局" {
		t.Errorf("the file handed in: type %s, department %s, links %+v; want type %s, 市教育局's, linked to 2.3.1", d.DocType, d.Department, links, want)
	}
}
