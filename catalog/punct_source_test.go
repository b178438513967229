package catalog

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// TestChineseSourceTextIsFullWidth: every Chinese string literal of the
// module's non-test Go files, and the text of web's templates, writes its
// punctuation full width (，；：（）！？) where it touches Chinese, so that
// what the source says is what a reader sees: Errorf and the web's
// messages widen it when they show it (TypedText), but the English
// catalogs are keyed by the literal as written, people grep for the
// words they saw, and a literal printed without going through TypedText
// would show the slip. It lives here because catalog owns the rule
// (Fullwidth, isChinese) and the walk of the module (parseModule).
func TestChineseSourceTextIsFullWidth(t *testing.T) {
	fset := token.NewFileSet()
	files := parseModule(t, fset, "..")
	checked := map[string]bool{}
	for _, gf := range files {
		for _, lit := range chineseLiterals(gf) {
			checked[gf.path] = true
			s, _ := strconv.Unquote(lit.Value)
			if slices.ContainsFunc(halfWidthAllowed, func(a allowedLiteral) bool { return a.is(gf.path, s) }) {
				continue
			}
			if bad := halfWidthMarks(s); bad != "" {
				t.Errorf("%s: %q has half-width %s next to Chinese: write it full width (，；：（）！？)", fset.Position(lit.Pos()), s, bad)
			}
		}
	}
	checkTemplates(t)
	// The walk must reach the places Chinese text lives, or this test
	// passes by looking at nothing.
	for _, want := range []string{"web/i18n.go", "web/i18n_upload.go", "catalog/carryover.go", "cmd/evidence/ingest.go", "values/sources.go"} {
		if !checked[want] {
			t.Errorf("no Chinese literal of %s was checked: is the walk of the module broken?", want)
		}
	}
	for _, a := range halfWidthAllowed {
		if !slices.ContainsFunc(files, func(gf *goFile) bool {
			return slices.ContainsFunc(chineseLiterals(gf), func(l *ast.BasicLit) bool {
				s, _ := strconv.Unquote(l.Value)
				return a.is(gf.path, s)
			})
		}) {
			t.Errorf("halfWidthAllowed holds %q of %s, which the file no longer has: remove it", a.text, a.file)
		}
	}
}

// checkTemplates reports the half-width marks of web's templates' text.
func checkTemplates(t *testing.T) {
	t.Helper()
	templates, err := filepath.Glob("../web/templates/*.html")
	if err != nil || len(templates) < 20 {
		t.Fatalf("web's templates: found %d (%v), fewer than it has", len(templates), err)
	}
	for _, path := range templates {
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read a template: %v", err)
		}
		for i, line := range strings.Split(templateText(string(b)), "\n") {
			if bad := halfWidthMarks(line); bad != "" {
				t.Errorf("%s:%d: %q has half-width %s next to Chinese: write it full width", path, i+1, strings.TrimSpace(line), bad)
			}
		}
	}
}

// allowedLiteral is a string literal's value (its start, when text ends
// with "…"), the file (from the module's root) that holds it, and why its
// half-width marks are meant.
type allowedLiteral struct{ file, text, why string }

// is reports whether a is the literal s of file.
func (a allowedLiteral) is(file, s string) bool {
	if prefix, ok := strings.CutSuffix(a.text, "…"); ok {
		return file == a.file && strings.HasPrefix(s, prefix)
	}
	return file == a.file && s == a.text
}

