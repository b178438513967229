package index

import (
	"slices"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// Preload loads the dictionary now rather than on the first document or
// query, so that start-up pays the cost and the first request does not.
func Preload() error {
	_, err := zh.Segmenter()
	return err
}

// QueryTerms returns the words a query text is searched by (exact mode,
// lower-cased), or an empty slice when the text has nothing searchable.
func QueryTerms(text string) ([]string, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	toks := zh.Segment(seg, []byte(text), false)
	terms := make([]string, len(toks))
	for i, t := range toks {
		terms[i] = strings.ToLower(string(t.Term))
	}
	return terms, nil
}

// HasQueryTerms reports whether text has anything to search by
// (QueryTerms is not empty): every search asks it of its query and of
// each of its words, so the answers for texts of up to maxKeptText bytes
// are kept (searchableTexts).
func HasQueryTerms(text string) (bool, error) {
	if has, ok := searchableTexts.get(text); ok {
		return has, nil
	}
	terms, err := QueryTerms(text)
	if err != nil {
		return false, err
	}
	if len(text) <= maxKeptText {
		searchableTexts.put(text, len(terms) > 0)
	}
	return len(terms) > 0, nil
}

// maxKeptText is the longest text whose HasQueryTerms answer is kept: a
// query of words, not a pasted passage, which is seldom asked twice.
const maxKeptText = 256

// searchableTexts keeps HasQueryTerms' answers by text.
var searchableTexts keptAnswers[bool]

// substringText returns the text a query word is searched by as a
// substring, and true, when the word is not one dictionary word (学习周,
// 12.3万); dictionary words, single characters, Latin words and plain
// numbers give false and are matched as words.
func substringText(word string) (string, bool) {
	seg, err := zh.Segmenter()
	if err != nil {
		return "", false
	}
	return zh.SubstringText(seg, word)
}

// flexOf is sub, a query word's substring text, cut at the places where
// a clause mark may be any or none (zh.NewFlex); false when it has none.
func flexOf(sub string) (zh.Flex, bool) {
	seg, err := zh.Segmenter()
	if err != nil {
		return zh.Flex{}, false
	}
	return zh.NewFlex(seg, sub)
}

// IsSubstringTerm reports whether a query word is searched as a substring
// rather than as a word.
func IsSubstringTerm(word string) bool {
	_, ok := substringText(word)
	return ok
}

// anySubstringText is zh.SubstringForm: the text a word asked for as a
// substring (Term.Substring) is searched by.
func anySubstringText(word string) (string, bool) {
	return zh.SubstringForm(word)
}

// IsCrossableWord reports whether a query word is matched as a word that
// the text may hold where its segmentation crossed it (健全 in
// 建立|健|全市民), so that a search may miss documents that hold it: a
// dictionary word of two or three Chinese characters (zh.CrossableWord).
// Asked for as a substring (Term.Substring), it finds them.
//
// Every search asks it of each of its words (search.asSubstring), and
// answering segments the word and folds it again: the answers are kept
// (crossableWords), since the dictionary does not change once loaded.
func IsCrossableWord(word string) bool {
	if crossable, ok := crossableWords.get(word); ok {
		return crossable
	}
	seg, err := zh.Segmenter()
	if err != nil {
		return false
	}
	crossable := zh.CrossableWord(seg, word)
	crossableWords.put(word, crossable)
	return crossable
}

// maxKeptWords bounds the words whose answers are kept (IsCrossableWord,
// searchForms): queries are typed by people, so the words asked are many
// but the same few come back (a load's vocabulary, an indicator's terms).
const maxKeptWords = 4096

// crossableWords keeps IsCrossableWord's answers by word.
var crossableWords keptAnswers[bool]

// keptAnswers keeps a function's answers by word, for functions of the
// word alone (and of the dictionary, fixed once loaded); when full it is
// emptied and fills again with the words still asked.
type keptAnswers[V any] struct {
	mu sync.RWMutex
	m  map[string]V
}

func (k *keptAnswers[V]) get(word string) (answer V, ok bool) {
	k.mu.RLock()
	defer k.mu.RUnlock()
	answer, ok = k.m[word]
	return answer, ok
}

func (k *keptAnswers[V]) put(word string, answer V) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.m == nil || len(k.m) >= maxKeptWords {
		k.m = make(map[string]V)
	}
	k.m[word] = answer
}

func (k *keptAnswers[V]) len() int {
	k.mu.RLock()
	defer k.mu.RUnlock()
	return len(k.m)
}

