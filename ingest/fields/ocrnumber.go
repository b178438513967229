package fields

import (
	"regexp"
	"strings"
)

// ReadOCR is Read for a text whose first page with text OCR read (a scan,
// a photo): it also reads a 文号 whose brackets OCR misread past what
// Read takes of any text (noisyDocNumber), which only a page OCR read has.
func ReadOCR(pages []string, embeddedTitle string) Fields {
	return read(pages, embeddedTitle, true)
}

// noisyPattern finds, in a prepared head, a 文号 whose opening bracket OCR
// read as another mark or lost and whose closing one it may have read as
// a look-alike (」, |, J: eight closing marks at most, anchored's bound,
// and none a Han character, which the prefix would take): 甬教终 .2024] 7号
// (prepared 甬教终.2024]7号) for 甬教终〔2024〕7号, 甬教终,2024」7号,
// 甬教终2024|7号. The 号 must be there: without it the serial cannot be
// told (misreadPattern's cases). Groups: the Han prefix, the year, the
// serial number.
var noisyPattern = regexp.MustCompile(`(\p{Han}{2,24})[.,。·\[(【〔﹝〖]?((?:19|20)\d{2})[\]〕】)〗」|J](第?\d{1,4})号`)

// noisyNumbers is noisyPattern around its closing mark: 24 Han characters,
// a mark and the year before it; after it the mark, 第, four digits and 号.
var noisyNumbers = anchored{re: noisyPattern, anchors: "]〕】)〗」|J", before: 24*4 + 3 + 4, after: 3 + 3 + 4 + 3, needs: "号"}

// noisyDocNumber returns the document's own 文号 as OCR read it with
// misread brackets (noisyPattern), with its year in 〔〕, and the byte
// offsets where it starts and ends in head (-1, -1 when it has none).
// The marks it takes are common in a sentence, so it takes one only where
// a 文号 stands: in the head of the first page before its body (the
// first 。, or the addressees' colon: 各区县(市)教育局:), its Han
// prefix a body's abbreviation starting its line (or the masthead's
// 文件 before it), and nothing but junk or a 签发人 after its 号 on its
// line, unless the title run into it (关于…, or the body that issues it). A 文号
// cited (根据…, …文件精神) is not the document's; 2024年7月 has no mark
// after its year, and 按市教育局2024]7号文件要求 goes on after its 号.
// A | for the closing bracket is a table's ruling as often (张三 2024 | 3号,
// a row of a name, a year and a number): there the prefix must read as an
// issuing organ's abbreviation (organAbbreviation).
// A head with two such lines is none's: a table OCR read, whose rulings
// it reads as | between a year's column and a number's (上城区 2024 | 12号
// above 下城区 2024 | 15号), or a list of 文号s (台账); a notice has one.
func noisyDocNumber(head string) (f Field, start, end int) {
	body := strings.Index(head, "。")
	if body < 0 {
		body = len(head)
	}
	start, end = -1, -1
	found := 0 // lines read as a 文号: a head has one, a table's rows many
	noisyNumbers.each(head, func(m []int) bool {
		if m[0] > body || addressed(head[:m[0]]) {
			return false
		}
		prefix := noisyPrefix(head[m[2]:m[3]])
		if prefix == "" {
			return true
		}
		if head[m[5]] == '|' && !organAbbreviation(prefix) {
			return true
		}
		at, after := m[3]-len(prefix), head[m[1]:]
		lineStart := strings.LastIndexByte(head[:m[2]], '\n') + 1
		if hasHan(head[lineStart:m[2]]) || cited(head[:at], after) {
			return true
		}
		if !lineEnds(after) && !strings.HasPrefix(after, "关于") && !strings.HasPrefix(after, "签发人") && !bodyStart.MatchString(after) {
			return true
		}
		if found++; found > 1 {
			return false
		}
		f = Field{Value: prefix + "〔" + head[m[4]:m[5]] + "〕" + head[m[6]:m[7]] + "号", Source: SourceHead}
		start, end = at, m[1]
		return true
	})
	if found > 1 {
		return Field{}, -1, -1
	}
	return f, start, end
}

// organMarks are the characters an issuing organ's abbreviation in a 文号
// holds and a person's name seldom does: its kind (政 government, 教
// education, 委 committee, 厅, 局, 司, 部, 院, 财, 卫, 人社, 组, 宣, 党,
// 团) or the kind of document (发, 函, 字, 办). 甬教终, 杭政办发,
// 浙教职成, 国发, 长妇发 each hold one; 张三, 王小明 none.
const organMarks = "政府委教厅局司部院财卫社组宣党团发函字办"

// organAbbreviation reports whether a noisy 文号's prefix reads as an
// issuing organ's abbreviation rather than a person's name: a name and
// a 文号 both take two to four Han characters, and only the organ's kind
// or the document's tells them apart.
func organAbbreviation(prefix string) bool {
	return strings.ContainsAny(prefix, organMarks)
}

// addressed reports whether the head before a point has the addressees'
// colon (各区县(市)教育局:) that opens a 公文's body; a 签发人: on the
// 文号's line is none.
func addressed(before string) bool {
	return strings.Contains(strings.ReplaceAll(before, "签发人:", ""), ":")
}

// noisyPrefix is the Han run before a noisy 文号's year cut to the issuing
// body's abbreviation (cleanPrefix), "" unless it cuts off nothing or a
// masthead run into it (宁波市教育局文件): 全市共有社区学校 is a sentence,
// not 区学校, and 根据甬教终 a citation.
func noisyPrefix(run string) string {
	p := cleanPrefix(run)
	if runeLen(p) < 2 || citingClause.MatchString(p) {
		return ""
	}
	if rest := strings.TrimSuffix(run, p); rest != "" && !strings.HasSuffix(rest, "文件") {
		return ""
	}
	return p
}

// mendMisreadParens writes as ( an opening 〈 that a ) closes on its line:
// OCR reads a full-width （ as 〈 (实施意见〈征求意见稿)), and a title so
// read is unbalanced, which cost it its tail, the draft's mark a reviewer
// tells a 征求意见稿 from its final version by. A 〈 that a 〉 closes first
// is kept.
func mendMisreadParens(head string) string {
	lines := strings.Split(head, "\n")
	for i, line := range lines {
		for at := strings.Index(line, "〈"); at >= 0; {
			rest := line[at+len("〈"):]
			if c := strings.IndexByte(rest, ')'); c >= 0 && !strings.Contains(rest[:c], "〈") && !strings.Contains(rest[:c], "〉") {
				line = line[:at] + "(" + rest
			}
			next := strings.Index(line[at+1:], "〈")
			if next < 0 {
				break
			}
			at += 1 + next
		}
		lines[i] = line
	}
	return strings.Join(lines, "\n")
}
