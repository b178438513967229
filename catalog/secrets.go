package catalog

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
)

// The archive keeps secrets of its own in the catalog (migration 044),
// one per use, so that every node of a shared catalog holds the same
// ones. They never leave the catalog package: its methods use them.

// secretPassageKey is the use of the secret that keys pasted passages
// (PassageKey).
const secretPassageKey = "search-passage"

// archiveSecretUses are the secrets migration 044 gives a catalog.
var archiveSecretUses = []string{secretPassageKey}

// fillArchiveSecrets is migration 044's Go step: 256 random bits for
// each use that has no secret yet (the migration may run again under
// another number).
func fillArchiveSecrets(ctx context.Context, s *Store, tx *sql.Tx) error {
	for _, use := range archiveSecretUses {
		secret := make([]byte, 32)
		if _, err := rand.Read(secret); err != nil {
			return fmt.Errorf("make the %s secret: %w", use, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO archive_secret (purpose, secret, created_at) VALUES (?, ?, ?)
			ON CONFLICT (purpose) DO NOTHING`, use, hex.EncodeToString(secret), formatTime(s.now())); err != nil {
			return fmt.Errorf("keep the %s secret: %w", use, err)
		}
	}
	return nil
}

// archiveSecret returns the archive's secret for use. It is read each
// time, not held: a catalog copied in (evidence catalog migrate) brings
// its own.
func (s *Store) archiveSecret(ctx context.Context, use string) ([]byte, error) {
	var text string
	err := s.db.QueryRowContext(ctx, `SELECT secret FROM archive_secret WHERE purpose = ?`, use).Scan(&text)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("read the archive's %s secret: none in the catalog", use)
	}
	if err != nil {
		return nil, fmt.Errorf("read the archive's %s secret: %w", use, s.dialect.translate(err))
	}
	secret, err := hex.DecodeString(text)
	if err != nil || len(secret) < 32 {
		return nil, fmt.Errorf("read the archive's %s secret: not 256 bits in hexadecimal", use)
	}
	return secret, nil
}
