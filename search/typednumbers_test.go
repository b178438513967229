package search

import (
	"context"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
)

// typedNumberCorpus holds numbers in the forms documents write them, each
// in a sentence: a document id, its text and the number with its unit
// (the stretch whose neighbourhood is typed).
var typedNumberCorpus = []struct{ id, text, number string }{
	{"rate", "全市市民学习满意度达96.50%，较上年提高。", "96.50%"},
	{"schools", "全市建成社区学校1,260个，覆盖全部街道。", "1,260个"},
	{"trainees", "全年参训人员1 260人，全部结业。", "1 260人"},
	{"visits", "全年服务市民4.5万人次，线上线下结合。", "4.5万人次"},
	{"platform", "学分银行平台升级到3.0版本，功能更完善。", "3.0"},
	{"year", "我市于2024年开展全民学习活动。", "2024年"},
	{"budget", "培训经费占比0.5%，逐年提高。", "0.5%"},
	{"notice", "根据杭教职成〔2024〕7号文件精神。", "〔2024〕7号"},
	{"week", "我市举办第18届学习活动周。", "第18届"},
	{"cost", "人均培训成本为12.30元，低于预期。", "12.30元"},
	{"coverage", "社区学校覆盖率达100%，全面达标。", "100%"},
	// A ledger's cell as the XLSX reader writes it (0.952 shown in
	// 0.00%: extract.TestXLSXPercentCellsReadAsShown).
	{"ledger", "完成率\n指标 | 完成率\n社区教育参与率 | 95.20%\n", "95.20%"},
	{"learners", "全年参与学习市民12.30万人，同比增长。", "12.30万人"},
	{"investment", "累计投入经费3.50亿元，带动社会资金。", "3.50亿元"},
	{"services", "全年服务社区居民8.0万人次，覆盖全域。", "8.0万人次"},
	{"points", "参与率提高2.40个百分点，位居前列。", "2.40个百分点"},
	{"rise", "满意度由96.50%提高到98.20%，稳步提升。", "96.50%提高到98.20%"},
	{"list", "两项指标分别为1.00%、2.00%。", "1.00%、2.00%"},
}

// TestEveryTypedNumberIsFound is the promise that search never silently
// misses a string a document holds, for numbers: every stretch of a
// document's text around a number that holds a digit, typed as a query,
// finds the document, unless the stretch cuts a number into another
// value: it starts after a digit, or after a point or comma that follows
// one (342场 is not in 1342场, 260个 not in 1,260个), or ends before a
// digit, or before a point or comma and a digit, other than a decimal's
// trailing zeros (96 is not 96.5, while 96.5 is 96.50 and 96 is 96.00),
// or it cuts a count's unit from a longer one (4.5万人 is not 4.5万人次).
// Each hit's fragment marks what was found (96.5 marks 96.50 whole).
// Before index format 29, 96.5 and 95.2 missed 96.50% and 95.20%; before
// 30, 96.5%, 12.3万人 and 3.5亿元 missed 96.50%, 12.30万人 and 3.50亿元.
func TestEveryTypedNumberIsFound(t *testing.T) {
	search := typedNumberSearch(t)
	searched := 0
	for _, d := range typedNumberCorpus {
		typed, _ := typedStretches(d.text, d.number)
		for _, q := range append(typed, withoutTrailingZeros(typed)...) {
			searched++
			res := search(q)
			i := slices.IndexFunc(res.Hits, func(h Hit) bool { return h.ID == d.id })
			if i < 0 {
				t.Errorf("search %q: %s (%q) not found", q, d.id, d.text)
				continue
			}
			if h := res.Hits[i]; len(h.Fragments) == 0 || !strings.Contains(h.Fragments[0].HTML, "<mark>") {
				t.Errorf("search %q: %s found with nothing marked (%+v)", q, d.id, h.Fragments)
			}
		}
	}
	if searched < 200 {
		t.Fatalf("searched %d stretches: the corpus's numbers are not being typed", searched)
	}
}

// otherValues are numbers of texts, each with queries of another value
// that its digits hold, with or without its unit, less trailing zeros or
// not: the index joins a value to its unit across trailing zeros only
// (96.5% finds 96.50%, not 196.50% nor 96.51%), and a year and October
// or a clause's tenth has none (2024.10, 第3.10条).
var otherValues = []struct {
	id, text string
	queries  []string
}{
	{"rate196", "家庭教育指导完成率196.50%，超额完成。", []string{"96.5%", "96.5%，", "96.50%", "6.5%"}},
	{"rate9651", "老年教育参与率为96.51%，稳步提升。", []string{"96.5%", "96.5%，稳", "6.51%"}},
	{"learners112", "全年参与学习市民112.30万人，同比增长。", []string{"12.3万", "12.3万人", "12.30万人"}},
	{"trillion", "社区教育经费投入12.30万亿元的说法有误。", []string{"12.3万", "12.3万元"}},
	{"october", "实施时间为2024.10月起，分三个阶段推进。", []string{"2024.1", "2024.1月", "2024.1月起"}},
	{"clause", "依据办法第3.10条规定执行。", []string{"3.1", "3.1条", "第3.1条", "第3.1"}},
	{"rise9821", "满意度由96.50%提高到98.21%，稳步提升。", []string{"96.5%提高到98.2%", "6.5%提高到98.2%"}},
	{"list12", "两项指标分别为1.00%、12.00%。", []string{"1%、2%", "1%、2.0%"}},
}

