package ingest

import (
	"slices"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/neardup"
)

// rebuildSetMemory is, unless a test lowers it, the most the shingle sets kept by one Rebuild
// (rebuildSets) hold at once: half of DefaultCompareMemory, the comparer
// of the rebuild being lent the other half, so that the two together stay
// within what comparing held before. A set is 8 bytes a distinct shingle:
// about 12 MB for a report of 4.5 MB of varied text, far less for one
// repeating a few sentences.
var rebuildSetMemory int64 = DefaultCompareMemory / 2

// rebuildSets lets one Rebuild compare each pair of its documents once,
// from their shingle sets where it can. A rebuild links every document it
// reads to its candidates, and the catalog's bands make each of the
// other's candidate: N versions of one long report each read up to
// maxNearDuplicateCandidates others' stored texts whole, N·32 reads of
// 4.5 MB where one each is needed (40 reports: 4 min 45 s of CPU). So a
// pair of two documents of the rebuild is compared when the later one is
// linked, whichever of them named the other (deferred), and a document
// linked keeps its set, within rebuildSetMemory, for the later ones to
// compare with by a merge of two sorted sets instead of a read of its text
// (neardup.SetSimilarity: the same similarity; the text is still read for
// the rare pair that must be aligned for OCR). The pairs linked are those
// linked before.
type rebuildSets struct {
	pos      map[string]int                 // the documents of the rebuild, by id: their place in it
	deferred map[string][]catalog.Candidate // by id of a later document: the earlier ones that left their pair to it
	sets     map[string]keptSet             // by SHA-256 of the original
	order    []string                       // of sets, oldest first
	size     int64                          // bytes of sets
	max      int64                          // rebuildSetMemory
}

// keptSet is a linked document's shingle set and whether its stored text
// was read by OCR.
type keptSet struct {
	set neardup.Set
	ocr bool
}

// newRebuildSets returns the rebuildSets of a rebuild of docs, in the
// order it links them.
func newRebuildSets(docs []*catalog.Document) *rebuildSets {
	pos := make(map[string]int, len(docs))
	for i, d := range docs {
		pos[d.ID] = i
	}
	return &rebuildSets{pos: pos, deferred: map[string][]catalog.Candidate{}, sets: map[string]keptSet{},
		max: rebuildSetMemory}
}

// plan returns the candidates d is to be compared with now: of cands,
// those the rebuild links before d or not at all, and the earlier
// documents that left their pair with d to it.
func (rs *rebuildSets) plan(d *catalog.Document, cands []catalog.Candidate) []catalog.Candidate {
	at, ok := rs.pos[d.ID]
	now := make([]catalog.Candidate, 0, len(cands))
	for _, c := range cands {
		if p, later := rs.pos[c.ID]; ok && later && p > at {
			rs.deferred[c.ID] = append(rs.deferred[c.ID], catalog.Candidate{ID: d.ID, SHA256: d.SHA256})
			continue
		}
		now = append(now, c)
	}
	for _, c := range rs.deferred[d.ID] {
		if !slices.ContainsFunc(now, func(n catalog.Candidate) bool { return n.ID == c.ID }) {
			now = append(now, c)
		}
	}
	delete(rs.deferred, d.ID)
	return now
}

// compare returns those of cands whose kept set makes them near
// duplicates of held, and the candidates left to compare by reading
// their stored text: those with no kept set, and those whose pair with
// held must be aligned.
func (rs *rebuildSets) compare(held *neardup.Held, cands []catalog.Candidate) (found []catalog.NearDuplicate, read []catalog.Candidate) {
	for _, c := range cands {
		k, ok := rs.sets[c.SHA256]
		if !ok {
			read = append(read, c)
			continue
		}
		sim, ok := neardup.SetSimilarity(held.Set, k.set, held.OCR, k.ocr)
		if !ok {
			read = append(read, c)
			continue
		}
		found = appendSimilar(found, c, sim)
	}
	return found, read
}

// keep keeps the shingle set of a document linked, whose stored text's
// reading is reading, for the later documents to compare with, dropping
// the oldest kept to stay within rs.max. A text with pages its
// reading does not trust is not kept: its set leaves them out, while a
// read of its stored text, as a candidate, takes them in.
func (rs *rebuildSets) keep(sha string, set neardup.Set, reading catalog.Reading) {
	if _, ok := rs.sets[sha]; ok || reading.Unreliable() || len(set) == 0 {
		return
	}
	set, bytes := compactSet(set)
	if bytes > rs.max {
		return
	}
	for rs.size+bytes > rs.max {
		oldest := rs.order[0]
		rs.order = rs.order[1:]
		rs.size -= int64(cap(rs.sets[oldest].set)) * 8
		delete(rs.sets, oldest)
	}
	rs.sets[sha] = keptSet{set: set, ocr: reading.ByOCR()}
	rs.order = append(rs.order, sha)
	rs.size += bytes
	keptSets(rs)
}

// keptSets is called each time a set is kept (tests follow the memory
// held).
var keptSets = func(*rebuildSets) {}
