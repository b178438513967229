package values

import (
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
// the warning that the quote writes 约数. The words are read by
// numread (QualifierBefore, QualifierAfter), as the index reads them.

// qualified is n, read from rs starting at start (before any sign or
// 百分之), as the rough number a qualifier before or after it makes it
// (超过10万, 近10万, 3000人以上); n as it is when none does or it is rough
// already (十多万).
func qualified(rs []rune, n Number, start int) Number {
	if n.Approx {
		return n
	}
	kind, from := numread.QualifierBefore(rs, start, n.end)
	phraseEnd, attached := 0, false
	if kind == 0 {
		kind, phraseEnd, attached = numread.QualifierAfter(rs, n.end, n.Percent, passageUnitEnd)
	}
	if kind == 0 {
		return n
	}
	figure := n.Value
	place := numread.LastPlace(figure)
	n.Approx = true
	switch kind {
	case numread.QualifierAbove:
		n.Exclusive, n.Upper = true, figure+place
	case numread.QualifierAtLeast:
		n.Upper = figure + place
	case numread.QualifierNearly:
		n.Nearly, n.Value, n.Upper = true, figure-place/2, figure
	case numread.QualifierAbout:
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

// passageUnitEnd is where the unit or measure word that a passage writes
// at rs[j] ends (3000人左右, 三百所以上: unitAfter, measureWords), j when
// there is none: the unit a qualifier after a figure may follow
// (numread.QualifierAfter).
func passageUnitEnd(rs []rune, j int) int {
	if u := unitAfter(rs, Number{end: j}); u != "" && hasPrefix(rs, j, u) {
		return j + len([]rune(u))
	}
	for _, m := range measureWords {
		if hasPrefix(rs, j, m) {
			return j + len([]rune(m))
		}
	}
	return j
}
