package indexbench

import (
	"context"
	"fmt"
	"strings"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/lang/cjk"
	"github.com/blevesearch/bleve/v2/mapping"

	"github.com/lcmonitor/evidence/index"
	"github.com/lcmonitor/evidence/index/internal/zh"
)

// DomainWords returns the curated vocabulary the archive adds to the
// segmentation dictionary (index/internal/zh/vocab.txt).
func DomainWords() []string { return zh.DomainWords() }

// DictWord is one entry of the segmentation dictionary.
type DictWord struct {
	Text string
	Freq float64
	Pos  string // part of speech as gse tags it: n, v, a, ns, nr …
}

// DictionaryWords returns every word of the loaded dictionary (including
// the domain vocabulary) in the dictionary's own order, which is the same
// in every process.
func DictionaryWords() ([]DictWord, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	toks := seg.Dictionary().Tokens
	out := make([]DictWord, len(toks))
	for i := range toks {
		out[i] = DictWord{Text: toks[i].Text(), Freq: toks[i].Freq(), Pos: toks[i].Pos()}
	}
	return out, nil
}

// TaggedWord is one word of a text cut in exact mode, with its part of
// speech ("x" or empty for punctuation and unknown characters).
type TaggedWord struct {
	Text string
	Pos  string
}

// TagWords cuts text into words in exact mode with their parts of speech,
// keeping punctuation and whitespace as words of their own, so that joining
// the Text of the result gives text back.
func TagWords(text string) ([]TaggedWord, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return nil, err
	}
	b := []byte(text)
	segs := seg.Segment(b)
	out := make([]TaggedWord, len(segs))
	for i := range segs {
		out[i] = TaggedWord{Text: text[segs[i].Start():segs[i].End()], Pos: segs[i].Token().Pos()}
	}
	return out, nil
}

// SegmentForIndex segments text exactly as the index analyzer (zh_index)
// does, without Bleve, and returns the number of terms. It is the cost of
// Chinese segmentation alone.
func SegmentForIndex(text []byte) (int, error) {
	seg, err := zh.Segmenter()
	if err != nil {
		return 0, err
	}
	return len(zh.Segment(seg, text, true)), nil
}

// fieldText is the one field of a PhraseIndex document.
const fieldText = "text"

// textField is the archive's text field (index/mapping.go) with analyzer a:
// term vectors, because phrases need positions; nothing stored.
func textField(a string) *mapping.FieldMapping {
	f := mapping.NewTextFieldMapping()
	f.Analyzer = a
	f.Store = false
	f.IncludeTermVectors = true
	f.IncludeInAll = false
	f.DocValues = false
	return f
}

// Analysis names an analyzer pair for a PhraseIndex.
type Analysis string

// The analyzer pairs a PhraseIndex can be built with.
const (
	// AnalysisOurs is the archive's own pair: zh_index for text, zh_query for queries.
	AnalysisOurs Analysis = "ours"
	// AnalysisCJK is Bleve's cjk analyzer (overlapping bigrams) on both sides.
	AnalysisCJK Analysis = "cjk"
	// AnalysisExact is gse exact mode (zh_query) on both sides.
	AnalysisExact Analysis = "exact"
	// AnalysisWords is the archive's word pair alone, every query word
	// matched as a phrase of its words: the archive's search before
	// substring search (index schema 3).
	AnalysisWords Analysis = "words"
)

// PhraseIndex is an in-memory index of document text only, analysed with
// one Analysis, answering phrase queries. It exists to compare analyzers;
// the archive itself uses index.Open.
type PhraseIndex struct {
	idx   bleve.Index
	query string
}

// NewPhraseIndex returns an empty in-memory PhraseIndex for a.
func NewPhraseIndex(a Analysis) (*PhraseIndex, error) {
	if err := index.Preload(); err != nil {
		return nil, err
	}
	var indexAnalyzer, queryAnalyzer string
	switch a {
	case AnalysisOurs, AnalysisWords:
		indexAnalyzer, queryAnalyzer = zh.IndexAnalyzer, zh.QueryAnalyzer
	case AnalysisCJK:
		indexAnalyzer, queryAnalyzer = cjk.AnalyzerName, cjk.AnalyzerName
	case AnalysisExact:
		indexAnalyzer, queryAnalyzer = zh.QueryAnalyzer, zh.QueryAnalyzer
	default:
		return nil, fmt.Errorf("unknown analysis %q", a)
	}
	m := mapping.NewIndexMapping()
	if err := zh.AddAnalyzers(m); err != nil {
		return nil, fmt.Errorf("index mapping: %w", err)
	}
	doc := mapping.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fieldText, textField(indexAnalyzer))
	m.DefaultMapping = doc
	m.DefaultAnalyzer = indexAnalyzer
	idx, err := bleve.NewMemOnly(m)
	if err != nil {
		return nil, fmt.Errorf("create %s phrase index: %w", a, err)
	}
	return &PhraseIndex{idx: idx, query: queryAnalyzer}, nil
}

// Add indexes the text of docs in one batch.
func (p *PhraseIndex) Add(ctx context.Context, docs []index.Document) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	batch := p.idx.NewBatch()
	for _, d := range docs {
		if err := batch.Index(d.ID, map[string]any{fieldText: strings.Join(d.Pages, index.PageSeparator)}); err != nil {
			return fmt.Errorf("index document %s: %w", d.ID, err)
		}
	}
	return p.idx.Batch(batch)
}

// Match returns the IDs of up to max documents whose text matches phrase.
func (p *PhraseIndex) Match(ctx context.Context, phrase string, max int) ([]string, error) {
	q := bleve.NewMatchPhraseQuery(phrase)
	q.SetField(fieldText)
	q.Analyzer = p.query
	res, err := p.idx.SearchInContext(ctx, bleve.NewSearchRequestOptions(q, max, 0, false))
	if err != nil {
		return nil, fmt.Errorf("phrase %q: %w", phrase, err)
	}
	ids := make([]string, len(res.Hits))
	for i, h := range res.Hits {
		ids[i] = h.ID
	}
	return ids, nil
}

// Close releases the index.
func (p *PhraseIndex) Close() error { return p.idx.Close() }
