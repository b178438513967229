package index

import (
	"strings"

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
		terms[i] = strings.ToLower(text[t.Start:t.End])
	}
	return terms, nil
}
