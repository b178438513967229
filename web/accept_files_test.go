package web

import (
	"context"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
)

// TestBoardAsksAgainWhenAFileChanged: the board shows 市教育局's 2018
// task with the 2017 ledger (2017年度的材料) and a photo that could not
// be read, its reason beside it (the pages are blank), and wang ticks
// 已核对上述文件，仍然确认. Before the post lands the archive refiles the
// ledger under 2016: 确认 is refused asking of 2016, and the board asks
// so with a new token. Ticked there, but the photo read again meanwhile
// fails for another reason (the file is encrypted): the tick answered
// the blank pages, and 确认 accepted the photo on a reason nobody read;
// it is refused again, and the board shows the new reason. Ticked on
// the board as it is, the task is accepted.
func TestBoardAsksAgainWhenAFileChanged(t *testing.T) {
	s := newSite(t)
	ctx := context.Background()
	task := boardTask(t, s)
	if err := s.env.Catalog.AddRound(ctx, catalog.Round{Year: 2016}, "admin"); err != nil {
		t.Fatal(err)
	}
	const ledger = "杭州市企业职工教育经费台账（盖章版）：2017年全市企业职工教育经费支出1250万元。"
	archive2017(t, s, "企业职工教育经费台账.txt", ledger)
	jiaoyu := s.login("jiaoyu")
	if resp, page := jiaoyu.handIn(task, "台账.txt", ledger); resp.StatusCode != 200 {
		t.Fatalf("handing in the ledger: %d %.1500s", resp.StatusCode, textOf(page))
	}
	if resp, page := jiaoyu.handIn(task, "手机拍照.txt", "学分银行宣传照片"); resp.StatusCode != 200 {
		t.Fatalf("handing in the photo: %d %.1500s", resp.StatusCode, textOf(page))
	}
	a, err := s.env.Catalog.Assignment(ctx, task)
	if err != nil {
		t.Fatal(err)
	}
	docs, err := s.env.Catalog.DocumentsByID(ctx, a.HandedIn())
	if err != nil {
		t.Fatal(err)
	}
	var ledgerID, photoID string
	for id, d := range docs {
		s.env.WaitIndexed(id)
		if d.Round == "2017" {
			ledgerID = id
		} else {
			photoID = id
		}
	}
	fail := func(why string) {
		t.Helper()
		if err := s.env.Catalog.SetStatus(ctx, catalog.StatusChange{ID: photoID, Status: catalog.StatusFailed, Error: why}); err != nil {
			t.Fatal(err)
		}
	}
	const blank, encrypted = "扫描件的每一页都是空白，无法识别文字；请重新扫描后上传", "文件已加密，无法读取；请上传未加密的文件"
	fail(blank)
	wang := s.login("wang")
	const board = "/assignments?city=330100&round=2018"
	_, page := wang.get(board)
	checked := boardToken(t, page)
	if text := html.UnescapeString(page); !strings.Contains(text, "2017年度的材料") || !strings.Contains(text, blank) {
		t.Fatalf("the board should ask of the 2017 ledger and show why the photo could not be read:\n%.3000s", textOf(page))
	}

	round := "2016"
	if _, err := s.env.Catalog.UpdateDocument(ctx, ledgerID, catalog.DocumentPatch{Round: &round}, "admin"); err != nil {
		t.Fatal(err)
	}
	resp, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {checked}})
	if text := html.UnescapeString(body); resp.StatusCode != 409 || !strings.Contains(text, "2016年度的材料") {
		t.Fatalf("确认 ticked on the board shown before the ledger was refiled: %d, want 409 asking of 2016:\n%.2000s", resp.StatusCode, textOf(body))
	}
	_, page = wang.get(board)
	refiled := boardToken(t, page)
	if text := html.UnescapeString(page); refiled == checked || !strings.Contains(text, "2016年度的材料") {
		t.Fatalf("the board after the ledger was refiled: token %s (was %s), want a new one asking of 2016:\n%.3000s", refiled, checked, textOf(page))
	}

	fail(encrypted)
	resp, body = wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {refiled}})
	if resp.StatusCode != 409 {
		t.Fatalf("确认 ticked before the photo was read again: %d, want 409:\n%.2000s", resp.StatusCode, textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentSubmitted {
		t.Fatalf("the task after the refused 确认: %v %v, want submitted", a, err)
	}
	_, page = wang.get(board)
	now := boardToken(t, page)
	if text := html.UnescapeString(page); now == refiled || !strings.Contains(text, encrypted) {
		t.Fatalf("the board after the photo was read again: token %s (was %s), want a new one beside the new reason:\n%.3000s", now, refiled, textOf(page))
	}
	if _, body := wang.post("/assignments/"+task+"/accept", url.Values{"next": {board}, "confirm": {now}}); !strings.Contains(body, "已确认") {
		t.Errorf("确认 ticked on the board as it is now:\n%.2000s", textOf(body))
	}
	if a, err := s.env.Catalog.Assignment(ctx, task); err != nil || a.Status != catalog.AssignmentAccepted {
		t.Errorf("the task after 确认 ticked on the board as it is: %v %v, want accepted", a, err)
	}
}
