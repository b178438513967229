package catalog

import (
	"errors"
	"strings"
	"testing"
)

func TestFullwidth(t *testing.T) {
	tests := []struct{ in, want string }{
		{"缺少城市代码 city(如 330100 杭州)", "缺少城市代码 city\uFF08如 330100 杭州\uFF09"},
		{"格式不正确;请重新上传,谢谢", "格式不正确\uFF1B请重新上传\uFF0C谢谢"},
		{"第 %d 页:文字层", "第 %d 页\uFF1A文字层"},
		{"%s: %v", "%s: %v"},
		{"10:30 a(1).pdf", "10:30 a(1).pdf"},
		{"文件“%s”:扩展名", "文件“%s”\uFF1A扩展名"},
		{"Page %d: text layer", "Page %d: text layer"},
		{"TXT(UTF-8 或 GBK)、HTML", "TXT\uFF08UTF-8 或 GBK\uFF09、HTML"},
		{"(检测到的内容:%s)", "\uFF08检测到的内容\uFF1A%s\uFF09"},
		{"用逗号分隔,如 2.3.1)", "用逗号分隔\uFF0C如 2.3.1)"},
		{"学习型城市(建设", "学习型城市\uFF08建设"}, // a half without its pair, by its neighbours
		{"见附件) 2.3", "见附件\uFF09 2.3"},
		{"v2)", "v2)"},
		// In typed text a full stop after Chinese is 。; not between
		// digits, in a file name, an ellipsis or a heading numbered 一.
		// (s25 probe #5).
		{"只交了新闻报道,缺少活动方案和总结.请补充(盖章版).", "只交了新闻报道\uFF0C缺少活动方案和总结\u3002请补充\uFF08盖章版\uFF09\u3002"},
		{"台账合计为7000人,与填报的12000人不符.请核对", "台账合计为7000人\uFF0C与填报的12000人不符\u3002请核对"},
		{"填报1.2万人次.", "填报1.2万人次\u3002"},
		{"见学分银行台账.xlsx", "见学分银行台账.xlsx"},
		{"请核对...", "请核对..."},
		{"一.工作情况", "一.工作情况"},
		{"共十.", "共十\u3002"},
		{"覆盖率达\uFF19\uFF18.\uFF16\uFF05.", "覆盖率达\uFF19\uFF18.\uFF16\uFF05\u3002"}, // full-width digits are a number
	}
	for _, tt := range tests {
		if got := TypedText(tt.in); got != tt.want {
			t.Errorf("TypedText(%q) = %q, want %q", tt.in, got, tt.want)
		}
		// Fullwidth, for a document's text, is the same without the
		// full-stop rule: each '.' stays.
		want := strings.ReplaceAll(tt.want, "\u3002", ".")
		if strings.Contains(tt.in, "\u3002") {
			want = tt.want
		}
		if got := Fullwidth(tt.in); got != want {
			t.Errorf("Fullwidth(%q) = %q, want %q", tt.in, got, want)
		}
	}
	// A document's text keeps the full stops it wrote, in a sentence and
	// in a file name (review pfix #1).
	const doc = "台账合计为7000人.与填报不符.请核对.附件:学分银行方案.定稿.docx"
	if got, want := Fullwidth(doc), "台账合计为7000人.与填报不符.请核对.附件\uFF1A学分银行方案.定稿.docx"; got != want {
		t.Errorf("Fullwidth(%q) = %q, want %q", doc, got, want)
	}
	if got := NewShownText(doc, 0, len(doc)).Next(len(doc)); !strings.Contains(got, "不符.请核对.附件") {
		t.Errorf("ShownText of a page = %q, want its full stops as written", got)
	}
	e := Errorf(EINVALID, "文件 %s 无法读取(已损坏)", "通知(1).pdf")
	if e.Message != "文件 通知(1).pdf 无法读取\uFF08已损坏\uFF09" {
		t.Errorf("Errorf converts the message but not its values: %q", e.Message)
	}
}

