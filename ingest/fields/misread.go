package fields

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// misreadPattern finds a 文号 as OCR reads it off a scan or a photo,
// where docNumberPattern does not: the 号 read as a digit, a mark or
// another character ("〔2023〕125", "【2023] 12%", "(2023) 12所"), or the
// opening bracket lost ("2023〕12号"); the prefix may be lost to Latin
// junk ("HBA (2023) 126"). Groups: the Han prefix, the opening bracket,
// the year, the serial number, what stands for 号.
var misreadPattern = regexp.MustCompile(`(\p{Han}{0,24})([〔\[【(﹝〖]?)((?:19|20)\d{2})[〕\]】)﹞〗](第?\d{1,5})([号%仔所]?)`)

// misreadNumbers is misreadPattern around its closing bracket: 24 Han
// characters, the opening bracket and the year before it; after it the
// bracket, 第, five digits and what stands for 号.
var misreadNumbers = anchored{re: misreadPattern, anchors: "〕]】)﹞〗", before: 24*4 + 3 + 4, after: 3 + 3 + 5 + 3}

// misreadMarks are what tesseract read a 号 under a red seal as, apart
// from a digit (sealed-photo.jpg, sealed-scan.pdf and their variants in
// ingest/extract/testdata/README.md).
const misreadMarks = "%仔所"

// misreadDigits are the digits tesseract read a 号 as ("〔2023〕125",
// "(2019) 458", "(2023) 126"; "上政发 [2022] 184" for 18号, chi_sim+eng
// off a 150 dpi scan, probe s43). A 号 the text lacks after three digits
// ending in one of them was appended to a guess, never read.
const misreadDigits = "4568"

// misreadFour is the one of misreadDigits read for a 号 without a seal
// over it, off a clean scan: as often a three-digit number ending in 4
// lost its 号 (杭政办发〔2021〕114), so the digit is taken for the 号 only
// when another document says so (Field.Misread). 5, 6 and 8 were read
// where a seal's red ink covered the 号, and are taken for it.
const misreadFour = '4'

// measureEnds end the label of a figure in a table, never a 文号's
// prefix: a label with its year (社区学校数量(2023)) before its figure
// reads like a 文号 whose 号 was lost once a PDF's spaces are gone.
const measureEnds = "数量率额次个元所人名项万亿比值"

// misreadDocNumber returns the document's own 文号 as OCR misread it
// and the byte offsets of the span to cut from the head: the 文号 line,
// recognised so that the title never takes it in, even when its value
// cannot be told (Value "": the prefix lost to junk, or a number whose
// 号 cannot be told from its digits). found is false when the head has
// no such line before its body.
func misreadDocNumber(head string) (f Field, start, end int, found bool) {
	bodyStart := strings.Index(head, "。")
	if bodyStart < 0 {
		bodyStart = len(head)
	}
	if !yearBeforeBracket(head[:bodyStart]) {
		return Field{}, -1, -1, false // most heads: no regexp run for them
	}
	for _, m := range misreadNumbers.findAll(head) {
		if m[0] > bodyStart {
			break
		}
		opener, digits, mark := head[m[4]:m[5]], head[m[8]:m[9]], head[m[10]:m[11]]
		after := head[m[1]:]
		if opener != "" && mark == "号" || !misreadEnd(mark, after) {
			continue // a 文号 docNumberPattern reads, or a figure in a sentence
		}
		lineStart := strings.LastIndexByte(head[:m[0]], '\n') + 1
		prefix := cleanPrefix(head[m[2]:m[3]])
		if strings.ContainsAny(lastRunes(prefix, 1), measureEnds) {
			continue // a table's label and its figure: 社区学校数量(2023) 125
		}
		start = m[3] - len(prefix)
		if prefix == "" {
			// Junk where the prefix was: only a line of its own is a 文号.
			if hasHan(head[lineStart:m[3]]) || !lineEnds(after) {
				continue
			}
			start = lineStart
		}
		if cited(head[:start], after) {
			continue
		}
		num, guessed := misreadSerial(digits, mark, after)
		if prefix == "" || num == "" {
			return Field{}, start, m[1], true
		}
		number := func(serial string) string { return prefix + "〔" + head[m[6]:m[7]] + "〕" + serial + "号" }
		f = Field{Value: number(num), Source: SourceHead}
		if guessed {
			f.Source, f.Read = SourceGuess, prefix+strings.TrimSpace(head[m[4]:m[1]])
		}
		if n := strings.TrimPrefix(digits, "第"); mark == "" && len(n) == 3 && rune(n[2]) == misreadFour {
			// Three digits and 号 appended: a guess whichever it is.
			f.Value, f.Source, f.Read = number(digits), SourceGuess, prefix+strings.TrimSpace(head[m[4]:m[1]])
			f.Misread = number(digits[:len(digits)-1])
		}
		return f, start, m[1], true
	}
	return Field{}, -1, -1, false
}

