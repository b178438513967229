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
	if e, _ := s.outrun.state(); e != nil {
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
// answers 503 (readiness and every request) and stops its background
// work (refused.go); it serves again only if the version goes back (a
// restored backup). Each turn is logged once, not at every poll; a
// catalog that does not answer is left to Healthy.
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
		switch {
		case have > known:
			s.refuse(ctx, catalog.NewerSchemaError(catalog.EUNAVAILABLE, have, known), have, known)
		case s.outrun.set(nil):
			s.log.Info("the catalog is back at a migration this node knows: it serves and takes work again; 目录数据库已回到本程序所知的迁移：本节点恢复服务并继续处理材料",
				"catalog_migration", have)
		}
	}
}

// refuse makes the node refuse requests and stop its work (refused.go),
// and says so once, in both languages: the reason as a start would give
// it, and that documents uploaded meanwhile wait, stored, for the newer
// version. The jobs waiting in the OCR queue are given back uncounted, as
// a stopping node gives them back: their keepers renew nothing into a
// newer catalog, and each lease run out counted an attempt.
func (s *Service) refuse(ctx context.Context, why *catalog.Error, have, known int) {
	if !s.outrun.set(why) {
		return
	}
	s.log.Error("the catalog was migrated by a newer version of evidence: this node no longer serves, takes no more documents to read or index, and writes nothing to the catalog, the stores or its index; run the newer version, or restore the backup taken before the upgrade; "+
		"目录数据库已由较新版本的 evidence 升级：本节点不再提供服务，不再读取或索引材料，也不再写入目录、存储和索引；请改用较新版本，或从升级前的备份恢复",
		"catalog_migration", have, "known_migrations", known,
		"reason", catalog.ErrorMessage(why), "reason_en", catalog.MessageIn(why, true))
	s.giveBackWaiting(ctx)
}
