package index

import (
	"github.com/blevesearch/bleve/v2/analysis/analyzer/keyword"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/lcmonitor/evidence/index/internal/zh"
)

// The analyzers of Chinese text (index/internal/zh). Their names are stored
// in the index's mapping, so renaming one needs a reindex.
const (
	// IndexAnalyzer indexes text with gse search mode: every word and its
	// sub-words, so 长沙 finds 长沙市.
	IndexAnalyzer = zh.IndexAnalyzer
	// QueryAnalyzer analyses queries with gse exact mode, so 市长 stays one
	// word and does not match 南京市|长江大桥.
	QueryAnalyzer = zh.QueryAnalyzer
	// NgramIndexAnalyzer indexes text as overlapping character pairs, for
	// query words that are not one dictionary word.
	NgramIndexAnalyzer = zh.NgramIndexAnalyzer
	// NgramQueryAnalyzer turns such a query word into the phrase of its
	// character pairs, so it matches wherever it occurs as a substring.
	// Searches match that phrase with pairPhraseQuery, which reads the
	// pairs from zh.Bigrams directly; Bleve's own phrase over this
	// analyzer is what its test holds it to.
	NgramQueryAnalyzer = zh.NgramQueryAnalyzer
)

// Field names of the Bleve document; doc.go describes each one.
const (
	fieldTitle      = "title"
	fieldText       = "text"
	fieldTitleNgram = "title_ngram"
	fieldTextNgram  = "text_ngram"
	fieldStoredText = "text_stored"
	fieldCity       = "city"
	fieldDocType    = "doc_type"
	fieldDepartment = "department"
	fieldIndicators = "indicators"
	fieldYear       = "year"
	fieldRound      = "round"
	fieldIssuedOn   = "issued_on"
	// fieldCut is cutMark for a document whose text is longer than the
	// index takes (MaxIndexedChars), so that a search can say how many
	// such documents it may have missed.
	fieldCut = "cut"
	// fieldFacets holds every facet value of a document as "field:value"
	// (city:330100, year:2017), in one field with doc values: a search
	// counts them in one pass over each match instead of one per field.
	fieldFacets = "facets"
)

// FacetFields are the keyword fields a search can count values of.
var FacetFields = []string{fieldCity, fieldDocType, fieldIndicators, fieldYear}

// newMapping is the archive's mapping. Without substrings it lacks the
// n-gram fields, as the index was before schema 4; only the benchmark
// builds that, to measure what the fields cost.
func newMapping(substrings bool) (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := zh.AddAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = IndexAnalyzer

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, textField())
	doc.AddFieldMappingsAt(fieldText, textField())
	if substrings {
		doc.AddFieldMappingsAt(fieldTitleNgram, ngramField())
		doc.AddFieldMappingsAt(fieldTextNgram, ngramField())
	}
	doc.AddFieldMappingsAt(fieldStoredText, storedOnlyField())
	for _, f := range []string{fieldCity, fieldDocType, fieldDepartment, fieldIndicators, fieldYear, fieldRound, fieldCut} {
		doc.AddFieldMappingsAt(f, keywordField(false))
	}
	doc.AddFieldMappingsAt(fieldFacets, keywordField(true))
	issued := mapping.NewDateTimeFieldMapping()
	issued.Store = false
	issued.IncludeInAll = false
	doc.AddFieldMappingsAt(fieldIssuedOn, issued)

	im.DefaultMapping = doc
	im.IndexDynamic = false
	im.StoreDynamic = false
	im.DocValuesDynamic = false
	return im, nil
}

// textField is a Chinese full-text field. It keeps term vectors because
// phrases need positions and highlights the byte offsets of the matched
// terms. It is not stored: the catalog has the title, and the text is kept
// compressed in fieldStoredText.
func textField() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = IndexAnalyzer
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// ngramField is a field of character pairs for substring search. Phrases
// need positions and highlights offsets, so it keeps term vectors too.
func ngramField() *mapping.FieldMapping {
	f := textField()
	f.Analyzer = NgramIndexAnalyzer
	return f
}

// keywordField is an exact-value field, for filters, and with doc values
// for facets, which read them; nothing needs to be stored.
func keywordField(docValues bool) *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = docValues
	return f
}

// storedOnlyField keeps a value for retrieval only: not indexed, no term
// vectors, no doc values.
func storedOnlyField() *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = keyword.Name
	f.Index = false
	f.Store = true
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = false
	return f
}
