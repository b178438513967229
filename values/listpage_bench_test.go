package values_test

import (
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/values"
)

// BenchmarkListPageOf200 lists one page of 200 values of 杭州 (ten
// indicators over twenty rounds, one source of them deleted), as /values
// does, and reports the catalog statements each listing sends.
func BenchmarkListPageOf200(b *testing.B) {
	e := testenv.New(b)
	kept := e.Upload(hangzhou, "统计公报.txt", "2017年认定市民终身学习基地123个。")
	gone := e.Upload(hangzhou, "旧统计公报.txt", "2016年认定市民终身学习基地120个。")
	for y := 2000; y < 2020; y++ {
		if err := e.Catalog.AddRound(ctx, catalog.Round{Year: y}, "admin"); err != nil && catalog.ErrorCode(err) != catalog.ECONFLICT {
			b.Fatal(err)
		}
	}
	var vs []*catalog.Value
	for _, code := range []string{"9.1.1", "9.1.2", "9.1.3", "9.1.4", "9.1.5", "9.1.6", "9.1.7", "9.1.8", "9.1.9", "9.1.10"} {
		for r := range 20 {
			d := kept
			if r%2 == 0 {
				d = gone
			}
			vs = append(vs, &catalog.Value{City: hangzhou, Round: 2000 + r, Indicator: code, Number: 123, Given: "123", Unit: "个",
				Citation: catalog.Citation{DocumentID: d.ID, SHA256: d.SHA256, Page: 1, Quote: "认定市民终身学习基地123个"}})
		}
	}
	if err := e.Catalog.SaveValues(ctx, vs, "wang"); err != nil {
		b.Fatal(err)
	}
	if _, err := e.Documents.Delete(ctx, testenv.Admin, gone.ID); err != nil {
		b.Fatal(err)
	}
	before := e.Catalog.Statements()
	b.ResetTimer()
	for b.Loop() {
		p, err := e.Values.ListPage(ctx, testenv.Admin, values.Filter{City: hangzhou}, 0, 200)
		if err != nil || len(p.Values) != 200 {
			b.Fatalf("listing: %d values, %v; want 200", len(p.Values), err)
		}
	}
	b.ReportMetric(float64(e.Catalog.Statements()-before)/float64(b.N), "statements/op")
}
