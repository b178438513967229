package values

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest/fields"
)

// StatementNumbers is how the numbers of a claim's statement (定性描述)
// stand against the passages it cites, read as a value's number is
// against its quote (locateInPassage): each with the unit written after
// it (9.6万人, 2.5万项, 95%).
type StatementNumbers struct {
	// Missing are the numbers no cited passage writes, as the statement
	// writes them with their units.
	Missing []string
	// missingEnglish are Missing in English (englishWritten), for the
	// English warning.
	missingEnglish []string
	// Rough are the numbers a passage writes only roughly (约数): each
	// with the rough number that holds it (15个 in 十几个).
	Rough []RoughNumber
	// Spaced are the numbers a passage writes only as digits parted by a
	// space or a line break, which may be one number or a table's
	// neighbours (200人 against 1 200人: 1200, or 1 and 200): each with
	// the digits as the passage writes them, for the reviewer to check.
	Spaced []RoughNumber
}

// RoughNumber is a number of a statement and the rough number of a
// passage it is within.
type RoughNumber struct {
	Statement string `json:"statement"`
	Passage   string `json:"passage"`
}

// CheckStatement reads every number of statement with its unit and
// looks for it in the passages (a claim's quotes): found as a value's
// number is found in its quote, a rough number of the statement (十多万人)
// found when a passage writes a number within it. Years, months and days
// of a date (2018年, 3月20日), ordinals (第3届), the year and serial of a
// 文号 (杭教成〔2017〕15号) and Chinese numerals under ten (一批) are no
// figures to check.
func CheckStatement(statement string, passages []string) StatementNumbers {
	ps := make([]QuotedPassage, len(passages))
	for i, p := range passages {
		ps[i].Text = p
	}
	return CheckStatementIn(statement, ps)
}

// QuotedPassage is a passage a claim cites: Text, where a number must
// start, and After, the page's text just after it, where a number cut
// by the quote's end goes on with its unit (a quote 参与市民达3.2 of
// 参与市民达3.2万人次: After is 万人次…). After is "" for a quote alone.
type QuotedPassage struct {
	Text, After string
}

// CheckStatementIn is CheckStatement over passages read with the page
// text just after them.
func CheckStatementIn(statement string, passages []QuotedPassage) StatementNumbers {
	var out StatementNumbers
	rs := []rune(fold(statement))
	docNumbers := docNumberRunes(string(rs))
	seen := map[string]bool{}
	for _, n := range findNumbers(string(rs)) {
		if n.Spaced != "" && !n.Joined {
			continue // 1 200 read as its groups: the joined reading is checked
		}
		unit := unitAfter(rs, n)
		if dateOrOrdinal(rs, n, unit) || inSpans(docNumbers, n.end-1) {
			continue
		}
		written := n.Text
		if !n.Percent {
			written += unit // 9.6万人, 15个: as Chinese writes a figure
		}
		if seen[written] {
			continue
		}
		seen[written] = true
		// Found exactly in any quote is found; found only as a rough
		// number of some quote is said as such (the first one's words).
		found, exact, rough, spaced := false, false, "", ""
		for _, p := range passages {
			if n.Approx {
				switch within, holder := roughFound(n, unit, p.Text+p.After); {
				case within:
					found, exact = true, true
				case holder != "":
					found = true
					if rough == "" {
						rough = holder
					}
				}
				if exact {
					break
				}
				continue
			}
			at, ok, _ := locateInPassage(p.Text, p.After, n.Value, n.Value, unit)
			if !ok {
				continue
			}
			found = true
			switch {
			case at.Spaced != "":
				if spaced == "" {
					spaced = at.Spaced
				}
				continue
			case !at.Approx:
				exact = true
			case rough == "":
				rough = at.Shown()
			}
			if exact {
				break
			}
		}
		switch {
		case !found:
			out.Missing = append(out.Missing, written)
			out.missingEnglish = append(out.missingEnglish, englishWritten(n, unit, written))
		case exact:
		case rough != "":
			out.Rough = append(out.Rough, RoughNumber{Statement: written, Passage: rough})
		default:
			out.Spaced = append(out.Spaced, RoughNumber{Statement: written, Passage: spaced})
		}
	}
	return out
}

// roughFound reports whether passage writes a number within the rough
// number n of a statement, written in unit (12万人 for 十多万人), or the
// same rough number (1200余场 for 1200余场, 1200多场 reads the same), in a
// unit of unit's family or in none it knows, as locateInPassage holds a
// value's number to its unit: 十多万人 is not found in 12万人次 nor in
// 12万元. Otherwise holder is a wider rough number of passage that n lies
// in (1000余 for 1200余), which the statement states more closely than its
// source: found only within a rough number, as 1250场 in 1200余场 is. The
// round number a rough one starts from is neither (1200 for 1200余: more
// than 1200 is not proved by 1200).
func roughFound(n Number, unit, passage string) (within bool, holder string) {
	fam, scale := unitFamily(unit)
	rs := []rune(fold(passage))
	for _, p := range findNumbers(string(rs)) {
		wfam, wscale := unitFamily(unitAfter(rs, p))
		if p.Percent {
			wfam, wscale = famPercent, 1
		}
		if fam != "" && wfam != "" && wfam != fam {
			continue
		}
		if n.within(p.Value*wscale, scale) {
			return true, ""
		}
		if !p.Approx {
			continue
		}
		switch n.inRange(scale, p, wscale) {
		case rangeSame:
			return true, ""
		case rangeInside:
			if holder == "" {
				holder = p.Shown()
			}
		}
	}
	return false, holder
}

