package index

import (
	"strconv"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/text/width"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// titleBoost weighs a title match above a body match within a document's
// score; titleTier is what ranks title matches above body matches in a
// search that asks for it (Query.TitleFirst).
const titleBoost = 3.0

// buildQuery translates a Query into Bleve's query tree. Every term is a
// phrase of its exact-mode words, searched in the title (boosted) and the
// text; clauses are ANDed, terms within a clause ORed. m is the index's
// mapping, whose analyzers cut the terms.
func buildQuery(q Query, m mapping.IndexMapping) query.Query {
	var must []query.Query
	for _, c := range q.Clauses {
		alts := make([]query.Query, 0, len(c.Any))
		for _, t := range c.Any {
			alts = append(alts, termQuery(t, m))
		}
		cq := disjunction(alts...)
		if c.AtLeast > 1 && len(alts) > 1 {
			dq := bleve.NewDisjunctionQuery(alts...)
			dq.SetMin(float64(min(c.AtLeast, len(alts))))
			cq = dq
		}
		if q.TitleFirst {
			// Outside the clause's disjunction, whose coordination
			// factor would divide the tier by the number of its words.
			cq = newTitleFirstQuery(cq, clauseTitleQuery(c, m))
		}
		must = append(must, cq)
	}
	// With words to score, the filters keep documents without scoring
	// them: a filter's terms would add their rarity to every hit's
	// score and change the words' norm, so that the search's pending
	// documents, found by their words among their IDs and by their
	// catalog's values (search's pendingMatches), scored apart from the
	// hits they are ranked among (review s55). Without words the filters
	// are all there is to score (a norm of nothing would score NaN).
	must = append(must, filterQueries(q.Filter, len(must) == 0)...)
	var top query.Query
	switch len(must) {
	case 0:
		top = bleve.NewMatchAllQuery()
	case 1:
		top = must[0]
	default:
		top = bleve.NewConjunctionQuery(must...)
	}
	if len(q.Exclude) == 0 && len(q.Filter.ExcludeIDs) == 0 && q.Unless == nil {
		return top
	}
	bq := bleve.NewBooleanQuery()
	bq.AddMust(top)
	for _, t := range q.Exclude {
		bq.AddMustNot(termQuery(t, m))
	}
	if len(q.Filter.ExcludeIDs) > 0 {
		bq.AddMustNot(bleve.NewDocIDQuery(q.Filter.ExcludeIDs))
	}
	if q.Unless != nil {
		bq.AddMustNot(buildQuery(*q.Unless, m))
	}
	return bq
}

// termQuery matches a dictionary word as a phrase of its exact-mode words
// in the gse fields, and any other word as a substring, the phrase of its
// character pairs in the n-gram fields (doc.go says why; pairPhraseQuery
// matches that phrase). A word that is
// one exact-mode word is a term query: the same documents, scores and term
// locations as the phrase of one word, without Bleve's phrase matching,
// which collects and merges the locations of every matching document
// (most of a search's cost when the word is common).
//
// A word whose numbers may be written with their thousands grouped or not
// matches any of its forms, and an abbreviation's plural its singular
// (searchForms).
//
// A year's forms in Chinese numerals (二〇二三年, 二○二三年, 二零二三年) are
// rare words, whose scores would outweigh those of the common Arabic form
// (2023年): they are searched as one alternative, at chineseYearBoost, so
// that a document's score for the year does not grow with the number of
// its forms nor with the rarity of the one it writes (a signature date).
//
// A bare number (12000, 1.2万, 一万二千) also matches its value written
// any other way (valueQuery).
//
// A search that ranks title matches first (Query.TitleFirst) does so
// above the disjunction of a clause's words (buildQuery).
//
// A term that asks for it (Term.Substring) is matched as a substring in
// every form.
func termQuery(t Term, m mapping.IndexMapping) query.Query {
	q := formsTermQuery(t, m)
	if v := valueQuery(t.Text); v != nil {
		q = bleve.NewDisjunctionQuery(q, v)
	}
	return q
}

// clauseTitleQuery matches the documents whose title holds any of c's
// words in any of the forms termQuery searches.
func clauseTitleQuery(c Clause, m mapping.IndexMapping) query.Query {
	var titles []query.Query
	for _, t := range c.Any {
		for _, f := range searchForms(t.Text) {
			ft, _ := formParts(f, 1, t.Substring, m)
			titles = append(titles, ft...)
		}
		if number, ok := bareValue(t.Text); ok {
			titles = append(titles, valueTitleQuery(number))
		}
	}
	if len(titles) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return disjunction(titles...)
}

// valueQuery matches the value of word, a bare number, in the n-gram
// fields by its value token, wherever and however a document writes it
// (12000 finds 1.2万人 and 一万二千人, 1.2万 finds 12,000, never 1.2万亿
// nor 12000万: zh.Values); nil for any other word.
func valueQuery(word string) query.Query {
	number, ok := bareValue(word)
	if !ok {
		return nil
	}
	text := bleve.NewTermQuery(string(zh.ValueToken(number)))
	text.SetField(fieldTextNgram)
	return bleve.NewDisjunctionQuery(valueTitleQuery(number), text)
}

// valueTitleQuery is valueQuery's part in the title, for number, a bare
// number's value (bareValue).
func valueTitleQuery(number string) query.Query {
	title := bleve.NewTermQuery(string(zh.ValueToken(number)))
	title.SetField(fieldTitleNgram)
	title.SetBoost(titleBoost)
	return title
}

// bareValue is zh.BareValue of word folded to half width.
func bareValue(word string) (string, bool) {
	return zh.BareValue(width.Fold.String(word))
}

// formsTermQuery is termQuery of t's search forms.
func formsTermQuery(t Term, m mapping.IndexMapping) query.Query {
	forms := searchForms(t.Text)
	var arabic, chinese []string
	for _, f := range forms {
		if len(ChineseYears(f)) > 0 {
			chinese = append(chinese, f)
		} else {
			arabic = append(arabic, f)
		}
	}
	if len(arabic) == 0 || len(chinese) == 0 {
		return formsQuery(forms, 1, t.Substring, m)
	}
	return bleve.NewDisjunctionQuery(formsQuery(arabic, 1, t.Substring, m), formsQuery(chinese, chineseYearBoost, t.Substring, m))
}

// chineseYearBoost weighs a year's forms in Chinese numerals beside its
// form in Arabic digits (termQuery).
const chineseYearBoost = 0.1

// formsQuery matches any of forms, each at boost, and as a substring
// when substring is set.
func formsQuery(forms []string, boost float64, substring bool, m mapping.IndexMapping) query.Query {
	if len(forms) == 1 {
		return formQuery(forms[0], boost, substring, m)
	}
	alts := make([]query.Query, len(forms))
	for i, f := range forms {
		alts[i] = formQuery(f, boost, substring, m)
	}
	return bleve.NewDisjunctionQuery(alts...)
}

// formQuery is termQuery for one form of a word, its scores weighed by
// boost; as a substring when substring is set.
func formQuery(word string, boost float64, substring bool, m mapping.IndexMapping) query.Query {
	_, all := formParts(word, boost, substring, m)
	if len(all) == 0 {
		return bleve.NewMatchNoneQuery()
	}
	return bleve.NewDisjunctionQuery(all...)
}

// formParts are the queries of formQuery: those in the title fields, and
// all of them in the order their scores are summed (title, text, and for
// a count the title's and the text's count token); none for a word with
// nothing to search. A word asked for as a substring (substring) that
// is matched as a word otherwise is matched by its substring form
// (zh.SubstringForm) when that has a pair of characters.
func formParts(word string, boost float64, substring bool, m mapping.IndexMapping) (titles, all []query.Query) {
	t := Term{Text: word}
	sub, part := partSubstring(word)
	ok := part
	if !ok {
		sub, ok = substringText(t.Text)
	}
	if !ok && substring {
		sub, ok = anySubstringText(t.Text)
	}
	if ok {
		title, text := phraseQueries(sub, part, boost)
		if title == nil {
			return nil, nil
		}
		titles, all = []query.Query{title}, []query.Query{title, text}
		if c := newCountQuery(sub, fieldTitleNgram, titleBoost*boost); c != nil && !part {
			titles = append(titles, c)
			all = append(all, c, newCountQuery(sub, fieldTextNgram, boost))
		}
		if !part {
			// With trailing zeros before its unit (96.5% in 96.50%).
			if zt, ztext := zerosQueries(sub, boost); zt != nil {
				titles = append(titles, zt)
				all = append(all, zt, ztext)
			}
		}
		return titles, all
	}
	if word, ok := oneWord(t.Text, m); ok {
		title := bleve.NewTermQuery(word)
		title.SetField(fieldTitle)
		title.SetBoost(titleBoost * boost)
		text := bleve.NewTermQuery(word)
		text.SetField(fieldText)
		text.SetBoost(boost)
		return []query.Query{title}, []query.Query{title, text}
	}
	title := bleve.NewMatchPhraseQuery(t.Text)
	title.SetField(fieldTitle)
	title.Analyzer = QueryAnalyzer
	title.SetBoost(titleBoost * boost)
	text := bleve.NewMatchPhraseQuery(t.Text)
	text.SetField(fieldText)
	text.Analyzer = QueryAnalyzer
	text.SetBoost(boost)
	return []query.Query{title}, []query.Query{title, text}
}

// oneWord returns the term the query analyzer cuts text into when it cuts
// it into exactly one.
func oneWord(text string, m mapping.IndexMapping) (string, bool) {
	if m == nil {
		return "", false
	}
	a := m.AnalyzerNamed(QueryAnalyzer)
	if a == nil {
		return "", false
	}
	toks := a.Analyze([]byte(text))
	if len(toks) != 1 || len(toks[0].Term) == 0 {
		return "", false
	}
	return string(toks[0].Term), true
}

// filterQueries are the queries of f's filters; scored says whether
// they add to a hit's score (buildQuery).
func filterQueries(f Filter, scored bool) []query.Query {
	var out []query.Query
	unscored := func(q interface{ SetBoost(float64) }) {
		if !scored {
			q.SetBoost(0)
		}
	}
	add := func(field string, values []string) {
		if len(values) == 0 {
			return
		}
		alts := make([]query.Query, len(values))
		for i, v := range values {
			tq := bleve.NewTermQuery(v)
			tq.SetField(field)
			unscored(tq)
			alts[i] = tq
		}
		out = append(out, disjunction(alts...))
	}
	add(fieldCity, f.Cities)
	add(fieldDocType, f.DocTypes)
	if n := len(out); len(f.Indicators) > 0 {
		add(fieldIndicators, f.Indicators)
		if len(f.IndicatorIDs) > 0 {
			ids := bleve.NewDocIDQuery(f.IndicatorIDs)
			unscored(ids)
			out[n] = bleve.NewDisjunctionQuery(out[n], ids)
		}
	}
	add(fieldDepartment, f.Departments)
	years := make([]string, len(f.Years))
	for i, y := range f.Years {
		years[i] = strconv.Itoa(y)
	}
	add(fieldYear, years)
	rounds := make([]string, len(f.Rounds))
	for i, r := range f.Rounds {
		rounds[i] = strconv.Itoa(r)
	}
	add(fieldRound, rounds)
	if !f.IssuedFrom.IsZero() || !f.IssuedTo.IsZero() {
		inclusive := true
		var end time.Time
		if !f.IssuedTo.IsZero() {
			// The last day is kept whole.
			end = f.IssuedTo.AddDate(0, 0, 1)
		}
		notEnd := false
		dq := bleve.NewDateRangeInclusiveQuery(f.IssuedFrom, end, &inclusive, &notEnd)
		dq.SetField(fieldIssuedOn)
		unscored(dq)
		out = append(out, dq)
	}
	if len(f.IDs) > 0 {
		ids := bleve.NewDocIDQuery(f.IDs)
		unscored(ids)
		out = append(out, ids)
	}
	if f.Cut {
		add(fieldCut, []string{cutMark})
	}
	return out
}

func disjunction(qs ...query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return bleve.NewDisjunctionQuery(qs...)
}

// sortOrder is Bleve's order for s; nil keeps Bleve's by score.
func sortOrder(s Sort) search.SortOrder {
	issued := func(desc bool) search.SortOrder {
		return search.SortOrder{
			&search.SortField{Field: fieldIssuedOn, Desc: desc, Type: search.SortFieldAsDate, Missing: search.SortFieldMissingLast},
			&search.SortScore{Desc: true},
			&search.SortDocID{Desc: true},
		}
	}
	switch s {
	case SortIssued:
		return issued(true)
	case SortIssuedAsc:
		return issued(false)
	case SortUploaded:
		return search.SortOrder{&search.SortDocID{Desc: true}}
	case SortRelevanceByID:
		return search.SortOrder{&search.SortScore{Desc: true}, &search.SortDocID{Desc: true}}
	}
	return nil
}

// phraseQueries are formParts' queries of sub, a substring query word, in
// the title and the text: with its clause marks any or none in the text
// (flexOf) unless it is a code's part, whose point is the code's; nil
// when sub has no pair.
func phraseQueries(sub string, part bool, boost float64) (title, text *pairPhraseQuery) {
	if f, ok := flexOf(sub); ok && !part {
		title = newFlexPhraseQuery(f, fieldTitleNgram, titleBoost*boost)
		text = newFlexPhraseQuery(f, fieldTextNgram, boost)
		if title != nil {
			return title, text
		}
	}
	title = newPairPhraseQuery(sub, fieldTitleNgram, titleBoost*boost)
	if title == nil {
		return nil, nil
	}
	text = newPairPhraseQuery(sub, fieldTextNgram, boost)
	text.endsAtPoint = part
	return title, text
}

// zerosQueries are formParts' queries of sub, a substring query word not
// a code's part, with trailing zeros before its units (96.5% in 96.50%),
// in the title and the text: with its clause marks any or none as
// phraseQueries takes them, so that both leniencies hold at once
// (96.5%，提高到98.2% finds 96.50%、提高到98.20%); nil when it writes no
// number before another character.
func zerosQueries(sub string, boost float64) (title, text *pairPhraseQuery) {
	if f, ok := flexOf(sub); ok && f.HasZeros() {
		return newFlexZerosQuery(f, fieldTitleNgram, titleBoost*boost), newFlexZerosQuery(f, fieldTextNgram, boost)
	}
	title = newZerosQuery(sub, fieldTitleNgram, titleBoost*boost)
	if title == nil {
		return nil, nil
	}
	return title, newZerosQuery(sub, fieldTextNgram, boost)
}
