package zh

import "testing"

// TestDocNumberGaps: the n-gram fields leave out the whitespace inside a
// 文号 (text folded: every bracket is ( or )), and nothing else: not the
// whitespace of a year and a number that are no 文号, nor that after a
// serial without its 号, nor a page break.
func TestDocNumberGaps(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"ASCII brackets", "根据浙政发 (2019) 5号文件", "根据浙政发(2019)5号文件"},
		{"after the year", "根据杭教发(2018) 12号文件", "根据杭教发(2018)12号文件"},
		{"line break", "转发杭教发(2018)\n12号文件", "转发杭教发(2018)12号文件"},
		{"every gap", "杭教发 ( 2018 ) 第 12 号", "杭教发(2018)第12号"},
		{"OCR without 号", "杭教发(2018) 125\n各区", "杭教发(2018)125\n各区"},
		{"issuer and year alone", "浙政发 (2019) 的规定", "浙政发(2019) 的规定"},
		{"two 文号s", "杭教发(2018) 12号和浙政发 (2019) 5号", "杭教发(2018)12号和浙政发(2019)5号"},
		{"no issuer", "表3 (2018) 12号楼", "表3 (2018)12号楼"},
		{"a bracket after a figure", "表3 (2018)", "表3 (2018)"},
		{"no year", "杭教发(18) 12号", "杭教发(18) 12号"},
		{"five digits", "杭教发(20181) 12号", "杭教发(20181) 12号"},
		{"a year in words", "2018年 12号", "2018年 12号"},
		{"serial too long", "杭教发(2018) 123456人", "杭教发(2018) 123456人"},
		{"space before 号 after no serial", "杭教发(2018) 号", "杭教发(2018) 号"},
		{"page break", "杭教发(2018)\f12号", "杭教发(2018)\f12号"},
	}
	for _, tt := range tests {
		got, _ := joinCuts(tt.text, docNumberGaps(tt.text))
		if got != tt.want {
			t.Errorf("%s: %q joined is %q, want %q", tt.name, tt.text, got, tt.want)
		}
	}
}

// TestJoinDocNumbers: a query word's 文号 loses its spaces and keeps its
// characters as typed, so that its forms (第, the brackets) are made as
// for the 文号 typed without spaces; other words keep theirs.
func TestJoinDocNumbers(t *testing.T) {
	if err := loadFolding(); err != nil {
		t.Fatal(err)
	}
	tests := []struct{ word, want string }{
		{"杭教发 〔2018〕 12 号", "杭教发〔2018〕12号"},
		{"浙政发 ［2019］　5号", "浙政发［2019］5号"},
		{"學分銀行 〔2018〕", "學分銀行〔2018〕"},
		{"ISO 9001", "ISO 9001"},
		{"2018年 12号", "2018年 12号"},
		// From after the year's opening bracket (review s36 #8).
		{"2018） 12号", "2018）12号"},
		{"2018 ] 第 12 号", "2018]第12号"},
		{"1999） 12号", "1999）12号"},
		{"3018） 12号", "3018） 12号"},
		{"12） 12号", "12） 12号"},
	}
	for _, tt := range tests {
		if got := JoinDocNumbers(tt.word); got != tt.want {
			t.Errorf("JoinDocNumbers(%q) = %q, want %q", tt.word, got, tt.want)
		}
	}
}

// TestBigramsJoinADocNumberWithSpaces: the text's 文号 written with a
// space is the same pairs as the query's without one, its pair across
// the space spanning it.
func TestBigramsJoinADocNumberWithSpaces(t *testing.T) {
	if err := loadFolding(); err != nil {
		t.Fatal(err)
	}
	text := "杭教发(2018) 12号"
	var got []string
	for _, tok := range Bigrams([]byte(text), false) {
		got = append(got, string(tok.Term))
		if string(tok.Term) == Whitespace {
			t.Errorf("Bigrams(%q) holds a whitespace token at %d:%d", text, tok.Start, tok.End)
		}
		if string(tok.Term) == ")1" {
			if span := text[tok.Start:tok.End]; span != ") 1" {
				t.Errorf("the pair )1 spans %q, want %q", span, ") 1")
			}
		}
	}
	query := Bigrams([]byte("杭教发(2018)12号"), true)
	for _, q := range query {
		found := false
		for _, g := range got {
			found = found || g == string(q.Term)
		}
		if !found {
			t.Errorf("the query's pair %q is not among the text's %q", q.Term, got)
		}
	}
}
