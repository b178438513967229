package web

import (
	"context"
	"html"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// confirmBox is the board's tick box before 确认, its value the question's
// token.
var confirmBox = regexp.MustCompile(`name="confirm" value="([0-9a-f]+)" required`)

// boardToken is the token the board's tick box posts (the one task on it
// that asks before 确认).
func boardToken(t *testing.T, page string) string {
	t.Helper()
	m := confirmBox.FindAllStringSubmatch(page, -1)
	if len(m) != 1 {
		t.Fatalf("the board has %d tick boxes before 确认, want 1:\n%.3000s", len(m), textOf(page))
	}
	return m[0][1]
}

// acceptToken is the token of what 确认 of task id asks first, as the
// board's tick box posts it (assignments.Task.AcceptToken).
func acceptToken(t *testing.T, s *site, id string) string {
	t.Helper()
	ctx := context.Background()
	task, err := s.env.Assignments.Get(ctx, testenv.Admin, id)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := s.env.Catalog.DocumentsByID(ctx, task.HandedIn())
	if err != nil {
		t.Fatal(err)
	}
	return task.AcceptToken(docs)
}

// archive2017 stores text as name, a 2017 document of 市人社局's.
func archive2017(t *testing.T, s *site, name, text string) {
	t.Helper()
	st, err := s.env.Ingest.Stage(strings.NewReader(text), name)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Remove()
	out, err := s.env.Ingest.Upload(context.Background(), testenv.Admin, ingest.UploadRequest{Meta: ingest.Meta{City: "330100",
		DocType: "statistics", Round: "2017", Department: "市人社局", IssuedOn: "2017-12-10"}, Files: []*ingest.Staged{st}})
	if err != nil || len(out) != 1 || out[0].Err != nil {
		t.Fatalf("archiving %s: %v %+v", name, err, out)
	}
	s.env.WaitIndexed(out[0].Document.ID)
}

// TestBoardConfirmAnswersWhatTheBoardShowed: the board shows 市教育局's
// 2018 task with one file marked 2017年度的材料, and wang ticks
// 已核对上述文件，仍然确认. Before the post lands jiaoyu hands in a second
// 2017 file: the tick answers the board's question alone, so 确认 is
// refused naming the new file, the task still 已提交; the board asks
// again with a new token, and ticked once more the task is accepted
// (review finding: a blanket tick accepted the new file unasked).
func TestBoardConfirmAnswersWhatTheBoardShowed(t *testing.T) {
	s := newSite(t)
	task := boardTask(t, s)
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	const plan = "杭州市2017年社区教育工作计划：全年开展社区教育培训400场。"
	archive2017(t, s, "企业职工教育经费台账.txt", ledger)
	archive2017(t, s, "2017年社区教育工作计划.txt", plan)
	jiaoyu := s.login("jiaoyu")
	if resp, page := jiaoyu.handIn(task, "台账.txt", ledger); resp.StatusCode != 200 {
		t.Fatalf("handing in the ledger: %d %.1500s", resp.StatusCode, textOf(page))
	}
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, page := wang.get(board)
	checked := boardToken(t, page)
	if text := html.UnescapeString(page); !strings.Contains(text, "“企业职工教育经费台账.txt”是2017年度的材料") || strings.Contains(text, "2017年社区教育工作计划") {
		t.Fatalf("the board before the second hand-in should ask of the ledger alone:\n%.3000s", textOf(page))
	}

	if resp, page := jiaoyu.handIn(task, "工作计划.txt", plan); resp.StatusCode != 200 {
		t.Fatalf("handing in the plan: %d %.1500s", resp.StatusCode, textOf(page))
	}
	resp, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {checked}})
	if text := html.UnescapeString(body); resp.StatusCode != 409 || !strings.Contains(text, "“2017年社区教育工作计划.txt”是2017年度的材料") ||
		!strings.Contains(text, "已核对上述文件\uFF0C仍然确认") {
		t.Errorf("确认 ticked on the board shown before the plan came: %d, want 409 naming the plan and the tick box:\n%.2000s", resp.StatusCode, textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(context.Background(), task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %v %v, want submitted", a, err)
	}

	_, page = wang.get(board)
	again := boardToken(t, page)
	if again == checked || !strings.Contains(html.UnescapeString(page), "“2017年社区教育工作计划.txt”是2017年度的材料") {
		t.Errorf("the board after the plan came: token %s (was %s), want a new one asking of the plan:\n%.3000s", again, checked, textOf(page))
	}
	if _, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {again}}); !strings.Contains(body, "已确认") {
		t.Errorf("确认 ticked on the board as it is now:\n%.2000s", textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(context.Background(), task); err != nil || a.Status != catalog.AssignmentAccepted {
		t.Errorf("the task after 确认 ticked anew: %v %v, want accepted", a, err)
	}
}
