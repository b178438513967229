package values

import (
	"strings"

	"github.com/lcmonitor/evidence/catalog"
	"unicode"
)

// Unit families: the units a passage may write a number in that count
// the same kind of thing, so that a value in one is found written in
// another of the family (名 for 人, 所 for 个), and the scale of each
// in its family's base (万元 is 1e4 元). A unit of another family, or of
// the same at another scale, is 单位不符: the number is there, but it
// counts something else.
const (
	famPeople  = "people"
	famVisits  = "visits"
	famThings  = "things"
	famEvents  = "events"
	famPercent = "percent"
	famMoney   = "money"
	famYears   = "years"
	famAge     = "age"
	famTime    = "time"
	famBooks   = "books"
	famCourses = "courses"
	famArea    = "area"
	famLength  = "length"
	famTimes   = "times"
)

// passageUnits are the units and measure words a passage writes right
// after a number, each with its family. Anything else after a number (a
// noun, punctuation) says nothing about its unit.
var passageUnits = map[string]string{
	// 人次 counts visits, not people: one resident at ten lectures is ten
	// 人次. A statement of 几十万人 that a passage's 几十万人次 stood for
	// would claim ten times the residents reached, so the two are 单位不符
	// and the reviewer sees the passage's unit.
	"人": famPeople, "名": famPeople, "位": famPeople, "人次": famVisits,
	"个": famThings, "所": famThings, "家": famThings, "处": famThings, "座": famThings, "间": famThings,
	"支": famThings, "项": famThings, "类": famThings, "种": famThings,
	"场": famEvents, "次": famEvents, "期": famEvents, "届": famEvents, "轮": famEvents,
	"%": famPercent, "个百分点": famPercent,
	"元":  famMoney,
	"年":  famYears,
	"岁":  famAge,
	"个月": famTime, "月": famTime, "天": famTime, "日": famTime, "小时": famTime, "学时": famTime, "课时": famTime, "分钟": famTime,
	"册": famBooks, "本": famBooks, "卷": famBooks,
	"门": famCourses, "节": famCourses,
	"平方米": famArea, "亩": famArea, "公顷": famArea,
	"公里": famLength, "千米": famLength, "米": famLength,
	"倍": famTimes,
}

// longestUnit is the longest unit of passageUnits, in runes.
const longestUnit = 4

// unitFamily returns the family of a unit as an indicator or a passage
// writes it (万人次, 元/人 — counted by its numerator —, %) and its
// scale; "" when it is none the table knows.
func unitFamily(u string) (family string, scale float64) {
	u = normUnit(u)
	if num, _, ok := strings.Cut(u, "/"); ok {
		u = num
	}
	if f, ok := passageUnits[u]; ok {
		return f, 1
	}
	scale, base := splitScale(u)
	if f, ok := passageUnits[base]; ok && scale != 1 {
		return f, scale
	}
	return "", 1
}

// unitAfter returns the unit written right after n in the folded text
// rs (a space, 多 or 余 between them aside: 300多所, 12.3 万人): the
// longest unit the table knows, with any 万 or 亿 before it; "%" for a
// percentage; "" when none is written.
func unitAfter(rs []rune, n Number) string {
	if n.Percent {
		return "%"
	}
	i := n.end
	for i < len(rs) && (unicode.IsSpace(rs[i]) || rs[i] == '多' || rs[i] == '余') {
		i++
	}
	for k := min(len(rs)-i, longestUnit+1); k > 0; k-- {
		w := string(rs[i : i+k])
		if f, _ := unitFamily(w); f != "" && !strings.Contains(w, "/") {
			return w
		}
	}
	return ""
}

// perCapitaUnit reports whether an indicator's unit counts per resident
// (册/人, 元/人, 元/每人): a passage then writes the value only where it
// says so (perCapitaAt), since a total in the numerator's unit (藏书5000
// 册) is the commonest number beside it.
func perCapitaUnit(u string) bool {
	_, per, ok := strings.Cut(normUnit(u), "/")
	return ok && (per == "人" || per == "每人")
}

// perCapitaWords say that a number counts per resident when they come
// before it in its clause (人均藏书1.2册, 每百人拥有图书120册) or right
// after its unit (1.2册/人).
var perCapitaWords = []string{"人均", "每人", "每位", "每名", "每个居民", "每百人", "每千人", "每万人", "平均每"}

// clauseMarks end the clause a number's per-resident words are looked
// for in, folded (，is ,) or not.
const clauseMarks = ",.;!?\n" + "\uFF0C\u3002\uFF1B\uFF01\uFF1F\u3001"

// perCapitaAt reports whether the folded text rs says that the number n
// counts per resident: one of perCapitaWords before it in its clause, or
// /人 or 每人 right after its unit.
func perCapitaAt(rs []rune, n Number) bool {
	start := n.end - len([]rune(n.Text))
	from := start
	for from > 0 && !strings.ContainsRune(clauseMarks, rs[from-1]) {
		from--
	}
	before := string(rs[from:max(from, start)])
	for _, w := range perCapitaWords {
		if strings.Contains(before, w) {
			return true
		}
	}
	i := n.end
	for i < len(rs) && (unicode.IsSpace(rs[i]) || rs[i] == '多' || rs[i] == '余') {
		i++
	}
	i += len([]rune(unitAfter(rs, n)))
	return hasPrefix(rs, i, "/人") || hasPrefix(rs, i, "/每人") || hasPrefix(rs, i, "每人")
}

// afterRunes is how much of the page after a quote is read for the
// number's unit: the longest unit, a space and a 多 between.
const afterRunes = longestUnit + 4

