package numread

import "strings"

// Qualifier is the kind of word that bounds or approximates a figure
// (README, 约数): which side of the figure the number lies and whether
// the figure itself is in it. The values package reads from it the range
// a qualified figure writes; the index holds no value for one, as for
// any rough number.
//
//	超过, 超, 突破, 逾 10万      QualifierAbove: more than 10万
//	不少于, 不低于, 至少 10万    QualifierAtLeast: 10万 or more
//	10万以上, 3000人以上        QualifierAtLeast
//	近, 将近, 接近 10万          QualifierNearly: under 10万, close to it
//	约, 大约 10万, 10万人左右    QualifierAbout: around 10万, either side
type Qualifier int

// The qualifiers; 0 is none.
const (
	QualifierAbove   Qualifier = iota + 1 // more than the figure
	QualifierAtLeast                      // the figure or more
	QualifierNearly                       // under the figure, close to it
	QualifierAbout                        // around the figure, either side
)

// qualifiersBefore are the words before a figure that make it rough,
// longest first so that 不少于 is not read as 少于.
var qualifiersBefore = []struct {
	word string
	kind Qualifier
}{
	{"不少于", QualifierAtLeast}, {"不低于", QualifierAtLeast}, {"至少", QualifierAtLeast},
	{"超过", QualifierAbove}, {"突破", QualifierAbove}, {"逾", QualifierAbove}, {"超", QualifierAbove},
	{"大约", QualifierAbout}, {"约", QualifierAbout},
}

// qualifiersAfter are the words after a figure, or after its unit, that
// make it rough.
var qualifiersAfter = []struct {
	word string
	kind Qualifier
}{{"以上", QualifierAtLeast}, {"左右", QualifierAbout}}

// notAbout are the characters that make a word with the 约 after them
// (节约, 签约, 制约, 特约, 邀约, 预约, 相约, 履约, 违约, 公约, 条约, 合约, 契约,
// 婚约, 简约, 践约, 失约, 赴约, 守约): 节约10万元 saved 10万元 exactly.
const notAbout = "节签制特邀预相履违公条合契婚简践失赴守"

// QualifierBefore is the qualifier ending at rs[start], right before the
// figure rs[start:end] (start before any sign or 百分之: 超过10万, 近10万,
// 约百分之六十), and where it starts; 0 and start when there is none.
func QualifierBefore(rs []rune, start, end int) (Qualifier, int) {
	if Nearly(rs, start, end) {
		from := start - 1
		if from > 0 && (rs[from-1] == '将' || rs[from-1] == '接') {
			from--
		}
		return QualifierNearly, from
	}
	for _, q := range qualifiersBefore {
		from := start - len([]rune(q.word))
		if from < 0 || string(rs[from:start]) != q.word {
			continue
		}
		if q.word == "约" && from > 0 && strings.ContainsRune(notAbout, rs[from-1]) {
			return 0, start
		}
		return q.kind, from
	}
	return 0, start
}

// QualifierAfter is the qualifier right after the figure that ends at
// rs[end] (attached: 10万以上, 60%左右) or after its unit or measure word
// (3000人左右, 三百所以上), and where it ends; 0 when there is none. A
// percentage (percent) takes it attached only. unitEnd is where the unit
// or measure word at rs[j] ends, j when there is none there: the values
// package knows the units a passage writes, the index the measure words
// a count is written with.
func QualifierAfter(rs []rune, end int, percent bool, unitEnd func(rs []rune, j int) int) (kind Qualifier, phraseEnd int, attached bool) {
	j := end
	if w := qualifierWord(rs, j); w != "" {
		return kindAfter(w), j + len([]rune(w)), true
	}
	if percent {
		return 0, 0, false
	}
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	j = unitEnd(rs, j)
	if w := qualifierWord(rs, j); w != "" && j > end {
		return kindAfter(w), j + len([]rune(w)), false
	}
	return 0, 0, false
}

// Qualified reports whether a qualifier before or after the figure
// rs[start:end] makes it rough (QualifierBefore, QualifierAfter).
func Qualified(rs []rune, start, end int, percent bool, unitEnd func(rs []rune, j int) int) bool {
	if k, _ := QualifierBefore(rs, start, end); k != 0 {
		return true
	}
	k, _, _ := QualifierAfter(rs, end, percent, unitEnd)
	return k != 0
}

// qualifierWord is the qualifier after a figure at rs[j] (以上, 左右),
// "" when none is there.
func qualifierWord(rs []rune, j int) string {
	for _, q := range qualifiersAfter {
		if hasPrefix(rs, j, q.word) {
			return q.word
		}
	}
	return ""
}

func kindAfter(w string) Qualifier {
	for _, q := range qualifiersAfter {
		if q.word == w {
			return q.kind
		}
	}
	return 0
}
