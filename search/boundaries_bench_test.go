package search

import (
	"strings"
	"testing"
)

// BenchmarkInDocNumberAtLineBreaks asks, at every line break of a page of
// a work summary wrapped as a PDF wraps it, whether the break is inside a
// 文号, as a fragment's clause cuts do (bench/README.md, make load's
// profile: the regexp at every break was 2 % of the server's CPU).
func BenchmarkInDocNumberAtLineBreaks(b *testing.B) {
	line := "全市共建成社区学习共同体三百余个，年内开展各类学习活动一千二百场次，参与市民十二万人次\n"
	page := strings.Repeat(line, 40) + "依据杭教发(2018)\n12号文件精神，推进学分银行建设。\n"
	var breaks []int
	for i := 0; i < len(page); i++ {
		if page[i] == '\n' {
			breaks = append(breaks, i)
		}
	}
	inside := 0
	for b.Loop() {
		inside = 0
		for _, i := range breaks {
			if inDocNumber(page, i) {
				inside++
			}
		}
	}
	if inside != 1 {
		b.Fatalf("line breaks inside a 文号: %d, want 1 (杭教发(2018)\\n12号)", inside)
	}
}
