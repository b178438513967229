package catalog

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var verb = regexp.MustCompile(`%[-+# 0-9.]*[a-zA-Z%]`)

// TestEnglishMessagesTakeTheSameArguments: an English message takes its
// Chinese format's arguments in the same order, so that it never shows
// %!d(string=…).
func TestEnglishMessagesTakeTheSameArguments(t *testing.T) {
	for zh, en := range englishMessages {
		if a, b := verb.FindAllString(zh, -1), verb.FindAllString(en, -1); !slices.Equal(a, b) {
			t.Errorf("%q takes %v, its English %q %v", zh, a, en, b)
		}
	}
}

// TestEnglishMessagesCountInBothForms: no English message names a
// counted thing in one form only (“x” has %d pages, which reads “has 1
// pages”); each gives both, {page|pages}, for ChooseForms.
func TestEnglishMessagesCountInBothForms(t *testing.T) {
	// A count, up to two words before the counted noun (%d failed
	// documents, %d results (%d ms)); a limit (over %d characters, at
	// most %d, try again in %d seconds) is never one, and a verb after a
	// number that counts nothing (page %d is, round %d has) is no noun.
	counted := regexp.MustCompile(`^%d (\S+ ){0,2}\w+s\b`)
	limit := regexp.MustCompile(`(over|at most|at least|more than|limit of|in|within) $`)
	noCount := regexp.MustCompile(`^%d (\S+ ){0,2}(is|has|was|as|keeps|uses|already exists)$|^%d[^ ]|\{|^%d and the pages$|^%d ms$`)
	for zh, en := range englishMessages {
		for i := range en {
			match := counted.FindString(en[i:])
			if match == "" {
				continue
			}
			before := en[:i]
			if !limit.MatchString(before) && !noCount.MatchString(match) && !strings.HasSuffix(before, "×") {
				t.Errorf("English of %q counts in one form only: %q", zh, en)
				break
			}
		}
	}
}

