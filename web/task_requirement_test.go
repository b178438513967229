package web

import (
	"bytes"
	"html"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
)

// requirementTableXLSX is 杭州's responsibility table as an XLSX with a
// 材料要求 column: 2.3.1 asks for the credit bank's policy and how it
// went, in two lines; 1.3.2 asks for nothing of its own.
func requirementTableXLSX(t *testing.T, rows [][]any) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestMyTasksShowTheCitysRequirementFirst: a table's 材料要求 imported on
// the board is what 我的任务 asks for first, the framework's wording kept
// below it as 指标说明; the board shows it beside the indicator; a task
// without one shows the framework's wording as before.
func TestMyTasksShowTheCitysRequirementFirst(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	wang := s.login("wang")
	table := requirementTableXLSX(t, [][]any{{"指标编码", "责任单位", "截止日期", "材料要求"},
		{"2.3.1", "市教育局", "2099-03-31", "学分银行相关政策文件\n2018年度实施情况"},
		{"1.3.2", "市教育局", "2099-03-31", ""}})
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.xlsx": table})
	if r.resp.StatusCode != http.StatusOK || !strings.Contains(r.body, "“材料要求”列已作为各项任务的材料要求导入") {
		t.Fatalf("import: %d, want the board saying the column was imported:\n%.800s", r.resp.StatusCode, textOf(r.body))
	}
	board := html.UnescapeString(r.body)
	if !strings.Contains(board, `<span class="requirement-text">学分银行相关政策文件`+"\n"+`2018年度实施情况</span>`) {
		t.Errorf("the board does not show 2.3.1's requirement:\n%.3000s", textOf(r.body))
	}

	_, page := s.login("jiaoyu").get("/tasks")
	page = html.UnescapeString(page)
	credit, pay := taskCard(t, page, "2.3.1"), taskCard(t, page, "1.3.2")
	req := strings.Index(credit, "本市材料要求：</strong><span class=\"requirement-text\">学分银行相关政策文件\n2018年度实施情况</span>")
	info := strings.Index(credit, "指标说明：</strong>制度文件、试点方案、典型案例")
	if req < 0 || info < req {
		t.Errorf("2.3.1 on 我的任务: the city's requirement at %d, the framework's wording at %d; want both, the city's first:\n%s", req, info, credit)
	}
	if strings.Contains(pay, "本市材料要求") || !strings.Contains(pay, "需要的材料：</strong>人社、统计部门数据") {
		t.Errorf("1.3.2, without a requirement of its own, does not show the framework's wording alone:\n%s", pay)
	}
}

// TestARemarkIsShownAsOne: a table without a 材料要求 column gives 2.3.1
// its 备注 that names material, which the board and 我的任务 label 备注,
// not 本市材料要求, and 1.3.2 nothing of its 备注 已完成: its card shows
// the framework's wording alone. The board says which cells were read.
func TestARemarkIsShownAsOne(t *testing.T) {
	s := newSite(t)
	s.env.AddUserIn("jiaoyu", "contributor", "330100", "市教育局")
	table := requirementTableXLSX(t, [][]any{{"指标编码", "责任单位", "截止日期", "备注"},
		{"2.3.1", "市教育局", "2099-03-31", "学习档案系统截图"}, {"1.3.2", "市教育局", "2099-03-31", "已完成"}})
	r := s.login("wang").postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.xlsx": table})
	board := html.UnescapeString(r.body)
	if r.resp.StatusCode != http.StatusOK || !strings.Contains(board, "“备注”列中写明所需材料的内容已作为备注导入") {
		t.Fatalf("import: %d, want the board saying the 备注 was read as notes:\n%.800s", r.resp.StatusCode, textOf(r.body))
	}
	if !strings.Contains(board, `<span class="requirement-label">备注：</span><span class="requirement-text">学习档案系统截图</span>`) ||
		strings.Contains(board, "本市材料要求") {
		t.Errorf("the board does not label 2.3.1's 备注 as one:\n%.3000s", textOf(r.body))
	}
	_, page := s.login("jiaoyu").get("/tasks")
	page = html.UnescapeString(page)
	shot, pay := taskCard(t, page, "2.3.1"), taskCard(t, page, "1.3.2")
	if !strings.Contains(shot, `备注：</strong><span class="requirement-text">学习档案系统截图</span>`) || strings.Contains(shot, "本市材料要求") {
		t.Errorf("2.3.1 on 我的任务 does not label its 备注 as one:\n%s", shot)
	}
	if strings.Contains(pay, "已完成") || !strings.Contains(pay, "需要的材料：</strong>人社、统计部门数据") {
		t.Errorf("1.3.2, whose 备注 says 已完成, does not show the framework's wording alone:\n%s", pay)
	}
}

// taskCard is the card of the task of indicator code on 我的任务.
func taskCard(t *testing.T, page, code string) string {
	t.Helper()
	for _, card := range strings.Split(page, `<article class="card task`)[1:] {
		if strings.Contains(card, "<h2>"+code+" ") {
			end := strings.Index(card, "</article>")
			return card[:max(end, 0)]
		}
	}
	t.Fatalf("no task %s on 我的任务:\n%.2000s", code, textOf(page))
	return ""
}

// TestMisdecodedTableIsToldOnTheBoard: a table whose text is UTF-8 read
// as Windows-1252 is refused on the board saying so, in the page's
// language.
func TestMisdecodedTableIsToldOnTheBoard(t *testing.T) {
	s := newSite(t)
	wang := s.login("wang")
	garbled, err := charmap.Windows1252.NewDecoder().String("指标编码,责任单位,截止日期\n2.3.1,市教育局,2018-03-31\n")
	if err != nil {
		t.Fatal(err)
	}
	r := wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.csv": []byte(garbled)})
	if !strings.Contains(html.UnescapeString(r.body), "表格文字乱码（可能是 UTF-8 的 CSV 被当作其他编码打开），请以 UTF-8 编码重新保存后再导入") {
		t.Errorf("a garbled table: %d %.600s", r.resp.StatusCode, textOf(r.body))
	}
	wang.english()
	r = wang.postFilesBody("/assignments/import", map[string]string{"city": "330100", "round": "2018", "next": "/assignments?round=2018"},
		map[string][]byte{"责任分解表.csv": []byte(garbled)})
	if !strings.Contains(html.UnescapeString(r.body), "The table's text is garbled (perhaps a UTF-8 CSV was opened in another encoding)") {
		t.Errorf("a garbled table on the English board: %d %.600s", r.resp.StatusCode, textOf(r.body))
	}
}
