package fields

import (
	"regexp"
	"strings"
)

// citeBefore are words that, just before a 文号, say it is cited:
// "根据杭政办发〔2018〕12号文件精神"; "、" joins it to a list of cited ones.
var citeBefore = []string{"根据", "按照", "依据", "贯彻", "落实", "参照", "对照", "执行", "转发", "印发", "详见", "结合", "依照", "遵照", "与", "、"}

// citeAfter are what follows a cited 文号 rather than one's own: a word
// of the sentence citing it, a closing bracket, or the punctuation of the
// sentence going on ("(教职成〔2014〕10号,以下简称《意见》)").
var citeAfter = []string{"文件", "文", "精神", "要求", "规定", "的", "、", "等", ")", "》", "”", "通知", "意见",
	",", ";", "。", "和", "及", "以下简称"}

// citingClause starts a clause that cites what follows it: "根据省政府
// 办公厅浙政办发〔2016〕3号…", "按照教育部等七部门教职成〔2014〕10号…".
var citingClause = regexp.MustCompile(`^(?:根据|按照|依据|依照|遵照|参照|贯彻|落实|对照|结合|详见)`)

// attachmentList starts a line or clause that lists attachments: a 文号 in
// it is that of the attached or cited document.
var attachmentList = regexp.MustCompile(`^附件\d*[:.、]?`)

// cited reports whether a 文号 with this text before and after it (on the
// head of a page, prepared) is a citation of another document: inside
// brackets or quotes left open before it (matched pair by pair, so that a
// closed "纲要(2010-2020年)" earlier on the line does not count), right
// after a 《…》 title, after 根据/按照… or in a clause that starts with
// them, in a list of attachments, or followed by 文件/精神/,/以下简称….
func cited(before, after string) bool {
	line := before[strings.LastIndexByte(before, '\n')+1:]
	// Only brackets that enclose words count: a 〔 or 【 left open is
	// rather a 文号's bracket OCR misread, or its junk.
	if strings.ContainsAny(string(openBrackets(line)), "(《“〈「『") || strings.HasSuffix(line, "》") {
		return true
	}
	tail := lastRunes(before, 4)
	for _, w := range citeBefore {
		if strings.HasSuffix(tail, w) || strings.Contains(tail, w) && runeLen(w) > 1 {
			return true
		}
	}
	clause := afterLast(line, "。;,:")
	if citingClause.MatchString(clause) || attachmentList.MatchString(line) || attachmentList.MatchString(clause) {
		return true
	}
	for _, w := range citeAfter {
		if strings.HasPrefix(after, w) {
			return true
		}
	}
	return false
}

// closing pairs each closing bracket or quote of prepared text (widths
// folded) with its opening one.
var closing = map[rune]rune{')': '(', '》': '《', '”': '“', ']': '[', '】': '【', '〕': '〔', '〉': '〈', '」': '「', '』': '『', '〗': '〖', '﹞': '﹝'}

// openBrackets returns the brackets and quotes s leaves open, innermost
// last. A closing one closes the nearest open one of its kind, and with it
// any opened after it and left unclosed inside; one with nothing to close
// is ignored.
func openBrackets(s string) []rune {
	var open []rune
	for _, r := range s {
		if o, ok := closing[r]; ok {
			for i := len(open) - 1; i >= 0; i-- {
				if open[i] == o {
					open = open[:i]
					break
				}
			}
			continue
		}
		if strings.ContainsRune("(《“[【〔〈「『〖﹝", r) {
			open = append(open, r)
		}
	}
	return open
}

// balanced reports whether every bracket and quote in s is closed within
// s and every closing one has its opening one: a title cut inside
// 《…》 or (…) is not.
func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		if _, ok := closing[r]; ok {
			depth--
		} else if strings.ContainsRune("(《“[【〔〈「『〖﹝", r) {
			depth++
		}
		if depth < 0 {
			return false
		}
	}
	return depth == 0 && len(openBrackets(s)) == 0
}
