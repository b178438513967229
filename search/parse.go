package search

import (
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
	"golang.org/x/text/width"
)

// Limits on a query, so that one request cannot tie up the index. A
// longer query that writes no operator is read as a passage
// (parsePassage), within limits of its own.
const (
	maxQueryRunes = 200
	maxQueryTerms = 32
)

// parsed is a query string read into the index's terms.
type parsed struct {
	clauses []index.Clause
	exclude []index.Term
	// fields are the field names the query wrote as other search
	// engines take them (title:学分), as typed with their colon: the
	// archive has no field syntax and searches the words after them.
	fields []string
	// passage is set when the query was read as a pasted passage
	// (parsePassage) and says how.
	passage *Passage
	// readDigits are the 文号 the query typed with letters for digits,
	// as they were searched besides (readDocNumberDigits: 杭政办发〔2018〕l2号
	// is searched as 杭政办发〔2018〕12号 too).
	readDigits []string
}

// hasTerms reports whether the query has any word to find.
func (p *parsed) hasTerms() bool {
	for _, c := range p.clauses {
		if len(c.Any) > 0 {
			return true
		}
	}
	return false
}

// item is one term of the query string as written.
type item struct {
	text    string
	phrase  bool
	exclude bool
	or      bool     // the bare word OR
	and     bool     // the bare word AND, which says what spaces say
	parts   []string // a code's prefix and number as typed apart (joinCodes)
}

// parseQuery reads the query language: words separated by spaces are ANDed,
// "…" (or “…”) is a phrase, -word excludes, and OR between two terms
// matches either. AND and NOT, as people type them from other search
// engines, mean what a space and a minus do. A query it cannot read is
// EINVALID with the reason.
func parseQuery(q string) (*parsed, error) {
	// Only widths are folded: spaces separate terms and must stay.
	// Characters that show nothing (catalog.IsInvisible) are dropped: a
	// query copied from a web page often carries them inside its words,
	// and the stored text has none.
	q = catalog.DropInvisible(width.Fold.String(q))
	if utf8.RuneCountInString(q) > maxQueryRunes {
		if isPassage(q) {
			// Pasted to find where it comes from (a city's 定性描述
			// copied from a document), not typed as a query.
			return parsePassage(q)
		}
		return nil, catalog.Errorf(catalog.EINVALID, "检索式过长（超过 %d 字），请精简后再试", maxQueryRunes)
	}
	if onlyMarks(q) {
		// Said of the whole query: lexing it first would name a part,
		// such as the empty quotation of “” among ，。！？ typed alone.
		if err := checkSearchable(strings.TrimSpace(q)); err != nil {
			return nil, err
		}
	}
	items, err := lexQuery(q)
	if err != nil {
		return nil, err
	}
	p := &parsed{}
	items = p.dropFields(items)
	items = joinCodes(joinSpacedCharacters(items))
	joinNext := false
	for i, it := range items {
		if it.and {
			if i == 0 || i == len(items)-1 || items[i-1].or || items[i-1].and || items[i+1].or {
				return nil, catalog.Errorf(catalog.EINVALID, "AND 两边都需要检索词（如：学分银行 AND 社区教育；不写 AND，用空格分开也是同时包含）")
			}
			continue
		}
		if it.or {
			if i == 0 || i == len(items)-1 || items[i-1].or || items[i-1].exclude || items[i+1].exclude {
				return nil, catalog.Errorf(catalog.EINVALID, "OR 两边都需要检索词（如：学分银行 OR 学习成果认证）")
			}
			joinNext = true
			continue
		}
		if err := checkSearchable(it.text); err != nil {
			return nil, err
		}
		term := index.Term{Text: it.text}
		if len(it.parts) == 2 && !joinNext {
			// The code, or its prefix and its number anywhere: (code OR
			// prefix) AND (code OR number) is code OR (prefix AND
			// number), so nothing the two words found is lost (GB/T
			// 28827.1, a part of the standard).
			for _, part := range it.parts {
				p.clauses = append(p.clauses, index.Clause{Any: []index.Term{term, {Text: part}}})
			}
			continue
		}
		// Read after the code's branch, which searches the word as
		// typed only: the notice names a 文号 read so only where every
		// branch below searches what it read.
		terms := []index.Term{term}
		if read, ok := readDocNumberDigits(it.text); ok {
			// The 文号 as typed (a text OCR misread holds it so) or with
			// its letters read as the digits they stand for.
			terms = append(terms, index.Term{Text: read})
			if !slices.Contains(p.readDigits, read) {
				p.readDigits = append(p.readDigits, read)
			}
		}
		switch {
		case it.exclude:
			// To leave out every document holding the word, also where
			// the text cut it across other words (健全 in 建立|健|全市),
			// which matching it as a word would keep.
			for _, t := range terms {
				t.Substring = index.IsCrossableWord(t.Text)
				p.exclude = append(p.exclude, t)
			}
		case joinNext:
			last := &p.clauses[len(p.clauses)-1]
			last.Any = append(last.Any, terms...)
		default:
			p.clauses = append(p.clauses, index.Clause{Any: terms})
		}
		joinNext = false
	}
	if len(p.clauses) == 0 && len(p.exclude) > 0 {
		// Nothing would be found: every search starts from the words to
		// find and leaves out the others, so -学分银行 alone answered
		// total 0 with no word of why (probe s55).
		return nil, catalog.Errorf(catalog.EINVALID, "只有排除词：检索需要至少一个要找的词，排除词写在它后面（如：学分银行 -征求意见稿）")
	}
	if len(p.clauses)+len(p.exclude) > maxQueryTerms {
		return nil, catalog.Errorf(catalog.EINVALID, "检索词过多（超过 %d 个），请精简后再试", maxQueryTerms)
	}
	return p, nil
}

