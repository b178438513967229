package catalog

import (
	"context"
	"database/sql"
	"fmt"
	"path"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// checkMigrationNumbers returns an error unless each file's number (the
// NNN of migrations/NNN_name.sql) is its position in the list: the runner
// takes a migration's version from its position, not from its name, so a
// gap (a file of a missing number landing later, from another branch)
// would give a catalog's recorded version to the wrong file, and two files
// of one number would share a version.
func checkMigrationNumbers(names []string) error {
	for i, n := range names {
		base := path.Base(n)
		num, _, ok := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil || len(num) != 3 {
			return fmt.Errorf("%s: the name does not start with a three-digit number", n)
		}
		if v != i+1 {
			return fmt.Errorf("%s: number %d at position %d", n, v, i+1)
		}
	}
	return nil
}

func TestMigrationNumbersArePositions(t *testing.T) {
	for _, d := range []dialect{sqliteDialect, postgresDialect} {
		names, err := d.migrationFiles()
		if err != nil {
			t.Fatal(err)
		}
		if len(names) == 0 {
			t.Fatalf("%s: no migrations", d.name)
		}
		if err := checkMigrationNumbers(names); err != nil {
			t.Errorf("%s: %v", d.name, err)
		}
	}
	for _, bad := range [][]string{
		{"migrations/001_init.sql", "migrations/002_指标.sql", "migrations/002_账户.sql"},
		{"migrations/001_init.sql", "migrations/003_账户.sql", "migrations/002_指标.sql"},
		{"migrations/001_init.sql", "migrations/指标.sql"},
		{"migrations/001_init.sql", "migrations/003_账户.sql"},
	} {
		if checkMigrationNumbers(bad) == nil {
			t.Errorf("%v: accepted", bad)
		}
	}
}

// TestReaderTallyRunsAgain: a catalog that recorded the reader-tally
// migration (…_reader_tally.sql) under a lower number runs it again once
// the file of that number lands; the indexes it already has must not stop
// the catalog from opening.
func TestReaderTallyRunsAgain(t *testing.T) { forEachStore(t, testReaderTallyRunsAgain) }

func testReaderTallyRunsAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_reader_tally.sql")
	if err := s.CreateDocument(ctx, newDoc("D-杭州", "sha-杭州"), Submission{User: "zhang"}); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		runMigrationAgain(t, s, at)
	}
	if d, err := s.Document(ctx, "D-杭州"); err != nil || d.SHA256 != "sha-杭州" {
		t.Errorf("after running the reader-tally migration again: %+v %v", d, err)
	}
}

// TestOCRReaderNamesScansRead: the OCR-reader migration
// (…_ocr_reader.sql) names the recorded reader of
// a text whose pages OCR read inside the PDF reader pdf+ocr (outdated,
// its version the PDF reader's alone), from the page sources the catalog
// holds; a PDF read from its text layer, a photo read by OCR itself and a
// text whose reader is unknown keep theirs. It may run again.
func TestOCRReaderNamesScansRead(t *testing.T) { forEachStore(t, testOCRReaderNamesScansRead) }

func testOCRReaderNamesScansRead(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_ocr_reader.sql")
	docs := []struct {
		id      string
		sources []string
		reader  *TextReader
		want    *TextReader
	}{
		{"扫描件", []string{SourceOCR, SourceOCRLow}, &TextReader{"pdf", 7}, &TextReader{"pdf+ocr", 7}},
		{"模糊扫描件", []string{SourceText, SourceOCRLow}, &TextReader{"ofd", 7}, &TextReader{"ofd+ocr", 7}},
		{"电子版", nil, &TextReader{"pdf", 7}, &TextReader{"pdf", 7}},
		{"照片", []string{SourceOCR}, &TextReader{"ocr", 6}, &TextReader{"ocr", 6}},
		{"未记录", []string{SourceOCR}, nil, nil},
	}
	for _, d := range docs {
		if err := s.CreateDocument(ctx, newDoc(d.id, "sha-"+d.id), Submission{User: "zhang"}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetStatus(ctx, StatusChange{ID: d.id, Status: StatusIndexed, Reading: &Reading{PageSources: d.sources}, Reader: d.reader}); err != nil {
			t.Fatal(err)
		}
	}
	err := s.inTx(ctx, func(tx *sql.Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE document SET reader_version = NULL WHERE id = '未记录'`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for range 2 {
		runMigrationAgain(t, s, at)
		got := map[string]*TextReader{}
		if err := s.ReadTexts(ctx, func(t ReadText) { got[t.ID] = t.Reader }); err != nil {
			t.Fatal(err)
		}
		for _, d := range docs {
			if r := got[d.id]; (r == nil) != (d.want == nil) || r != nil && *r != *d.want {
				t.Errorf("%s: reader %+v, want %+v", d.id, r, d.want)
			}
		}
	}
}

// migrationAt is the place, from 0, of the migration whose name ends with
// suffix among s's: the version of a catalog that has not run it.
func migrationAt(t *testing.T, s *Store, suffix string) int {
	t.Helper()
	names, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	at := slices.IndexFunc(names, func(n string) bool { return strings.HasSuffix(n, suffix) })
	if at < 0 {
		t.Fatalf("no migration *%s among %v", suffix, names)
	}
	return at
}

// runMigrationAgain runs the migration at place at (migrationAt) again on
// s, its SQL and its Go step (migrationFills) in one transaction, as the
// runner would, leaving the catalog's version and every other migration
// alone: a test of one migration's running again must not run the ones
// after it (another branch's, which need not be idempotent) again too.
func runMigrationAgain(t *testing.T, s *Store, at int) {
	t.Helper()
	ctx := context.Background()
	names, err := s.dialect.migrationFiles()
	if err != nil {
		t.Fatal(err)
	}
	name := names[at]
	body, err := migrations.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	err = s.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, string(body)); err != nil {
			return err
		}
		if fill := migrationFills[name]; fill != nil {
			return fill(ctx, s, tx)
		}
		return nil
	})
	if err != nil {
		t.Fatalf("run %s again: %v", name, err)
	}
}
