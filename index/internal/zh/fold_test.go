package zh

import (
	"strings"
	"testing"
	"time"
)

func TestFoldKeepsCharactersAndOffsets(t *testing.T) {
	start := time.Now()
	if err := loadFolding(); err != nil {
		t.Fatal(err)
	}
	t.Logf("conversion tables loaded in %v", time.Since(start))
	tests := []struct{ in, want string }{
		{"學分銀行", "学分银行"},
		{"關於建立學習型城市的實施意見", "关于建立学习型城市的实施意见"},
		{"１２．３萬人次", "12.3万人次"},
		{"ＡＢＣ　學習", "ABC 学习"},
		{"学分银行", "学分银行"}, // simplified text is not copied
		{"杭政办〔2016〕12号", "杭政办(2016)12号"},
		{"杭政办【2016】12号（試行）", "杭政办(2016)12号(试行)"},
		{"杭政办[2016]12号", "杭政办(2016)12号"},
		{"杭政办(2016)12号", "杭政办(2016)12号"},
		// Dashes are the hyphen users type, in a standard's year and
		// in ranges; a traditional text too.
		{"GB/T 9704—2012", "GB/T 9704-2012"},
		{"2018年–2020年", "2018年-2020年"},
		{"標準GB/T 28827.1—2012", "标准GB/T 28827.1-2012"},
		// A range with a wave (～, ~, 〜) or a two-em dash (⸺) is a range too.
		{"2021～2025年", "2021-2025年"},
		{"2021~2025年", "2021-2025年"},
		{"2021〜2025年", "2021-2025年"},
		{"2021⸺2025", "2021-2025"},
		// Radicals a PDF printed from a browser wrote (⼈⺠ for 人民), in
		// stored text read before extraction folded them, or pasted
		// from a PDF viewer; with a traditional character too.
		{"市⼈⺠政府", "市人民政府"},
		{"⼈⺠學習", "人民学习"},
		{"學習型城市建設（2021～2025年）", "学习型城市建设(2021-2025年)"},
		{"", ""},
	}
	for _, tt := range tests {
		f := Fold([]byte(tt.in))
		if string(f.Text) != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, f.Text, tt.want)
			continue
		}
		// Every folded character maps back onto one original character.
		in, out := []rune(tt.in), []rune(tt.want)
		if len(in) != len(out) {
			t.Fatalf("Fold(%q) changed the number of characters", tt.in)
		}
		off := 0
		for i := range out {
			if got := f.Orig(off); got != len(string(in[:i])) {
				t.Errorf("Fold(%q): offset %d maps to %d, want %d", tt.in, off, got, len(string(in[:i])))
			}
			off += len(string(out[i]))
		}
		if f.Orig(len(f.Text)) != len(tt.in) {
			t.Errorf("Fold(%q): end maps to %d, want %d", tt.in, f.Orig(len(f.Text)), len(tt.in))
		}
	}
}