// TestFullwidthIn: a piece of extracted text between highlights is shown
// with the punctuation its neighbours outside the piece call for.
func TestFullwidthIn(t *testing.T) {
	const text = "经市政府同意,现就(一)建立学分银行:共1,234人;Word 2.0(beta)"
	tests := []struct{ piece, want string }{
		{"经市政府同意", "经市政府同意"},
		{",", "\uFF0C"},            // a comma alone, written by the Han characters around it
		{",现就(", "\uFF0C现就\uFF08"}, // the parenthesis by its pair outside the piece
		{")建立学分银行:", "\uFF09建立学分银行\uFF1A"},
		{"1,234人;", "1,234人\uFF1B"},          // a thousands separator stays
		{"Word 2.0(beta)", "Word 2.0(beta)"}, // Latin stays
	}
	for _, tt := range tests {
		start := strings.Index(text, tt.piece)
		if start < 0 {
			t.Fatalf("%q is not in the text", tt.piece)
		}
		if got := fullwidthIn(text, start, start+len(tt.piece)); got != tt.want {
			t.Errorf("fullwidthIn(%q) = %q, want %q", tt.piece, got, tt.want)
		}
	}
	// A parenthesis longer than the context shown around a piece: each
	// half is written by its own neighbours.
	paren := "市政府(" + strings.Repeat("学", 300) + ")同意"
	if got := fullwidthIn(paren, 0, len("市政府(学学")); got != "市政府\uFF08学学" {
		t.Errorf("the opening half of a long parenthesis: %q", got)
	}
	if at := strings.Index(paren, ")"); fullwidthIn(paren, at, len(paren)) != "\uFF09同意" {
		t.Errorf("the closing half of a long parenthesis: %q", fullwidthIn(paren, at, len(paren)))
	}
	long := strings.Repeat("学", 400) + "," + strings.Repeat("习", 400)
	at := strings.Index(long, ",")
	if got := fullwidthIn(long, at, len(long)); !strings.HasPrefix(got, "\uFF0C") || len([]rune(got)) != 401 {
		t.Errorf("the end of a long text: %q…", string([]rune(got)[:3]))
	}
}

// TestChineseMessagesQuoteValuesInChineseQuotationMarks: a value put into
// a Chinese message with %q is shown in “ ” with no space around it, its
// invisible characters escaped; other formats are left to fmt.
func TestChineseMessagesQuoteValuesInChineseQuotationMarks(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"未知的城市代码 %q(应为 GB/T 2260 行政区划代码)", []any{"12"}, "未知的城市代码“12”\uFF08应为 GB/T 2260 行政区划代码\uFF09"},
		{"文档 %q 不存在", []any{"01ABC"}, "文档“01ABC”不存在"},
		{"第 %d 条引用:%q 无效;请重选", []any{2, "x"}, "第 2 条引用\uFF1A“x”无效\uFF1B请重选"},
		{"文件名 %q 含不可见字符", []any{"通知\u202efdp.exe\x00"}, "文件名“通知\\u202efdp.exe\\x00”含不可见字符"},
		{"引号 %q 与反斜杠", []any{`a"b\c`}, `引号“a"b\c”与反斜杠`},
		{"百分之 %d%% 的 %q", []any{5, "x"}, "百分之 5% 的“x”"},
		{"unknown city %q", []any{"12"}, `unknown city "12"`},
		{"字符 %q", []any{'x'}, "字符 'x'"},
		{"排序方式 %q 未知", []any{DocumentSort("foo")}, "排序方式“foo”未知"},
		{"错误 %q", []any{(*Error)(nil)}, "错误 <nil>"}, // no panic
		{"第 %[1]d 项 %[2]q", []any{1, "x"}, `第 1 项 "x"`},
		{"参数 %s 应为整数，收到 %.40q", []any{"round", "2017a"}, "参数 round 应为整数，收到“2017a”"},
		{"页码应为正整数，收到 %.3q", []any{"一二三四五"}, "页码应为正整数，收到“一二三”"},
		{"宽度 %5q", []any{"x"}, `宽度   "x"`},
	}
	for _, tt := range tests {
		if got := Errorf(EINVALID, tt.format, tt.args...).Message; got != tt.want {
			t.Errorf("Errorf(%q) = %q, want %q", tt.format, got, tt.want)
		}
	}
}

// TestGenericErrorMessageIsFullwidth: the message shown for an error the
// program cannot explain uses the UI's full-width punctuation.
func TestGenericErrorMessageIsFullwidth(t *testing.T) {
	msg := ErrorMessage(errors.New("disk on fire"))
	if strings.ContainsAny(msg, ",;") || !strings.Contains(msg, "，") {
		t.Errorf("generic message %q: want full-width punctuation", msg)
	}
}

// TestFullwidthNestedParentheses: pairs nested deep are matched, the
// outer ones taking full width from Chinese held deep inside; a page of
// them costs a pass, not a pass per pair (BenchmarkFullwidthNested).
func TestFullwidthNestedParentheses(t *testing.T) {
	const depth = 20000
	in := strings.Repeat("(", depth) + "中" + strings.Repeat(")", depth) + " (a)"
	want := strings.Repeat("\uFF08", depth) + "中" + strings.Repeat("\uFF09", depth) + " (a)"
	if got := Fullwidth(in); got != want {
		t.Errorf("nested pairs around 中: %q…", []rune(got)[:8])
	}
}

// BenchmarkFullwidthNested: the nested page, as Fullwidth writes it now
// and as it wrote it before session 45 (the test oracle).
func BenchmarkFullwidthNested(b *testing.B) {
	page := strings.Repeat("(", 20000) + "a" + strings.Repeat(")", 20000)
	b.Run("now", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			Fullwidth(page)
		}
	})
	b.Run("before", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			oldFullwidth(page, false)
		}
	})
}
