package catalog

import (
	"context"
	"fmt"
	"maps"
	"strings"
	"testing"
)

// TestOriginalVerdicts: what a pack's check found hashing originals is
// kept by hash and the stored object's version, read back in one call,
// replaced by a later verdict, dropped when found damaged, and never
// recorded without a version; on SQLite and on PostgreSQL, many at once
// (past one INSERT's rows and one IN list).
func TestOriginalVerdicts(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		sha := func(i int) string { return fmt.Sprintf("%064x", i) }
		whole := map[string]string{}
		var all []string
		for i := range 700 {
			whole[sha(i)] = fmt.Sprintf("v%d", i)
			all = append(all, sha(i))
		}
		whole[sha(900)] = "" // a store that cannot name a version
		if err := s.RecordOriginalVerdicts(ctx, whole, nil); err != nil {
			t.Fatalf("record 700 whole: %v", err)
		}
		got, err := s.WholeOriginals(ctx, append(all, sha(900), sha(901)))
		if err != nil || len(got) != 700 || got[sha(0)] != "v0" || got[sha(699)] != "v699" {
			t.Fatalf("whole originals: %d read (%v), want the 700 recorded with their versions", len(got), err)
		}
		// Hashed whole again at another version (put again); one found
		// damaged; one both (damaged wins).
		if err := s.RecordOriginalVerdicts(ctx, map[string]string{sha(1): "v1-恢复后", sha(3): "v3"}, []string{sha(2), sha(3)}); err != nil {
			t.Fatalf("record again: %v", err)
		}
		got, err = s.WholeOriginals(ctx, []string{sha(1), sha(2), sha(3), sha(4)})
		want := map[string]string{sha(1): "v1-恢复后", sha(4): "v4"}
		if err != nil || !maps.Equal(got, want) {
			t.Errorf("after a new version and two found damaged: %v %v, want %v", got, err, want)
		}
		if err := s.RecordOriginalVerdicts(ctx, nil, nil); err != nil {
			t.Errorf("record nothing: %v", err)
		}
		var at string
		if err := s.db.QueryRowContext(ctx, `SELECT checked_at FROM original_whole WHERE sha256 = ?`, sha(1)).Scan(&at); err != nil || !strings.HasPrefix(at, "20") {
			t.Errorf("checked_at of a verdict: %q %v, want when it was hashed", at, err)
		}
	})
}
