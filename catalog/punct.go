package catalog

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// IsFullwidthMark reports the full-width marks Fullwidth writes, ，；：（）！？:
// those a title read from extracted text takes back from its document
// (fields.Unfold), and no other (．－／％ stay folded, as numbers do).
func IsFullwidthMark(r rune) bool {
	switch r {
	case '\uFF0C', '\uFF1B', '\uFF1A', '\uFF08', '\uFF09', '\uFF01', '\uFF1F': // ，；：（）！？
		return true
	}
	return false
}

// Fullwidth writes the punctuation of Chinese text in full width: an ASCII
// comma, semicolon, colon, parenthesis, exclamation or question mark next
// to a Chinese character (or Chinese punctuation) becomes ，；：（）！？.
// Punctuation between Latin letters, digits or format verbs is left alone
// ("%s:%v", "10:30", "a(1).pdf"). A full stop '.' is left as it is: the
// extracted text is never stored with 。 folded to '.', so a '.' there is
// one the document wrote (不符.请核对, 方案.定稿.docx); TypedText also
// turns it into 。 for text typed in the archive. Apply it to message
// texts and to extracted text when it is shown (ShownText), never to the
// values put into messages (a file name stays as it was uploaded).
func Fullwidth(s string) string {
	return fullwidth(s, false)
}

// TypedText is Fullwidth for text people type in the archive — reviewers'
// comments, return reasons — and for the messages and labels written
// here: its punctuation next to Chinese full width, and a full stop '.'
// after a Chinese character 。 when nothing Latin, no digit and no other
// '.' follows it (不符.请核对 → 不符。请核对, 盖章版). at the end), never
// between digits (1.2万) nor in a file name (台账.xlsx), an ellipsis (...)
// or a numbered heading (一.工作情况 at a line's start). Never apply it to
// a document's text, title or file name: those keep each '.' they have.
func TypedText(s string) string {
	s = Fullwidth(s)
	if !strings.Contains(s, ".") {
		return s
	}
	rs := []rune(s)
	for i, r := range rs {
		if r == '.' && sentenceEnd(rs, i) {
			rs[i] = '\u3002' // 。
		}
	}
	return string(rs)
}

// wideAlnum reports whether r is a full-width digit or Latin letter.
func wideAlnum(r rune) bool {
	return r >= '\uFF10' && r <= '\uFF19' || r >= '\uFF21' && r <= '\uFF3A' || r >= '\uFF41' && r <= '\uFF5A'
}

// chineseNumerals are the numerals a heading is numbered with (一.).
const chineseNumerals = "一二三四五六七八九十"

// sentenceEnd reports whether the '.' at rs[i] ends a Chinese sentence: a
// Chinese character (or Chinese punctuation, 。 made just before it
// included) before it, and after it the end, a space, a line break or
// Chinese; not a numbered heading's 一. at a line's start.
func sentenceEnd(rs []rune, i int) bool {
	if i == 0 || !isChinese(rs[i-1]) || wideAlnum(rs[i-1]) {
		return false // ９８.６ is a number in full-width digits
	}
	if i+1 < len(rs) && (!unicode.IsSpace(rs[i+1]) && !isChinese(rs[i+1]) || wideAlnum(rs[i+1])) {
		return false
	}
	if strings.ContainsRune(chineseNumerals, rs[i-1]) && (i == 1 || unicode.IsSpace(rs[i-2])) {
		return false
	}
	return true
}

// isChinese reports whether r is a Han character or Chinese punctuation.
// The common cases are answered by comparisons: below U+2E80, where no Han
// character is, only “ ” are Chinese; the CJK Unified Ideographs block is
// all Han. Extracted text is shown rune by rune through it.
func isChinese(r rune) bool {
	switch {
	case r < 0x2E80:
		return r == '\u201C' || r == '\u201D' // “ ”
	case r >= 0x4E00 && r <= 0x9FFF, // CJK Unified Ideographs
		r >= 0x3000 && r <= 0x303F, // 、。〔〕《》「」
		r >= 0xFF01 && r <= 0xFF60: // full-width forms
		return true
	}
	return unicode.Is(unicode.Han, r)
}

// chineseQuotes turns each plain %q of a format written in Chinese whose
// value is text into “%s” with the value's invisible characters escaped
// as %q escapes them (a right-to-left override shows as \u202e), so
// 未知的城市代码 %q reads 未知的城市代码“12”, not 未知的城市代码 "12". A
// format in another language, or one with explicit argument indexes or a
// '*' width, is left as it is.
func chineseQuotes(format string, args []any) (string, []any) {
	if !strings.Contains(format, "q") || strings.IndexFunc(format, func(r rune) bool { return unicode.Is(unicode.Han, r) }) < 0 {
		return format, args
	}
	return curlyQuotes(format, args, true)
}

