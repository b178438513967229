package documents

import (
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// diffContext is how many equal sentences a diff keeps around a change.
const diffContext = 1

// Comparison is what changed between a document and one of its near
// duplicates: sentence by sentence, from the document to the other.
type Comparison struct {
	Other      *catalog.Document
	Similarity float64
	Lines      []neardup.Line
}

// Compare returns the diff from document id to otherID, which must be one
// of its near duplicates that u may see (anything else is ENOTFOUND).
func (s *Service) Compare(ctx context.Context, u *catalog.User, id, otherID string) (*Comparison, error) {
	d, err := s.Get(ctx, u, id)
	if err != nil {
		return nil, err
	}
	nds, err := s.nearDuplicates(ctx, u, d.ID)
	if err != nil {
		return nil, err
	}
	i := slices.IndexFunc(nds, func(n catalog.NearDuplicate) bool { return n.ID == otherID })
	if i < 0 {
		return nil, catalog.Errorf(catalog.ENOTFOUND, "文档 %s 不是 %s 的相近版本", otherID, id)
	}
	other, err := s.Get(ctx, u, otherID)
	if err != nil {
		return nil, err
	}
	lines, err := s.diff(ctx, d, other)
	if err != nil {
		return nil, err
	}
	return &Comparison{Other: other, Similarity: nds[i].Similarity, Lines: lines}, nil
}

// diff is the collapsed diff from d's text to other's: kept per pair of
// stored texts (their hashes, which a new reading changes), as a page
// shows it on every view and two big versions take a good part of a
// second to compare; computed within the server's budget for big texts,
// both texts held whole while they are compared.
func (s *Service) diff(ctx context.Context, d, other *catalog.Document) ([]neardup.Line, error) {
	ha, err := s.textHash(ctx, d)
	if err != nil {
		return nil, err
	}
	hb, err := s.textHash(ctx, other)
	if err != nil {
		return nil, err
	}
	key := ""
	if ha.SHA256 != "" && hb.SHA256 != "" {
		key = ha.SHA256 + ":" + hb.SHA256
		if lines, ok := s.diffs.get(key); ok {
			return lines, nil
		}
	}
	// A text's bytes held as pages, their sentences and the diff's own
	// work: shownCost a byte of both, as a page shown whole costs.
	cost := shownCost * (max(ha.Size, 0) + max(hb.Size, 0))
	release, err := s.LendText(cost, cost)
	if err != nil {
		return nil, err
	}
	defer release()
	a, err := s.text(ctx, d)
	if err != nil {
		return nil, err
	}
	b, err := s.text(ctx, other)
	if err != nil {
		return nil, err
	}
	lines := neardup.Collapse(neardup.Diff(strings.Join(a.Pages, "\n"), strings.Join(b.Pages, "\n")), diffContext)
	if key != "" {
		s.diffs.put(key, lines)
	}
	return lines, nil
}

// diffCache keeps the last diffs computed, by the pair of texts compared.
// A diff is kept only up to maxKeptDiff bytes of text, so that the cache
// holds at most diffCacheSize × maxKeptDiff.
type diffCache struct {
	mu    sync.Mutex
	order []string // least recently used first
	lines map[string][]neardup.Line
}

const (
	diffCacheSize = 32
	maxKeptDiff   = 1 << 20
)

func (c *diffCache) get(key string) ([]neardup.Line, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	lines, ok := c.lines[key]
	if ok {
		c.touch(key)
	}
	return lines, ok
}

func (c *diffCache) put(key string, lines []neardup.Line) {
	size := 0
	for _, l := range lines {
		for _, p := range l.Parts {
			size += len(p.Text)
		}
	}
	if size > maxKeptDiff {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.lines == nil {
		c.lines = map[string][]neardup.Line{}
	}
	if _, ok := c.lines[key]; !ok && len(c.order) >= diffCacheSize {
		delete(c.lines, c.order[0])
		c.order = c.order[1:]
	}
	c.lines[key] = lines
	c.touch(key)
}

// touch makes key the most recently used.
func (c *diffCache) touch(key string) {
	if i := slices.Index(c.order, key); i >= 0 {
		c.order = slices.Delete(c.order, i, i+1)
	}
	c.order = append(c.order, key)
}
