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
)

// Field names of the Bleve document; doc.go describes each one.
const (
	fieldTitle      = "title"
	fieldText       = "text"
	fieldStoredText = "text_stored"
	fieldCity       = "city"
	fieldDocType    = "doc_type"
	fieldDepartment = "department"
	fieldIndicators = "indicators"
	fieldYear       = "year"
	fieldIssuedOn   = "issued_on"
)

// FacetFields are the keyword fields a search can count values of.
var FacetFields = []string{fieldCity, fieldDocType, fieldIndicators, fieldYear}

func newMapping() (*mapping.IndexMappingImpl, error) {
	im := mapping.NewIndexMapping()
	if err := zh.AddAnalyzers(im); err != nil {
		return nil, err
	}
	im.DefaultAnalyzer = IndexAnalyzer

	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldTitle, textField())
	doc.AddFieldMappingsAt(fieldText, textField())
	doc.AddFieldMappingsAt(fieldStoredText, storedOnlyField())
	for _, f := range []string{fieldCity, fieldDocType, fieldDepartment, fieldIndicators, fieldYear} {
		doc.AddFieldMappingsAt(f, keywordField())
	}
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

// keywordField is an exact-value field used for filters and facets; facets
// read doc values, so nothing needs to be stored.
func keywordField() *mapping.FieldMapping {
	f := mapping.NewKeywordFieldMapping()
	f.Analyzer = keyword.Name
	f.Store = false
	f.IncludeTermVectors = false
	f.IncludeInAll = false
	f.DocValues = true
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