// TestNoTypedNumberIsCutFromAnother is the other side of the rule: a
// stretch that cuts a number of the text into another value, typed with
// more than digits (6.50%, 260个, 24年, 5% of 0.5%, 达96 of 达96.50%),
// does not find the document, nor does another value typed with the
// text's unit (otherValues). A bare number finds more (96 and 50 find
// 96.50%, as 15 finds 1.15万: TestAHitFoundByDigitsInsideANumberIsMarked).
func TestNoTypedNumberIsCutFromAnother(t *testing.T) {
	search := typedNumberSearch(t)
	for _, d := range otherValues {
		for _, q := range d.queries {
			if res := search(q); slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == d.id }) {
				t.Errorf("search %q: found %s (%q), another value", q, d.id, d.text)
			}
		}
	}
	searched := 0
	for _, d := range typedNumberCorpus {
		_, cut := typedStretches(d.text, d.number)
		for _, q := range cut {
			if strings.Trim(q, "0123456789.,") == "" {
				continue // a bare number
			}
			searched++
			if res := search(q); slices.ContainsFunc(res.Hits, func(h Hit) bool { return h.ID == d.id }) {
				t.Errorf("search %q: found %s (%q), whose number it cuts", q, d.id, d.text)
			}
		}
	}
	if searched < 100 {
		t.Fatalf("searched %d cut stretches: the corpus's numbers are not being cut", searched)
	}
}

// typedNumberSearch indexes typedNumberCorpus and otherValues and returns
// a search of them by an admin.
func typedNumberSearch(t *testing.T) func(q string) *Result {
	ctx := context.Background()
	cat, idx := openStores(t)
	svc := NewService(idx, cat)
	for _, d := range typedNumberCorpus {
		storeTexts(t, cat, idx, map[string]string{d.id: d.text}, "材料", catalog.DocWorkSummary)
	}
	for _, d := range otherValues {
		storeTexts(t, cat, idx, map[string]string{d.id: d.text}, "材料", catalog.DocWorkSummary)
	}
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	return func(q string) *Result {
		t.Helper()
		res, err := svc.Search(ctx, Request{Query: q, User: admin, Size: 50})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		return res
	}
}

// typedStretches are the stretches of text a person may type to find
// number: those holding a digit within three characters either side of
// it, without whitespace at their ends nor a word of marks alone. typed
// are those that cut no number into another value nor a count's unit
// from a longer one (TestEveryTypedNumberIsFound), cut those that cut a
// number.
func typedStretches(text, number string) (typed, cut []string) {
	rs := []rune(text)
	at := len([]rune(text[:strings.Index(text, number)]))
	from, to := max(0, at-3), min(len(rs), at+len([]rune(number))+3)
	for i := from; i < to; i++ {
		for j := i + 1; j <= to; j++ {
			s := rs[i:j]
			if !slices.ContainsFunc(s, unicode.IsDigit) || unicode.IsSpace(s[0]) || unicode.IsSpace(s[len(s)-1]) {
				continue
			}
			if slices.ContainsFunc(strings.Fields(string(s)), onlyMarks) {
				continue // the search says it has nothing to search (“|”)
			}
			switch {
			case cutsNumber(rs, i, j):
				cut = append(cut, string(s))
			case rs[j-1] == '人' && j < len(rs) && rs[j] == '次':
			default:
				typed = append(typed, string(s))
			}
		}
	}
	return typed, cut
}

// cutsNumber reports whether the stretch rs[i:j] starts or ends inside a
// number of rs where it reads as another value.
func cutsNumber(rs []rune, i, j int) bool {
	digit := func(k int) bool { return k >= 0 && k < len(rs) && '0' <= rs[k] && rs[k] <= '9' }
	sep := func(k int) bool { return k >= 0 && k < len(rs) && (rs[k] == '.' || rs[k] == ',') }
	first := slices.IndexFunc(rs[i:j], unicode.IsDigit) + i
	if digit(first-1) || sep(first-1) && digit(first-2) {
		return true
	}
	last := j - 1
	for !digit(last) {
		last--
	}
	if !digit(last+1) && !(sep(last+1) && digit(last+2)) {
		return false
	}
	// Only a decimal's zeros follow, with its point when last ends the
	// integer: 96.5 of 96.50, 96 of 96.00.
	k := last + 1
	point := rs[k] == '.'
	if point {
		k++
	}
	zeros := k
	for digit(k) && rs[k] == '0' {
		k++
	}
	if k == zeros || digit(k) || sep(k) && digit(k+1) {
		return true
	}
	points := 0
	for k := last; digit(k) || sep(k) && digit(k-1); k-- {
		if rs[k] == '.' {
			points++
		}
	}
	if point {
		return points != 0
	}
	return points != 1
}

// withoutTrailingZeros are the stretches of typed that write a decimal's
// trailing zeros before something more, less those zeros (达96.5%，较 of
// 达96.50%，较, 3.5亿 of 3.50亿, 8万人次 of 8.0万人次): the same value
// typed as people write it.
func withoutTrailingZeros(typed []string) []string {
	var out []string
	for _, q := range typed {
		rs := []rune(q)
		var all []rune // every decimal's zeros left out at once
		from := 0
		for i := 0; i < len(rs); i++ {
			if rs[i] != '.' || i == 0 || !unicode.IsDigit(rs[i-1]) {
				continue
			}
			j := i + 1
			for j < len(rs) && unicode.IsDigit(rs[j]) {
				j++
			}
			digits := strings.TrimRight(string(rs[i+1:j]), "0")
			if j == len(rs) || len(digits) == j-i-1 {
				continue // no zeros, or nothing after them
			}
			short := string(rs[:i])
			if digits != "" {
				short += "." + digits
			}
			out = append(out, short+string(rs[j:]))
			all = append(append(all, rs[from:i]...), []rune(strings.TrimSuffix("."+digits, "."))...)
			from = j
		}
		if all = append(all, rs[from:]...); from > 0 && !slices.Contains(out, string(all)) {
			out = append(out, string(all))
		}
	}
	return out
}