// englishQuotes is chineseQuotes for an English message: each plain %q
// of a text value becomes “%s”, spaces around it kept, so the English of
// 未知的文件类型 %q reads Unknown document type “通知” as the English
// messages written with “%s” do, not Unknown document type "通知" (probe
// s55).
func englishQuotes(format string, args []any) (string, []any) {
	if !strings.Contains(format, "q") {
		return format, args
	}
	return curlyQuotes(format, args, false)
}

// curlyQuotes puts each plain %q's text value in “”, its invisible
// characters escaped; with chinese, the spaces between the marks and
// Chinese text beside them are dropped.
func curlyQuotes(format string, args []any, chinese bool) (string, []any) {
	var b strings.Builder
	out, copied := args, false
	n := 0 // the argument the next verb takes
	for i := 0; i < len(format); i++ {
		c := format[i]
		if c != '%' {
			b.WriteByte(c)
			continue
		}
		j := i + 1
		for j < len(format) && strings.IndexByte("+-# 0123456789.", format[j]) >= 0 {
			j++
		}
		if j >= len(format) {
			b.WriteString(format[i:])
			break
		}
		switch verb := format[j]; {
		case verb == '%':
			b.WriteString(format[i : j+1])
		case verb == '[' || verb == '*':
			return format, args
		case verb == 'q' && plainOrPrecision(format[i+1:j]) && n < len(args):
			if s, ok := textOf(args[n]); ok {
				if !copied {
					out, copied = slices.Clone(args), true
				}
				out[n] = visible(cut(s, format[i+1:j]))
				// Chinese quotation marks take no space around them:
				// 文档 %q 不存在 → 文档“x”不存在.
				if before, _ := utf8.DecodeLastRuneInString(strings.TrimSuffix(b.String(), " ")); chinese && isChinese(before) {
					trimmed := strings.TrimSuffix(b.String(), " ")
					b.Reset()
					b.WriteString(trimmed)
				}
				b.WriteString("“%s”")
				if after, _ := utf8.DecodeRuneInString(strings.TrimPrefix(format[j+1:], " ")); chinese && isChinese(after) && strings.HasPrefix(format[j+1:], " ") {
					j++
				}
			} else {
				b.WriteString("%q")
			}
			n++
		default:
			b.WriteString(format[i : j+1])
			n++
		}
		i = j
	}
	return b.String(), out
}

// plainOrPrecision reports whether a verb's flags are none or only a
// precision (%.40q, which fmt cuts to 40 characters before quoting: the
// probe s48 found 参数 round 应为整数，收到 "2017a" in ASCII quotes).
func plainOrPrecision(flags string) bool {
	if flags == "" {
		return true
	}
	_, err := strconv.Atoi(strings.TrimPrefix(flags, "."))
	return strings.HasPrefix(flags, ".") && len(flags) > 1 && err == nil
}

// cut is s cut to the precision flags name in characters, as fmt cuts a
// %.Nq; s itself when flags name none.
func cut(s, flags string) string {
	n, err := strconv.Atoi(strings.TrimPrefix(flags, "."))
	if flags == "" || err != nil {
		return s
	}
	if r := []rune(s); len(r) > n {
		return string(r[:n])
	}
	return s
}

// textOf is the text a %q verb quotes, for the values that are text: of
// a string kind (named string types too), bytes, errors and Stringers. A
// nil pointer behind an interface is left to fmt, which prints <nil>.
func textOf(v any) (string, bool) {
	rv := reflect.ValueOf(v)
	if !rv.IsValid() || rv.Kind() == reflect.Pointer && rv.IsNil() {
		return "", false
	}
	switch v := v.(type) {
	case []byte:
		return string(v), true
	case error:
		return v.Error(), true
	case fmt.Stringer:
		return v.String(), true
	}
	if rv.Kind() == reflect.String {
		return rv.String(), true
	}
	return "", false
}

// visible escapes the characters of s that cannot be seen, as strconv.Quote
// does, and leaves the rest, quotation marks and backslashes too.
func visible(s string) string {
	var b strings.Builder
	for _, r := range s {
		if r == utf8.RuneError || !strconv.IsPrint(r) {
			q := strconv.QuoteRune(r)
			b.WriteString(q[1 : len(q)-1])
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}
