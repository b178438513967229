package extract

import (
	"os"
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
)

func TestNormalize(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"spaces around digits", "2017年全年共举办 342 场大讲堂", "2017年全年共举办342场大讲堂"},
		{"line break inside a phrase", "存入学分\n银行工作", "存入学分银行工作"},
		{"full-width digits", "２０１７年", "2017年"},
		{"comma on its own line between Han (real PDF output)", "建立宁波市学分银行\n,\n推进学习成果认证", "建立宁波市学分银行,推进学习成果认证"},
		{"brackets on their own lines", "各区县\n(\n市\n)\n人民政府", "各区县(市)人民政府"},
		{"comma on its own line before a digit", "服务民生\n,2017年", "服务民生,2017年"},
		{"Latin words keep their spaces", "Learning City , UNESCO", "Learning City , UNESCO"},
		{"full-width letters and percent", "覆盖率达到９０％，ＡＢＣ", "覆盖率达到90%,ABC"},
		{"ideographic space", "本报讯　２０１９年３月", "本报讯2019年3月"},
		{"CRLF and CR", "第一行。\r\n第二行。\r第三行。", "第一行。\n第二行。\n第三行。"},
		{"form feed", "第一页。\f第二页。", "第一页。\n第二页。"},
		{"newline after 。 is kept", "现提出如下实施意见。\n一、总体要求", "现提出如下实施意见。\n一、总体要求"},
		{"space after 。 is removed", "实施意见。 一、总体要求", "实施意见。一、总体要求"},
		{"document number from a PDF", "杭政办〔\n2016\n〕\n12\n号", "杭政办〔2016〕12号"},
		{"space before closing punctuation", "达到\n90%\n。", "达到90%。"},
		{"folded brackets", "各区、县（\n市）人民政府", "各区、县(市)人民政府"},
		{"folded comma then wrap", "加快构建服务全民终身学习的教育体系，\n经市政府同意", "加快构建服务全民终身学习的教育体系,经市政府同意"},
		{"curly quotes", "每个月有90000多人在\n“学共体”\n中学习", "每个月有90000多人在“学共体”中学习"},
		{"Han and Latin", "学习型城市 Learning City 建设", "学习型城市Learning City建设"},
		{"Latin words keep their space", "Learning   City\tBuilding", "Learning City Building"},
		{"Latin lines keep their break", "Learning\nCity", "Learning\nCity"},
		{"digits keep their space", "2016 2017", "2016 2017"},
		{"blank lines collapse to one", "一、总体要求\n\n\n\n到2020年", "一、总体要求\n\n到2020年"},
		{"blank line with spaces", "第一段。\n \t \n\n第二段。", "第一段。\n\n第二段。"},
		{"trim", " \n\t学分银行\n\n ", "学分银行"},
		{"zero-width and BOM", "\ufeff学分\u200b银行", "学分银行"},
		{"control characters dropped", "学分\x00银\x07行", "学分银行"},
		{"Kangxi radicals and radical supplement forms", "杭州市\u2F08\u2EA0政府\u2F42件", "杭州市人民政府文件"},
		{"radicals between lines joined like Han", "全\u2EA0终\u2F9D\n学习", "全民终身学习"},
		{"nbsp", "学分\u00a0银行", "学分银行"},
		{"colon keeps the line break", "各直属单位：\n为落实", "各直属单位:\n为落实"},
		{"empty", "", ""},
		{"only space", " \n\f\r\n　", ""},
		{"invalid UTF-8", "学\xff习", "学\ufffd习"},
		{"Kangxi radical forms count as Han, and become it", "⽣ 活", "生活"},
		{"heading then a line of figures", "二、主要指标\n2023年全市共有社区学校365所", "二、主要指标\n2023年全市共有社区学校365所"},
		{"bracketed heading then figures", "（三）经费保障\n2846万元", "(三)经费保障\n2846万元"},
		{"chapter heading then figures", "第二章 总则\n2019年起施行", "第二章总则\n2019年起施行"},
		{"figures then a heading", "社区学校数量 342 365\n四、经费保障", "社区学校数量342 365\n四、经费保障"},
		{"prose line with a heading's number wraps before a figure", "一、建立学分银行。推进各类学习成果的认证,到\n2020年实现", "一、建立学分银行。推进各类学习成果的认证,到2020年实现"},
		{"long heading-like line wraps before a figure", "十、全市各区县社区学校和老年大学共同开展全民终身学习活动周累计\n365场", "十、全市各区县社区学校和老年大学共同开展全民终身学习活动周累计365场"},
		{"figures then prose", "共有社区学校\n365\n所", "共有社区学校365所"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Normalize(tt.in)
			if got != tt.want {
				t.Fatalf("Normalize(%q) = %q, want %q", tt.in, got, tt.want)
			}
			if again := Normalize(got); again != got {
				t.Fatalf("Normalize is not idempotent on %q: %q then %q", tt.in, got, again)
			}
		})
	}
}