// fieldNames are the fields people write before a colon from other
// search engines and catalogues (title:学分, 文号:杭教发), lower case.
var fieldNames = map[string]bool{
	"title": true, "intitle": true, "标题": true, "题名": true, "文号": true, "发文字号": true,
	"issuer": true, "发文机关": true, "author": true, "作者": true, "keyword": true, "keywords": true,
	"关键词": true, "text": true, "content": true, "全文": true, "正文": true, "subject": true, "主题": true,
}

// dropFields takes a field name and its colon off the words that start
// with one (title:学分 is 学分; a bare title: before a phrase is
// dropped), noting the field in p.fields, so that the words are searched
// and the result says so rather than finding nothing.
func (p *parsed) dropFields(items []item) []item {
	out := items[:0:0]
	for _, it := range items {
		if !it.phrase && !it.or && !it.and {
			if name, rest, ok := strings.Cut(it.text, ":"); ok && fieldNames[strings.ToLower(name)] {
				if f := name + ":"; !slices.Contains(p.fields, f) {
					p.fields = append(p.fields, f)
				}
				if it.text = rest; rest == "" {
					continue
				}
			}
		}
		out = append(out, it)
	}
	return out
}

// words is the query q as searched: q without the field names p.fields
// took off its words.
func (p *parsed) words(q string) string {
	q = width.Fold.String(q)
	for _, f := range p.fields {
		q = regexp.MustCompile(`(^|[\s\-－])`+regexp.QuoteMeta(f)).ReplaceAllString(q, "$1")
	}
	return strings.Join(strings.Fields(q), " ")
}

// joinCodes joins a code's prefix and the number typed after it (GB/T
// 28827, DB33/T 2212, ISO 9001) into one term, the code, which the index
// finds written either way (GB/T28827 too), where two terms would find
// only the documents that write it apart; parseQuery keeps the two terms
// as alternatives (a part, GB/T 28827.1, is found by them).
func joinCodes(items []item) []item {
	out := items[:0:0]
	for i := 0; i < len(items); i++ {
		if i+1 < len(items) && isCodePrefix(items[i]) && isCodeNumber(items[i+1], items[i].text) &&
			(i+2 == len(items) || !items[i+2].or) && (i == 0 || !items[i-1].or) {
			out = append(out, item{text: items[i].text + " " + items[i+1].text, parts: []string{items[i].text, items[i+1].text}})
			i++
			continue
		}
		out = append(out, items[i])
	}
	return out
}

// isCodePrefix reports a bare standard's prefix (GB/T, DB33/T) or a code's
// letters (ISO).
func isCodePrefix(it item) bool {
	if it.phrase || it.exclude || it.or || it.and {
		return false
	}
	return standardPrefix.MatchString(it.text) || codeLetters.MatchString(it.text)
}

var (
	standardPrefix = regexp.MustCompile(`^[A-Za-z]{1,4}[0-9]{0,2}/[A-Za-z]{1,2}$`)
	codeLetters    = regexp.MustCompile(`^[A-Za-z]{2,}$`)
)

// isCodeNumber reports a bare number that makes a code with prefix: three
// digits or more after a standard's prefix, more digits than letters after
// a code's letters (ISO 9001, not ISO 14 nor OR-like words and years
// after any word: "APP 2023" stays two terms, as it is no code).
func isCodeNumber(it item, prefix string) bool {
	if it.phrase || it.exclude || it.or || it.and || it.text == "" {
		return false
	}
	for _, c := range []byte(it.text) {
		if c < '0' || c > '9' {
			return false
		}
	}
	if strings.Contains(prefix, "/") {
		return len(it.text) >= 3
	}
	return len(it.text) > len(prefix) && !isYear(it.text)
}

// isYear reports a four-digit number that reads as a year (1900–2099).
func isYear(digits string) bool {
	return len(digits) == 4 && (strings.HasPrefix(digits, "19") || strings.HasPrefix(digits, "20"))
}

