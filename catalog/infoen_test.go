package catalog

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"maps"
	"os"
	"testing"

	"gopkg.in/yaml.v3"
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
// wind a catalog back to an older version, and first what 028 adds
// (undoQuoteRecheck).
func undoInfoEN(ctx context.Context, tx *sql.Tx) error {
	if err := undoQuoteRecheck(ctx, tx); err != nil {
		return err
	}
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

// TestDemoInfoENFollowsItsFile: the info_en migration 026 fills in the
// demo framework is its file's, code for code.
func TestDemoInfoENFollowsItsFile(t *testing.T) {
	data, err := os.ReadFile("../framework/demo-learning-city.yaml")
	if err != nil {
		t.Fatal(err)
	}
	type node struct {
		Code     string `yaml:"code"`
		InfoEN   string `yaml:"info_en"`
		Children []node `yaml:"children"`
	}
	var file struct {
		Framework struct {
			ID      string `yaml:"id"`
			Version string `yaml:"version"`
		} `yaml:"framework"`
		Indicators []node `yaml:"indicators"`
	}
	if err := yaml.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if file.Framework.ID+"@"+file.Framework.Version != demoFramework || file.Framework.ID != demoID || file.Framework.Version != demoVersion {
		t.Errorf("demo framework %s@%s, the migration fills %s", file.Framework.ID, file.Framework.Version, demoFramework)
	}
	want := map[string]string{}
	var walk func([]node)
	walk = func(ns []node) {
		for _, n := range ns {
			if n.InfoEN != "" {
				want[n.Code] = n.InfoEN
			}
			walk(n.Children)
		}
	}
	walk(file.Indicators)
	got := map[string]string{}
	for _, d := range demoInfoEN {
		got[d.code] = d.en
	}
	if !maps.Equal(got, want) || len(demoInfoEN) != len(want) {
		for code, en := range want {
			if got[code] != en {
				t.Errorf("%s: the migration fills %q, the file says %q", code, got[code], en)
			}
		}
		t.Errorf("the migration fills %d info_en, the file has %d", len(demoInfoEN), len(want))
	}
}

// TestInfoENFilledForOldDemo: an archive that loaded the demo framework
// before info_en was kept gets the demo's info_en from migration 026, in
// the current framework and in a round whose names were kept then; an
// info_en a file gave and another framework's empty one stay.
func TestInfoENFilledForOldDemo(t *testing.T) { forEachStore(t, testInfoENFilledForOldDemo) }

func testInfoENFilledForOldDemo(t *testing.T, s *Store) {
	ctx := context.Background()
	at := migrationAt(t, s, "_indicator_info_en"+cmp.Or(s.dialect.twin, ".sql"))
	mine := "Rules of the credit bank"
	demo := []Indicator{
		{Code: "2", Level: 1, Name: "终身学习体系建设"},
		{Code: "2.3", ParentCode: "2", Level: 2, Name: "学习成果认证与学分积累"},
		{Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "建立学分银行或学分积累、转换与认证制度", Kind: Qualitative, Info: "制度文件、试点方案、典型案例"},
		{Code: "2.3.2", ParentCode: "2.3", Level: 3, Name: "市民终身学习卡与个人学习档案", Kind: Qualitative, Info: "发卡文件、系统说明", InfoEN: mine},
	}
	if _, err := s.ImportFramework(ctx, Framework{ID: demoID, Name: "学习型城市建设监测示例指标体系", Version: demoVersion}, demo, "system"); err != nil {
		t.Fatal(err)
	}
	if err := s.AddRound(ctx, Round{Year: 2019, Current: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	var want231 string
	for _, d := range demoInfoEN {
		if d.code == "2.3.1" {
			want231 = d.en
		}
	}
	if want231 == "" {
		t.Fatal("the demo has no info_en for 2.3.1")
	}
	check := func(inds []Indicator, where string) {
		t.Helper()
		got := map[string]string{}
		for _, ind := range inds {
			got[ind.Code] = ind.InfoEN
		}
		if got["2.3.1"] != want231 || got["2.3.2"] != mine {
			t.Errorf("%s: info_en %q", where, got)
		}
	}
	for range 2 {
		runMigrationAgain(t, s, at)
		_, cur, err := s.CurrentFramework(ctx)
		if err != nil {
			t.Fatal(err)
		}
		check(cur, "current framework")
		_, kept, _, err := s.RoundFramework(ctx, 2018)
		if err != nil {
			t.Fatal(err)
		}
		check(kept, "round 2018")
	}
	other := []Indicator{demo[0], demo[1], {Code: "2.3.1", ParentCode: "2.3", Level: 3, Name: "建立学分银行制度", Kind: Qualitative, Info: "制度文件"}}
	if _, err := s.ImportFramework(ctx, Framework{ID: "杭州指标", Name: "杭州指标体系", Version: "1"}, other, "admin"); err != nil {
		t.Fatal(err)
	}
	runMigrationAgain(t, s, at)
	_, cur, err := s.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, ind := range cur {
		if ind.InfoEN != "" {
			t.Errorf("another framework's %s got info_en %q", ind.Code, ind.InfoEN)
		}
	}
}