// halfWidthAllowed are Chinese literals whose half-width marks are meant,
// each with its reason. Prefer full width; add here only what matches or
// stands for text that is not prose.
var halfWidthAllowed = []allowedLiteral{
	// Extracted text is stored with its punctuation folded to ASCII
	// (ShownForm widens it when shown), so what is matched against it,
	// and what stands for it, is written in ASCII.
	{"index/internal/zh/values.go", "、）)．大届", "labels matched in extracted text, either width"},
	{"catalog/doctypeinfo.go", "、，,；;/或及和与", "separators of a type's info, either width"},
	{"ingest/fields/sheetdate.go", "(盖章)", "matched in extracted text"},
	{"ingest/fields/sheetdate.go", "(公章)", "matched in extracted text"},
	{"ingest/fields/sheetdate.go", "(签章)", "matched in extracted text"},
	{"ingest/fields/sheetdate.go", "(章)", "matched in extracted text"},
	{"ingest/fields/title.go", "(记者", "matched in extracted text"},
	{"ingest/fields/title.go", "讯(", "matched in extracted text"},
	{"ingest/fields/title.go", "来源:", "matched in extracted text"},
	{"ingest/fields/title.go", "作者:", "matched in extracted text"},
	{"ingest/fields/ocrnumber.go", "签发人:", "matched in extracted text"},
	{"internal/testenv/guessed.go", "杭教发(2018]125", "a 文号 as OCR read it, stored folded"},
	{"blob/blobtest/suite.go", "第一版:社区学院", "extracted text as stored"},
	{"blob/blobtest/suite.go", "第二版:老年大学", "extracted text as stored"},
	{"blob/blobtest/suite.go", `{"extractor":"pdf","version":1,"pages":["杭州市学习型城市建设工作总结:社区学习共同体、学分银行与终身学习四级网络体系。","第二页:市民终身学习服务平台"]}`, "extracted text as stored"},
	// English that names a Chinese word in its own brackets.
	{"ingest/pipeline.go", "find the documents of its 文号: %w", "English: an error's context"},
}

// chineseLiterals are gf's string literals holding a Chinese character,
// but for those that are not Chinese text a reader sees: patterns given
// to regexp's Compile and MustCompile, which match the extracted text
// whose punctuation is stored folded to ASCII; and English, which may
// name a Chinese word in its own brackets: a message's English
// (English: "…") and a flag's usage, which the command line writes in
// English (fset.String("city", "", "city code, e.g. 330100 (杭州)")).
func chineseLiterals(gf *goFile) []*ast.BasicLit {
	skip := map[*ast.BasicLit]bool{}
	skipIn := func(n ast.Node) {
		ast.Inspect(n, func(n ast.Node) bool {
			if lit, ok := n.(*ast.BasicLit); ok {
				skip[lit] = true
			}
			return true
		})
	}
	var lits []*ast.BasicLit
	ast.Inspect(gf.f, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.CallExpr:
			sel, ok := n.Fun.(*ast.SelectorExpr)
			if !ok {
				break
			}
			if x, ok := sel.X.(*ast.Ident); ok && x.Name == "regexp" && strings.Contains(sel.Sel.Name, "Compile") {
				skipIn(n)
			}
			if flagDefiners[sel.Sel.Name] && len(n.Args) >= 3 && slices.ContainsFunc(n.Args[:len(n.Args)-1], isFlagName) {
				skipIn(n.Args[len(n.Args)-1])
			}
		case *ast.ValueSpec:
			for i, name := range n.Names {
				if i >= len(n.Values) || !englishName.MatchString(name.Name) {
					continue
				}
				if cl, ok := n.Values[i].(*ast.CompositeLit); ok {
					for _, elt := range cl.Elts {
						if kv, ok := elt.(*ast.KeyValueExpr); ok {
							skipIn(kv.Value) // the English of a Chinese key
						}
					}
					continue
				}
				skipIn(n.Values[i])
			}
		case *ast.KeyValueExpr:
			if k, ok := n.Key.(*ast.Ident); ok && k.Name == "English" {
				skipIn(n.Value)
			}
		case *ast.BasicLit:
			if n.Kind == token.STRING && !skip[n] && hasHan(n.Value) {
				lits = append(lits, n)
			}
		}
		return true
	})
	return lits
}

