package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"testing"
)

// TestFrameworkKeepsInfoEN: the catalog keeps an indicator's info_en
// beside its 信息性质说明, empty where the framework gives none, and a
// round whose names were kept keeps the info_en of then when a later
// import changes it.
func TestFrameworkKeepsInfoEN(t *testing.T) { forEachStore(t, testFrameworkKeepsInfoEN) }

func testFrameworkKeepsInfoEN(t *testing.T, s *Store) {
	ctx := context.Background()
	then := "Policy document (document number, date issued, issuing body)"
	inds := []Indicator{
		{Code: "2", Level: 1, Name: "终身学习体系建设"},
		{Code: "2.3", ParentCode: "2", Level: 2, Name: "学习成果认证与学分积累"},
		{Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "建立学分银行制度", Kind: Qualitative,
			Info: "制度文件、试点方案、典型案例", InfoEN: then},
		{Code: "2.3.2", ParentCode: "2.3", Level: 3, Name: "学习成果认证人数", Kind: Quantitative, Info: "统计数据", Unit: "人"},
	}
	fw := Framework{ID: "demo", Name: "示例", Version: "1"}
	if _, err := s.ImportFramework(ctx, fw, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	infoOf := func(inds []Indicator, code string) [2]string {
		for _, ind := range inds {
			if ind.Code == code {
				return [2]string{ind.Info, ind.InfoEN}
			}
		}
		return [2]string{}
	}
	_, got, err := s.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if i := infoOf(got, "2.3.1"); i != [2]string{"制度文件、试点方案、典型案例", then} {
		t.Errorf("2.3.1 read back with info %q", i)
	}
	if i := infoOf(got, "2.3.2"); i != [2]string{"统计数据", ""} {
		t.Errorf("2.3.2 read back with info %q", i)
	}
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	now := "Rules or pilot plan of the credit bank, with a typical case"
	inds[2].InfoEN = now
	fw.Version = "2"
	if _, err := s.ImportFramework(ctx, fw, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	for year, want := range map[int]string{2018: then, 2019: now} {
		_, got, _, err := s.RoundFramework(ctx, year)
		if err != nil {
			t.Fatal(err)
		}
		if i := infoOf(got, "2.3.1"); i[1] != want {
			t.Errorf("round %d: 2.3.1 info_en %q, want %q", year, i[1], want)
		}
	}
}

// undoInfoEN takes away the columns migration 026 adds, for tests that
// wind a catalog back to an older version.
func undoInfoEN(ctx context.Context, tx *sql.Tx) error {
	for _, q := range []string{`ALTER TABLE indicator DROP COLUMN info_en`, `ALTER TABLE round_indicator DROP COLUMN info_en`} {
		if _, err := tx.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("%s: %w", q, err)
		}
	}
	return nil
}

// TestInfoENRunsAgain: a catalog that recorded the info_en migration
// (…_indicator_info_en.sql) under a lower number runs it again once
// 025_ocr_reader.sql lands; the columns it already has must not stop the
// catalog from opening, and the info_en they hold stays.
func TestInfoENRunsAgain(t *testing.T) { forEachStore(t, testInfoENRunsAgain) }

func testInfoENRunsAgain(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_indicator_info_en"+cmp.Or(s.dialect.twin, ".sql"))
	en := "Policy documents, pilot plans, case examples"
	inds := []Indicator{
		{Code: "2", Level: 1, Name: "终身学习体系建设"},
		{Code: "2.3", ParentCode: "2", Level: 2, Name: "学习成果认证与学分积累"},
		{Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "建立学分银行制度", Kind: Qualitative,
			Info: "制度文件、试点方案、典型案例", InfoEN: en},
	}
	if _, err := s.ImportFramework(ctx, Framework{ID: "杭州指标", Name: "杭州指标体系", Version: "1"}, inds, "admin"); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		runMigrationAgain(t, s, at)
	}
	_, got, err := s.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 3 || got[2].InfoEN != en {
		t.Errorf("after running the info_en migration again: %+v", got)
	}
}
