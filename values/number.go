package values

import (
	"math"
	"strconv"
	"strings"
	"unicode"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/cnnum"
	"github.com/lcmonitor/evidence/internal/numread"
	"golang.org/x/text/width"
)

// Number is one number written in a text, with the percent sign or
// 百分之 that went with it.
type Number struct {
	Value   float64
	Percent bool
	// Approx says the text writes a number only roughly (十多万, 一万多,
	// 三十余, 二十几万, 上万, 百分之三十多, 近三成): Value is the least it
	// may be and Upper the first it may not reach (+Inf for 上万: no bound
	// written), so that a value between them is consistent with it (12万
	// with 十多万, not 9万 nor 25万). Exclusive says Value itself is not
	// reached: 300多 is more than 300.
	Approx    bool
	Exclusive bool
	Upper     float64
	Text      string // as written, after width folding
	// Spaced is the run of digits parted by single spaces this number
	// was read in (1 200人), when it was. Stored text cannot tell a space
	// grouping thousands from one between two cells of a table row
	// (extract.Normalize makes both one space), so the run is read both
	// ways: joined (Joined: 1200) and each group alone (1 and 200). A
	// value found in either reading is to be checked (SpacedNote).
	Spaced string
	Joined bool
	// Nearly says Upper is the figure the text names and does not reach
	// (近10万: under 10万; 近三成), as Exclusive says of Value (突破10万,
	// 5000余): either way the figure written is the rough number's bound,
	// no exact value (RoughBound).
	Nearly bool
	// Phrase is how the text writes the rough number when a qualifier
	// follows the number's unit (3000人以上, 10万人左右), which Text, the
	// number, leaves out; "" for any other number (Shown).
	Phrase string
	end    int // where it ends in the folded text, in runes
}

// Shown is the number as the text writes it with the words that make it
// rough (突破10万, 3000人以上): what a reviewer is shown.
func (n Number) Shown() string {
	if n.Phrase != "" {
		return n.Phrase
	}
	return n.Text
}

// ParseNumber reads a number as people type one in a ledger or a form:
// "123000", "12.3万", "1,234", "１２３", "1.2亿", "百分之十二", "85.3%",
// "一百二十", "-2.3%", "负百分之三". It is EINVALID when s holds anything
// but one number, or a rough one (十多万, 一百多个: Number.Approx).
func ParseNumber(s string) (Number, error) {
	f := fold(strings.TrimSpace(s))
	var nums []Number
	for _, n := range findNumbers(f) {
		// Typed, 12 000 is 12000: its groups alone are no reading.
		if n.Spaced == "" || n.Joined {
			nums = append(nums, n)
		}
	}
	// A rough number, alone or with its unit (一百多个), is said to be one.
	if len(nums) > 0 && nums[0].Approx && strings.HasPrefix(f, nums[0].Text) {
		return Number{}, catalog.Errorf(catalog.EINVALID, "%q 是约数；请填写确切的数值，如 123000 或 12.3万", s)
	}
	if len(nums) != 1 || strings.ReplaceAll(nums[0].Text, " ", "") != strings.ReplaceAll(f, " ", "") {
		return Number{}, catalog.Errorf(catalog.EINVALID, "无法识别数值 %q；请填写如 123000、12.3万、1,234 或 85.3%%", s)
	}
	if nums[0].Value == 0 {
		nums[0].Value = 0 // -0 is 0: math.Signbit would tell them apart
	}
	return nums[0], nil
}

// FindNumbers returns every number written in text, in order.
func FindNumbers(text string) []Number { return findNumbers(fold(text)) }

// Contains reports whether text writes v in any usual form: the same
// number, or the same number scaled by 万 or 亿 as written.
func Contains(text string, v float64) bool {
	for _, n := range FindNumbers(text) {
		if same(n.Value, v) {
			return true
		}
	}
	return false
}

