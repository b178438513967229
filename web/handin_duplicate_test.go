package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestHandInOfAStoredFileNamesTheStoredDocument: 市教育局 hands in, for its
// 2018 task, a file the archive already holds — last round's (2017), then
// its own hand-in again under another name. 我的任务 says, for each, which
// stored file it is, with a link to the stored document under its title
// (it said only 已提交 1 个文件), and for last round's file where its
// indicator now counts.
func TestHandInOfAStoredFileNamesTheStoredDocument(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	imp, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018,
		Filename: "表.csv", Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	task := imp.Assignments[0].ID
	const old = "杭州市学分银行试点情况:2017年试点学校12所。"
	last := s.env.Upload("330100", "学分银行试点情况.txt", old)
	dept := s.login("jiaoyu")
	resp, page := dept.handIn(task, "学分银行试点（2018年报送）.txt", old)
	got := html.UnescapeString(page)
	for _, want := range []string{"已提交 1 个文件",
		"<strong>学分银行试点（2018年报送）.txt</strong>\uFF1A重复文件\uFF1A与已保存的“学分银行试点情况.txt”是同一文件\uFF08内容完全相同\uFF0C属于 2017年度\uFF09",
		"本次关联的指标计入 2018年度 · " + `<a href="/documents/` + last.ID + `">` + last.Title + "</a>"} {
		if resp.StatusCode != 200 || !strings.Contains(got, want) {
			t.Errorf("handing in last round's file: %d, want %q in %.3000s", resp.StatusCode, want, textOf(page))
		}
	}

	const text = "杭州市学分银行建设工作总结:2018年新增学分银行账户3.2万个。"
	if resp, page := dept.handIn(task, "学分银行工作总结.txt", text); resp.StatusCode != 200 || strings.Contains(page, "重复文件") {
		t.Fatalf("handing in a new file: %d %.1500s", resp.StatusCode, textOf(page))
	}
	sum := sha256.Sum256([]byte(text))
	doc, err := s.env.Catalog.DocumentBySHA256(context.Background(), hex.EncodeToString(sum[:]), "330100")
	if err != nil {
		t.Fatalf("the new file's document: %v", err)
	}
	resp, page = dept.handIn(task, "工作总结（改名）.txt", text)
	got = html.UnescapeString(page)
	want := "<strong>工作总结（改名）.txt</strong>\uFF1A重复文件\uFF1A与已保存的“学分银行工作总结.txt”是同一文件\uFF08内容完全相同\uFF09，未重复保存 · " +
		`<a href="/documents/` + doc.ID + `">` + doc.Title + "</a>"
	if resp.StatusCode != 200 || !strings.Contains(got, want) {
		t.Errorf("handing in its own file again: %d, want %q in %.3000s", resp.StatusCode, want, textOf(page))
	}
}

// TestEnglishHandInCountsInTheRightForm: on an English page a hand-in of
// one file says "1 file handed in", not "1 file(s)".
func TestEnglishHandInCountsInTheRightForm(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	imp, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018,
		Filename: "表.csv", Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	dept := s.login("jiaoyu")
	dept.english()
	resp, page := dept.handIn(imp.Assignments[0].ID, "学分银行工作总结.txt", "杭州市学分银行建设工作总结：新增账户3.2万个。")
	if got := textOf(page); resp.StatusCode != 200 || !strings.Contains(got, "1 file handed in") {
		t.Errorf("an English hand-in of one file: %d %.1500s, want “1 file handed in”", resp.StatusCode, got)
	}
}

// TestEnglishHandInOfAStoredFileNamesTheStoredDocument: on an English
// page, a file handed in that the archive holds from last round says so
// in English, naming the stored file, its round and the round its
// indicator now counts in, beside the link to the stored document.
func TestEnglishHandInOfAStoredFileNamesTheStoredDocument(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	imp, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018,
		Filename: "表.csv", Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n")})
	if err != nil {
		t.Fatal(err)
	}
	const old = "杭州市学分银行试点情况:2017年试点学校12所。"
	last := s.env.Upload("330100", "学分银行试点情况.txt", old)
	dept := s.login("jiaoyu")
	dept.english()
	resp, page := dept.handIn(imp.Assignments[0].ID, "学分银行试点（2018年报送）.txt", old)
	got := html.UnescapeString(page)
	for _, want := range []string{"1 file handed in",
		"<strong>学分银行试点（2018年报送）.txt</strong>: Duplicate: the same file as the stored “学分银行试点情况.txt” (exactly the same content, of round 2017), not stored twice; the indicators linked now count in round 2018 · " +
			`<a href="/documents/` + last.ID + `">` + last.Title + "</a>"} {
		if resp.StatusCode != 200 || !strings.Contains(got, want) {
			t.Errorf("an English hand-in of last round's file: %d, want %q in %.3000s", resp.StatusCode, want, textOf(page))
		}
	}
}

