package web

import (
	"context"
	"database/sql"
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
	acceptAnswering(t, s, accepted)
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

// TestUploadForATaskNotReadBackStillSaysStored: once the files are stored
// and the task 已提交, the page says so even when the task cannot be read
// back for its name — here a SQLite trigger moves it to 成都 as the
// hand-in is recorded, so wang of 杭州 may no longer see it, as when
// someone else changes the task in between. An error page there would
// read as a failed upload and invite the files a second time.
func TestUploadForATaskNotReadBackStillSaysStored(t *testing.T) {
	s := newSite(t)
	if s.env.DBPath == "" {
		t.Skip("the fault is injected with a SQLite trigger; this catalog is PostgreSQL")
	}
	ctx := context.Background()
	wang := s.login("wang")
	for _, tt := range []struct {
		english               bool
		indicator, department string
		file, text            string
		want                  string
	}{
		{false, "2.3.1", "市教育局", "学分银行工作总结.txt", "杭州市学分银行建设工作总结：2018年新增学分银行账户3.2万个。", "已提交 1 个文件\uFF0C作为所选任务的材料"},
		{true, "1.3.2", "市人社局", "职工培训情况.txt", "杭州市人社局2018年职工培训情况：培训职工12万人次。", "1 file handed in for the task chosen"},
	} {
		a, err := s.env.Assignments.Add(ctx, testenv.Admin, assignments.NewAssignment{City: "330100", Round: 2018, Indicator: tt.indicator,
			Department: tt.department, Due: "2099-03-31"})
		if err != nil {
			t.Fatal(err)
		}
		moveOnHandIn(t, s.env.DBPath, a.ID)
		if tt.english {
			wang.english()
		}
		got := wang.postFilesBody("/upload", map[string]string{"city": "330100", "assignment": a.ID},
			map[string][]byte{tt.file: []byte(tt.text)})
		if text := html.UnescapeString(textOf(got.body)); got.resp.StatusCode != 200 || !strings.Contains(text, tt.want) {
			t.Errorf("English %v: the upload for task %s, not readable after: %d, does not say %q: %.2000s", tt.english, a.ID, got.resp.StatusCode, tt.want, text)
		}
		after, err := s.env.Catalog.Assignment(ctx, a.ID)
		if err != nil {
			t.Fatal(err)
		}
		if after.City != "510100" || after.Status != catalog.AssignmentSubmitted || len(after.Documents) != 1 {
			t.Fatalf("English %v: task %s after the upload: %s %s %v, want moved to 510100 and submitted with the file (else the test proves nothing)",
				tt.english, a.ID, after.City, after.Status, after.Documents)
		}
	}
}

// moveOnHandIn installs a trigger moving task id to 成都 once it is
// submitted, so that 杭州's coordinator cannot read it back.
func moveOnHandIn(t *testing.T, dbPath, id string) {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+dbPath+"?_pragma=busy_timeout(10000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE TRIGGER "move_` + id + `" AFTER UPDATE OF status ON assignment WHEN NEW.id = '` + id + `' AND NEW.status = 'submitted'
		BEGIN UPDATE assignment SET city = '510100' WHERE id = NEW.id; END`); err != nil {
		t.Fatalf("install the trigger moving task %s: %v", id, err)
	}
}
