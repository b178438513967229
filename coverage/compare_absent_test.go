package coverage_test

import (
	"context"
	"slices"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/coverage"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestCompareSaysAbsentOnlyOfARoundThatNeverHadTheIndicator: 杭州 has a
// 2017 document linked to 2.3.2; 2019 is made current (2018 keeps its
// names), then today's framework drops 2.3.2 and adds 2.3.9. Compared
// over 2017, 2018 and 2019: 2.3.2 keeps 2017's document (2017 keeps no
// names, but its evidence is not hidden) and 2018's row, and 2019 never
// had it; 2.3.9 is absent from 2018, which never had it (not a gap its
// report does not count either), a gap in 2019, the round it came in,
// and in 2017, which follows today's framework.
func TestCompareSaysAbsentOnlyOfARoundThatNeverHadTheIndicator(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	d := e.Upload(hangzhou, "xuexika.txt", "2017年杭州市发放市民终身学习卡")
	if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.2", Page: 1}); err != nil {
		t.Fatal(err)
	}
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	e.ImportWithout("2.3.2")
	e.ImportAdding(catalog.Indicator{Code: "2.3.9", ParentCode: "2.3", Level: catalog.KeyLevel, Name: "社区学习共同体建设", Kind: catalog.Qualitative})
	cmp, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{2017, 2018, 2019})
	if err != nil {
		t.Fatal(err)
	}
	statuses := func(code string) (out []string, cells []coverage.RoundCell) {
		for _, row := range cmp.Indicators {
			if row.Code == code {
				for _, c := range row.Rounds {
					out = append(out, c.Status)
				}
				return out, row.Rounds
			}
		}
		t.Fatalf("/compare has no row %s", code)
		return nil, nil
	}
	for _, tt := range []struct {
		code string
		want [3]string
	}{
		{"2.3.2", [3]string{coverage.StatusEvidence, coverage.StatusGap, coverage.StatusAbsent}},
		{"2.3.9", [3]string{coverage.StatusGap, coverage.StatusAbsent, coverage.StatusGap}},
	} {
		got, cells := statuses(tt.code)
		if len(got) != 3 || [3]string(got) != tt.want {
			t.Errorf("%s over 2017, 2018, 2019: %v, want %v", tt.code, got, tt.want)
		}
		if tt.code == "2.3.2" && cells[0].Documents != 1 {
			t.Errorf("2.3.2 in 2017: %+v, want 2017's document counted", cells[0])
		}
	}
}

// TestCompareOfTwoPastRoundsTakesEachRoundsIndicators: 2018 and 2019
// both keep their names and neither is current (2020 is). 2.3.2, which
// 2018 had, 2019's framework dropped and today's has again, is absent
// (本轮无此指标) in 2019 only; 2.3.9, which came with 2019's framework and
// today's dropped, has its row, named as 2019 named it, absent in 2018
// only: each round's own list of indicators decides, not today's.
func TestCompareOfTwoPastRoundsTakesEachRoundsIndicators(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	const community = "社区学习共同体建设"
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2019, Current: true}); err != nil {
		t.Fatal(err)
	}
	_, inds, err := e.Catalog.CurrentFramework(ctx)
	if err != nil {
		t.Fatal(err)
	}
	card := inds[slices.IndexFunc(inds, func(ind catalog.Indicator) bool { return ind.Code == "2.3.2" })]
	e.ImportWithout("2.3.2")
	e.ImportAdding(catalog.Indicator{Code: "2.3.9", ParentCode: "2.3", Level: catalog.KeyLevel, Name: community, Kind: catalog.Qualitative})
	if err := e.Framework.AddRound(ctx, testenv.Admin, catalog.Round{Year: 2020, Current: true}); err != nil {
		t.Fatal(err)
	}
	e.ImportWithout("2.3.9")
	e.ImportAdding(card)
	cmp, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{2018, 2019})
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		code, name string
		want       [2]string
	}{
		{"2.3.2", card.Name, [2]string{coverage.StatusGap, coverage.StatusAbsent}},
		{"2.3.9", community, [2]string{coverage.StatusAbsent, coverage.StatusGap}},
	} {
		i := slices.IndexFunc(cmp.Indicators, func(r coverage.CompareRow) bool { return r.Code == tt.code })
		if i < 0 {
			t.Errorf("/compare of 2018 and 2019 has no row %s", tt.code)
			continue
		}
		row := cmp.Indicators[i]
		var got []string
		for _, c := range row.Rounds {
			got = append(got, c.Status)
		}
		if len(got) != 2 || [2]string(got) != tt.want || row.Name != tt.name {
			t.Errorf("%s over 2018, 2019: %q %v, want %q %v", tt.code, row.Name, got, tt.name, tt.want)
		}
	}
}
