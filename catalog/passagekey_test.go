package catalog

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"path/filepath"
	"regexp"
	"testing"

	"github.com/lcmonitor/evidence/internal/pgtest"
)

// TestAPassageKeyCannotBeComputedFromItsText: the key of a 工作总结's
// passage is 32 hexadecimal digits but not the first 128 bits of its
// SHA-256, which anyone knowing the text could compute to learn whether it
// was pasted; two nodes sharing one catalog (two Stores on one SQLite file,
// two on one PostgreSQL database) give it the same key, so a link to its
// search works on either; another archive gives it another.
func TestAPassageKeyCannotBeComputedFromItsText(t *testing.T) {
	const 总结 = "2018年，全市以创建全国学习型城市为目标，健全市、区、街道、社区四级终身教育网络，建成社区学校128所。"
	ctx := context.Background()
	sum := sha256.Sum256([]byte(总结))
	plain := hex.EncodeToString(sum[:16])
	for _, o := range []struct {
		name string
		open func(t *testing.T) func() *Store // one catalog, a node's Store each call
	}{
		{"sqlite", func(t *testing.T) func() *Store {
			path := filepath.Join(t.TempDir(), "catalog.db")
			return func() *Store {
				s, err := Open(ctx, path)
				if err != nil {
					t.Fatalf("open catalog on SQLite: %v", err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
		}},
		{"postgres", func(t *testing.T) func() *Store {
			url := pgtest.DatabaseURL(t)
			return func() *Store {
				s, err := OpenPostgres(ctx, url)
				if err != nil {
					t.Fatalf("open catalog on PostgreSQL: %v", err)
				}
				t.Cleanup(func() { s.Close() })
				return s
			}
		}},
	} {
		t.Run(o.name, func(t *testing.T) {
			node := o.open(t)
			a, b := node(), node()
			keyA, err := a.PassageKey(ctx, "*", 总结)
			if err != nil {
				t.Fatal(err)
			}
			if !regexp.MustCompile(`^[0-9a-f]{32}$`).MatchString(keyA) {
				t.Fatalf("key %q, want 32 hexadecimal digits", keyA)
			}
			if keyA == plain {
				t.Errorf("key %s is SHA-256(text)[:16]: anyone knowing the text can compute it", keyA)
			}
			if keyB, err := b.PassageKey(ctx, "*", 总结); err != nil || keyB != keyA {
				t.Errorf("the second node keys the passage %s (%v), the first %s: want one key on a shared catalog", keyB, err, keyA)
			}
			if other, err := a.PassageKey(ctx, "*", 总结+"。"); err != nil || other == keyA {
				t.Errorf("another text keyed %s (%v), the same as the passage", other, err)
			}
			elsewhere := o.open(t)()
			if keyC, err := elsewhere.PassageKey(ctx, "*", 总结); err != nil || keyC == keyA {
				t.Errorf("another archive keys the passage %s (%v), want a key of its own secret, not %s", keyC, err, keyA)
			}
		})
	}
}

// TestArchiveSecretMigrationRunsAgain: migration 044 run again (as under
// another number) keeps the archive's secret, so the links to searches of
// pasted passages made before keep working.
func TestArchiveSecretMigrationRunsAgain(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		const 通知 = "各区县教育局：为做好2019年全民终身学习活动周工作，现将有关事项通知如下。"
		before, err := s.PassageKey(ctx, "*", 通知)
		if err != nil {
			t.Fatal(err)
		}
		at := migrationAt(t, s, "_archive_secret"+cmp.Or(s.dialect.twin, ".sql"))
		for range 2 {
			runMigrationAgain(t, s, at)
		}
		if after, err := s.PassageKey(ctx, "*", 通知); err != nil || after != before {
			t.Errorf("the notice's key after the migration ran again: %s (%v), want %s as before", after, err, before)
		}
	})
}