// englishName names a package's variable that holds English: the English
// by Chinese message (englishMessages, cliEnglish, englishWords), by
// name (cityNamesEN) or a text's English (readmeEN).
var englishName = regexp.MustCompile(`(?i:english)|EN$`)

// isFlagName reports whether e is a flag's name: a literal of ASCII
// letters, digits and hyphens ("city", "issued-on").
func isFlagName(e ast.Expr) bool {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return false
	}
	name, err := strconv.Unquote(lit.Value)
	return err == nil && flagNamePattern.MatchString(name)
}

var flagNamePattern = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// flagDefiners are the methods of flag.FlagSet (and functions of flag)
// that define a flag, its usage their last argument.
var flagDefiners = map[string]bool{
	"String": true, "Bool": true, "Int": true, "Int64": true, "Uint": true, "Uint64": true, "Float64": true, "Duration": true,
	"StringVar": true, "BoolVar": true, "IntVar": true, "Int64Var": true, "UintVar": true, "Uint64Var": true, "Float64Var": true,
	"DurationVar": true, "Var": true, "TextVar": true, "Func": true, "BoolFunc": true,
}

// templateAction is an action of a template, its comments included.
var templateAction = regexp.MustCompile(`(?s)\{\{/\*.*?\*/\}\}|\{\{.*?\}\}`)

// templateText is a template's text as far as its punctuation goes: each
// action (whose words are looked up, or are Go's) one neutral mark, each
// comment nothing, so that line numbers stay those of the file.
func templateText(s string) string {
	return templateAction.ReplaceAllStringFunc(s, func(a string) string {
		nl := strings.Repeat("\n", strings.Count(a, "\n"))
		if strings.HasPrefix(a, "{{/*") {
			return nl
		}
		return "#" + nl
	})
}

// halfWidthMarks describes the marks of s halfWidthAt finds, or is "".
func halfWidthMarks(s string) string {
	rs := []rune(s)
	var at []string
	for _, i := range halfWidthAt(s) {
		from, to := max(0, i-3), min(len(rs), i+4)
		at = append(at, fmt.Sprintf("%q in …%s…", rs[i], string(rs[from:to])))
	}
	return strings.Join(at, ", ")
}

// halfWidthAt are the indexes (in runes) of the half-width , ; : ( ) ! ?
// of s that a Chinese reader sees as slips: one touching a Chinese
// character or Chinese punctuation, a parenthesis paired with a
// full-width one （…), and both of a pair either of which touches Chinese
// or which holds it. Those between Latin letters and digits are code
// (10:30, a(1).pdf), and so is a format verb's mark in a text without
// Chinese (%s: %w); in Chinese text a mark right after a verb and not
// followed by a space (Latin style) is prose, as in 无法读取 %s：%v,
// where the verb stands for a Chinese word or a name the sentence goes
// on from.
func halfWidthAt(s string) []int {
	rs := []rune(s)
	bad := map[int]bool{}
	chinese := slices.ContainsFunc(rs, isChinese)
	prose := chinese && chineseProse(rs)
	afterVerb := func(i int) bool {
		return chinese && i > 1 && rs[i-2] == '%' && unicode.IsLetter(rs[i-1]) && (i < 3 || rs[i-3] != '%') &&
			(prose || i+1 == len(rs) || rs[i+1] != ' ')
	}
	touches := func(i int) bool {
		return i > 0 && isChinese(rs[i-1]) || i+1 < len(rs) && isChinese(rs[i+1]) || afterVerb(i)
	}
	var open []int
	for i, r := range rs {
		switch r {
		case ',', ';', ':', '!', '?':
			bad[i] = touches(i)
		case '(', '\uFF08':
			open = append(open, i)
		case ')', '\uFF09':
			if len(open) == 0 {
				bad[i] = r == ')' && touches(i)
				continue
			}
			o := open[len(open)-1]
			open = open[:len(open)-1]
			switch {
			case rs[o] == '(' && r == ')':
				if touches(o) || touches(i) || slices.ContainsFunc(rs[o+1:i], isChinese) {
					bad[o], bad[i] = true, true
				}
			case rs[o] == '(':
				bad[o] = true
			case r == ')':
				bad[i] = true
			}
		}
	}
	for _, o := range open {
		bad[o] = rs[o] == '(' && touches(o)
	}
	var at []int
	for i := range rs {
		if bad[i] {
			at = append(at, i)
		}
	}
	return at
}