// joinSpacedCharacters joins runs of single Chinese characters (and the
// punctuation among them) separated by spaces into one word: text copied
// from a PDF whose title or lines are set with spaces between characters
// (关 于 开 展 … 的 通 知, 学 分 银 行) means those characters in a row,
// as the stored text holds them (extract.Normalize removes such spaces),
// not each character alone as a word.
func joinSpacedCharacters(items []item) []item {
	out := items[:0:0]
	for i := 0; i < len(items); {
		j, han := i, 0
		for j < len(items) && isSpacedCharacter(items[j]) {
			if r, _ := utf8.DecodeRuneInString(items[j].text); unicode.Is(unicode.Han, r) {
				han++
			}
			j++
		}
		if han < 2 {
			out = append(out, items[i])
			i++
			continue
		}
		var b strings.Builder
		for _, it := range items[i:j] {
			b.WriteString(it.text)
		}
		out = append(out, item{text: b.String()})
		i = j
	}
	return out
}

// isSpacedCharacter reports whether it is a bare Chinese character or
// punctuation mark.
func isSpacedCharacter(it item) bool {
	if it.phrase || it.exclude || it.or || it.and || utf8.RuneCountInString(it.text) != 1 {
		return false
	}
	r, _ := utf8.DecodeRuneInString(it.text)
	return unicode.Is(unicode.Han, r) || unicode.IsPunct(r)
}

// onlyMarks reports whether q holds neither a letter nor a digit but
// more than quotation marks (a bare "" is an empty quotation).
func onlyMarks(q string) bool {
	if strings.Trim(q, " \"“”「」") == "" {
		return false
	}
	return !strings.ContainsFunc(q, func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) })
}

func checkSearchable(text string) error {
	has, err := index.HasQueryTerms(text)
	if err != nil {
		return err
	}
	if !has {
		// text has its widths folded; shown with the punctuation the
		// user more likely typed (，。 rather than ,.).
		return catalog.Errorf(catalog.EINVALID, "“%s”中没有可检索的文字（只有标点或符号）", catalog.Fullwidth(text))
	}
	return nil
}

func isQuote(r rune) (closing rune, ok bool) {
	switch r {
	case '"':
		return '"', true
	case '“':
		return '”', true
	case '「':
		return '」', true
	}
	return 0, false
}

// lexQuery splits the query into items.
func lexQuery(q string) ([]item, error) {
	var items []item
	notNext := false // the last word was NOT
	rs := []rune(q)
	for i := 0; i < len(rs); {
		if unicode.IsSpace(rs[i]) {
			i++
			continue
		}
		var it item
		if rs[i] == '-' || rs[i] == '－' {
			it.exclude = true
			i++
			if i == len(rs) || unicode.IsSpace(rs[i]) {
				return nil, catalog.Errorf(catalog.EINVALID, "减号后需要紧跟要排除的词（如：-征求意见稿）")
			}
		}
		if closing, ok := isQuote(rs[i]); ok {
			end := indexRune(rs, i+1, closing)
			if end < 0 {
				return nil, catalog.Errorf(catalog.EINVALID, "引号不配对：短语需要用一对引号括起来（如：“学分银行”）")
			}
			it.text, it.phrase = strings.TrimSpace(string(rs[i+1:end])), true
			i = end + 1
			if it.text == "" {
				return nil, catalog.Errorf(catalog.EINVALID, "引号中没有内容")
			}
		} else {
			start := i
			for i < len(rs) && !unicode.IsSpace(rs[i]) {
				if _, q := isQuote(rs[i]); q {
					break
				}
				i++
			}
			it.text = string(rs[start:i])
			it.or = it.text == "OR" && !it.exclude
			it.and = it.text == "AND" && !it.exclude
			if it.text == "NOT" && !it.exclude {
				// NOT x is -x: the next term is excluded.
				for i < len(rs) && unicode.IsSpace(rs[i]) {
					i++
				}
				if i == len(rs) || rs[i] == '-' || rs[i] == '－' {
					return nil, catalog.Errorf(catalog.EINVALID, "NOT 后需要紧跟要排除的词（如：学分银行 NOT 征求意见稿，也可写作 -征求意见稿）")
				}
				notNext = true
				continue
			}
		}
		if notNext {
			if it.or || it.and {
				return nil, catalog.Errorf(catalog.EINVALID, "NOT 后需要紧跟要排除的词（如：学分银行 NOT 征求意见稿，也可写作 -征求意见稿）")
			}
			it.exclude, notNext = true, false
		}
		items = append(items, it)
	}
	return items, nil
}

func indexRune(rs []rune, from int, r rune) int {
	for i := from; i < len(rs); i++ {
		if rs[i] == r {
			return i
		}
	}
	return -1
}