func same(a, b float64) bool {
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// fold maps full-width digits, signs and spaces to half-width, so
// １２３，４５６．７ reads as 123,456.7. (Stored text has its spaces made
// one already, extract.Normalize: this folds a typed quote or value.)
func fold(s string) string { return width.Fold.String(s) }

// Chinese numerals: the common digits, the financial ones (壹 to 玖, 拾
// 佰 仟, as on a receipt) and the traditional forms a passage may keep
// (兩, 萬, 億), as internal/cnnum reads them.
func isDigit(r rune) bool { return r >= '0' && r <= '9' }
func isHan(r rune) bool   { return unicode.Is(unicode.Han, r) }
func isCNDigit(r rune) bool {
	_, ok := cnnum.Digit(r)
	return ok
}
func isCNNum(r rune) bool { return cnnum.IsNumeral(r) || r == '点' }

// findNumbers scans folded text for Arabic numbers (with thousands
// separators, decimals and 万/亿/千 multipliers) and Chinese numerals.
func findNumbers(s string) []Number { return scanNumbers(s, false) }

// scanNumbers is findNumbers; loose reads every run of Chinese numerals
// that has a value, whether it stands as a number or not (standsAsNumber),
// as they were read before that: a value recorded then was found so.
func scanNumbers(s string, loose bool) []Number {
	rs := []rune(s)
	var out []Number
	// A run of digits parted by spaces (1 200人) is read joined, then
	// again group by group up to runEnd, each group marked with run.
	runEnd, run := 0, ""
	for i := 0; i < len(rs); {
		percent := false
		start := i
		// A minus or 负 before a number makes it negative (a growth rate
		// that fell); a hyphen after a digit joins a range (2016-2020).
		negative := false
		switch {
		case (rs[i] == '-' || rs[i] == '\u2212') && i+1 < len(rs) && (isDigit(rs[i+1]) || hasPrefix(rs, i+1, "百分之")) && (i == 0 || !isDigit(rs[i-1]) && !unicode.IsLetter(rs[i-1]) || isHan(rs[i-1])):
			negative = true
			i++
		case rs[i] == '负' && i+1 < len(rs) && (isDigit(rs[i+1]) || isCNNum(rs[i+1]) && rs[i+1] != '点' || hasPrefix(rs, i+1, "百分之")):
			negative = true
			i++
		}
		if hasPrefix(rs, i, "百分之") {
			percent = true
			i += 3
		}
		if n, end, ok := roundNumber(rs, i); ok && !negative && !percent {
			out = append(out, n)
			i = end
			continue
		}
		if n, end, ok := vague(rs, i); ok && !negative && !percent {
			out = append(out, n)
			i = end
			continue
		}
		if n, end, ok := tenths(rs, i); ok && !negative && !percent {
			if !n.Approx {
				n = qualified(rs, n, start) // 约三成, 三成以上
			}
			out = append(out, n)
			i = end
			continue
		}
		var n Number
		var end int
		var ok bool
		at := i
		switch {
		case i < len(rs) && isDigit(rs[i]):
			n, end, ok = arabic(rs, i, i >= runEnd)
			if ok && i < runEnd {
				n.Spaced = run
			}
		case i < len(rs) && isCNNum(rs[i]) && rs[i] != '点':
			n, end, ok = chinese(rs, i, percent, start == 0, loose)
		}
		if !ok {
			// A run of numerals that is a word or a vague quantity
			// (十分重视, 数十万) is passed over whole, not read again from
			// its second numeral; one that reads as no number (三四十)
			// is, for the number inside it (四十).
			i = max(end, start+1)
			continue
		}
		n = signed(rs, n, start, end, percent, negative)
		if !loose && !negative {
			// 近10万, 突破10万, 3000人以上: a figure bounded or
			// approximated by the words around it is a rough number.
			n = qualified(rs, n, start)
		}
		out = append(out, n)
		i = n.end
		if n.Joined {
			// Read again from its first group (and the sign before it).
			runEnd, run, i = at+len([]rune(n.Spaced)), n.Spaced, start
		}
	}
	return out
}

// signed is n, read from rs[start:end], as the text writes it: rough
// (approximate) unless negative, with 多 or 余 before or after its per
// cent sign (30多%, 30%多, 百分之三十多), a per cent (or per mille) sign
// after it, the minus before it, its text and where it ends.
func signed(rs []rune, n Number, start, end int, percent, negative bool) Number {
	// 百分之三十多 is rough, 百分之三十多数是老年人 is 30% (most of whom…),
	// as for 30%多 (numread.RoughAfterSign).
	if !negative && !(percent && end < len(rs) && rs[end] != '几' && !numread.RoughAfterSign(rs, end)) {
		exact, exactEnd := n, end
		n, end = approximate(rs, exact, exactEnd, percent)
		if n.Approx && !percent && end < len(rs) && (rs[end] == '%' || rs[end] == '‰') {
			n, end = approximate(rs, exact, exactEnd, true) // 30多%
		}
	}
	if end+1 < len(rs) && rs[end] == ' ' && rs[end+1] == '%' && !percent {
		end++ // OCR's 95 %
	}
	if end < len(rs) && (rs[end] == '%' || rs[end] == '‰') && !percent {
		mille := rs[end] == '‰'
		percent = true
		end++
		if !n.Approx && !negative && numread.RoughAfterSign(rs, end) {
			n, end = approximate(rs, n, end, true)
		}
		if mille {
			n.Value /= 10
			n.Upper /= 10
		}
	}
	n.Percent = percent
	if negative {
		n.Value = -n.Value
	}
	n.Text = string(rs[start:end])
	n.end = end
	return n
}

func hasPrefix(rs []rune, i int, p string) bool {
	return strings.HasPrefix(string(rs[i:min(len(rs), i+len([]rune(p)))]), p)
}

// arabic reads 1,234.5, 12.3万, 1万2千 or, when spaced, 1 200人 or 87 . 6
// (joined, Number.Joined) from rs[i:].
func arabic(rs []rune, i int, spaced bool) (Number, int, bool) {
	digits, j := "", i
	if spaced {
		digits, j = numread.SpacedDigits(rs, i, measureAt)
		if digits == "" {
			// 87 . 6%: OCR's spaces around a decimal point, in a text
			// read before OCR's text came to be joined so.
			digits, j = numread.SpacedPoint(rs, i)
		}
	}
	var joined string
	if digits != "" {
		joined = string(rs[i:j])
	} else {
		digits, j = arabicDigits(rs, i)
	}
	if j+1 < len(rs) && rs[j] == '\n' && cnnum.BigUnit(rs[j+1]) != 0 {
		j++ // 3.2\n万: a PDF wrapped the line before its 万
	}
	// The multipliers shift the decimal point rather than multiply, so
	// that 1.1亿 is 110000000, not 110000000.00000001.
	exp, j := numread.MultipliersAt(rs, j)
	v, err := strconv.ParseFloat(digits+"e"+strconv.Itoa(exp), 64)
	if err != nil || digits == "" {
		return Number{}, 0, false
	}
	// 1万2千, 3亿5千万: a count written half in Chinese numerals, each
	// further section in Arabic digits with a multiplier smaller than the
	// one before it. A section without one (1万2) is a number of its own.
	for exp > 0 && !strings.Contains(digits, ".") {
		k := j
		for k < len(rs) && isDigit(rs[k]) {
			k++
		}
		e, end := numread.MultipliersAt(rs, k)
		if k == j || e == 0 || e >= exp {
			break
		}
		sec, err := strconv.ParseFloat(string(rs[j:k])+"e"+strconv.Itoa(e), 64)
		if err != nil {
			break
		}
		v, exp, j = v+sec, e, end
	}
	return Number{Value: v, Spaced: joined, Joined: joined != ""}, j, true
}

// arabicDigits reads 1,234.5 from rs[i:]: its digits and decimal point,
// without the commas between groups of three, and where it ends.
func arabicDigits(rs []rune, i int) (string, int) {
	var b strings.Builder
	j := i
	for j < len(rs) {
		r := rs[j]
		switch {
		case isDigit(r):
			b.WriteRune(r)
		case r == ',' && numread.GroupOfThree(rs, j+1) && !strings.Contains(b.String(), "."):
		case r == '.' && j+1 < len(rs) && isDigit(rs[j+1]) && !strings.Contains(b.String(), "."):
			b.WriteRune(r)
		default:
			return b.String(), j
		}
		j++
	}
	return b.String(), j
}

// chinese reads a Chinese numeral from rs[i:]: 一百二十三, 十二, 一万二千,
// 三点五, 二〇一八 (digit by digit), 1.2亿's Chinese cousin 一点二亿. It
// reads only numerals that stand as a number (standsAsNumber); percent
// says 百分之 came before them (百分之百 is 100), whole that the text may
// be the number alone (a ledger's cell: 十二), loose that any numerals
// with a value are read. When the numerals are a
// word or a vague quantity it returns false with where they end.
func chinese(rs []rune, i int, percent, whole, loose bool) (Number, int, bool) {
	j := i
	for j < len(rs) && isCNNum(rs[j]) {
		if rs[j] == '点' && (j+1 >= len(rs) || !isCNDigit(rs[j+1])) {
			break
		}
		j++
	}
	// Financial numerals make a number only written wholly so (壹万贰仟):
	// one next to common numerals is part of a word (队伍十二支, 登陆十万次),
	// so the number starts after it and ends before the next one.
	if cnnum.LastFinancial(rs[i:j]) >= 0 {
		if cnnum.IsFinancial(rs[i]) {
			return Number{}, 0, false
		}
		for k := i; k < j; k++ {
			if cnnum.IsFinancial(rs[k]) {
				j = k
				break
			}
		}
	}
	word := rs[i:j]
	if percent && string(word) == "百" {
		return Number{Value: 100}, j, true // 百分之百
	}
	// A lone multiplier (百, 千, 万) is a word, not a number, and so is a
	// lone financial digit (陆续, 肆意).
	if len(word) == 1 && (!isCNDigit(word[0]) && word[0] != '十' || cnnum.IsFinancial(word[0])) {
		return Number{}, 0, false
	}
	v, ok := cnValue(word)
	if !ok {
		return Number{}, 0, false
	}
	if !percent && !loose && !(whole && j == len(rs)) && !standsAsNumber(rs, i, j) {
		return Number{}, j, false
	}
	return Number{Value: v}, j, true
}

// standsAsNumber reports whether the Chinese numerals rs[i:j] are a
// number in the sentence rather than part of a word or a vague quantity:
// numerals followed by a measure word or unit (三十五所, 一万二千人,
// 六个, 十二万人次, 三十余所, 十几个) are one, and so are those heading a
// rough number (十多万市民, 达十多万。: roughAt), and a full numeral (three
// or more digits written one by one, or digits with a multiplier) at the
// end of a clause (学员达一万二千。) or with 万 or 亿 before a noun
// (十万市民); one with a multiplier (三千, 十三) is one whatever follows
// it but 大 (十八大). Not a number: 十分重视, 一定, 统一, 万一, 一些, 一线 (no
// measure word after them), a lone digit heading a list (一、), an
// ordinal (第三届), 上一轮 and 每一个, two digits one by one (三五成群, 八九
// 个: three or five), and 数十万, 几百 (some tens of thousands; the 数 of
// 人数十万 is a count's).
func standsAsNumber(rs []rune, i, j int) bool {
	word := rs[i:j]
	var before rune
	if i > 0 {
		before = rs[i-1]
	}
	multipliers, digits := 0, 0
	for _, r := range word {
		if numread.Multiplier(r) != 0 {
			multipliers++
		} else if isCNDigit(r) {
			digits++
		}
	}
	switch {
	case before == '第':
		return false
	case (before == '几' || before == '数' && !numread.CountNoun(rs, i-2)) && digits == 0:
		return false
	case string(word) == "一" && (strings.ContainsRune("上下每同另其逐统唯", before) || !countedOne(rs, before, j)):
		return false
	case multipliers == 0 && len(word) == 2:
		return false
	}
	if measureAt(rs, j) || roughAt(rs, j) {
		return true
	}
	if len(word) == 1 {
		return false
	}
	// A full numeral with a multiplier (三千, 二百, 十三) is a number
	// whatever follows it (学习卡三千张, 三百社区学校), but for a party
	// congress (十八大).
	if digits > 0 && multipliers > 0 && !(j < len(rs) && rs[j] == '大') {
		return true
	}
	if j == len(rs) || !isHan(rs[j]) || hasPrefix(rs, j, "以上") || hasPrefix(rs, j, "以下") || hasPrefix(rs, j, "左右") {
		return true
	}
	return strings.ContainsAny(string(word), "万亿萬億")
}

// oneWords are the words a lone 一 heads that count nothing: 一部分 (a
// part), 一方面 (on one hand).
var oneWords = []string{"部分", "方面"}

// plainNouns are the nouns that make 一 and a measure word before them
// a description, not a count (作为一项重要工作, 一项长期任务, 一件大事, 一个
// 重要抓手, 一个方面, 一份力量): 获批一项国家级课题 counts one.
var plainNouns = []string{"工作", "任务", "大事", "重要", "重点", "举措", "措施", "抓手", "途径", "方式", "长期", "系统工程", "民生工程", "重大", "方面", "力量"}

// countedOne reports whether a lone 一 before rs[j] counts one: not
// after 为 or 是 (作为一项…, 是一个…: it says what a thing is), not
// heading a word of oneWords, nor with a measure word before a noun of
// plainNouns.
func countedOne(rs []rune, before rune, j int) bool {
	if before == '为' || before == '是' {
		return false
	}
	for _, w := range oneWords {
		if hasPrefix(rs, j, w) {
			return false
		}
	}
	if j+1 < len(rs) {
		for _, w := range plainNouns {
			if hasPrefix(rs, j+1, w) || hasPrefix(rs, j+2, w) && rs[j+1] == '个' {
				return false
			}
		}
	}
	return true
}

// measureWords are the measure words a count may be written with that
// are no unit passageUnits knows (a unit's family is for 单位不符 only).
var measureWords = []string{"户", "条", "件", "份", "篇", "部", "套", "堂", "班", "周", "学分", "批", "张", "台", "组", "讲", "集", "队", "首"}

// roughAt reports whether the numerals ending at rs[j] head a rough
// number that ends with a 万 or 亿 or a clause (十多万市民, 达十多万。,
// 十几万人次, 三十余): a 多, 余 or 几 (after a multiplier: 十几) followed
// by one of those.
func roughAt(rs []rune, j int) bool {
	if j >= len(rs) || !strings.ContainsRune("多余几", rs[j]) || rs[j] == '几' && (j == 0 || numread.Multiplier(rs[j-1]) == 0) {
		return false
	}
	return j+1 == len(rs) || cnnum.BigUnit(rs[j+1]) != 0 || unicode.IsPunct(rs[j+1]) || unicode.IsSpace(rs[j+1])
}

// measureAt reports whether rs[j:] starts with a unit or measure word
// (人, 所, 万人次, 学分), after any space, 多 or 余 (三十多所), or 几 after a
// multiplier (十几个).
func measureAt(rs []rune, j int) bool {
	if j < len(rs) && rs[j] == '几' && j > 0 && numread.Multiplier(rs[j-1]) != 0 {
		j++
	}
	if unitAfter(rs, Number{end: j}) != "" {
		return true
	}
	for j < len(rs) && (unicode.IsSpace(rs[j]) || rs[j] == '多' || rs[j] == '余') {
		j++
	}
	for _, m := range measureWords {
		if hasPrefix(rs, j, m) {
			return true
		}
	}
	return false
}

// cnValue is the value of a run of Chinese numerals: digit by digit in
// common numerals (二〇二四), else as cnnum reads it (一万二千, 三点五,
// 壹万贰仟), with a leading 百 or 千 read as 一百, 一千 (百万, 千万).
func cnValue(w []rune) (float64, bool) {
	if len(w) == 0 {
		return 0, false
	}
	// Digit by digit only in common numerals: 陆陆续续 is no 66.
	positional := true
	for _, r := range w {
		if !isCNDigit(r) || cnnum.IsFinancial(r) {
			positional = false
		}
	}
	if positional {
		v := 0.0
		for _, r := range w {
			d, _ := cnnum.Digit(r)
			v = v*10 + float64(d)
		}
		return v, true
	}
	if m := cnnum.SmallUnit(w[0]); m == 100 || m == 1000 {
		w = append([]rune{'一'}, w...)
	}
	v, ok := cnnum.Value(w)
	if !ok {
		return 0, false
	}
	f, _ := v.Float64()
	return f, true
}