// searchForms are the forms a query word is searched in: its number forms
// (numberForms) of it and of its count written in 万 or 亿 or counted out
// (wanForms: 12000人 and 1.2万人), of its singular when it is an abbreviation's plural
// (MOOCs is searched as MOOC, which the index holds at MOOCs too), and of
// its codes written joined or apart (ISO9001 and ISO 9001: codeForms), and
// of a code at its end also the code's parts (GB/T 28827.1: codePartForm),
// of a year in Chinese numerals with each sign of zero (二〇二三年,
// 二○二三年, 二零二三年: zeroForms) and in Arabic digits, and of one in
// Arabic digits in Chinese numerals too (2023年 ⇄ 二〇二三年: yearForms), and of a 文号 with and without 第
// before its serial (〔2015〕58号, 〔2015〕第58号: docNumberSerialForm). A
// word with a count in Chinese numerals is searched with the count in
// Arabic digits too (一万二千人 as 12000人: arabicCounts), whose forms
// find it however it is written; when the word starts with the count it
// is searched so only, as its own letters would find the count inside a
// larger number (一万二千人 in 十一万二千人), unless the word holds a second
// count (十全十美, 一万人三千场), which only its own letters find. A date
// is searched in each of its spellings (2018-03-20, 2018年3月20日:
// dateForms). A 文号 typed with spaces inside is searched without them.
//
// A search asks it of each word three times or more (the text's query,
// the title's, the numbers its passages mark), and a computed search
// again for its page's text: the forms are kept by word (keptForms), and
// the slice given is shared, not to be changed (its capacity is its
// length, so an append copies it).
func searchForms(word string) []string {
	if forms, ok := keptForms.get(word); ok {
		return forms
	}
	forms := slices.Clip(wordForms(word))
	keptForms.put(word, forms)
	return forms
}

// keptForms keeps searchForms' answers by word.
var keptForms keptAnswers[[]string]

// wordForms is searchForms without the kept answers.
func wordForms(word string) []string {
	// A 文号 typed with spaces is the 文号 (zh.JoinDocNumbers).
	word = zh.JoinDocNumbers(word)
	if dates := dateForms(word); dates != nil {
		// 2018-03-20 finds 2018年3月20日, and 二〇一八年三月二十日 with
		// every sign of zero.
		var forms []string
		for _, d := range dates {
			for _, z := range zeroForms(d) {
				if !slices.Contains(forms, z) {
					forms = append(forms, z)
				}
			}
		}
		return forms
	}
	w, ok, atStart := arabicCounts(word)
	if !ok {
		return formsOf(word)
	}
	if _, _, one := countPhrase(w); atStart && one {
		return formsOf(w) // 12000人 finds 一万二千人 (newCountQuery)
	}
	// Words before the count, or a second count after it (十全十美 is
	// 10全10美, which no count query finds): as written too.
	forms := formsOf(word)
	for _, f := range formsOf(w) {
		if !slices.Contains(forms, f) {
			forms = append(forms, f)
		}
	}
	return forms
}

// SearchForms are the forms a query word is searched in (searchForms:
// 12000人 is searched as 1.2万人 too), so that what marks a hit knows
// every number it may have found. The list is the caller's own: the
// kept one (keptForms) is shared by every search.
func SearchForms(word string) []string { return slices.Clone(searchForms(word)) }

// formsOf is searchForms of a word with no count in Chinese numerals.
func formsOf(word string) []string {
	var forms []string
	var bases []string
	for _, y := range yearForms(word) {
		for _, z := range zeroForms(y) {
			bases = append(bases, codeForms(zh.Singular(z))...)
			bases = append(bases, docNumberForms(z)...)
		}
	}
	for _, b := range bases {
		if f, ok := docNumberSerialForm(b); ok && !slices.Contains(bases, f) {
			bases = append(bases, f)
		}
	}
	for _, b := range bases {
		for _, f := range docNumberReadForms(b) {
			if !slices.Contains(bases, f) {
				bases = append(bases, f)
			}
		}
	}
	for _, c := range bases {
		for _, w := range append([]string{c}, wanForms(c)...) {
			for _, f := range numberForms(w) {
				if !slices.Contains(forms, f) {
					forms = append(forms, f)
				}
			}
		}
		if p, ok := codePartForm(c); ok && !slices.Contains(forms, p) {
			forms = append(forms, p)
		}
	}
	return forms
}

// WordBounds returns the byte offsets of text at which a word (exact mode)
// starts or ends, in order, so that text can be cut without cutting a word.
func WordBounds(text string) ([]int, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	var out []int
	for _, t := range zh.Segment(seg, []byte(text), false) {
		if n := len(out); n == 0 || out[n-1] != t.Start {
			out = append(out, t.Start)
		}
		out = append(out, t.End)
	}
	return out, nil
}
