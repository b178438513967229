package web

import (
	"fmt"
	"html"
	"net/url"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/internal/testenv/xlsxtest"
)

// TestASheetOpensOnThePartHoldingItsQuery: a ledger (台账) whose one
// sheet is longer than a page shows at once is shown in parts; opened
// with q and no page, it showed part 1 though q was only near the sheet's
// end. It opens on the part holding the words matched, marked there, and
// says which part it is.
func TestASheetOpensOnThePartHoldingItsQuery(t *testing.T) {
	s := newSite(t)
	rows := [][]any{{"序号", "社区学校", "年度工作情况"}}
	for i := 1; i <= 1500; i++ {
		what := "开展社区教育培训、老年大学课程、市民读书会和亲子阅读活动，组织志愿者参与社区学习共同体建设，常态化开放学习场所"
		if i == 1400 {
			what = "新设终身学习积分兑换点，市民凭学分银行积分兑换课程"
		}
		rows = append(rows, []any{i, fmt.Sprintf("杭州市第%d社区学校", i), what})
	}
	d := s.env.Upload("330100", "社区学校工作台账.xlsx", string(xlsxtest.Book(t, xlsxtest.Sheet{Name: "台账", Rows: rows})))
	wang := s.login("wang")
	_, body := wang.get("/documents/" + d.ID + "?q=" + url.QueryEscape("积分兑换点"))
	words := html.UnescapeString(textOf(body))
	if !strings.Contains(words, "分 2 段显示") {
		t.Fatalf("the ledger's sheet is not shown in 2 parts: %.300s", words)
	}
	if shown := pageShown(body); !strings.Contains(shown, "<mark>") || !strings.Contains(shown, "兑换") || !strings.Contains(words, "这是第 2 段") {
		t.Errorf("opened with q=积分兑换点 and no page: want part 2 of the sheet, where it is, marked; the page says %q", words[:min(len(words), 400)])
	}
}
