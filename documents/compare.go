package documents

import (
	"context"
	"slices"
	"strings"

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
	a, err := s.text(ctx, d)
	if err != nil {
		return nil, err
	}
	b, err := s.text(ctx, other)
	if err != nil {
		return nil, err
	}
	lines := neardup.Diff(strings.Join(a.Pages, "\n"), strings.Join(b.Pages, "\n"))
	return &Comparison{Other: other, Similarity: nds[i].Similarity, Lines: neardup.Collapse(lines, diffContext)}, nil
}
