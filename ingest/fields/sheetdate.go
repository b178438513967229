package fields

import (
	"slices"
	"strings"
)

// dueWords stand before a date that is a deadline or a period, not the
// day a ledger was signed: 截止日期, 完成时限, 计划完成时间.
var dueWords = []string{"截止", "截至", "完成", "时限", "期限", "办结", "开始", "结束", "起止", "到期", "计划", "之前"}

// dateAfter starts what may follow a 落款's or 填报日期's date on its row.
var dateAfter = []string{"(", ")", "联系", "电话", "填表人", "填报人", "制表人", "审核人", "负责人", "经办人"}

// sealMark is where a 落款 asks for its seal: 杭州市教育局(盖章).
var sealMark = strings.NewReplacer("(盖章)", "", "(公章)", "", "(签章)", "", "(章)", "")

// sheetDate is the 成文日期 of a sheet (ReadSheet) and the body signing
// before it: the last date on a row below the table that stands as a
// 落款's or a 填报日期's does, else the first on a row above it, else a
// date in the title row (index title of s.above, -1 when none) that is
// no deadline.
func sheetDate(s sheetLines, title int) (date, issuer Field) {
	var rows []string
	for _, l := range slices.Backward(s.below) {
		rows = append(rows, l)
	}
	for i, l := range s.above {
		if i != title {
			rows = append(rows, l)
		}
	}
	for _, l := range rows {
		for _, d := range slices.Backward(anyDates(l)) {
			before, after := strings.TrimSpace(sealMark.Replace(l[:d.start])), strings.TrimSpace(l[d.end:])
			if !dateRow(before, after) {
				continue
			}
			date = Field{Value: d.value, Source: SourceSignature}
			if name := signatureIssuer(before); name != "" {
				issuer = Field{Value: name, Source: SourceSignature}
			}
			return date, issuer
		}
	}
	if title >= 0 {
		l := s.above[title]
		for _, d := range anyDates(l) {
			if !hasDueWord(l[:d.start]) {
				return Field{Value: d.value, Source: SourceTitleLine}, Field{}
			}
		}
	}
	return Field{}, Field{}
}

// dateRow reports whether a date with this text before and after it on
// a row of one cell is the day the ledger was signed or filled in: alone,
// after a label of a date (填报日期:) or after the name of a body (杭州市
// 教育局 2024年7月5日), and followed by nothing or a contact; never after
// a deadline's words.
func dateRow(before, after string) bool {
	if hasDueWord(before) {
		return false
	}
	if after != "" && !slices.ContainsFunc(dateAfter, func(p string) bool { return strings.HasPrefix(after, p) }) {
		return false
	}
	label := strings.TrimRight(before, ": ")
	return label == "" || strings.HasSuffix(label, "日期") || strings.HasSuffix(label, "时间") ||
		strings.HasSuffix(label, "落款") || signatureIssuer(before) != ""
}

// hasDueWord reports a deadline's words ending what stands before a
// date: the last six characters only, which hold a label (报送截止日期:,
// 计划完成时间), so that a body's name before a 落款's date
// (卫生和计划生育委员会) is no deadline.
func hasDueWord(before string) bool {
	label := lastRunes(strings.TrimRight(before, ": "), 6)
	return slices.ContainsFunc(dueWords, func(w string) bool { return strings.Contains(label, w) })
}

// anyDates are the dates of s written the Chinese way (2024年7月5日) or
// as a spreadsheet's date format shows them (2024-07-05), in order.
func anyDates(s string) []dateAt {
	out := findDates(s)
	for _, m := range isoDate.FindAllStringSubmatchIndex(s, -1) {
		if v := validDate(s[m[2]:m[3]], s[m[4]:m[5]], s[m[6]:m[7]]); v != "" {
			out = append(out, dateAt{m[0], m[1], v})
		}
	}
	slices.SortFunc(out, func(a, b dateAt) int { return a.start - b.start })
	return out
}

// filledByLabels name the body that filled a ledger in, before a colon.
var filledByLabels = []string{"填报单位", "报送单位", "填表单位", "制表单位", "单位名称"}

// filledByEnds end the body's name after its label: the next label on the
// same row.
var filledByEnds = []string{"填报", "报送", "填表", "制表", "日期", "时间", "联系", "电话", "负责人", "审核", "经办", " ", "|"}

// filledBy is the body a row outside a sheet's table names as the one
// that filled it in (填报单位:杭州市教育局), or "".
func filledBy(s sheetLines) string {
	for _, l := range slices.Concat(s.above, s.below) {
		l = sealMark.Replace(l)
		for _, label := range filledByLabels {
			i := strings.Index(l, label+":")
			if i < 0 {
				continue
			}
			rest := l[i+len(label)+1:]
			for _, e := range filledByEnds {
				if j := strings.Index(rest, e); j >= 0 {
					rest = rest[:j]
				}
			}
			if name := issuerName(rest); name != "" {
				return name
			}
		}
	}
	return ""
}
