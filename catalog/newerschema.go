package catalog

import (
	"context"
	"fmt"
)

// NewerSchemaError is the refusal of a catalog a newer binary migrated to
// version, past the known migrations of this one: at start (EINVALID,
// migrate) and on a node that was running when it happened (EUNAVAILABLE,
// SchemaVersions). The same words serve one node on SQLite and a node of
// several: run the newer version, or go back to the backup taken before
// the upgrade.
func NewerSchemaError(code string, version, known int) *Error {
	return Errorf(code, "目录数据库已由较新版本的 evidence 升级（迁移 %03d，本程序只到迁移 %03d）；请改用较新版本的 evidence，或从升级前的备份恢复", version, known)
}

// uncountedKey marks the context of a statement Statements leaves out: a
// poll in the background, which is no part of what a caller's pages cost
// and would land at random in the window a test counts.
type uncountedKey struct{}

// SchemaVersions reads the catalog's schema version as it stands, without
// the lock migrations take, and the number of migrations this binary
// knows: a node running while a newer binary migrated its catalog finds
// have > known (NewerSchemaError), as a new start of it would. It is one
// small read, for a poll.
func (s *Store) SchemaVersions(ctx context.Context) (have, known int, err error) {
	names, err := s.dialect.migrationFiles()
	if err != nil {
		return 0, 0, fmt.Errorf("list migrations: %w", err)
	}
	query := `PRAGMA user_version`
	if s.dialect.name == postgresDialect.name {
		query = `SELECT version FROM schema_version`
	}
	if err := s.db.QueryRowContext(context.WithValue(ctx, uncountedKey{}, true), query).Scan(&have); err != nil {
		return 0, 0, fmt.Errorf("read catalog version: %w", s.dialect.translate(err))
	}
	return have, len(names), nil
}
