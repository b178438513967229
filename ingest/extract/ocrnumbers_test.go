package extract

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/index"
)

// TestJoinOCRNumbers: the spaces tesseract sets around a decimal point and
// before a per cent sign are taken out of a line, as the probe's scan of
// 人社局's statistics report read them (企业比例为87 . 6%, 1. 5% 至2. 5%);
// a number after a word stating a quantity with % or a unit after it is
// joined too (同比增长：3. 5%, 达到 3. 5%); an item's number and what
// follows it (说明：1. …；3. 2016年底, 1. 50%以上的社区, 目标任务 3. 5个街道)
// and numbers a space parts without a point (1260 342) stay as read (the
// space after a per cent sign before a Chinese character goes, by
// joinSignToHan: TestJoinSignToHan).
func TestJoinOCRNumbers(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"小数点两边的空格", "足额提取员工教育培训经费的企业比例为87 . 6%.", "足额提取员工教育培训经费的企业比例为87.6%."},
		{"小数点后的空格", "按工资总额的1. 5% 至2. 5% 足额提取", "按工资总额的1.5%至2.5%足额提取"},
		{"小数点前的空格", "参与市民达3 .2万人次", "参与市民达3.2万人次"},
		{"百分号前的空格", "覆盖率达到 98 % ,", "覆盖率达到 98% ,"},
		{"全角百分号", "占比 30 ％", "占比 30％"},
		{"行首两边都有空格", "87 . 6% 的企业足额提取", "87.6%的企业足额提取"},
		{"空格后的指标编号不连", "指标 1. 3. 2 企业比例", "指标 1. 3. 2 企业比例"},
		{"两边空格的指标编号", "指标 1 . 3 . 2 企业比例", "指标 1.3.2 企业比例"},
		{"分句后的条目编号不连", "说明 : 1. 社区 (村) 数以市民政局年报为准 ; 3. 2016年底建成率为98 . 7%", "说明 : 1. 社区 (村) 数以市民政局年报为准 ; 3. 2016年底建成率为98.7%"},
		{"条目编号后的年份不连", "计为已建3. 2016年底", "计为已建3. 2016年底"},
		{"条目编号后隔空格的年份不连", "计为已建3. 2016 年底", "计为已建3. 2016 年底"},
		{"行首的条目编号不连", "2. 3 项工作", "2. 3 项工作"},
		{"行首条目编号后的百分数不连", "1. 50% 以上的社区建有学校", "1. 50%以上的社区建有学校"},
		{"冒号后条目编号后的百分数不连", "说明 : 2. 85% 的市民参与", "说明 : 2. 85%的市民参与"},
		{"空格后的条目编号不连", "目标任务 3. 5个街道", "目标任务 3. 5个街道"},
		{"增长冒号后的百分数", "同比增长 : 3. 5 %", "同比增长 : 3.5%"},
		{"全角冒号后的百分数", "同比增长：3. 5%", "同比增长：3.5%"},
		{"达到后的百分数", "参与率达到 3. 5%", "参与率达到 3.5%"},
		{"提高后的单位", "人均藏书提高 1. 2 册", "人均藏书提高 1.2 册"},
		{"达到后的条目编号不连", "目标达到 2. 3项", "目标达到 2. 3项"},
		{"没有小数点的数字不连", "合计 1260 342", "合计 1260 342"},
		{"句号后没有数字", "共 12 所. 全市", "共 12 所. 全市"},
	}
	for _, tt := range tests {
		if got := joinOCRNumbers(tt.line); got != tt.want {
			t.Errorf("%s: joinOCRNumbers(%q) = %q, want %q", tt.name, tt.line, got, tt.want)
		}
	}
}

