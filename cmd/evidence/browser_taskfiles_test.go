package main

import (
	"testing"

	"github.com/chromedp/chromedp"
)

// TestMyTasksListsEachHandedFileOnItsOwnLine: on 我的任务, the files
// handed in to one task ran together on one line, each title followed
// by its submitter, status and 撤回 and then straight by the next title.
// Each file, long title or short, starts a line of its own, at the
// same indent, at the desktop's width and a phone's.
func TestMyTasksListsEachHandedFileOnItsOwnLine(t *testing.T) {
	u := ui{t: t, ctx: newBrowser(t)}
	s := startServer(t, "")
	const pw = "学习型城市建设2018"
	handedInToOneTask(t, s, pw, "学分银行管理办法、实施意见",
		upload{"关于召开2018年全民终身学习活动周筹备会议的通知.txt", []byte("关于召开2018年全民终身学习活动周筹备会议的通知。杭教办〔2018〕25号。")},
		upload{"台账.txt", []byte("统计台账：全市已有12,345人开设学分银行账户。")},
		upload{"杭州市人民政府办公厅关于推进学分银行建设的实施意见.txt", []byte("杭政办发〔2018〕12号 杭州市人民政府办公厅关于推进学分银行建设的实施意见。")})

	u.login(s.base, "jiaoyu", pw)
	for _, width := range []int64{1280, 390} {
		u.do("我的任务", chromedp.EmulateViewport(width, 900), chromedp.Navigate(s.base+"/tasks"),
			chromedp.WaitVisible(chromedp.CSS(`.handed-docs a[href^="/documents/"]`)))
		// Each title's first line box: its top, and its left edge.
		starts := eval[[][2]int](u, `Array.from(document.querySelectorAll('.handed-docs a[href^="/documents/"]')).map(a => {
			const b = a.getClientRects()[0]; return [Math.round(b.top), Math.round(b.left)]; })`)
		if len(starts) != 3 {
			t.Fatalf("at %d px 我的任务 shows %d handed files, want 3", width, len(starts))
		}
		for i := 1; i < len(starts); i++ {
			if starts[i][0] <= starts[i-1][0] || starts[i][1] != starts[0][1] {
				t.Errorf("at %d px handed file %d starts at (top %d, left %d), after file %d at (top %d, left %d): want a line of its own at the first one's indent",
					width, i+1, starts[i][0], starts[i][1], i, starts[i-1][0], starts[i-1][1])
			}
		}
	}
}
