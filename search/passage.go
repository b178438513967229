package search

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// Limits on a pasted passage (readPassage), so that one request cannot tie
// up the index: at most maxPassageRunes characters are read, and at most
// maxPassageClauses clauses of at most maxClauseRunes characters each are
// searched, whatever the passage's length.
const (
	maxPassageRunes   = 2000
	maxPassageClauses = 8
	maxClauseRunes    = 40
	// minClauseRunes is the fewest letters and digits of a clause worth
	// searching: shorter ones (同时，近年来，一是) are in every document.
	minClauseRunes = 6
)

// Passage says how a query was read as a pasted passage: its length in
// characters, the clauses searched and how many of them a document holds
// at least.
type Passage struct {
	Runes   int      `json:"runes"`
	Clauses []string `json:"clauses"`
	AtLeast int      `json:"at_least"`
	// marked are all the passage's clauses a page marks where it holds
	// them near what the search matched (markPassage), also those too
	// short or too many to search; finder finds them all in one pass.
	marked []string
	finder *clauseFinder
}

// isPassage reports whether q, longer than a query may be, reads as a
// passage pasted from a text rather than as a query: it writes none of
// the query language's operators (OR, AND, NOT, -word, a field name), so
// nothing of it would be lost read as text. Quotation marks round it or
// inside it are text; a passage that fails to lex (a quotation it cuts
// open) has no syntax either.
func isPassage(q string) bool {
	items, err := lexQuery(q)
	if err != nil {
		return true
	}
	p := &parsed{}
	p.dropFields(items)
	if len(p.fields) > 0 {
		return false
	}
	return !slices.ContainsFunc(items, func(it item) bool { return it.or || it.and || it.exclude })
}

// parsePassage reads q, a passage (isPassage) with its widths folded, as
// one clause of the passage's longest clauses (its text cut at
// punctuation, longer clauses in parts), each searched as a substring,
// of which a document must hold at least half (all of one or two): the
// document the passage was copied from holds most of them whatever marks
// or line breaks the copy changed, and a document that shares one
// stock phrase with it is not listed.
func parsePassage(q string) (*parsed, error) {
	runes := utf8.RuneCountInString(q)
	if runes > maxPassageRunes {
		return nil, catalog.Errorf(catalog.EINVALID, "粘贴的段落过长（超过 %d 字），请只粘贴要查找出处的一段", maxPassageRunes)
	}
	clauses := passageClauses(q)
	if len(clauses) == 0 {
		return nil, catalog.Errorf(catalog.EINVALID, "粘贴的段落中没有可检索的文字（只有标点、符号或单个的字）")
	}
	terms := make([]index.Term, len(clauses))
	for i, c := range clauses {
		terms[i] = index.Term{Text: c, Substring: true}
	}
	atLeast := len(clauses)
	if atLeast > 2 {
		atLeast = (atLeast + 1) / 2
	}
	return &parsed{
		clauses: []index.Clause{{Any: terms, AtLeast: atLeast}},
		passage: newPassage(runes, clauses, atLeast, markedClauses(q)),
	}, nil
}

// minMarkedRunes is the fewest letters and digits of a clause of a
// passage that is marked (markPassage): a shorter one (一是) would be
// marked wherever the text has it.
const minMarkedRunes = 4

// markedClauses are the clauses of passage that are marked where a page
// holds them: every clause of minMarkedRunes letters and digits or more.
func markedClauses(passage string) []string {
	var out []string
	for _, c := range splitClauses(joinLines(passage)) {
		if alnumRunes(c) >= minMarkedRunes && !slices.Contains(out, c) {
			out = append(out, c)
		}
	}
	return out
}

// newPassage is the Passage of a passage of runes characters whose
// clauses were searched, at least atLeast of them, and whose clauses
// marked are marked.
func newPassage(runes int, clauses []string, atLeast int, marked []string) *Passage {
	return &Passage{Runes: runes, Clauses: clauses, AtLeast: atLeast, marked: marked, finder: newClauseFinder(marked)}
}

