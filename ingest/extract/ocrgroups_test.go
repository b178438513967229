package extract

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestJoinDigitGroups: the space tesseract reads where a thousands
// separator stands (1,260个 read as 1 260 个) is taken out, so that 1260
// finds the number; two numbers a space parts, a year, a date, a phone
// number, a label's number before a count and a table's cells stay as
// read.
func TestJoinDigitGroups(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"千位分隔符读成空格", "全市共有社区学校 1 260 个", "全市共有社区学校 1260 个"},
		{"紧贴汉字", "全市共有社区学校1 260个", "全市共有社区学校1260个"},
		{"两位的首组", "参与市民 12 500 人次", "参与市民 12500 人次"},
		{"三位的首组", "培训 125 000 人次", "培训 125000 人次"},
		{"三组", "经费投入 1 260 000 元", "经费投入 1260000 元"},
		{"余和万", "建成书亭 1 260余座，投入 3 500万元", "建成书亭 1260余座，投入 3500万元"},
		{"冒号之后", "参训人数：1 260人", "参训人数：1260人"},
		{"一行两处", "学校 1 260 所，学员 35 000 名", "学校 1260 所，学员 35000 名"},
		{"两个数之间没有单位", "合计 1 260 342", "合计 1 260 342"},
		{"表格一行的数", "上城区 3 260 1 200", "上城区 3 260 1 200"},
		{"行末的数", "全市社区学校 1 260", "全市社区学校 1 260"},
		{"行首的数", "1 260 个社区学校", "1 260 个社区学校"},
		{"后一格是地名", "上城区 3 260 下城区 5 120", "上城区 3 260 下城区 5 120"},
		{"年份和月份", "截至 2024 12 月底", "截至 2024 12 月底"},
		{"年月日", "于 2024 年 7 月 1 日印发", "于 2024 年 7 月 1 日印发"},
		{"三位后接年", "公元 2 024 年", "公元 2 024 年"},
		{"电话号码", "联系电话 0571 8765 4321", "联系电话 0571 8765 4321"},
		{"电话号码三四四", "联系电话 138 1234 5678", "联系电话 138 1234 5678"},
		{"以零开头", "编号 0 260 个", "编号 0 260 个"},
		{"第二组不是三位", "共 1 26 个", "共 1 26 个"},
		{"首组四位", "共 1260 342 个", "共 1260 342 个"},
		{"表号后的数", "见表3 260个社区", "见表3 260个社区"},
		{"附件号后的数", "附件2 150所学校名单", "附件2 150所学校名单"},
		{"第几", "第1 260名", "第1 260名"},
		{"小数点在后", "投入 1 260.5 万元", "投入 1 260.5 万元"},
		{"百分号在后", "占比 1 260%", "占比 1 260%"},
		{"两个空格是两列", "全市社区学校 1  260 个", "全市社区学校 1  260 个"},
		{"小数照旧相连", "覆盖率为87 . 6%，学校 1 260 所", "覆盖率为87.6%，学校 1260 所"},
	}
	for _, tt := range tests {
		if got := joinOCRNumbers(tt.line); got != tt.want {
			t.Errorf("%s: joinOCRNumbers(%q) = %q, want %q", tt.name, tt.line, got, tt.want)
		}
	}
}

// TestOCRDigitGroupsStoredJoined: the words tesseract reads of 1,260个,
// "1" and "260", are stored as 1260个, the form a search for 1260 finds;
// a count ending one line and a number starting the next stay apart.
func TestOCRDigitGroupsStoredJoined(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	tests := []struct {
		name, tsv, want string
	}{
		{"一行中的千位", tsvRow(1, 1, 90, "全市共有社区学校") + tsvRow(1, 1, 88, "1") + tsvRow(1, 1, 91, "260") + tsvRow(1, 1, 91, "个。"),
			"全市共有社区学校1260个。"},
		{"行末的数与下一行的数", tsvRow(1, 1, 90, "学校") + tsvRow(1, 1, 90, "1") + tsvRow(1, 2, 90, "260") + tsvRow(1, 2, 90, "个"),
			"学校1\n260个"},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got := Normalize(got); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestOCRDigitGroupsFoundBySearch: the page OCR read of 1,260个 is found
// by a search for the words around the number, 学校1260个, through the
// real index, where the page as read before (1 260个) is found by the
// bare 1260 alone (the index reads a spaced number's value before a unit)
// and not by the words.
func TestOCRDigitGroupsFoundBySearch(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	read, _ := parseTesseractTSV([]byte(head + tsvRow(1, 1, 90, "全市共有社区学校") + tsvRow(1, 1, 88, "1") + tsvRow(1, 1, 91, "260") + tsvRow(1, 1, 91, "个。")))
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	docs := []index.Document{
		{ID: "scan", Pages: []string{Normalize(read)}},
		{ID: "as-read-before", Pages: []string{Normalize("全市共有社区学校 1 260 个。")}},
	}
	if err := idx.Index(context.Background(), docs); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"学校1260个", "社区学校1260"} {
		res, err := idx.Search(context.Background(), index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: q}}}}, Size: 10})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		var got []string
		for _, h := range res.Hits {
			got = append(got, h.ID)
		}
		if !slices.Equal(got, []string{"scan"}) {
			t.Errorf("search %q: %v, want the scan alone (its page %q)", q, got, docs[0].Pages[0])
		}
	}
}

// TestOCRDigitGroupsNotJoinedAcrossColumns: a table's row tesseract reads
// as one line, 上城区 │ 3 │ 260 个 (three schools, 260 classes), keeps its
// two numbers: the words 3 and 260 stand a column apart, where the groups
// of 1,260 stand a separator's narrow gap apart and are joined.
func TestOCRDigitGroupsNotJoinedAcrossColumns(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	word := func(left, width int, text string) string {
		return fmt.Sprintf("5\t1\t1\t1\t1\t1\t%d\t100\t%d\t30\t90\t%s\n", left, width, text)
	}
	tests := []struct {
		name, tsv, want string
	}{
		{"表格一行的两格", word(100, 90, "上城区") + word(400, 15, "3") + word(700, 45, "260") + word(750, 30, "个"), "上城区3 260个"},
		{"表格的格连着单位", word(100, 90, "上城区") + word(400, 15, "3") + word(700, 75, "260个"), "上城区3 260个"},
		{"千位分隔的窄空", word(100, 240, "全市共有社区学校") + word(350, 15, "1") + word(375, 45, "260") + word(425, 30, "个"), "全市共有社区学校1260个"},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got := Normalize(got); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
