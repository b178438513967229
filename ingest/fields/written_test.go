package fields_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/lcmonitor/evidence/ingest/fields"
)

// TestDocNumberKeepsItsBrackets: a 文号 is read with its year in 〔〕,
// the form it is matched by, and also as the document writes it
// (Field.Written), its full-width brackets given back from the text as
// written (UnfoldDocNumber): the paper's 【】, （）, ( ), ﹝﹞, [ ] or ［］,
// not a 〔〕 it does not have. One written in 〔〕 has no other form.
func TestDocNumberKeepsItsBrackets(t *testing.T) {
	fixture := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	tests := []struct {
		name, text, value, shown string
	}{
		{"〔〕 as GB/T 9704 writes them", fixture("02_nb_notice.txt"), "甬政发〔2015〕58号", "甬政发〔2015〕58号"},
		{"【】", fixture("10_cd_brackets.txt"), "成教〔2018〕22号", "成教【2018】22号"},
		{"full-width （）", fixture("11_hz_paren.txt"), "杭政办函〔2017〕45号", "杭政办函（2017）45号"},
		{"ASCII ( )", fixture("41_ascii_paren.txt"), "杭教办〔2018〕7号", "杭教办(2018)7号"},
		{"small ﹝﹞", fixture("45_small_brackets.txt"), "甬教职成〔2019〕12号", "甬教职成﹝2019﹞12号"},
		{"square [ ]", "杭州市教育局文件\n杭教成[2017]15号\n关于开展社区教育示范街道评选的通知\n各区教育局：\n正文。",
			"杭教成〔2017〕15号", "杭教成[2017]15号"},
		{"full-width ［］", "杭州市教育局文件\n杭教成［2017］15号\n关于开展社区教育示范街道评选的通知\n各区教育局：\n正文。",
			"杭教成〔2017〕15号", "杭教成［2017］15号"},
		{"spaces a PDF set inside", "教育部文件\n教职成 [ 2014 ] 10号\n关于推进学习型城市建设的意见\n各省教育厅：\n正文。",
			"教职成〔2014〕10号", "教职成[2014]10号"},
	}
	for _, tt := range tests {
		f := fields.Read([]string{tt.text}, "")
		shown := f.DocNumber.Value
		if f.DocNumber.Written != "" {
			shown = fields.UnfoldDocNumber(f.DocNumber.Written, tt.text)
		}
		if f.DocNumber.Value != tt.value || shown != tt.shown {
			t.Errorf("%s: 文号 %q shown %q (written %q), want %q shown %q", tt.name, f.DocNumber.Value, shown, f.DocNumber.Written, tt.value, tt.shown)
		}
		if f.DocNumber.Written == f.DocNumber.Value && f.DocNumber.Written != "" {
			t.Errorf("%s: written %q repeats the value", tt.name, f.DocNumber.Written)
		}
	}
}

// TestUnfoldDocNumber takes back only the brackets the head wrote in full
// width, never its digits, and leaves a 文号 the head does not hold.
func TestUnfoldDocNumber(t *testing.T) {
	tests := []struct{ name, written, head, want string }{
		{"（） given back", "杭政办函(2017)45号", "杭州市人民政府办公厅\n杭政办函（2017）45号\n", "杭政办函（2017）45号"},
		{"［］ given back", "杭教成[2017]15号", "杭教成［2017］15号", "杭教成［2017］15号"},
		{"full-width digits stay folded", "杭教成(2017)15号", "杭教成（２０１７）１５号", "杭教成（2017）15号"},
		{"ASCII written so stays", "杭教办(2018)7号", "杭教办(2018)7号", "杭教办(2018)7号"},
		{"spaces in the head", "教职成(2014)10号", "教职成 （ 2014 ） 10号", "教职成（2014）10号"},
		{"not in the head", "杭教成(2017)15号", "杭政办函（2017）45号", "杭教成(2017)15号"},
	}
	for _, tt := range tests {
		if got := fields.UnfoldDocNumber(tt.written, tt.head); got != tt.want {
			t.Errorf("%s: UnfoldDocNumber(%q) = %q, want %q", tt.name, tt.written, got, tt.want)
		}
	}
}