// TestEnglishMessagesAreUsed: every Chinese format translated is one the
// code writes, so a message reworded in Chinese is not left without its
// English unnoticed.
func TestEnglishMessagesAreUsed(t *testing.T) {
	var code strings.Builder
	err := filepath.WalkDir("..", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (strings.HasPrefix(d.Name(), ".") || d.Name() == "testdata") && path != ".." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, ".go") && !strings.HasSuffix(path, "_test.go") && !strings.HasSuffix(path, "english.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			code.Write(b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	src := code.String()
	escaped := strings.NewReplacer("\uFF0C", `\uFF0C`, "\uFF1A", `\uFF1A`, "\uFF1B", `\uFF1B`, `"`, `\"`, "\n", `\n`)
	// A format written in parts joined with + is read from the code.
	msgs, _ := userMessages(t, "..")
	for zh := range englishMessages {
		joined := slices.ContainsFunc(msgs, func(m message) bool { return m.text == zh })
		if !joined && !strings.Contains(src, `"`+zh+`"`) && !strings.Contains(src, `"`+escaped.Replace(zh)+`"`) {
			t.Errorf("no code writes %q", zh)
		}
	}
}

// TestErrorsCarryTheirEnglish: Errorf fills in the English of a message
// it knows, with the same values; prefixes and fields keep it.
func TestErrorsCarryTheirEnglish(t *testing.T) {
	e := FieldErrorf("issued_on", EINVALID, "日期“%s”不存在；请检查月和日", "2018-02-30")
	if e.English != "The date “2018-02-30” does not exist; check the month and the day" {
		t.Errorf("English %q", e.English)
	}
	if got := MessageIn(e, true); got != e.English {
		t.Errorf("MessageIn English = %q", got)
	}
	if got := MessageIn(e, false); got != e.Message || !strings.Contains(got, "2018-02-30") || !strings.Contains(got, "\uFF1B") {
		t.Errorf("MessageIn Chinese = %q", got)
	}
	p := e.Prefixed("第 1 条引用\uFF1A", "Citation 1: ").OnField("page")
	if p.Field != "page" || !strings.HasPrefix(p.English, "Citation 1: The date") || !strings.HasPrefix(p.Message, "第 1 条引用") {
		t.Errorf("prefixed %+v", p)
	}
	untranslated := Errorf(EINVALID, "一条没有英文的消息")
	if got := MessageIn(untranslated, true); got != untranslated.Message {
		t.Errorf("a message without English shows %q", got)
	}
}

// TestWordsAreGivenInEachLanguage: our own words put into a message are
// Chinese in the Chinese message and English in the English one.
func TestWordsAreGivenInEachLanguage(t *testing.T) {
	stage := Words{Chinese: "提取文字", English: "Extracting the text"}
	e := Errorf(EINTERNAL, "%s失败（内部错误，已记录日志）；可重新上传同一文件重试，或联系管理员", stage)
	if !strings.HasPrefix(e.Message, "提取文字失败\uFF08内部错误") {
		t.Errorf("Chinese %q", e.Message)
	}
	if !strings.HasPrefix(e.English, "Extracting the text failed (internal error") {
		t.Errorf("English %q", e.English)
	}
	// A value without English leaves the message Chinese only.
	if e := Errorf(EINTERNAL, "%s失败（内部错误，已记录日志）；可重新上传同一文件重试，或联系管理员", Words{Chinese: "提取文字"}); e.English != "" {
		t.Errorf("English made with a value that has none: %q", e.English)
	}
	inner := FieldErrorf("page", EINVALID, "页码 %d 超出范围：文档共 %d 页", 9, 1)
	if w := MessageWords(inner); w.Chinese != inner.Message || w.English != "Page 9 is out of range: the document has 1 page" {
		t.Errorf("MessageWords %+v", w)
	}
	args := []any{stage, 3}
	if got := EnglishValues(args); got[0] != "Extracting the text" || got[1] != 3 || args[0] != stage {
		t.Errorf("EnglishValues %v, args after %v", got, args)
	}
}

// TestEnglishTitlesInEnglishQuotes: an English message quotes a title in
// “…”, as English does, never in the Chinese 《…》 (probe s43 #9: “The
// source 《杭州市…》 was issued on …” beside a history line in “…”).
// Chinese examples in brackets stay, (市教育局（市语委办）) being one.
func TestEnglishTitlesInEnglishQuotes(t *testing.T) {
	for _, m := range []map[string]string{englishMessages, cliEnglish} {
		for zh, en := range m {
			if strings.ContainsAny(en, "《》") {
				t.Errorf("%q: its English %q quotes in 《》", zh, en)
			}
		}
	}
}

// TestEnglishMessagesQuoteValuesInCurlyQuotes: a value an English message
// puts in with %q is shown in “”, as the messages written with “%s” show
// theirs, its invisible characters escaped (probe s55: Unknown document
// type "通知" beside The date “2018-02-30” does not exist).
func TestEnglishMessagesQuoteValuesInCurlyQuotes(t *testing.T) {
	tests := []struct {
		format string
		args   []any
		want   string
	}{
		{"未知的文件类型 %q；可选：policy（政策文件）、work_summary（工作总结）、meeting_notice（会议通知）、press_report（新闻报道）、honor（荣誉表彰）、case（典型案例）、statistics（统计数据）、other（其他）", []any{"通知"}, "Unknown document type “通知”; choose policy"},
		{"文档状态 %q 未知；可选 stored（已保存）、extracted（已提取）、indexed（可检索）或 failed（失败）", []any{"已索引"}, "Unknown document status “已索引”; choose"},
		{"未知的任务状态 %q；可选：open（未提交）、submitted（已提交）、returned（已退回）、accepted（已确认）", []any{"foo"}, "Unknown task status “foo”; choose"},
		{"未知的城市代码 %q", []any{"杭州"}, "Unknown city code “杭州”"},
		{"名称含有看不见的字符 %q；请删去后再保存", []any{"\u202e"}, "The name holds a character that cannot be seen, “\\u202e”; remove"},
	}
	for _, tt := range tests {
		if got := Errorf(EINVALID, tt.format, tt.args...).English; !strings.HasPrefix(got, tt.want) {
			t.Errorf("English of %q = %q, want it to begin %q", tt.format, got, tt.want)
		}
	}
}
