package search

import (
	"crypto/sha256"
	"encoding/json"
	"maps"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/index"
)

// citedCountCache keeps, per search, what the cited documents add to its
// indicators facet (Service.citedCounts): a second search of the index
// over every document cited in scope, and a read of the links of those it
// finds. They follow from the search's query and filter alone while
// neither the index (its generation, a count of finished writes) nor the
// catalog's citations and links (its CitationsStamp, which a link made or
// removed moves too) change; the next search after either change counts
// them again. Page turns, the export and a query pack asking the same
// search are then answered without either.
type citedCountCache struct {
	mu sync.Mutex
	// kept says gen and stamp are those of counts kept (entries may be
	// empty again when full): before, any counts may be kept.
	kept    bool
	gen     uint64
	stamp   catalog.CitationsStamp
	entries map[[sha256.Size]byte]map[string]int
}

// citedCountEntries bounds the searches kept: each is a few counts.
const citedCountEntries = 1024

// citedCountKey is the key of q's counts: q without what only chooses
// the page and how hits are shown, which the counts do not depend on.
// q's filter holds the cities of its scope.
func citedCountKey(q index.Query) [sha256.Size]byte {
	q.From, q.Size, q.FacetSize, q.WithText, q.TitleFirst, q.Sort = 0, 0, 0, false, false, index.SortRelevance
	b, err := json.Marshal(q)
	if err != nil {
		// A query always encodes; never one key for two queries.
		return [sha256.Size]byte{}
	}
	return sha256.Sum256(b)
}

// get returns the counts kept for key at index generation gen and the
// catalog's stamp; a copy the caller may change.
func (c *citedCountCache) get(key [sha256.Size]byte, gen uint64, stamp catalog.CitationsStamp) (map[string]int, bool) {
	if key == ([sha256.Size]byte{}) {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.gen != gen || c.stamp != stamp {
		return nil, false
	}
	add, ok := c.entries[key]
	return maps.Clone(add), ok
}

// put keeps add, the counts of key computed while the index stood at gen
// and after the catalog's stamp was read, forgetting those of any other
// generation or stamp. Generations only grow: counts of an older one than
// those kept are not kept. Counts of another stamp than the one kept at
// gen replace those only when stamp is the catalog's now (current): a
// search that read the stamp before a write and finished after one that
// read it after must not bring back the older counts, so that concurrent
// searches do not make the cache flip between stamps; counts of a stamp
// the catalog has moved on from are not kept, unless stamp certainly
// follows the one kept (catalog.CitationsStamp.Follows), which then needs
// no read of the catalog to be replaced.
func (c *citedCountCache) put(key [sha256.Size]byte, gen uint64, stamp catalog.CitationsStamp, add map[string]int,
	current func() (catalog.CitationsStamp, error)) {
	if key == ([sha256.Size]byte{}) {
		return
	}
	held, done := c.keep(key, gen, stamp, add, nil)
	if done {
		return
	}
	if stamp.Follows(held) {
		// The newer of the two, known without a read of the catalog:
		// under uploads the stamp moves with every document written, and
		// a search that found another stamp kept asked for it again, one
		// more wait for a read connection. Counts of a stamp that is no
		// longer the catalog's are only never found (get wants the
		// search's own stamp), not wrong.
		c.keep(key, gen, stamp, add, &held)
		return
	}
	// Asked outside the lock: a query of the catalog.
	if now, err := current(); err != nil || now != stamp {
		return
	}
	c.keep(key, gen, stamp, add, &held)
}

// keep keeps add as put says when gen is newer than the generation kept,
// or the same with stamp kept, or the same with over kept, which stamp
// (the newer) then replaces. Otherwise it keeps nothing, and is not done
// when another stamp than stamp is kept at gen: the stamp kept is
// returned, for put to ask which is the newer.
func (c *citedCountCache) keep(key [sha256.Size]byte, gen uint64, stamp catalog.CitationsStamp, add map[string]int,
	over *catalog.CitationsStamp) (catalog.CitationsStamp, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	switch {
	case c.kept && gen < c.gen:
		return catalog.CitationsStamp{}, true
	case c.kept && gen == c.gen && stamp != c.stamp && (over == nil || *over != c.stamp):
		return c.stamp, over != nil
	}
	if !c.kept || gen != c.gen || stamp != c.stamp || len(c.entries) >= citedCountEntries {
		c.kept, c.gen, c.stamp, c.entries = true, gen, stamp, map[[sha256.Size]byte]map[string]int{}
	}
	c.entries[key] = maps.Clone(add)
	return stamp, true
}