// yearBeforeBracket reports whether s has a year (19xx, 20xx) right
// before a closing bracket, as every match of misreadPattern has.
func yearBeforeBracket(s string) bool {
	for i := 0; ; {
		j := strings.IndexAny(s[i:], misreadNumbers.anchors)
		if j < 0 {
			return false
		}
		at := i + j
		if at >= 4 && (s[at-4:at-2] == "19" || s[at-4:at-2] == "20") && isDigits(s[at-2:at]) {
			return true
		}
		_, size := utf8.DecodeRuneInString(s[at:])
		i = at + size
	}
}

func isDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// misreadSerial is the serial number of a 文号 whose 号 OCR read as mark;
// when mark is "", either the last of digits is the 号 (three digits
// ending in one tesseract reads a 号 as are two and the 号: "125" →
// "12"), or the 号 was lost and the digits end their line with nothing
// after them ("湖政办发2023] 12", read off joined photos). "" when the
// evidence does not say: "48" may be 4号 or a lost 12号 (it was the
// latter), "1248" anything, and junk after the digits ("14 ae", a lost
// 12号) says the seal's ink was read there, over the digits too. guessed
// is true when the last digit was taken for the 号: a true 125 whose 号
// OCR lost reads the same, so the 文号 is a guess a person should check.
func misreadSerial(digits, mark, after string) (serial string, guessed bool) {
	if mark != "" {
		return digits, false
	}
	n := strings.TrimPrefix(digits, "第")
	if strings.ContainsRune(misreadDigits, rune(n[len(n)-1])) {
		if len(n) == 3 {
			return digits[:len(digits)-1], true
		}
		return "", false
	}
	r, _ := utf8.DecodeRuneInString(after)
	if len(n) <= 3 && (after == "" || r == '\n' || isHan(r)) {
		return digits, false
	}
	return "", false
}

// misreadEnd reports whether what follows a misread 文号 ends it: the end
// of its line, a space or OCR junk, or, where the stored text ran its line
// into the next, the title (关于…) or the body that issues it. A Han
// character (12所学校) or a figure's mark goes on a sentence or a count.
func misreadEnd(mark, after string) bool {
	if mark == "号" {
		return true
	}
	r, _ := utf8.DecodeRuneInString(after)
	switch {
	case after == "" || r == '\n' || r == ' ':
		return true
	case unicode.IsDigit(r) || strings.ContainsRune(".,%:;)》”、", r):
		return false
	case isHan(r):
		return strings.HasPrefix(after, "关于") || bodyStart.MatchString(after)
	}
	return true
}

// lineEnds reports whether after holds no Han character before its line
// ends: the rest of a 文号's line is OCR junk at most.
func lineEnds(after string) bool {
	if i := strings.IndexByte(after, '\n'); i >= 0 {
		after = after[:i]
	}
	return !hasHan(after)
}

func hasHan(s string) bool { return strings.IndexFunc(s, isHan) >= 0 }

// numberLine is a line that holds a 文号 and no more than OCR junk around
// it, however misread: a short prefix, the year in a bracket, then at most
// a few characters (杭政办发 [2018] DE, 湖政办发【2023] 1AS).
var numberLine = regexp.MustCompile(`^[^\p{Han}]{0,12}\p{Han}{0,8}[〔\[【(﹝〖]?(?:19|20)\d{2}[〕\]】)﹞〗][^\p{Han}]{0,8}[号%仔所]?[^\p{Han}]{0,8}$`)

// docNumberLine reports whether line is a 文号's line that neither
// docNumberPattern nor misreadPattern read: never a title, nor a part of
// one.
func docNumberLine(line string) bool {
	return strings.ContainsAny(line, "〕]】)﹞〗") && numberLine.MatchString(line)
}
