package search

import (
	"context"
	"fmt"
	"slices"

	"github.com/lcmonitor/evidence/index"
)

// AsSubstring says that a search's words, matched as words, missed Count
// documents it looked in (its filters and the user's scope) that hold
// them as strings: Words, dictionary words of two or three characters,
// stand in those documents where the text's segmentation made other words
// with the characters beside them (健全 in 建立健全市, which is cut
// 建立|健|全市). The same search with Request.Substring finds them.
type AsSubstring struct {
	Count uint64   `json:"count"`
	Words []string `json:"words"`
}

// asSubstring counts the documents that q, a search of words, finds with
// every word it matches as a word that the text may hold crossed
// (index.IsCrossableWord) taken as a substring, and does not find as it
// ran: one count of the index (no page, facets or text), which it skips
// for a query with no such word; nil when it finds none. The index keeps
// the count until it next changes, as it does every result.
func (s *Service) asSubstring(ctx context.Context, q index.Query) (*AsSubstring, error) {
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, 0, 0, false, false, index.SortRelevance
	wide := q
	wide.Clauses = make([]index.Clause, len(q.Clauses))
	var words []string
	for i, c := range q.Clauses {
		wide.Clauses[i] = index.Clause{Any: make([]index.Term, len(c.Any)), AtLeast: c.AtLeast}
		for j, t := range c.Any {
			if !t.Substring && index.IsCrossableWord(t.Text) {
				t.Substring = true
				if !slices.Contains(words, t.Text) {
					words = append(words, t.Text)
				}
			}
			wide.Clauses[i].Any[j] = t
		}
	}
	if len(words) == 0 {
		return nil, nil
	}
	wide.Unless = &q
	res, err := s.idx.Search(ctx, wide)
	if err != nil {
		return nil, fmt.Errorf("count documents holding %v as substrings: %w", words, err)
	}
	if res.Total == 0 {
		return nil, nil
	}
	return &AsSubstring{Count: res.Total, Words: words}, nil
}

// asSubstrings marks every word of p to be matched as a substring, for a
// search that asks for it (Request.Substring).
func (p *parsed) asSubstrings() {
	for i := range p.clauses {
		for j := range p.clauses[i].Any {
			p.clauses[i].Any[j].Substring = true
		}
	}
	for i := range p.exclude {
		p.exclude[i].Substring = true
	}
}