func TestBigrams(t *testing.T) {
	if _, err := Segmenter(); err != nil {
		t.Fatal(err)
	}
	// terms lists the pairs by position, _ for a position left open.
	terms := func(text string, query bool) string {
		var out []string
		last := 0
		for _, g := range Bigrams([]byte(text), query) {
			for p := last + 1; p < g.Position; p++ {
				out = append(out, "_")
			}
			if g.Position > last {
				last = g.Position
			}
			out = append(out, string(g.Term))
		}
		return strings.Join(out, " ")
	}
	tests := []struct {
		text  string
		query bool
		want  string
	}{
		{"学习周", false, "学习 习周"},
		{"办1342场", false, "办1 13 ^13 34 42 #=1342 42$ 2场"},
		{"达12.3万", false, "达1 12 ^12 2. .3 .3$ 3万 #=123000"},
		{"12 A", false, "12 #=12 ^12 12$ ^12$ \u2423 _ ^a$"},
		{"abc x def", false, "ab bc \u2423 _ ^x$ \u2423 _ de ef"},
		{"plan b", true, "pl _ an \u2423 _ ^b$"},
		{"12 AB", false, "12 #=12 ^12 12$ ^12$ \u2423 _ ab"},
		{"ab cd\n\nef", false, "ab \u2423 _ cd \u2423 _ ef"},
		// A page break inside a sentence is spanned; at a paragraph's end
		// or with whitespace beside it, it is whitespace.
		{"数量达\f到342所", false, "数量 量达 达到 到3 34 ^34 42 #=342 42$ 2所"},
		{"数量达\f\f到", false, "数量 量达 \u2423 _ ^到$"},
		{"结束。\n\f二、", false, "结束 束。 \u2423 _ 二、"},
		{"\f到了", false, "到了"},
		{"3\f2017年", false, "^3$ #=3 \u2423 _ 20 ^20 01 17 17$ 7年"},
		{"342场", true, "^34 _ 2场"},
		{"12.3万", true, "^12 _ .3 3万"},
		{"第12", true, "第1 12$"},
		{"學分", true, "学分"},
		{"乡村振兴", true, "乡村 _ 振兴"},
		{"职业技能培训", true, "职业 _ 技能 _ 培训"},
		{"市民学习周", true, "市民 _ 学习 习周"},
		{"abc def", true, "ab bc \u2423 _ de ef"},
		{"abcd efghi", true, "ab _ cd \u2423 _ ef _ gh hi"},
	}
	for _, tt := range tests {
		if got := terms(tt.text, tt.query); got != tt.want {
			t.Errorf("Bigrams(%q, query=%v) = %q, want %q", tt.text, tt.query, got, tt.want)
		}
	}
}

func TestSubstringText(t *testing.T) {
	seg, err := Segmenter()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		word, want string
		sub        bool
	}{
		{"学习周", "学习周", true},
		{"活动周", "活动周", true},
		{"12.3万", "12.3万", true},
		{"342场", "342场", true},
		{"5A级", "5a级", true},
		{"终身教育 促进条例", "终身教育促进条例", true},
		{"〔2015〕58号", "2015)58号", true}, // brackets folded round
		{"學習週", "学习周", true},
		{"市长", "", false},
		{"和尚", "", false},
		{"研究生", "", false},
		// A per cent sign after a number is kept: 3.5% is not 3.5万.
		{"3.5%", "3.5%", true},
		{"９０％", "90%", true},
		{"增长3.5‰。", "增长3.5‰", true},
		{"(3.5)", "3.5", true},
		{"%", "", false},
		// Dictionary words of four characters or more are found inside
		// other words too (社区教育|网络覆盖 holds 教育网络).
		{"教育网络", "教育网络", true},
		{"科学研究", "科学研究", true},
		// The domain vocabulary stays words: the text keeps them whole.
		{"学分银行", "", false},
		{"學分銀行", "", false},
		{"2018", "", false},
		{"ISO", "", false},
		{"周", "", false},
	}
	for _, tt := range tests {
		got, sub := SubstringText(seg, tt.word)
		if got != tt.want || sub != tt.sub {
			t.Errorf("SubstringText(%q) = %q, %v; want %q, %v", tt.word, got, sub, tt.want, tt.sub)
		}
	}
}

// BenchmarkFold folds a page of a policy document: with a 文号's brackets
// (widths and brackets only) and without anything to fold.
func BenchmarkFold(b *testing.B) {
	if err := loadFolding(); err != nil {
		b.Fatal(err)
	}
	// Stored text has its widths folded already (extract.Normalize).
	body := strings.Repeat("为加快构建服务全民终身学习的教育体系,经市政府同意,现就推进学习型城市建设提出如下实施意见。", 50)
	for _, bb := range []struct{ name, text string }{
		{"bracketed", "杭政办发〔2018〕12号" + body},
		{"plain", body},
	} {
		b.Run(bb.name, func(b *testing.B) {
			text := []byte(bb.text)
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				Fold(text)
			}
		})
	}
}