// TestHandInWithAFileRefusedShowsNoEmptyNotice: a hand-in of a new file
// and a program, refused, says beside the form which was refused; with no
// file that was a stored document already, no notice box of what the
// hand-in did is shown, empty, above it.
func TestHandInWithAFileRefusedShowsNoEmptyNotice(t *testing.T) {
	s := newSite(t)
	dept, task := departmentWithATask(t, s)
	got := dept.postFilesBody("/tasks/"+task+"/upload", map[string]string{"doc_type": "work_summary", "next": "/tasks"}, map[string][]byte{
		"学分银行工作总结.txt": []byte("杭州市学分银行建设工作总结：2018年新增学分银行账户3.2万个。"),
		"安装程序.exe":     []byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"),
	})
	body := html.UnescapeString(got.body)
	if got.resp.StatusCode != 200 || !strings.Contains(body, "已提交 1 个文件") || !strings.Contains(body, "安装程序.exe") {
		t.Fatalf("the hand-in: %d %.3000s", got.resp.StatusCode, textOf(got.body))
	}
	if strings.Contains(body, `class="flash handed"`) {
		t.Errorf("a hand-in with nothing stored before shows a notice box of what it did: %.3000s", body[strings.Index(body, `class="flash handed"`)-200:])
	}
}

// TestBoardHandInOfAStoredFileSaysDuplicate: wang, the coordinator, hands
// in on the board (为本任务提交文件) for 市教育局's task a file the archive
// holds already, renamed. The board says, as 我的任务 does, that it was
// handed in and that it is the stored file — 重复文件, naming it and
// linking its document — not only 已提交 1 个文件; in English too.
func TestBoardHandInOfAStoredFileSaysDuplicate(t *testing.T) {
	for _, tt := range []struct {
		english   bool
		handed    string
		duplicate string
	}{
		{false, "已提交 1 个文件", "<strong>统计表（部门报送）.txt</strong>\uFF1A重复文件\uFF1A与已保存的“社区教育统计表.txt”是同一文件"},
		{true, "1 file handed in", "<strong>统计表（部门报送）.txt</strong>: Duplicate: the same file as the stored “社区教育统计表.txt”"},
	} {
		s := newSite(t)
		_, task := departmentWithATask(t, s)
		const table = "杭州市2018年社区教育统计表：社区学校126所，参与人次48.6万。"
		stored := s.env.Upload("330100", "社区教育统计表.txt", table)
		wang := s.login("wang")
		if tt.english {
			wang.english()
		}
		// On a board of open tasks the task, submitted now, is no longer
		// listed: the notice is said above the tasks (review s32 #4).
		for _, board := range []string{"/assignments?city=330100&round=2018", "/assignments?city=330100&round=2018&status=open"} {
			got := wang.postFilesBody("/assignments/"+task+"/upload", map[string]string{"doc_type": "statistics", "next": board},
				map[string][]byte{"统计表（部门报送）.txt": []byte(table)})
			page := html.UnescapeString(got.body)
			for _, want := range []string{tt.handed, tt.duplicate} {
				if got.resp.StatusCode != 200 || strings.Count(page, want) != 1 {
					t.Errorf("english %v, %s: the board's hand-in of a stored file: %d, want %q once in %.3000s", tt.english, board, got.resp.StatusCode, want, textOf(got.body))
				}
			}
			if link := `<a href="/documents/` + stored.ID + `">` + stored.Title + "</a>"; !strings.Contains(page, link) {
				t.Errorf("english %v, %s: the stored document is not linked: want %q", tt.english, board, link)
			}
		}
	}
}
