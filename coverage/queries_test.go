package coverage_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// TestCompareQueriesDoNotGrowWithValues: the comparison of a city's
// rounds asks the catalog as often for a round of many cited values as for
// a round of one; a query per value made /compare slow on a real round
// (44 quantitative indicators, three rounds: 150 queries).
func TestCompareQueriesDoNotGrowWithValues(t *testing.T) {
	ctx := context.Background()
	e := testenv.New(t)
	coord := hangzhouCoordinator()
	record := func(code, number, unit string) {
		d := e.Upload(hangzhou, "tongji-"+code+".txt", fmt.Sprintf("2017年杭州市该项指标为%s%s。", number, unit))
		if _, err := e.Values.Record(ctx, coord, values.Input{Round: 2017, Indicator: code, Value: values.Written(number),
			Citation: claims.CitationInput{DocumentID: d.ID, Page: 1, Quote: fmt.Sprintf("该项指标为%s%s", number, unit)}}); err != nil {
			t.Fatalf("value %s: %v", code, err)
		}
	}
	queries := func() int64 {
		before := e.Catalog.Statements()
		if _, err := e.Coverage.Compare(ctx, testenv.Admin, hangzhou, []int{2017, 2018}); err != nil {
			t.Fatal(err)
		}
		return e.Catalog.Statements() - before
	}
	record("1.2.3", "36", "个")
	one := queries()
	for _, v := range []struct{ code, number, unit string }{
		{"2.2.1", "120", "个"}, {"2.3.3", "5600", "人"}, {"3.1.3", "123.4", "万人次"}, {"4.1.2", "87.5", "%"},
	} {
		record(v.code, v.number, v.unit)
	}
	if five := queries(); five != one {
		t.Errorf("comparison of 1 value: %d catalog queries; of 5 values cited from 5 documents: %d, want as many", one, five)
	}
}
