package search

import (
	"context"
	"sync"

	"github.com/lcmonitor/evidence/catalog"
)

// searchStamps is the catalog's two stamps as one search read them: the
// citations' (citedCache, read for the indicator filter and again for the
// facet) and the versions' (versionCache). Under load every read of the
// catalog waits its turn for a read connection, and a search's three
// stamp reads were three such waits; read together once, they are one.
// A search is short, so a stamp read at its start stands for the whole
// of it: what the caches read after it is at least as new (each cache
// reads its rows after its stamp).
type searchStamps struct {
	once     sync.Once
	citation catalog.CitationsStamp
	version  catalog.VersionsStamp
	// extracted says a live document waits for its index entry
	// (catalog.Store.SearchStampsExtracted): pendingChanges.
	extracted bool
	err       error
	// docs, when set, reads the stamps and learns from the same
	// statement which documents changed since its last (the page's
	// documents then need no check of their seqs: hitDocuments).
	docs *catalog.DocumentCache
}

type searchStampsKey struct{}

// withSearchStamps returns ctx carrying a searchStamps for one search,
// read through docs (the Service's hitDocs).
func withSearchStamps(ctx context.Context, docs *catalog.DocumentCache) context.Context {
	return context.WithValue(ctx, searchStampsKey{}, &searchStamps{docs: docs})
}

// stampsOf returns the search's stamps, read on first use, or nil when
// ctx carries none (a caller outside a search reads each stamp alone).
func stampsOf(ctx context.Context, cat *catalog.Store) *searchStamps {
	st, _ := ctx.Value(searchStampsKey{}).(*searchStamps)
	if st == nil {
		return nil
	}
	st.once.Do(func() {
		if st.docs != nil {
			st.citation, st.version, st.extracted, st.err = st.docs.SearchStamps(ctx, cat)
			return
		}
		st.citation, st.version, st.extracted, st.err = cat.SearchStampsExtracted(ctx)
	})
	return st
}

// citationsStamp is the catalog's CitationsStamp, the search's when ctx
// carries one.
func citationsStamp(ctx context.Context, cat *catalog.Store) (catalog.CitationsStamp, error) {
	if st := stampsOf(ctx, cat); st != nil {
		return st.citation, st.err
	}
	return cat.CitationsStamp(ctx)
}

// versionsStamp is the catalog's VersionsStamp, the search's when ctx
// carries one.
func versionsStamp(ctx context.Context, cat *catalog.Store) (catalog.VersionsStamp, error) {
	if st := stampsOf(ctx, cat); st != nil {
		return st.version, st.err
	}
	return cat.VersionsStamp(ctx)
}
