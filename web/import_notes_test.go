package web

import (
	"net/http"
	"os"
	"strings"
	"testing"
)

// TestImportSaysHowItReadTheTable imports the probe's table
// (assignments/testdata/挂牌单位的责任分解表.xlsx): the board's message
// says 市教育局（市语委办） was imported as 市教育局, names the 配合单位 it
// did not import with their rows' indicators, and names 市人力社保局 as a
// department with tasks and no account; the board marks its row so, and
// 市教育局's (jiaoyu's) not. 责任单位名单 marks it too.
func TestImportSaysHowItReadTheTable(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	table, err := os.ReadFile("../assignments/testdata/挂牌单位的责任分解表.xlsx")
	if err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.xlsx": table})
	text := textOf(r.body)
	for _, want := range []string{"已导入：新增 7 项", "市教育局（市语委办）按“市教育局”导入", "未导入：市委办公厅（1.1.1）、市人力社保局（2.3.1）",
		"1 个责任单位无账号，任务无人接收：市人力社保局"} {
		if r.resp.StatusCode != http.StatusOK || !strings.Contains(text, want) {
			t.Errorf("the import's message: %d, want %q in:\n%.900s", r.resp.StatusCode, want, text)
		}
	}
	_, body := wang.get("/assignments?city=330100&round=2018")
	progress := body[strings.Index(body, `id="progress"`):]
	progress = progress[:strings.Index(progress, "</table>")]
	for _, row := range strings.Split(progress, "<tr")[2:] {
		marked := strings.Contains(row, "无账号，任务无人接收")
		switch {
		case strings.Contains(row, ">市人力社保局</a>") && !marked:
			t.Errorf("the board does not mark 市人力社保局 as without an account: %s", textOf(row))
		case strings.Contains(row, ">市教育局</a>") && marked:
			t.Errorf("the board marks 市教育局, which has jiaoyu's account: %s", textOf(row))
		}
	}
	if strings.Contains(progress, "市语委办") {
		t.Errorf("the board still shows the noted name as a department: %s", textOf(progress))
	}
	_, body = wang.get("/departments?city=330100")
	if strings.Count(body, "无账号，任务无人接收") != 1 {
		t.Errorf("责任单位名单 should mark 市人力社保局 alone: %.800s", textOf(body))
	}
}
