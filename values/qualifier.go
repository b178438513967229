package values

import (
	"strings"

	"github.com/lcmonitor/evidence/internal/numread"
)

// A figure with a word that bounds or approximates it is no exact value
// (README, 约数): the word says which side of the figure the number lies
// and whether the figure itself is in it, and the figure's last place
// (numread.LastPlace: 100000 for 10万, 100 for 1200) how far:
//
//	超过, 超, 突破, 逾 10万      more than 10万, under 20万 (as 10万多)
//	不少于, 不低于, 至少 10万    10万 up to but not 20万
//	10万以上, 3000人以上        10万 up to but not 20万
//	近, 将近, 接近 10万          5万 up to but not 10万 (as 近三成 is 25% to 30%)
//	约, 大约 10万, 10万人左右    5万 up to but not 15万
//
// 余 and 多 after a figure are read by approximate. The figure a word
// bounds without reaching it (突破10万, 近10万) is the rough number's bound
// (RoughBound): a value typed as it is not found, and said to be written
// roughly; one a word reaches (10万以上, 约10万) is within it, found with
// the warning that the quote writes 约数.
type qualifierKind int

const (
	above   qualifierKind = iota + 1 // more than the figure
	atLeast                          // the figure or more
	nearly                           // under the figure, close to it
	about                            // around the figure, either side
)

// qualifiersBefore are the words before a figure that make it rough,
// longest first so that 不少于 is not read as 少于.
var qualifiersBefore = []struct {
	word string
	kind qualifierKind
}{
	{"不少于", atLeast}, {"不低于", atLeast}, {"至少", atLeast},
	{"超过", above}, {"突破", above}, {"逾", above}, {"超", above},
	{"大约", about}, {"约", about},
}

// qualifiersAfter are the words after a figure, or after its unit, that
// make it rough.
var qualifiersAfter = []struct {
	word string
	kind qualifierKind
}{{"以上", atLeast}, {"左右", about}}

// notAbout are the characters that make a word with the 约 after them
// (节约, 签约, 制约, 特约, 邀约, 预约, 相约, 履约, 违约, 公约, 条约, 合约, 契约,
// 婚约, 简约, 践约, 失约, 赴约, 守约): 节约10万元 saved 10万元 exactly.
const notAbout = "节签制特邀预相履违公条合契婚简践失赴守"

// qualified is n, read from rs starting at start (before any sign or
// 百分之), as the rough number a qualifier before or after it makes it
// (超过10万, 近10万, 3000人以上); n as it is when none does or it is rough
// already (十多万).
func qualified(rs []rune, n Number, start int) Number {
	if n.Approx {
		return n
	}
	kind, from := qualifierBefore(rs, n, start)
	phraseEnd, attached := 0, false
	if kind == 0 {
		kind, phraseEnd, attached = qualifierAfter(rs, n)
	}
	if kind == 0 {
		return n
	}
	figure := n.Value
	place := numread.LastPlace(figure)
	n.Approx = true
	switch kind {
	case above:
		n.Exclusive, n.Upper = true, figure+place
	case atLeast:
		n.Upper = figure + place
	case nearly:
		n.Nearly, n.Value, n.Upper = true, figure-place/2, figure
	case about:
		n.Value, n.Upper = figure-place/2, figure+place/2
	}
	numberStart := n.end - len([]rune(n.Text))
	switch {
	case from < start:
		n.Text = string(rs[from:n.end])
	case attached:
		// 10万以上, 60%左右: the word right after the figure is part of
		// it, as 多 and 余 are.
		n.Text = string(rs[numberStart:phraseEnd])
		n.end = phraseEnd
	case phraseEnd > 0:
		n.Phrase = string(rs[numberStart:phraseEnd])
	}
	return n
}

// qualifierBefore is the qualifier ending at rs[start] (超过10万, 近10万)
// and where it starts; 0 and start when there is none.
func qualifierBefore(rs []rune, n Number, start int) (qualifierKind, int) {
	if numread.Nearly(rs, start, n.end) {
		from := start - 1
		if from > 0 && (rs[from-1] == '将' || rs[from-1] == '接') {
			from--
		}
		return nearly, from
	}
	for _, q := range qualifiersBefore {
		w := []rune(q.word)
		from := start - len(w)
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

// qualifierAfter is the qualifier right after n (attached: 10万以上,
// 60%左右) or after its unit or measure word (3000人左右, 三百所以上) and
// where it ends; 0 when there is none.
func qualifierAfter(rs []rune, n Number) (kind qualifierKind, end int, attached bool) {
	j := n.end
	if w := qualifierWord(rs, j); w != "" {
		return kindAfter(w), j + len([]rune(w)), true
	}
	if n.Percent {
		return 0, 0, false
	}
	for j < len(rs) && rs[j] == ' ' {
		j++
	}
	if u := unitAfter(rs, n); u != "" && hasPrefix(rs, j, u) {
		j += len([]rune(u))
	} else {
		for _, m := range measureWords {
			if hasPrefix(rs, j, m) {
				j += len([]rune(m))
				break
			}
		}
	}
	if w := qualifierWord(rs, j); w != "" && j > n.end {
		return kindAfter(w), j + len([]rune(w)), false
	}
	return 0, 0, false
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

func kindAfter(w string) qualifierKind {
	for _, q := range qualifiersAfter {
		if q.word == w {
			return q.kind
		}
	}
	return 0
}
