package catalog

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// dateShape is a date once its separators are hyphens: a year, a month
// or a day, with one- or two-digit months and days.
var dateShape = regexp.MustCompile(`^(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?$`)

// dateSeparators turns the ways people write dates into one: 2018年3月20日,
// 2018.3.20, 2018/3/20 and full-width digits all become 2018-3-20.
var dateSeparators = strings.NewReplacer("年", "-", "月", "-", "日", "", "号", "", ".", "-", "/", "-",
	"．", "-", "／", "-", "－", "-", " ", "", "\u3000", "")

// cnMonthDay is a month or day written in Chinese numerals before its 月,
// 日 or 号 (三月, 十二日, 二十一号).
var cnMonthDay = regexp.MustCompile(`([一二三四五六七八九十]{1,3})(月|日|号)`)

// arabicDate rewrites a date written in Chinese numerals, as a 成文日期 is
// (二〇一八年三月十二日), in Arabic digits (2018年3月12日).
func arabicDate(s string) string {
	return cnMonthDay.ReplaceAllStringFunc(arabicYears(s), func(m string) string {
		sub := cnMonthDay.FindStringSubmatch(m)
		tens, ones, hasTen := strings.Cut(sub[1], "十")
		if !hasTen {
			return cnDigits.Replace(sub[1]) + sub[2]
		}
		n := 10
		if tens != "" {
			d, _ := strconv.Atoi(cnDigits.Replace(tens))
			n = 10 * d
		}
		if ones != "" {
			d, _ := strconv.Atoi(cnDigits.Replace(ones))
			n += d
		}
		return strconv.Itoa(n) + sub[2]
	})
}

// ParseDate reads a date as people write it — 2018-03-20, 2018年3月20日,
// 二〇一八年三月十二日 (as the document's 成文日期 writes it),
// 2018.3.20, 2018/3/20, or just the year or the month — and returns it as
// stored: YYYY, YYYY-MM or YYYY-MM-DD. "" stays "". Anything else is an
// EINVALID naming field, saying in Chinese which forms are understood.
// The upload API, the web forms and the CLI all read dates through it.
func ParseDate(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", nil
	}
	norm := strings.Trim(dateSeparators.Replace(halfWidthDigits(arabicDate(s))), "-")
	m := dateShape.FindStringSubmatch(norm)
	if m == nil {
		return "", FieldErrorf(field, EINVALID, "无法识别日期“%s”；请写成 2018-03-20、2018年3月20日、2018.3.20 或 2018/3/20", s)
	}
	out, layout := m[1], "2006"
	if m[2] != "" {
		out, layout = out+"-"+pad2(m[2]), "2006-01"
	}
	if m[3] != "" {
		out, layout = out+"-"+pad2(m[3]), "2006-01-02"
	}
	if _, err := time.Parse(layout, out); err != nil {
		return "", FieldErrorf(field, EINVALID, "日期“%s”不存在；请检查月和日", s)
	}
	return out, nil
}

func pad2(s string) string {
	if len(s) == 1 {
		return "0" + s
	}
	return s
}

// halfWidthDigits turns full-width digits (２０１８) into ASCII ones.
func halfWidthDigits(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= '０' && r <= '９' {
			return r - '０' + '0'
		}
		return r
	}, s)
}
