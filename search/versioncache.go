package search

import (
	"context"
	"fmt"
	"slices"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// versionCache keeps the archive's pairs of versions (near duplicates
// recorded both ways, catalog.Store.AllVersionPairs), which every search
// pages its results by (pageByGroups). Reading them took a query that
// joined every row of near_duplicates with the documents, on every search;
// now a search asks the catalog only for its VersionsStamp, an aggregate
// over two indexes, and reads the pairs again only when that moved. The
// stamp is read from the catalog, not learnt from this process's writes,
// so a version another node (or another process on the same SQLite file)
// records or deletes is seen by the next search here too.
type versionCache struct {
	mu    sync.Mutex
	kept  bool
	stamp catalog.VersionsStamp
	v     *versionSet // read-only once kept
}

// versionSet is the archive's versions as kept.
type versionSet struct {
	// ids are the documents that have versions, sorted.
	ids []string
	// pairs are each one's versions.
	pairs map[string][]string
}

// versions returns the archive's versions as the catalog now has them.
func (c *versionCache) versions(ctx context.Context, cat *catalog.Store) (*versionSet, error) {
	stamp, err := versionsStamp(ctx, cat)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if c.kept && c.stamp == stamp {
		v := c.v
		c.mu.Unlock()
		return v, nil
	}
	c.mu.Unlock()
	// Read after the stamp: the pairs are at least as new as it, so that
	// kept with it they are never older than what it stands for (a change
	// in between moves the stamp, and the next search reads them again).
	pairs, err := cat.AllVersionPairs(ctx)
	if err != nil {
		return nil, fmt.Errorf("list the documents that have versions: %w", err)
	}
	v := &versionSet{pairs: pairs, ids: make([]string, 0, len(pairs))}
	for id := range pairs {
		v.ids = append(v.ids, id)
	}
	slices.Sort(v.ids)
	c.mu.Lock()
	c.kept, c.stamp, c.v = true, stamp, v
	c.mu.Unlock()
	return v, nil
}

// among returns, for each of ids, those of ids that are its versions, as
// catalog.Store.VersionPairs does, from the pairs kept.
func (v *versionSet) among(ids []string) map[string][]string {
	out := map[string][]string{}
	if len(ids) < 2 {
		return out
	}
	in := make(map[string]bool, len(ids))
	for _, id := range ids {
		in[id] = true
	}
	for _, a := range ids {
		for _, b := range v.pairs[a] {
			if in[b] && !slices.Contains(out[a], b) {
				out[a] = append(out[a], b)
			}
		}
	}
	return out
}