// chineseProse reports whether rs, a literal, is a Chinese sentence rather
// than a Latin one naming a Chinese term (query documents of %d 文号 of
// %s: %w): more Chinese characters than Latin letters outside its format
// verbs. In a Chinese sentence a verb's mark is prose even with a space
// after it (无法读取 %s: %w reads 无法读取 X: …), so it is written full
// width.
func chineseProse(rs []rune) bool {
	han, latin := 0, 0
	for i, r := range rs {
		switch {
		case isChinese(r) && unicode.Is(unicode.Han, r):
			han++
		case r < unicode.MaxASCII && unicode.IsLetter(r) && !(i > 0 && rs[i-1] == '%'):
			latin++
		}
	}
	return han > latin
}

// TestHalfWidthMarks: the marks the test above reports, and those it
// leaves alone as code, Latin or numbers.
func TestHalfWidthMarks(t *testing.T) {
	for _, tt := range []struct {
		text string
		bad  bool
	}{
		{"任务状态已变化,请刷新后重试", true},
		{"监测轮次 %d 是当前轮次;请先把其他轮次设为当前轮次", true},
		{"审核意见:%s", true},
		{"确定删除这 %d 份文档吗?", true},
		{"已保存!", true},
		{"(文档 %d 份)", true},       // a pair that touches Chinese
		{"城市代码 (如 330100)", true}, // a pair that holds Chinese
		{"杭州市教育局（盖章)", true},      // a full-width pair half ASCII
		{"杭州市教育局(盖章）", true},
		{"备份文件夹之外(--out is inside)", true}, // the Chinese side of a pair
		{"任务状态已变化，请刷新后重试", false},
		{"（文档 %d 份、定性描述 %d 条）", false},
		{"%s: %w", false},
		{"页码 %d，共 %d 页（1-based: 3）", false}, // a colon between Latin and a digit
		{"截止时间 10:30，地点 a(1).pdf", false},
		{"请填写如 123000、12.3万、1,234 或 85.3%%", false},
		{"--out 与 --data 不能相同", false},
		{"无法读取 %s:%v", true},                            // a verb's mark in Chinese text
		{"请安装 Debian 软件包 %s(apt-get install %s)", true}, // the pair opened right after a verb
		{"query documents of %d 文号 of %s: %w", false},   // an error's context, Latin style
		{"无法读取原件 %s: %w", true},                         // a verb's mark in a Chinese sentence, Latin spacing
		{"读取 %s 的文本 (%s): %w", true},
	} {
		if got := halfWidthMarks(tt.text) != ""; got != tt.bad {
			t.Errorf("halfWidthMarks(%q) = %q, want a mark reported: %v", tt.text, halfWidthMarks(tt.text), tt.bad)
		}
	}
}

// TestTemplateText: a template's actions are neutral marks and its
// comments nothing, so that a mark beside an action is judged by the
// text around it and the lines keep their numbers.
func TestTemplateText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{`<p>{{t .Lang "upload.hint"}}(可多选)</p>`, `<p>#(可多选)</p>`},
		{"{{/* 文号 in brackets (guess),\n   as the report's */}}<b>{{.N}}</b>", "\n<b>#</b>"},
		{`{{if eq .Lang "en"}}Skip to content{{else}}跳到正文{{end}}`, `#Skip to content#跳到正文#`},
	} {
		if got := templateText(tt.in); got != tt.want {
			t.Errorf("templateText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