// markPassage adds to spans, the words a search of a passage matched on
// pages, every clause of the passage (Passage.marked) that a page holds
// near them: within the passage's length before the first and after the
// last on that page. So the passage a document holds is marked whole,
// not only the clauses searched, while a clause it changed (a number the
// city wrote otherwise) stays unmarked. Only the pages the search matched
// are read, each once for all the clauses (clauseFinder): read once a
// clause, the stock clauses a long report names on most of its pages
// (《全国学习型城市建设监测指导性指标体系》) had each of its pages read
// twenty times over. The work is bounded by the passage's length
// (maxPassageRunes) for each page with a match.
func (p *Passage) markPassage(pages []string, spans []index.Span) []index.Span {
	if p == nil || len(spans) == 0 {
		return spans
	}
	margin := 0
	for _, c := range p.marked {
		margin += len(c) + utf8.UTFMax
	}
	type bounds struct{ lo, hi int }
	near := map[int]bounds{}
	for _, sp := range spans {
		b, ok := near[sp.Page]
		if !ok {
			b = bounds{sp.Start, sp.End}
		}
		near[sp.Page] = bounds{min(b.lo, sp.Start), max(b.hi, sp.End)}
	}
	f := p.finder
	if f == nil {
		f = newClauseFinder(p.marked)
	}
	out := slices.Clone(spans)
	for page, b := range near {
		text := pages[page-1]
		out = f.appendPlaces(out, page, text, max(b.lo-margin, 0), min(b.hi+margin, len(text)))
	}
	return out
}

// passageClauses are the clauses of passage searched (parsePassage): at
// most maxPassageClauses of its longest, in the passage's order.
func passageClauses(passage string) []string {
	var all []string
	for _, c := range splitClauses(joinLines(passage)) {
		for _, part := range clauseParts(c) {
			// A clause said twice is one the document must hold, not two.
			if !slices.Contains(all, part) {
				all = append(all, part)
			}
		}
	}
	long := slices.DeleteFunc(slices.Clone(all), func(c string) bool { return alnumRunes(c) < minClauseRunes })
	if len(long) == 0 {
		// A list of short names (张三、李四…): its items are all it has.
		long = slices.DeleteFunc(all, func(c string) bool { return alnumRunes(c) < 2 })
	}
	if len(long) <= maxPassageClauses {
		return long
	}
	order := make([]int, len(long))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return alnumRunes(long[b]) - alnumRunes(long[a]) })
	order = order[:maxPassageClauses]
	slices.Sort(order)
	out := make([]string, len(order))
	for i, o := range order {
		out[i] = long[o]
	}
	return out
}

// joinLines drops the whitespace of a copied passage next to a Chinese
// character (a PDF's line breaks, spaces set between characters), as
// the stored text has none there, and makes any other run of it one
// space.
func joinLines(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i := 0; i < len(rs); i++ {
		if !unicode.IsSpace(rs[i]) {
			b.WriteRune(rs[i])
			continue
		}
		j := i
		for j < len(rs) && unicode.IsSpace(rs[j]) {
			j++
		}
		if i > 0 && j < len(rs) && !unicode.Is(unicode.Han, rs[i-1]) && !unicode.Is(unicode.Han, rs[j]) {
			b.WriteByte(' ')
		}
		i = j - 1
	}
	return b.String()
}

// splitClauses cuts s at its punctuation, but for marks inside a number
// or a code (1,200, 3.5%, GB/T, 2021-2025), which the text writes as they
// are, and quotation marks and brackets, which a copy changes.
func splitClauses(s string) []string {
	rs := []rune(s)
	var out []string
	start := 0
	for i, r := range rs {
		if !unicode.IsPunct(r) || keptMark(rs, i) {
			continue
		}
		if c := strings.TrimSpace(string(rs[start:i])); c != "" {
			out = append(out, c)
		}
		start = i + 1
	}
	if c := strings.TrimSpace(string(rs[start:])); c != "" {
		out = append(out, c)
	}
	return out
}

// keptMark reports whether the mark at rs[i] stays inside its clause: a
// per cent sign, or a point, comma, colon, slash or hyphen between two
// letters or digits.
func keptMark(rs []rune, i int) bool {
	switch rs[i] {
	case '%', '‰':
		return true
	case '.', ',', ':', '/', '-':
		alnum := func(r rune) bool { return r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) }
		return i > 0 && i+1 < len(rs) && alnum(rs[i-1]) && alnum(rs[i+1])
	}
	return false
}

// clauseParts cuts a clause longer than maxClauseRunes into parts of
// equal length: a longer phrase is no more distinctive, and one character
// read otherwise (a copy's or OCR's) loses only its part.
func clauseParts(c string) []string {
	rs := []rune(c)
	n := (len(rs) + maxClauseRunes - 1) / maxClauseRunes
	if n <= 1 {
		return []string{c}
	}
	out := make([]string, 0, n)
	for i := range n {
		part := strings.TrimSpace(string(rs[i*len(rs)/n : (i+1)*len(rs)/n]))
		if part != "" {
			out = append(out, part)
		}
	}
	return out
}

// alnumRunes counts the letters and digits of s.
func alnumRunes(s string) int {
	n := 0
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}