// TestOCRNumbersJoinedWithinALine: tesseract gives 87, . and 6% as words of
// one line, which the page's text joins; a number ending one line and the
// item number starting the next are never joined, and the stored form
// (Normalize) keeps 87.6% searchable as typed.
func TestOCRNumbersJoinedWithinALine(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	tests := []struct {
		name, tsv, want string
	}{
		{"一行中的小数", tsvRow(1, 1, 90, "企业比例为87") + tsvRow(1, 1, 88, ".") + tsvRow(1, 1, 91, "6%."), "企业比例为87.6%."},
		{"逐字的词后的小数", tsvWords(1, 1, "参", "与", "市", "民", "达", "到", "38", ".5", "万", "人", "次", "。"), "参与市民达到38.5万人次。"},
		{"行末的数字与下一行的编号", tsvRow(1, 1, 90, "共计12") + tsvRow(1, 1, 90, ".") + tsvRow(1, 2, 90, "3") + tsvRow(1, 2, 90, "项"), "共计12 .\n3项"},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got := Normalize(got); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// tsvWords is one line of tesseract's TSV rows, a word each, as chi_sim
// reads a Chinese line: each Han character a word of its own.
func tsvWords(block, line int, words ...string) string {
	var b strings.Builder
	for _, w := range words {
		b.WriteString(tsvRow(block, line, 90, w))
	}
	return b.String()
}

// TestJoinSignToHan: the space tesseract sets between a number's unit
// sign and the Chinese character after it (the probe's scan read
// 全市社区教育参与率达到60% 以上) is taken out, so that 60%以上 finds the
// scan; a sign before a Latin word or another number, a sign that ends
// no number, two spaces (a table's columns) and an item's number before
// the percentage stay as read.
func TestJoinSignToHan(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"百分号后的汉字", "全市社区教育参与率达到60% 以上", "全市社区教育参与率达到60%以上"},
		{"百分号前后都有空格", "参与率达到 60 % 以上", "参与率达到 60%以上"},
		{"全角百分号", "覆盖率为95％ 左右", "覆盖率为95％左右"},
		{"千分号", "人口自然增长率为3.5‰ 以下", "人口自然增长率为3.5‰以下"},
		{"逐字识别的汉字", "占 比 30% 以 上", "占 比 30%以 上"},
		{"百分号后的标点", "达到98% ， 全市", "达到98%， 全市"},
		{"一行两处", "城区60% 以上，农村40% 以上", "城区60%以上，农村40%以上"},
		{"条目编号后的百分数", "1. 50% 以上的社区建有学校", "1. 50%以上的社区建有学校"},
		{"两个空格是两列", "合格率 95%  达标", "合格率 95%  达标"},
		{"百分号后是数字", "占比 60% 2023年", "占比 60% 2023年"},
		{"百分号后是英文", "达到60% of 目标", "达到60% of 目标"},
		{"不在数字后的百分号", "符号 % 表示百分比", "符号 % 表示百分比"},
	}
	for _, tt := range tests {
		if got := joinOCRNumbers(tt.line); got != tt.want {
			t.Errorf("%s: joinOCRNumbers(%q) = %q, want %q", tt.name, tt.line, got, tt.want)
		}
	}
}

// TestOCRSignJoinedToHanStored: the words tesseract reads of 60%以上,
// "60%" then "以" "上" a character's gap after it, are stored as
// 60%以上, and the number before it joined to 达到 (Normalize); a table's
// row whose cells 95% and 达标 stand a column apart keeps them apart,
// and a percentage ending one line stays apart from the next line.
func TestOCRSignJoinedToHanStored(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	word := func(line, left, width int, text string) string {
		return fmt.Sprintf("5\t1\t1\t1\t%d\t1\t%d\t100\t%d\t30\t90\t%s\n", line, left, width, text)
	}
	tests := []struct {
		name, tsv, want string
	}{
		{"百分号后隔一字宽的汉字", tsvWords(1, 1, "全", "市", "社", "区", "教", "育", "参", "与", "率", "达", "到", "60%", "以", "上"),
			"全市社区教育参与率达到60%以上"},
		{"窄空", word(1, 100, 240, "参与率达到") + word(1, 345, 60, "60%") + word(1, 410, 60, "以上"), "参与率达到60%以上"},
		{"表格一行的两格", word(1, 100, 90, "合格率") + word(1, 400, 60, "95%") + word(1, 700, 60, "达标"), "合格率95% 达标"},
		{"行末的百分数与下一行", word(1, 100, 240, "参与率达到") + word(1, 345, 60, "60%") + word(2, 100, 60, "以上"), "参与率达到60%\n以上"},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got := Normalize(got); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}

// TestOCRSignJoinedToHanFoundBySearch: the probe's searches 60%以上 and
// 参与率达到60%以上 find the page OCR read of 60%以上 through the real
// index, which they missed as stored before (60% 以上).
func TestOCRSignJoinedToHanFoundBySearch(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	read, _ := parseTesseractTSV([]byte(head + tsvWords(1, 1, "全", "市", "社", "区", "教", "育", "参", "与", "率", "达", "到", "60%", "以", "上")))
	idx, err := index.OpenMem()
	if err != nil {
		t.Fatal(err)
	}
	defer idx.Close()
	if err := idx.Index(context.Background(), []index.Document{{ID: "scan", Pages: []string{Normalize(read)}}}); err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{"60%以上", "参与率达到60%以上", "达到60%"} {
		res, err := idx.Search(context.Background(), index.Query{Clauses: []index.Clause{{Any: []index.Term{{Text: q}}}}, Size: 10})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		if len(res.Hits) != 1 {
			t.Errorf("search %q: %d hits, want the scan (its page %q)", q, len(res.Hits), Normalize(read))
		}
	}
}
