package zh

import (
	"fmt"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/go-ego/gse"

	"github.com/lcmonitor/evidence/internal/lowprio"
)

// Names of the analysis components registered with Bleve. They are stored in
// the index's mapping, so renaming one needs a reindex.
const (
	tokenizerType = "gse"
	searchTokName = "gse_search"
	exactTokName  = "gse_exact"
	// IndexAnalyzer indexes text with gse search mode: every word and its
	// sub-words, so 长沙 finds 长沙市.
	IndexAnalyzer = "zh_index"
	// QueryAnalyzer analyses queries with gse exact mode, so 市长 stays one
	// word and does not match 南京市|长江大桥.
	QueryAnalyzer = "zh_query"
)

// AddAnalyzers defines IndexAnalyzer and QueryAnalyzer (and the gse
// tokenizers they use), NgramIndexAnalyzer and NgramQueryAnalyzer in im, so that fields and queries of im can name
// them. Both the archive's index and the benchmarks' phrase indexes call
// it, so they analyse text the same way.
func AddAnalyzers(im *mapping.IndexMappingImpl) error {
	for name, mode := range map[string]string{searchTokName: "search", exactTokName: "exact"} {
		if err := im.AddCustomTokenizer(name, map[string]interface{}{"type": tokenizerType, "mode": mode}); err != nil {
			return err
		}
	}
	for name, tok := range map[string]string{IndexAnalyzer: searchTokName, QueryAnalyzer: exactTokName} {
		err := im.AddCustomAnalyzer(name, map[string]interface{}{
			"type":          custom.Name,
			"tokenizer":     tok,
			"token_filters": []string{lowercase.Name},
		})
		if err != nil {
			return err
		}
	}
	for name, mode := range map[string]string{ngramIndexTokName: "index", ngramQueryTokName: "query"} {
		if err := im.AddCustomTokenizer(name, map[string]interface{}{"type": ngramTokenizerType, "mode": mode}); err != nil {
			return err
		}
	}
	for name, tok := range map[string]string{NgramIndexAnalyzer: ngramIndexTokName, NgramQueryAnalyzer: ngramQueryTokName} {
		err := im.AddCustomAnalyzer(name, map[string]interface{}{"type": custom.Name, "tokenizer": tok})
		if err != nil {
			return err
		}
	}
	return nil
}

func init() {
	if err := registry.RegisterTokenizer(tokenizerType, newTokenizer); err != nil {
		panic(fmt.Sprintf("register gse tokenizer: %v", err))
	}
}

// gseTokenizer adapts the shared gse segmenter to Bleve's Tokenizer.
type gseTokenizer struct {
	seg    *gse.Segmenter
	search bool
}

func newTokenizer(config map[string]interface{}, _ *registry.Cache) (analysis.Tokenizer, error) {
	seg, err := Segmenter()
	if err != nil {
		return nil, err
	}
	mode, _ := config["mode"].(string)
	switch mode {
	case "search", "exact":
	default:
		return nil, fmt.Errorf("gse tokenizer: unknown mode %q (want search or exact)", mode)
	}
	return &gseTokenizer{seg: seg, search: mode == "search"}, nil
}

// Tokenize implements analysis.Tokenizer.
func (t *gseTokenizer) Tokenize(input []byte) analysis.TokenStream {
	var toks []Token
	if t.search {
		// Index-time analysis, background work a search should not wait
		// behind (internal/lowprio); a query's runs where it is asked.
		lowprio.Run(func() { toks = Segment(t.seg, input, true) })
	} else {
		toks = Segment(t.seg, input, false)
	}
	// One allocation for all tokens rather than one per token: analysis
	// is a large share of indexing time (bench/README.md).
	slab := make([]analysis.Token, len(toks))
	stream := make(analysis.TokenStream, len(toks))
	for i, tk := range toks {
		stream[i] = &slab[i]
		slab[i] = analysis.Token{
			Start:    tk.Start,
			End:      tk.End,
			Term:     tk.Term,
			Position: tk.Position,
			Type:     tokenType(tk.Term),
		}
	}
	return stream
}

func tokenType(term []byte) analysis.TokenType {
	r, _ := utf8.DecodeRune(term)
	if unicode.Is(unicode.Han, r) {
		return analysis.Ideographic
	}
	if unicode.IsDigit(r) {
		return analysis.Numeric
	}
	return analysis.AlphaNumeric
}
