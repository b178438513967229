package web

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/assignments"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// boardTask imports 市教育局's 2018 task of 2.3.1 with jiaoyu as its
// contributor (and 市人社局's of 1.3.2), and returns the first's id.
func boardTask(t *testing.T, s *site) string {
	t.Helper()
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	imp, err := s.env.Assignments.Import(context.Background(), testenv.Admin, assignments.ImportRequest{City: "330100", Round: 2018,
		Filename: "表.csv", Data: []byte("指标编码,责任单位,截止日期,联系人\n2.3.1,市教育局,2099-03-31,张老师\n1.3.2,市人社局,2099-04-15,李科长\n")})
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range imp.Assignments {
		if a.Indicator == "2.3.1" {
			return a.ID
		}
	}
	t.Fatalf("no task of 2.3.1 in %+v", imp.Assignments)
	return ""
}

// TestBoardMarksLastYearsFileAndAsksBeforeAccepting: the archive holds
// 市人社局's 2017 ledger (成文日期 2017-12-10); jiaoyu hands in the same
// bytes for 市教育局's 2018 task. The board marks the file beside it and
// asks before 确认 (a box to tick); 确认 without it is refused naming the
// file; ticked, the task is accepted (probe s42 finding 3).
func TestBoardMarksLastYearsFileAndAsksBeforeAccepting(t *testing.T) {
	s := newSite(t)
	task := boardTask(t, s)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	st, err := s.env.Ingest.Stage(strings.NewReader(ledger), "企业职工教育经费台账-盖章版.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: "330100",
		DocType: "statistics", Round: "2017", Department: "市人社局", IssuedOn: "2017-12-10"}, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("archiving 市人社局's ledger: %v %+v", err, out)
	}
	s.env.WaitIndexed(out[0].Document.ID)
	if resp, page := s.login("jiaoyu").handIn(task, "台账.txt", ledger); resp.StatusCode != 200 {
		t.Fatalf("handing in: %d %.1500s", resp.StatusCode, textOf(page))
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, body := wang.get(board)
	text := html.UnescapeString(body)
	for _, want := range []string{"\uFF082017年度的材料\uFF0C成文日期 2017-12-10\uFF09", "\uFF08档案中属于市人社局\uFF09",
		"确认前请核对\uFF1A“企业职工教育经费台账-盖章版.txt”是2017年度的材料", "已核对上述文件\uFF0C仍然确认"} {
		if !strings.Contains(text, want) {
			t.Errorf("the board lacks %q:\n%.3000s", want, textOf(body))
		}
	}
	token := boardToken(t, body)
	resp, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}})
	if resp.StatusCode != 409 || !strings.Contains(html.UnescapeString(body), "档案中属于市人社局") {
		t.Errorf("确认 without the box: %d, want 409 naming the department:\n%.2000s", resp.StatusCode, textOf(body))
	}
	if _, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {token}}); !strings.Contains(body, "已确认") {
		t.Errorf("确认 with the box ticked:\n%.2000s", textOf(body))
	}
	a, err := s.env.Catalog.Assignment(context.Background(), task)
	if err != nil || a.Status != catalog.AssignmentAccepted {
		t.Errorf("the task after 确认 with the box: %v %v, want accepted", a, err)
	}
}

// TestAcceptedTaskDropsTheReuploadAdvice: jiaoyu hands in a summary and a
// phone photo that could not be read (…请重新扫描后上传). The board asks
// before 确认, naming the photo; once accepted, neither the board nor
// 我的任务 tells anyone to upload again, and 我的任务 says the photo does
// not count (probe s42 finding 5).
func TestAcceptedTaskDropsTheReuploadAdvice(t *testing.T) {
	s := newSite(t)
	task := boardTask(t, s)
	jiaoyu := s.login("jiaoyu")
	jiaoyu.handIn(task, "师资队伍建设总结.txt", "2018年杭州市师资队伍建设总结：培训社区教育专职教师320人。")
	const photo = "学分银行宣传照片"
	jiaoyu.handIn(task, "手机拍照.txt", photo)
	sum := sha256.Sum256([]byte(photo))
	d, err := s.env.Catalog.DocumentBySHA256(context.Background(), hex.EncodeToString(sum[:]), "330100")
	if err != nil {
		t.Fatal(err)
	}
	s.env.WaitIndexed(d.ID)
	const advice = "扫描件的每一页都是空白\uFF0C无法识别文字\uFF1B请重新扫描后上传"
	if err := s.env.Catalog.SetStatus(context.Background(), catalog.StatusChange{ID: d.ID, Status: catalog.StatusFailed, Error: advice}); err != nil {
		t.Fatal(err)
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, body := wang.get(board)
	if !strings.Contains(html.UnescapeString(body), "“手机拍照.txt”未能读取\uFF0C确认后不计入佐证材料") {
		t.Errorf("the board does not name the photo before 确认:\n%.3000s", textOf(body))
	}
	wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {boardToken(t, body)}})
	for _, c := range []struct {
		who  *browser
		path string
		want string
	}{
		{wang, board, "任务已确认\uFF0C这份文件未能读取\uFF0C不计入佐证材料"},
		{jiaoyu, "/tasks", "任务已确认\uFF0C这份文件未能读取\uFF0C不计入佐证材料\uFF1B如需补交\uFF0C请联系本市协调员"},
	} {
		_, body := c.who.get(c.path)
		text := html.UnescapeString(body)
		if strings.Contains(text, "重新扫描后上传") || !strings.Contains(text, c.want) {
			t.Errorf("%s after 确认: want %q and no re-upload advice:\n%.3000s", c.path, c.want, textOf(body))
		}
	}
}
