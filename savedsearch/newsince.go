package savedsearch

import (
	"context"
	"fmt"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// LastLook is when the entry's user last opened it, or when it was saved
// if never: what its New counts from (catalog.SavedSearch.LastLook).
func (e *Entry) LastLook() time.Time {
	if e.SeenAt != nil {
		return *e.SeenAt
	}
	return e.CreatedAt
}

// NewSince returns, as a set, the matches of saved search id for u among
// the documents indexed since, by the rule New counts them with: opening
// the search marks it seen, so the page that shows its results asks with
// the time of the look before (Entry.LastLook) to mark which of them are
// the new ones it was opened for.
func (s *Service) NewSince(ctx context.Context, u *catalog.User, id string, since time.Time) (map[string]bool, error) {
	ss, err := s.visible(ctx, u, id)
	if err != nil {
		return nil, err
	}
	ids, _, err := s.cat.DocumentsIndexedSince(ctx, since, maxNew)
	if err != nil {
		return nil, err
	}
	matches, err := s.search.MatchingAmong(ctx, request(u, ss.Query, ss.Filters), ids)
	if err != nil {
		return nil, fmt.Errorf("new matches of saved search %s: %w", id, err)
	}
	out := make(map[string]bool, len(matches))
	for _, m := range matches {
		out[m] = true
	}
	return out, nil
}
