package ingest

import (
	"context"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// Refusal returns why this node no longer serves, nil while it serves: a
// newer binary migrated its catalog while it ran (watchSchema). It is
// EUNAVAILABLE, with the words the node would refuse to start with.
func (s *Service) Refusal() error {
	if e := s.outrun.Load(); e != nil {
		return e
	}
	return nil
}

// watchSchema compares, every FollowInterval until ctx ends, the catalog's
// schema version with the migrations this binary knows. The check at
// start (catalog migrate) misses a node left running through an upgrade
// of the others, or of its SQLite file by a newer binary's command: it
// would go on serving, and writing, a catalog whose newer tables it does
// not keep up. Once the version is higher, Refusal says so and the node
// answers 503 (readiness and every request); it serves again only if the
// version goes back (a restored backup). Each turn is logged once, not
// at every poll; a catalog that does not answer is left to Healthy.
func (s *Service) watchSchema(ctx context.Context) {
	t := time.NewTicker(s.cfg.FollowInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		have, known, err := s.cat.SchemaVersions(ctx)
		if err != nil {
			continue
		}
		was := s.outrun.Load()
		switch {
		case have > known && was == nil:
			s.outrun.Store(catalog.NewerSchemaError(catalog.EUNAVAILABLE, have, known))
			s.log.Error("the catalog was migrated by a newer version of evidence: this node no longer serves; run the newer version, or restore the backup taken before the upgrade",
				"catalog_migration", have, "known_migrations", known)
		case have <= known && was != nil:
			s.outrun.Store(nil)
			s.log.Info("the catalog is back at a migration this node knows: it serves again", "catalog_migration", have)
		}
	}
}
