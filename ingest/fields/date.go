package fields

import (
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// datePattern finds dates written the Chinese way, in Arabic digits
// (2018年3月12日) or in Chinese numerals (二〇一八年三月十二日, with 〇,
// ○, 零 or O for zero).
var datePattern = regexp.MustCompile(`(\d{4}|[〇○零O0一二三四五六七八九]{4})年(\d{1,2}|[一二三四五六七八九十]{1,2})月(\d{1,2}|[一二三四五六七八九十]{1,3})日`)

// dates is datePattern around its 年: four characters of at most 3 bytes
// before it; after it at most 年, two numerals, 月, three numerals and 日,
// so a 年 with no 月 after it in that span starts none.
var dates = anchored{re: datePattern, anchors: "年", before: 4 * 3, after: 3 + 2*3 + 3 + 3*3 + 3, needs: "月"}

// isoDate finds 2018-03-12 or 2018.3.12, as web pages print them.
var isoDate = regexp.MustCompile(`((?:19|20)\d{2})[-./](\d{1,2})[-./](\d{1,2})`)

// IsDate reports whether s is one date written the Chinese way and
// nothing else (2024年3月5日, 二〇二四年三月五日): a 成文日期 on a line of
// its own, as extract tells a signature's date.
func IsDate(s string) bool {
	d := findDates(s)
	return len(d) == 1 && d[0].start == 0 && d[0].end == len(s)
}

type dateAt struct {
	start, end int
	value      string // YYYY-MM-DD
}

// findDates returns the valid dates in s; 2018年13月 or 2月30日 are not
// dates.
func findDates(s string) []dateAt {
	var out []dateAt
	for _, m := range dates.findAll(s) {
		if v := validDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); v != "" {
			out = append(out, dateAt{m[0], m[1], v})
		}
	}
	return out
}

// validDate returns year, month and day as YYYY-MM-DD, or "" when they
// make no real date between 1949 and 2100.
func validDate(y, m, d string) string {
	year, month, day := chineseNumber(y, true), chineseNumber(m, false), chineseNumber(d, false)
	if year < 1949 || year > 2100 || month < 1 || month > 12 || day < 1 || day > 31 {
		return ""
	}
	t := time.Date(year, time.Month(month), day, 0, 0, 0, 0, time.UTC)
	if t.Day() != day {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", year, month, day)
}

// chineseNumber reads Arabic digits or Chinese numerals: digit by digit
// for a year (二〇一八), with 十 for a month or day (十二, 二十一); -1 when
// s is neither.
func chineseNumber(s string, year bool) int {
	if year || !strings.ContainsRune(s, '十') {
		n := 0
		for _, r := range s {
			d := numeralValue(r)
			if d < 0 {
				return -1
			}
			n = n*10 + d
		}
		return n
	}
	tens, ones, _ := strings.Cut(s, "十")
	n := 10
	if tens != "" {
		n = 10 * max(0, numeralValue(leadRune(tens)))
	}
	if ones != "" {
		n += max(0, numeralValue(leadRune(ones)))
	}
	return n
}

// numeralValue is the value of a digit or a Chinese numeral from 〇 to 九
// (〇, ○, 零 and O are zero), -1 for any other character.
func numeralValue(r rune) int {
	switch r {
	case '〇', '○', '零', 'O', '0':
		return 0
	case '一':
		return 1
	case '二':
		return 2
	case '三':
		return 3
	case '四':
		return 4
	case '五':
		return 5
	case '六':
		return 6
	case '七':
		return 7
	case '八':
		return 8
	case '九':
		return 9
	}
	if r >= '1' && r <= '9' {
		return int(r - '0')
	}
	return -1
}

// leadRune is the first character of s.
func leadRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}

// signatureAfter starts what may follow the date of the signature block.
var signatureAfter = []string{"(", "抄送", "抄报", "附件", "主题词", "主送", "联系人", "此件", "\n"}

// notSignatureBefore ends what stands before a date in the body (会议时间:,
// 定于, 截至).
var notSignatureBefore = []string{":", "于", "在", "至", "到", "从", "自", "-", "—", "~", "为", "是", "止", "截", "(", "前", "日"}

// readFootFrom returns the 成文日期 and the body that signs above it: the
// last date that stands like a signature's (at the end of a line or the
// text, or before 抄送, 附件, "(此件公开发布)"), never a 印发 date or a date
// in a sentence. It takes only the dates that start at from or later; ok
// tells it found one. Without one it reads a month's signature
// only when month is set (all ends the text it has read).
func readFootFrom(all string, from int, month bool) (date, issuer Field, ok bool) {
	dates := findDates(all)
	for k := len(dates) - 1; k >= 0; k-- {
		d := dates[k]
		if d.start < from {
			break
		}
		after, before := strings.TrimLeft(all[d.end:], " "), strings.TrimRight(all[:d.start], " ")
		if !signatureLike(before, after) {
			continue
		}
		date = Field{Value: d.value, Source: SourceSignature}
		if name := signatureIssuer(before); name != "" {
			issuer = Field{Value: name, Source: SourceSignature}
		}
		return date, issuer, true
	}
	if !month {
		return Field{}, Field{}, false
	}
	// A statistics sheet or a summary may be signed with a month only
	// ("杭州市教育局 2019年1月"): no date, but the body.
	if start := monthClosing(all); start >= 0 {
		if name := signatureIssuer(all[:start]); name != "" {
			issuer = Field{Value: name, Source: SourceSignature}
		}
	}
	return Field{}, issuer, false
}

// monthAtEnd is a year and month closing the text.
var monthAtEnd = regexp.MustCompile(`(?:\d{4}|[〇○零O0一二三四五六七八九]{4})年(?:\d{1,2}|[一二三四五六七八九十]{1,2})月\s*$`)

// monthClosing returns where monthAtEnd matches in s, or -1: it is matched
// on the end of s only, the year and month (at most 24 bytes) and the
// white space after them, since the regexp would try every position of s.
func monthClosing(s string) int {
	lo := max(0, len(strings.TrimRight(s, " \t\n\f\r"))-(4*3+3+2*3+3))
	if m := monthAtEnd.FindStringIndex(s[lo:]); m != nil {
		return lo + m[0]
	}
	return -1
}

func signatureLike(before, after string) bool {
	for _, w := range notSignatureBefore {
		if strings.HasSuffix(before, w) {
			return false
		}
	}
	if after == "" {
		return true
	}
	for _, w := range signatureAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// headDate is the date of a document without a signature, a press report
// above all: the first full date near its top ("发布时间:2018年10月21日",
// "2018-10-21").
func headDate(head string) Field {
	top := firstRunes(head, 200)
	if ds := findDates(top); len(ds) > 0 {
		return Field{Value: ds[0].value, Source: SourceHead}
	}
	// Every such date has one of its separators; most tops have none.
	if !strings.ContainsAny(top, "-./") {
		return Field{}
	}
	if m := isoDate.FindStringSubmatch(top); m != nil {
		if v := validDate(m[1], m[2], m[3]); v != "" {
			return Field{Value: v, Source: SourceHead}
		}
	}
	return Field{}
}
