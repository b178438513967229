package fields

import (
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// anchoredAlphabet is what dates and 文号 are made of, and what lies
// around them, so random strings hold many near misses: years one digit
// short, brackets without a year, 年 without a month.
var anchoredAlphabet = []string{
	"0", "1", "2", "9", "19", "20", "2018", "二〇一八", "〇", "○", "O", "十", "三", "第",
	"年", "月", "日", "号", "〔", "〕", "[", "]", "【", "】", "(", ")", "﹝", "﹞", "〖", "〗",
	"杭", "政", "办", "发", "教", "职成", "文件", "学分银行", "𠀀", " ", "\n", "。", "a", "\xff",
	"5", "%", "所", "2023〕", "125", "12", ".", ",", "」", "|", "J", "l",
}

func randomAnchoredText(r *rand.Rand) string {
	var b strings.Builder
	for range r.IntN(60) {
		b.WriteString(anchoredAlphabet[r.IntN(len(anchoredAlphabet))])
	}
	return b.String()
}

// checkAnchored fails t when matching around the anchors gives anything
// else than the regexps over the whole of s.
func checkAnchored(t *testing.T, s string) {
	t.Helper()
	for _, a := range []anchored{dates, docNumbers, misreadNumbers, noisyNumbers} {
		want := a.re.FindAllStringSubmatchIndex(s, -1)
		if got := a.findAll(s); !reflect.DeepEqual(got, want) {
			t.Fatalf("%s in %q: around the anchors %v, the whole text %v", a.re, s, got, want)
		}
		if got, want := a.match(s), a.re.MatchString(s); got != want {
			t.Fatalf("%s matches %q: around the anchors %v, the whole text %v", a.re, s, got, want)
		}
	}
	want := -1
	if m := monthAtEnd.FindStringIndex(s); m != nil {
		want = m[0]
	}
	if got := monthClosing(s); got != want {
		t.Fatalf("year and month closing %q: at %d on the end only, %d over the whole text", s, got, want)
	}
}

func TestAnchoredMatchesTheRegexpOverTheWholeText(t *testing.T) {
	for _, s := range []string{
		"", "2018年3月12日", "二〇一八年三月十二日二〇一九年十二月三十一日", "2018年2019年3月1日", "杭州市教育局\n2019年1月 \n",
		"杭政办发〔2018〕12号〔2019〕3号", "号文件杭教发〔2019〕3号", strings.Repeat("杭", 30) + "〔2018〕5号",
		"甬政发[2015]58号(2016)7号", "〔〔2018〕〕5号", "年月日", "2018年13月40日",
		"教发〔2023〕125", "教发2023〕12号", "湖政办发【2023] 12%", "(2023)12所(2024)3", "2023〕2024〕5",
		"甬教终.2024]7号", "甬教终,2024」7号2024|8号", "甬教终2024〗7号J2024J3号",
	} {
		checkAnchored(t, s)
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		checkAnchored(t, randomAnchoredText(r))
	}
	// And the real documents the fields are read from, as prepared.
	files, _ := filepath.Glob(filepath.Join("testdata", "*", "*.txt"))
	more, _ := filepath.Glob(filepath.Join("testdata", "*.txt"))
	files = append(files, more...)
	if len(files) == 0 {
		t.Fatal("no text in testdata")
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		checkAnchored(t, string(b))
		checkAnchored(t, prepare(string(b)))
	}
}

func FuzzAnchoredMatchesTheRegexp(f *testing.F) {
	for _, s := range []string{"2018年3月12日", "杭政办发〔2018〕12号", "杭州市教育局 2019年1月\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkAnchored(t, s) })
}
