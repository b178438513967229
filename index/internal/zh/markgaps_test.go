package zh

import "testing"

// TestMarkGaps: the n-gram fields leave out the whitespace after a clause
// mark with a Chinese side, a line break (CRLF too) or a blank line, and
// nothing else: not a line break without a mark (a heading and its next
// line), nor whitespace between Latin sentences, nor a '.', ',' or ':'
// between digits (one number a line wrap parted, a list of figures); a
// word, a mark and a figure (参与人数:\n1,200人次) are spanned.
func TestMarkGaps(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"full stop, line break", "加强1,200人。\n优化文化礼堂", "加强1,200人。优化文化礼堂"},
		{"full stop, CRLF", "加强1,200人。\r\n优化文化礼堂", "加强1,200人。优化文化礼堂"},
		{"full stop, blank line", "加强1,200人。\n\n另外优化", "加强1,200人。另外优化"},
		{"folded marks", "完成培训;\n优化课程:\n开设讲座!\n举办活动?\n推进工作,\n建设场馆、\n图书馆",
			"完成培训;优化课程:开设讲座!举办活动?推进工作,建设场馆、图书馆"},
		{"space after a mark", "完成培训; 优化课程", "完成培训;优化课程"},
		{"ellipsis", "读书会等…\n优化", "读书会等…优化"},
		{"a figure after the mark", "学员1,200人。\n2023年", "学员1,200人。2023年"},
		{"a Chinese side before the mark", "覆盖街道;\nabc", "覆盖街道;abc"},
		{"no mark", "二、主要指标\n2023年", "二、主要指标\n2023年"},
		{"no mark, blank line", "学分\n\n银行", "学分\n\n银行"},
		{"Latin sentences", "See ISO 9001.\nNext step", "See ISO 9001.\nNext step"},
		{"a number parted", "增长12.\n5万人", "增长12.\n5万人"},
		{"figures listed", "共1,200,\n300人", "共1,200,\n300人"},
		{"a time parted", "会议10:\n30开始", "会议10:\n30开始"},
		{"a label and a time", "会议:\n10:30开始", "会议:10:30开始"},
		{"a label and a figure", "参与人数:\n1,200人次", "参与人数:1,200人次"},
		{"a clause and a figure", "覆盖社区,\n300个", "覆盖社区,300个"},
		{"a unit, a comma and a figure", "建成12个,\n5个在建", "建成12个,5个在建"},
		{"a digit after a Chinese full stop", "完成。\n3项", "完成。3项"},
		{"a page break", "加强培训。\f优化", "加强培训。\f优化"},
		{"trailing", "加强培训。\n", "加强培训。\n"},
		{"leading", "\n。优化", "\n。优化"},
	}
	for _, tt := range tests {
		got, _ := joinCuts(tt.text, markGaps(tt.text))
		if got != tt.want {
			t.Errorf("%s: %q joined is %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestBigramsSpanAMarkGap: the pair either side of a line break after a
// clause mark spans it, at the position after the mark's pair, so that
// the query word typed without the break is the text's pairs; and a
// query word typed with whitespace there is searched without it.
func TestBigramsSpanAMarkGap(t *testing.T) {
	if err := loadFolding(); err != nil {
		t.Fatal(err)
	}
	text := "加强1,200人。\n优化文化礼堂"
	pos := map[string]int{}
	for _, tok := range Bigrams([]byte(text), false) {
		if string(tok.Term) == Whitespace {
			t.Errorf("Bigrams(%q) holds a whitespace token at %d:%d", text, tok.Start, tok.End)
		}
		if _, ok := pos[string(tok.Term)]; !ok {
			pos[string(tok.Term)] = tok.Position
		}
		if string(tok.Term) == "。优" && text[tok.Start:tok.End] != "。\n优" {
			t.Errorf("the pair 。优 spans %q, want %q", text[tok.Start:tok.End], "。\n优")
		}
	}
	if pos["。优"] != pos["人。"]+1 || pos["优化"] != pos["。优"]+1 {
		t.Errorf("positions 人。 %d, 。优 %d, 优化 %d: want one after another", pos["人。"], pos["。优"], pos["优化"])
	}
	for _, tt := range []struct{ word, want string }{
		{"人。优化", "人。优化"},
		{"人。 优化", "人。优化"},
		{"人。\r\n优化", "人。优化"},
		{"人；优化", "人;优化"},
		{"人; abc", "人;abc"},
		{"end. next", "end. next"},
	} {
		if got, _ := SubstringForm(tt.word); got != tt.want {
			t.Errorf("SubstringForm(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}
