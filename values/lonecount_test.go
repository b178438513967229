package values

import (
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/cnnum"
	"github.com/lcmonitor/evidence/internal/numread"
)

// TestLoneCountReadAsValues: every lone numeral the index reads as a
// count (numread.LoneCount: 分校八所 is 8所) values reads as that number
// too, so that a search for 8所 finds what the value check reads as 8.
func TestLoneCountReadAsValues(t *testing.T) {
	for _, text := range []string{"全市共有分校八所。", "设教学点两个。", "参加三人。", "完成五项任务。", "建成七座场馆。", "开设九门课程。"} {
		rs := []rune(text)
		for i, r := range rs {
			if !numread.LoneCount(rs, i) {
				continue
			}
			d, _ := cnnum.Digit(r)
			found := false
			for _, n := range FindNumbers(text) {
				found = found || n.Value == float64(d) && strings.ContainsRune(n.Text, r)
			}
			if !found {
				t.Errorf("%q: the index reads %c as a count of %d; values reads %+v", text, r, d, FindNumbers(text))
			}
		}
	}
}
