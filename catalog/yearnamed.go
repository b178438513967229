package catalog

import (
	"regexp"
	"strconv"
	"strings"
)

// yearInName is a year as titles and file names write it: 2018年…,
// 2018年度…, or inside a 文号's brackets (〔2018〕, [2018]); not a run of
// digits longer than four, such as a telephone number.
var yearInName = regexp.MustCompile(`(?:^|[^0-9０-９])((?:19|20)[0-9]{2})(?:年|〕|\]|］)`)

// cnYear is a year written in Chinese numerals, as government papers
// write it (二〇一八年度, 二零一八, 二○一八): four numerals, the first two
// 一九 or 二〇 in any of the zero's forms.
var cnYear = regexp.MustCompile(`(?:一九|二[〇零○])[〇零○一二三四五六七八九]{2}`)

// cnDigits maps each numeral cnYear matches to its Arabic digit.
var cnDigits = strings.NewReplacer("〇", "0", "零", "0", "○", "0", "一", "1", "二", "2", "三", "3",
	"四", "4", "五", "5", "六", "6", "七", "7", "八", "8", "九", "9")

// arabicYears rewrites the years t writes in Chinese numerals in Arabic
// digits (二〇一八年 → 2018年), so that one rule reads both.
func arabicYears(t string) string {
	return cnYear.ReplaceAllStringFunc(t, cnDigits.Replace)
}

// ChineseYearRevision is the field reader revision (fields.Revision)
// from which a round inferred from a document's names reads a year
// written in Chinese numerals (二〇一八年度工作报告 → 2018): a document an
// older reader read has, when read again by it, its inferred round moved
// to that year's once (fillFields, movedByNumerals).
const ChineseYearRevision = 8

// hasChineseYear says whether one of texts writes a year in Chinese
// numerals (cnYear).
func hasChineseYear(texts ...string) bool {
	for _, t := range texts {
		if cnYear.MatchString(t) {
			return true
		}
	}
	return false
}

// yearRange is a span of years (2017—2018年, 2017-2018): more than one.
var yearRange = regexp.MustCompile(`(?:19|20)[0-9]{2}\s*[—–\-－~～至到]\s*(?:19|20)[0-9]{2}`)

// YearNamed returns the one year the texts name between them (a
// document's title and file name: “2018年统计数据.xlsx” names 2018, and
// so does 二〇一八年度…), or 0 when they name none or more than one
// (2017—2018年).
func YearNamed(texts ...string) int {
	return yearNamed(true, texts...)
}

// yearNamed is YearNamed, reading years in Chinese numerals only when
// numerals is true: without, it is the rule before field reader revision
// ChineseYearRevision, which fillFields compares with.
func yearNamed(numerals bool, texts ...string) int {
	year := 0
	for _, t := range texts {
		if numerals {
			t = arabicYears(t)
		}
		if yearRange.MatchString(t) {
			return 0
		}
		for _, m := range yearInName.FindAllStringSubmatch(t, -1) {
			y, _ := strconv.Atoi(m[1])
			if year != 0 && y != year {
				return 0
			}
			year = y
		}
	}
	return year
}

// yearReport is a title that is a year's own summary or report: it ends
// in the kind of paper issued after the year it is about (工作总结, 年度报告,
// 年报, 统计公报, 统计数据…), with nothing after it — not a notice that
// sends one round (关于印发…总结的通知) nor one about an event of the year.
// A title with 关于 is a notice, request or reply (关于…的通知, read short
// as 关于…活动周总结), which ReportYear leaves to its date.
var yearReport = regexp.MustCompile(`(?:总结|报告|年报|统计公报|统计年鉴|统计数据|统计表|统计)$`)

// ReportYear returns the year an annual summary or report is about when
// its 成文日期 falls in the year after (杭州市2017年学习型城市建设工作总结,
// dated 2018-03-20, is about 2017), else 0. Only the title counts, it
// must name that one year (YearNamed) and end as a summary or report does
// (yearReport), and the date must be of the next year: such papers are
// issued early the year after, while a notice of 2019 about a 2017 event
// is 2019's.
func ReportYear(title, issuedOn string) int {
	return reportYear(true, title, issuedOn)
}

// reportYear is ReportYear, with years in Chinese numerals read only when
// numerals is true (yearNamed).
func reportYear(numerals bool, title, issuedOn string) int {
	y := yearNamed(numerals, title)
	if y == 0 || len(issuedOn) < 4 {
		return 0
	}
	dated, err := strconv.Atoi(issuedOn[:4])
	if err != nil || dated != y+1 {
		return 0
	}
	if strings.Contains(title, "关于") || !yearReport.MatchString(strings.TrimRight(title, " 　。")) {
		return 0
	}
	return y
}

// RoundNamedIn says where the round of d, inferred without a date, came
// from: "title" when its title names that year (YearNamed), "filename"
// when its file name does, "report_title" when it is an annual summary or
// report filed under the year its title names rather than its 成文日期's
// (ReportYear), "" otherwise (a typed round, a date's, or the current
// round for want of both).
func RoundNamedIn(d *Document) string {
	if d.Round == "" || !d.IsExtracted(FieldRound) {
		return ""
	}
	if d.IssuedOn != "" {
		if y := ReportYear(d.Title, d.IssuedOn); y != 0 && strconv.Itoa(y) == d.Round {
			return "report_title"
		}
		return ""
	}
	if strconv.Itoa(YearNamed(d.Title)) == d.Round {
		return "title"
	}
	if strconv.Itoa(YearNamed(d.Filename)) == d.Round {
		return "filename"
	}
	return ""
}

// YearNamedWithoutRound returns the year d's names point to when d was
// filed elsewhere for want of that round: without a 成文日期, the one year
// its title or file name names (YearNamed); with one, the year an annual
// summary or report is about (ReportYear). 0 when d's round was typed,
// or came from that year, or its names point to none. The upload page
// and the document say so, so that the uploader can check.
func YearNamedWithoutRound(d *Document) int {
	if d.Round == "" || !d.IsExtracted(FieldRound) {
		return 0
	}
	y := ReportYear(d.Title, d.IssuedOn)
	if d.IssuedOn == "" {
		y = YearNamed(d.Title, d.Filename)
	}
	if y == 0 || strconv.Itoa(y) == d.Round {
		return 0
	}
	return y
}
