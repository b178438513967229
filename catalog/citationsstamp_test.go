package catalog

import (
	"context"
	"strings"
	"testing"
)

// TestCitationsStampMovesWithCitations: the stamp stays while nothing
// changes and moves when a claim cites a document, when a value is saved,
// when a claim is withdrawn and when a cited document is deleted, so a
// search that keeps what claims and values cite with the stamp sees each.
// Both dialects.
func TestCitationsStampMovesWithCitations(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		importSmallFramework(t, s, "1", "1.1.1", "1.1.2")
		for _, id := range []string{"D1", "D2"} {
			if err := s.CreateDocument(ctx, newDoc(id, "sha-"+id), Submission{User: "zhang"}); err != nil {
				t.Fatal(err)
			}
		}
		stamp := func() CitationsStamp {
			t.Helper()
			st, err := s.CitationsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			// A search reads both stamps in one query: the same stamp.
			both, vs, err := s.SearchStamps(ctx)
			if err != nil {
				t.Fatal(err)
			}
			alone, err := s.VersionsStamp(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if both != st || vs != alone {
				t.Errorf("SearchStamps read %v and %v, each alone %v and %v", both, vs, st, alone)
			}
			return st
		}
		last := stamp()
		moved := func(what string) {
			t.Helper()
			if now := stamp(); now == last {
				t.Errorf("the stamp %v did not move when %s", now, what)
			} else {
				last = now
			}
		}
		if again := stamp(); again != last {
			t.Errorf("the stamp moved from %v to %v with nothing changed", last, again)
		}
		c := &Claim{City: "330100", Round: 2018, Indicator: "1.1.1", Statement: "已建立学分银行", CreatedBy: "zhang",
			Citations: []Citation{{DocumentID: "D1", SHA256: "sha-D1", Page: 1, Quote: "学分银行"}}}
		if err := s.CreateClaim(ctx, c); err != nil {
			t.Fatal(err)
		}
		moved("a claim cited D1")
		v := &Value{City: "330100", Round: 2018, Indicator: "1.1.2", Number: 12, Given: "12",
			Citation: Citation{DocumentID: "D2", SHA256: "sha-D2", Page: 1, Quote: "学分十二万"}}
		if err := s.SaveValue(ctx, v, "zhang"); err != nil {
			t.Fatal(err)
		}
		moved("a value cited D2")
		if _, err := s.WithdrawClaim(ctx, c.ID, "zhang", "重复填报"); err != nil {
			t.Fatal(err)
		}
		moved("the claim citing D1 was withdrawn")
		if _, err := s.DeleteDocument(ctx, "D2", "zhang"); err != nil {
			t.Fatal(err)
		}
		moved("D2, which a value cites, was deleted")
	})
}

// TestCitationsStampSeesALateCommit: on PostgreSQL an event whose id was
// taken before a later one's commits after it, below the highest id a
// search already saw; the stamp still moves when it commits. (SQLite's
// one writer commits ids in order: the second transaction would wait for
// the first.)
func TestCitationsStampSeesALateCommit(t *testing.T) {
	forEachStore(t, func(t *testing.T, s *Store) {
		if s.dialect.name == sqliteDialect.name {
			return
		}
		ctx := context.Background()
		insert := `INSERT INTO event (at, username, action, object, detail) VALUES (?, 'zhang', 'claim.create', ?, '{}')`
		early, err := s.writer.BeginTx(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer early.Rollback()
		if _, err := early.ExecContext(ctx, insert, "2026-03-01T08:00:00Z", "C-学分银行"); err != nil {
			t.Fatal(err)
		}
		if _, err := s.writer.ExecContext(ctx, insert, "2026-03-01T08:00:01Z", "C-社区学院"); err != nil {
			t.Fatal(err)
		}
		seen, err := s.CitationsStamp(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := early.Commit(); err != nil {
			t.Fatal(err)
		}
		if now, err := s.CitationsStamp(ctx); err != nil || now == seen {
			t.Errorf("the stamp %v did not move when an event committed below the highest id seen (%v)", now, err)
		}
	})
}

// TestCitationsStampReadsNoEventRows: on SQLite the stamp is two
// descents of b-trees (the highest change number, the highest event id),
// not a read of the last events' rows, whose JSON details fill many
// pages: every search reads it, after nearly every commit from the file.
func TestCitationsStampReadsNoEventRows(t *testing.T) {
	s := openTestStore(t)
	q, args := citationsStampSQL(s.dialect)
	plan := queryPlan(t, s, q, args)
	for _, step := range plan {
		// SQLite's words as the pinned modernc.org/sqlite prints them.
		if strings.Contains(step, "rowid>") || strings.HasPrefix(strings.TrimSpace(step), "SCAN") && !strings.Contains(step, "CONSTANT ROW") {
			t.Errorf("the stamp reads a range of rows (%q):\n%s", step, strings.Join(plan, "\n"))
		}
	}
}
