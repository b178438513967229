package catalog

import (
	"context"
	"database/sql"
	"testing"
)

// TestMigrationKeepsPastRoundsNames: an archive from before rounds kept
// their names (migration 020) has 2016 (empty), 2017 (a document of it)
// and 2018 (current). The migration keeps today's names for 2017 only, so
// a rename after it no longer reaches 2017's report; 2016 and the current
// round follow the framework.
func TestMigrationKeepsPastRoundsNames(t *testing.T) {
	forEachStore(t, testMigrationKeepsPastRoundsNames)
}

func testMigrationKeepsPastRoundsNames(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	d := newDoc("D1", "aa")
	d.Round = "2017"
	if err := s.CreateDocument(ctx, d, Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRound(ctx, Round{Year: 2016}, "admin"); err != nil {
		t.Fatal(err)
	}
	files, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	before := 19 // 020, then 021, 022, 023, 024 and what follows
	if len(files) <= before {
		t.Fatalf("only %d migrations", len(files))
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if err := undoSubmissionAssignment(ctx, tx); err != nil { // 023
			return err
		}
		if err := undoTextReader(ctx, tx); err != nil {
			return err
		}
		if err := undoFieldsRevision(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DROP TABLE round_indicator; DROP TABLE round_framework`); err != nil {
			return err
		}
		return s.dialect.setVersion(ctx, tx, before)
	})
	if err != nil {
		t.Fatalf("make a catalog of version %d: %v", before, err)
	}
	if err := s.migrate(ctx); err != nil {
		t.Fatalf("migrate from version %d: %v", before, err)
	}
	if _, err := s.importRenamed(ctx, "1.1.1", "社区教育指标"); err != nil {
		t.Fatal(err)
	}
	for year, want := range map[int]string{2016: "社区教育指标", 2017: "指标 1.1.1", 2018: "社区教育指标"} {
		_, inds, kept, err := s.RoundFramework(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if got := nameOf(inds, "1.1.1"); got != want || kept != (year == 2017) {
			t.Errorf("round %d: 1.1.1 named %q (kept %v), want %q (kept %v)", year, got, kept, want, year == 2017)
		}
	}
}

// TestAddingCurrentRoundKeepsTheLeavingRoundsNames: 2019 made current
// keeps 2018's names; 2019 itself, and 2017 (never current here), follow
// a later import.
func TestAddingCurrentRoundKeepsTheLeavingRoundsNames(t *testing.T) {
	forEachStore(t, testAddingCurrentRoundKeepsTheLeavingRoundsNames)
}

func testAddingCurrentRoundKeepsTheLeavingRoundsNames(t *testing.T, s *Store) {
	ctx := context.Background()
	importSmallFramework(t, s, "1", "1.1.1")
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.importRenamed(ctx, "1.1.1", "社区教育指标"); err != nil {
		t.Fatal(err)
	}
	for year, want := range map[int]string{2017: "社区教育指标", 2018: "指标 1.1.1", 2019: "社区教育指标"} {
		_, inds, _, err := s.RoundFramework(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if got := nameOf(inds, "1.1.1"); got != want {
			t.Errorf("round %d: 1.1.1 named %q, want %q", year, got, want)
		}
	}
	events, err := s.Events(ctx, "round:2018", 10)
	if err != nil || len(events) == 0 || events[0].Action != "round.keep_names" {
		t.Errorf("no audit entry for keeping 2018's names: %v %v", events, err)
	}
	if err := s.DeleteRound(ctx, 2018, "admin"); err != nil {
		t.Fatalf("delete round 2018 with its kept names: %v", err)
	}
}

// importRenamed imports the current framework again with code renamed.
func (s *Store) importRenamed(ctx context.Context, code, name string) (*ImportReport, error) {
	fw, inds, err := s.CurrentFramework(ctx)
	if err != nil {
		return nil, err
	}
	for i := range inds {
		if inds[i].Code == code {
			inds[i].Name = name
		}
	}
	return s.ImportFramework(ctx, *fw, inds, "admin")
}

func nameOf(inds []Indicator, code string) string {
	for _, ind := range inds {
		if ind.Code == code {
			return ind.Name
		}
	}
	return ""
}
