package extract

import (
	"fmt"
	"testing"
)

// TestJoinFullWidthPunct: the space chi_sim sets beside a full-width mark
// (the s58 probe's scan read 时间 ：) is taken out; two spaces (a
// table's columns) and a space by an ASCII mark stay as read.
func TestJoinFullWidthPunct(t *testing.T) {
	tests := []struct {
		name, line, want string
	}{
		{"冒号前的空格", "时间 ：2018年3月20日", "时间：2018年3月20日"},
		{"冒号两边的空格", "联系人 ： 王老师", "联系人：王老师"},
		{"逗号与顿号", "市教育局 ， 市民政局 、 市财政局", "市教育局，市民政局、市财政局"},
		{"括号", "关于开展 （试行） 的通知", "关于开展（试行）的通知"},
		{"书名号", "印发 《学分银行管理办法》 的通知", "印发《学分银行管理办法》的通知"},
		{"句号后是数字", "完成建设 。 2019年起", "完成建设。2019年起"},
		{"两个空格是两列", "合计  ：  12", "合计  ：  12"},
		{"半角冒号不动", "Time : 2018", "Time : 2018"},
		{"没有全角标点", "杭州 2018 年", "杭州 2018 年"},
		{"行首行尾", " ：时间 ", " ：时间 "},
	}
	for _, tt := range tests {
		if got := joinFullWidthPunct(tt.line); got != tt.want {
			t.Errorf("%s: joinFullWidthPunct(%q) = %q, want %q", tt.name, tt.line, got, tt.want)
		}
	}
}

// TestOCRFullWidthColonStoredWithoutSpace: the words tesseract reads of
// 时间：2018年3月20日 ("时间" "：" "2018年3月20日", a character's gap
// apart) are stored as Normalize writes 时间：2018年3月20日, with no
// space before the colon, where they were stored 时间 :2018年3月20日; a
// table's row whose cells stand a column apart keeps them apart.
func TestOCRFullWidthColonStoredWithoutSpace(t *testing.T) {
	head := "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext\n"
	word := func(line, left, width int, text string) string {
		return fmt.Sprintf("5\t1\t1\t1\t%d\t1\t%d\t100\t%d\t30\t90\t%s\n", line, left, width, text)
	}
	tests := []struct {
		name, tsv, want string
	}{
		{"逐字识别", tsvWords(1, 1, "时", "间", "：", "2018年3月20日"), Normalize("时间：2018年3月20日")},
		{"窄空", word(1, 100, 60, "时间") + word(1, 165, 30, "：") + word(1, 200, 200, "2018年3月20日"), Normalize("时间：2018年3月20日")},
		{"冒号两边", word(1, 100, 90, "联系人") + word(1, 195, 30, "：") + word(1, 230, 90, "王老师"), Normalize("联系人：王老师")},
	}
	for _, tt := range tests {
		got, _ := parseTesseractTSV([]byte(head + tt.tsv))
		if got := Normalize(got); got != tt.want {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
		}
	}
}