// findInPassage says whether passage writes a value: number is its
// number in the indicator's unit, typed the number as typed, and unit
// the indicator's unit; after is the page's text after the passage, read
// only for the unit of a number the passage ends with. The passage writes
// the value when a number there has its magnitude (as typed, in the
// indicator's unit or counted out in its base: 12.3万, 1,234.5万人次) and
// either no unit after it that the table knows, or one of the value's
// family giving the same quantity. A rough number (十多万人, 300多所)
// writes every value from the least it may be up to the first it may not
// reach (Number.Approx): 12万 is in 十多万人, 9万 and 25万 are not. When
// every such number is written in another unit (56场 for a percentage, 85
// 万元 or 85万元 for 85 元), found is false and mismatch is the first of
// those units as the passage writes it.
func findInPassage(passage, after string, typed, number float64, unit string) (found bool, mismatch string) {
	_, found, mismatch = locateInPassage(passage, after, typed, number, unit)
	return found, mismatch
}

// locateInPassage is findInPassage with the number found: where it ends
// in the folded passage (Number.end) and as written.
func locateInPassage(passage, after string, typed, number float64, unit string) (at Number, found bool, mismatch string) {
	fam, scale := unitFamily(unit)
	perCapita := perCapitaUnit(unit)
	base := number * scale
	inPassage := len([]rune(fold(passage)))
	rs := []rune(fold(passage + after))
	matches := func(v float64) bool { return same(v, typed) || same(v, number) || same(v, base) }
	// A number read in digits parted by a space (1 200人: 1200, or 1 and
	// 200) is found only when no number read without doubt is.
	var spaced *Number
	for _, n := range findNumbers(string(rs)) {
		if n.end-len([]rune(n.Text)) >= inPassage {
			break
		}
		written := unitAfter(rs, n)
		wfam, wscale := unitFamily(written)
		if n.Percent {
			wfam, wscale = famPercent, 1
		}
		bare, multiplier := unscaled(n)
		if perCapita && wfam == fam && written != "" && !perCapitaAt(rs, n) {
			// 5000余册 cited for 册/人: the passage counts the books, not
			// the books per resident, whatever its number.
			switch {
			case mismatch != "":
			case n.Approx && n.bounds(typed, number, base, wscale) || !n.Approx && (matches(n.Value) || same(n.Value*wscale, base)):
				mismatch = written
			case multiplier != "" && matches(bare):
				mismatch = multiplier + written // 85万元 for 85 元/人
			}
			continue
		}
		switch {
		case n.Approx:
			// A rough number (十多万人) writes every value between its
			// bounds, in the unit written after it or in none.
			if !n.within(typed, 1) && !n.within(number, 1) && !n.within(base, 1) && !n.within(base, wscale) {
				continue
			}
			if written == "" || wfam == "" || fam == "" || wfam == fam && n.within(base, wscale) {
				if n.Spaced == "" {
					return n, true, ""
				}
				if spaced == nil {
					spaced = &n
				}
				continue
			}
		case matches(n.Value) || same(n.Value*wscale, base):
			if written == "" || wfam == "" || fam == "" || wfam == fam && same(n.Value*wscale, base) {
				if n.Spaced == "" {
					return n, true, ""
				}
				if spaced == nil {
					spaced = &n
				}
				continue
			}
		case multiplier != "" && matches(bare) && written != "":
			// 12.3 typed for 人 where the passage says 12.3万人.
			written = multiplier + written
		default:
			continue
		}
		if mismatch == "" {
			mismatch = written
		}
	}
	if spaced != nil {
		return *spaced, true, ""
	}
	return Number{}, false, mismatch
}

// SpacedNote is the warning a value found in digits parted by a space or
// a line break (1 200人, 1\n200人: Number.Spaced) gets: the quote may write the joined number
// or the groups side by side in a table row; the reviewer checks which.
func SpacedNote(spaced string) catalog.Words {
	if strings.Contains(spaced, ".") {
		// 87 . 6: no table parts a number at its point; OCR set the
		// spaces (numread.SpacedPoint), which the scan itself lacks.
		return catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
			"引文中的“%s”按 %s 核对：扫描件识别时在小数点旁多出了空格；请对照原件核对", spaced, strings.Join(strings.Fields(spaced), "")))
	}
	// A line break between the groups (a PDF's line wrap) is shown as a
	// space: the note is one line.
	groups := strings.Fields(spaced)
	spaced = strings.Join(groups, " ")
	zh, en := groups[0], groups[0]
	for k, g := range groups[1:] {
		sep, enSep := "、", ", "
		if k == len(groups)-2 {
			sep, enSep = "和", " and "
		}
		zh, en = zh+sep+g, en+enSep+g
	}
	return catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
		"引文中的“%s”可能是千位以空格分组的%s，也可能是表格中相邻的%s；请核对", spaced,
		strings.ReplaceAll(spaced, " ", ""), catalog.Words{Chinese: zh, English: en}))
}

// SpacedIn is the digits parted by a space (1 200) that quote writes v
// in, joined or group by group (SpacedNote), when it writes v only so;
// "" when it writes v without doubt or not at all. The report and the
// indicator page say it, as the reviewer's card does.
func SpacedIn(quote string, v *catalog.Value) string {
	n, found, _ := locateInPassage(quote, "", typedOf(v), v.Number, v.Unit)
	if !found {
		return ""
	}
	return n.Spaced
}

// unscaled is an Arabic number written with 万 or 亿 (12.3万) without
// them, and those characters; 0 and "" for any other number.
func unscaled(n Number) (float64, string) {
	t := strings.TrimRight(n.Text, "万亿千百")
	if t == n.Text || t == "" || !isDigit([]rune(t)[len([]rune(t))-1]) {
		return 0, ""
	}
	v, err := ParseNumber(t)
	if err != nil {
		return 0, ""
	}
	return v.Value, n.Text[len(t):]
}
