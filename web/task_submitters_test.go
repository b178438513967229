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

// TestTaskSubmittersAreListedWithoutStraySpaces: a submitter with no
// department (a coordinator, an admin) is named by their user name alone,
// with no space before it, on the board and on 我的任务; each with the
// name the file was sent under and when.
func TestTaskSubmittersAreListedWithoutStraySpaces(t *testing.T) {
	s, doc, _ := submittedTask(t)
	ctx := context.Background()
	if err := s.env.Catalog.AddSubmission(ctx, catalog.Submission{DocumentID: doc.ID, User: "jiaoyu", Department: "市教育局",
		Filename: "总结.txt"}); err != nil {
		t.Fatal(err)
	}
	// test, an administrator, uploaded it (testenv): named by the role
	// it uploaded in, with no department.
	const when = ` \d{4}-\d\d-\d\d \d\d:\d\d UTC\+8`
	want := regexp.MustCompile("\uFF08提交\uFF1A管理员 test “总结.txt”" + when + "\u3001市教育局 jiaoyu “总结.txt”" + when + "\uFF09")
	for _, tt := range []struct{ user, path string }{{"wang", "/assignments?city=330100&round=2018"}, {"jiaoyu", "/tasks?round=2018"}} {
		_, body := s.login(tt.user).get(tt.path)
		if text := html.UnescapeString(textOf(body)); !want.MatchString(text) {
			t.Errorf("%s does not list the submitters as %q: %.1500s", tt.path, want, text)
		}
	}
}

// TestCoordinatorHandInIsLabelledCoordinator: wang, the coordinator,
// hands the file in for 市教育局's task (filed under the department); the
// board and 我的任务 name the hand-in 协调员 wang, not 市教育局 wang, and
// in English Coordinator wang.
func TestCoordinatorHandInIsLabelledCoordinator(t *testing.T) {
	s, doc, task := submittedTask(t)
	ctx := context.Background()
	if err := s.env.Catalog.AddSubmission(ctx, catalog.Submission{DocumentID: doc.ID, User: "wang", Role: catalog.RoleCoordinator,
		Department: "市教育局", Filename: "学分银行总结.txt", Assignment: task.ID}); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		user, path, want, not string
		english               bool
	}{
		{"wang", "/assignments?city=330100&round=2018", "协调员 wang “学分银行总结.txt”", "市教育局 wang", false},
		{"jiaoyu", "/tasks?round=2018", "协调员 wang “学分银行总结.txt”", "市教育局 wang", false},
		{"jiaoyu", "/tasks?round=2018", "Coordinator wang “学分银行总结.txt”", "市教育局 wang", true},
	} {
		c := s.login(tt.user)
		if tt.english {
			c.english()
		}
		_, body := c.get(tt.path)
		text := html.UnescapeString(textOf(body))
		if !strings.Contains(text, tt.want) || strings.Contains(text, tt.not) {
			t.Errorf("%s: want %q and no %q: %.1500s", tt.path, tt.want, tt.not, text)
		}
	}
}

// submittedTask is a site with 市教育局's contact jiaoyu and its task
// 2.3.1 of 2018, submitted with the summary doc (uploaded by test).
func submittedTask(t *testing.T) (*site, *catalog.Document, *assignments.Task) {
	t.Helper()
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	ctx := context.Background()
	doc := s.env.Upload("330100", "总结.txt", "杭州市学分银行建设工作总结")
	task, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018,
		Indicator: "2.3.1", Department: "市教育局", Due: "2099-03-31"})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.env.Assignments.Submitted(ctx, testenv.Admin, task.ID, []string{doc.ID}); err != nil {
		t.Fatal(err)
	}
	return s, doc, task
}