// How a rough number's range stands to another's (Number.inRange).
const (
	rangeOutside = iota
	rangeSame
	rangeInside
)

// inRange says how the rough number n, counted in scale, stands to the
// rough number p, counted in pscale: the same range (1200余 and 1200多),
// inside it (1200余 in 1000余, 十五六万 in 十几万) or not wholly in it.
func (n Number) inRange(scale float64, p Number, pscale float64) int {
	least, upper := n.Value*scale, n.Upper*scale
	pLeast, pUpper := p.Value*pscale, p.Upper*pscale
	sameEdge := func(a, b float64) bool { return a == b || same(a, b) }
	if sameEdge(least, pLeast) && n.Exclusive == p.Exclusive && sameEdge(upper, pUpper) {
		return rangeSame
	}
	starts := least > pLeast && !sameEdge(least, pLeast) ||
		sameEdge(least, pLeast) && (n.Exclusive || !p.Exclusive)
	ends := upper < pUpper || sameEdge(upper, pUpper)
	if starts && ends {
		return rangeInside
	}
	return rangeOutside
}

// dateOrOrdinal reports whether n, followed by unit in rs, is part of a
// date (2018年, 3月, 20日), an ordinal (第3届) or a word of the prose: a
// Chinese numeral under ten (一批, 进一步, 两个方面), which statements
// use as words far more often than as figures.
func dateOrOrdinal(rs []rune, n Number, unit string) bool {
	start := n.end - len([]rune(n.Text))
	if start > 0 && rs[start-1] == '第' {
		return true
	}
	if n.Value < 10 && !n.Percent && !strings.ContainsAny(n.Text, "0123456789") {
		return true
	}
	whole := n.Value == math.Trunc(n.Value) && !n.Percent && !n.Approx
	switch {
	case strings.HasPrefix(unit, "年") && whole && n.Value >= 1900 && n.Value <= 2100:
		return true
	case (unit == "月" || unit == "日") && whole:
		return true
	}
	return false
}

// docNumberRunes are the spans, in runes of s, of its 文号
// (fields.DocNumberSpans): their digits are no figures of a statement.
func docNumberRunes(s string) [][2]int {
	var out [][2]int
	for _, sp := range fields.DocNumberSpans(s) {
		out = append(out, [2]int{utf8.RuneCountInString(s[:sp[0]]), utf8.RuneCountInString(s[:sp[1]])})
	}
	return out
}

// inSpans reports whether the rune at i is inside one of spans.
func inSpans(spans [][2]int, i int) bool {
	for _, sp := range spans {
		if i >= sp[0] && i < sp[1] {
			return true
		}
	}
	return false
}

// Warnings are what a claim's page and answer say of its statement's
// numbers, in both languages: those not in its cited passages, then each
// one only within a rough number there. None when every number is found
// exactly.
func (s StatementNumbers) Warnings() []catalog.Words {
	var out []catalog.Words
	if len(s.Missing) > 0 {
		english := s.missingEnglish
		if len(english) != len(s.Missing) {
			english = s.Missing
		}
		out = append(out, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
			"定性描述中有 %d 个数字未在引文中找到：%s，请核对", len(s.Missing),
			catalog.Words{Chinese: strings.Join(s.Missing, "、"), English: strings.Join(english, ", ")})))
	}
	for _, r := range s.Rough {
		out = append(out, catalog.MessageWords(catalog.Errorf(catalog.EINVALID,
			"定性描述中的数字 %s 在引文中的约数“%s”范围内，请以统计台账等确切数字核对", r.Statement, r.Passage)))
	}
	for _, r := range s.Spaced {
		note := SpacedNote(r.Passage)
		out = append(out, catalog.Words{Chinese: "定性描述中的数字 " + r.Statement + "：" + note.Chinese,
			English: "The claim's number " + r.Statement + ": " + lowerFirst(note.English)})
	}
	return out
}

// lowerFirst lower-cases s's first letter: a note that stands alone as a
// sentence continues one after a colon.
func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToLower(r)) + s[n:]
}

// ClaimNumbers checks the numbers of c's statement against its
// citations' quotes (CheckStatement).
func ClaimNumbers(c *catalog.Claim) StatementNumbers {
	quotes := make([]string, len(c.Citations))
	for i, t := range c.Citations {
		quotes[i] = t.Quote
	}
	return CheckStatement(c.Statement, quotes)
}

// englishWritten is a number of a statement, written there as written
// (9所, 9.6万人), as an English message names it: its number in English
// form with its unit's English words (9 institutions, 96,000 people;
// catalog.AmountIn), a percentage as a number with %, and a rough
// number (十多万) as written, since its words are the statement's.
func englishWritten(n Number, unit, written string) string {
	switch {
	case n.Approx:
		return written
	case n.Percent:
		return catalog.EnglishNumber(n.Value) + "%"
	}
	return catalog.AmountIn(n.Value, unit, true)
}