// TestNormalizeIdempotentOnReport runs Normalize over the real monitoring
// report, with PDF-like damage added, and checks idempotence.
func TestNormalizeIdempotentOnReport(t *testing.T) {
	// A copy of shared/domain's report, so the test never depends on a
	// folder outside the module.
	data, err := os.ReadFile("testdata/eight-city-report.zh.txt")
	if err != nil {
		t.Fatal(err)
	}
	damaged := strings.NewReplacer("学分", "学分 \n", "2017", " 2017 ", ",", "，\n", "(", "（ ", ")", " ）\n\n").Replace(string(data))
	for _, s := range []string{string(data), damaged} {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Fatalf("Normalize is not idempotent on the report (first difference at byte %d)", firstDiff(once, twice))
		}
		if strings.ContainsAny(once, "\f\r") {
			t.Fatal("normalised text contains \\f or \\r")
		}
	}
	if got := Normalize(damaged); !strings.Contains(got, "学分银行") || !strings.Contains(got, "2017年") {
		t.Fatalf("damage not repaired: %q", got[:min(len(got), 300)])
	}
}

func firstDiff(a, b string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return i
		}
	}
	return min(len(a), len(b))
}

// FuzzNormalize checks the invariants the index relies on.
func FuzzNormalize(f *testing.F) {
	for _, s := range []string{
		"共举办 342 场", "学分\n银行", "２０１７年", "杭政办〔\n2016\n〕\n12\n号", "学 ,\n( 、", "a , 学", "。\n”", "\r\n\f\v",
		"“ 学 ” , ( ) 、 。 Learning 2017", "\xff\xfe学", "学\n\n\n银行",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		once := Normalize(s)
		if twice := Normalize(once); twice != once {
			t.Fatalf("not idempotent: %q → %q → %q", s, once, twice)
		}
		if !utf8.ValidString(once) || strings.ContainsAny(once, "\f\r\v") {
			t.Fatalf("bad output %q", once)
		}
		if once != strings.TrimSpace(once) {
			t.Fatalf("not trimmed: %q", once)
		}
	})
}

// A long list of names and figures one a line (区县 / number, exported
// from a ledger) is normalized in one pass: asking at each joined line
// break whether the line so far is a heading once counted the whole line,
// and a megabyte took minutes of a server core.
func TestNormalizeLongListOfFiguresIsLinear(t *testing.T) {
	text := strings.Repeat("海曙区\n1\n", 1<<20/len("海曙区\n1\n"))
	done := make(chan string, 1)
	go func() { done <- Normalize(text) }()
	select {
	case out := <-done:
		if !strings.HasPrefix(out, "海曙区1海曙区1") {
			t.Errorf("normalized list begins %q", out[:min(len(out), 40)])
		}
	case <-time.After(20 * time.Second):
		t.Fatal("normalizing a 1 MiB list of figures took more than 20 s")
	}
}

// TestRadicalsBecomeIdeographs: every radical the table names becomes a
// unified ideograph of three bytes, so folding keeps offsets in bytes and
// characters, and the text can be searched as it is typed.
func TestRadicalsBecomeIdeographs(t *testing.T) {
	n := 0
	for r := rune(0x2E00); r <= 0x3000; r++ {
		u, ok := catalog.RadicalIdeograph(r)
		if !ok {
			continue
		}
		n++
		if r < 0x2E80 || r > 0x2FDF {
			t.Errorf("U+%04X is not a radical", r)
		}
		if !unicode.Is(unicode.Han, u) || utf8.RuneLen(u) != utf8.RuneLen(r) {
			t.Errorf("U+%04X maps to U+%04X, not a Han character of the same length", r, u)
		}
		if got := Normalize("学" + string(r) + "习"); got != "学"+string(u)+"习" {
			t.Errorf("Normalize(U+%04X) = %q", r, got)
		}
	}
	if n < 300 {
		t.Fatalf("only %d radicals mapped", n)
	}
}
