package search

import (
	"container/list"
	"context"
	"sync"
)

// suggestionCache keeps the ranked suggestions of the texts whose pages
// were shown last. A document's suggestions follow from its text, its
// title and the current framework alone, and ranking them cut a quarter
// of a megabyte of text into words and marked passages for every
// indicator: half a second of CPU on every view of a long document's
// page, for the same answer. Links change what is left out, not the
// ranking, so they are applied to what is kept (pickSuggestions).
type suggestionCache struct {
	mu      sync.Mutex
	order   *list.List // of *suggestionEntry, the most recently used first
	entries map[string]*list.Element
}

type suggestionEntry struct {
	key    string
	ranked []Suggestion
}

// suggestionTexts is how many texts' suggestions are kept: some tens of
// kilobytes each.
const suggestionTexts = 256

func (c *suggestionCache) get(key string) ([]Suggestion, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.entries[key]
	if !ok {
		return nil, false
	}
	c.order.MoveToFront(e)
	return e.Value.(*suggestionEntry).ranked, true
}

func (c *suggestionCache) put(key string, ranked []Suggestion) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.entries == nil {
		c.entries, c.order = map[string]*list.Element{}, list.New()
	}
	if e, ok := c.entries[key]; ok {
		e.Value.(*suggestionEntry).ranked = ranked
		c.order.MoveToFront(e)
		return
	}
	c.entries[key] = c.order.PushFront(&suggestionEntry{key: key, ranked: ranked})
	for c.order.Len() > suggestionTexts {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.entries, last.Value.(*suggestionEntry).key)
	}
}

// TextSuggestions is SuggestIndicators for a stored text of city that text names
// (it must name the same words for as long as the process runs: the
// SHA-256 of the text's blob, which a text read anew changes, never the
// original's): its ranking under the current framework and title is kept
// for the next call, and pages, which gives the text's head, is only
// called when there is none. An empty text names no text: its ranking is
// not kept. pages' release, when not nil, is called once the pages are
// analysed. Besides the framework's generic words, a term found in
// nearly every document of city (cityCommonTerms) is not enough on its
// own either.
func (s *Service) TextSuggestions(ctx context.Context, text, title, city string, pages func() ([]string, func(), error), skip []string, limit int) ([]Suggestion, error) {
	sets, version, err := s.keyIndicatorTermsVersion(ctx)
	if err != nil {
		return nil, err
	}
	common, commonKey, err := s.cityCommonTerms(ctx, city, version)
	if err != nil {
		return nil, err
	}
	key := version + "\x00" + text + "\x00" + title + "\x00" + commonKey
	if ranked, ok := s.suggested.get(key); ok && text != "" {
		return pickSuggestions(ranked, skip, limit), nil
	}
	ps, release, err := pages()
	if err != nil {
		return nil, err
	}
	ranked, err := rankIndicators(sets, title, ps, genericIn(common))
	if release != nil {
		release()
	}
	if err != nil {
		return nil, err
	}
	if text != "" {
		s.suggested.put(key, ranked)
	}
	return pickSuggestions(ranked, skip, limit), nil
}
