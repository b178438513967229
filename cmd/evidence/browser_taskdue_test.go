package main

import (
	"net/url"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestTheBoardKeepsEachDueDateOnOneLine: on the coordinator's board
// (责任分解), a task handed in with several files leaves the due date's
// column narrow, and the page's overflow-wrap broke 2018-07-15 after
// every few digits (201 / 8- / 07- / 15) and its heading 截止日期 after
// every character. A date, and its heading, read on one line.
func TestTheBoardKeepsEachDueDateOnOneLine(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	// Three files with long titles handed in: the board's widest row.
	handedInToOneTask(t, s, pw, "学分银行管理办法、实施意见、试点方案和典型案例",
		upload{"关于召开2018年全民终身学习活动周筹备会议的通知.txt", []byte("关于召开2018年全民终身学习活动周筹备会议的通知。杭教办〔2018〕25号。")},
		upload{"杭州市教育局2018年社区教育工作总结.txt", []byte("杭州市教育局2018年社区教育工作总结：全市已有12,345人开设学分银行账户。")},
		upload{"杭州市人民政府办公厅关于推进学分银行建设的实施意见.txt", []byte("杭政办发〔2018〕12号 杭州市人民政府办公厅关于推进学分银行建设的实施意见。")})

	u.login(s.base, "wang", pw)
	u.do("the board", chromedp.Navigate(s.base+"/assignments?city=330100"),
		chromedp.WaitVisible(chromedp.CSS(`#tasks tr[id^="task-"] .badge.submitted`)))
	// lines counts the rows of text an element's content is laid out on.
	lines := func(sel string) int {
		return eval[int](u, `(() => { const r = document.createRange(); r.selectNodeContents(document.querySelector('`+sel+`'));
			return new Set(Array.from(r.getClientRects()).filter(b => b.width > 0).map(b => Math.round(b.top))).size; })()`)
	}
	if n := lines(`#tasks tbody tr td:nth-child(3)`); n != 1 {
		t.Errorf("the due date 2099-07-15 is laid out on %d lines, want 1", n)
	}
	if n := lines(`#tasks thead th:nth-child(3)`); n != 1 {
		t.Errorf("the heading 截止日期 is laid out on %d lines, want 1", n)
	}
	if got := u.text(`#tasks tbody tr td:nth-child(3)`); got != "2099-07-15" {
		t.Errorf("the third column holds %q, want the due date 2099-07-15", got)
	}
}

// handedInToOneTask imports a table of one task of 市教育局 (due
// 2099-07-15, 王老师's, the materials asked for requirement) and hands
// files in to it, read to the end.
func handedInToOneTask(t *testing.T, s *server, pw, requirement string, files ...upload) {
	t.Helper()
	s.withDepartment(pw, "指标编码,责任单位,截止日期,联系人,材料要求\n"+
		"2.3.1,市教育局,2099-07-15,王老师 0571-85251234,"+requirement+"\n")
	_, body := s.get("/api/v1/assignments", url.Values{"city": {"330100"}})
	tasks, _ := body["assignments"].([]any)
	if len(tasks) != 1 {
		t.Fatalf("the table gave %d tasks, want 1: %v", len(tasks), body)
	}
	task := tasks[0].(map[string]any)["id"].(string)
	status, answer := s.upload(map[string]string{"city": "330100", "doc_type": "policy", "assignment": task}, files...)
	if status != 201 {
		t.Fatalf("hand in: %d %v", status, answer)
	}
	for _, d := range uploadedDocuments(t, answer) {
		s.waitDone(d["id"].(string))
	}
}
