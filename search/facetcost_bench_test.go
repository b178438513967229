package search

import (
	"context"
	"fmt"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/framework"
)

// BenchmarkSearchManyCitations times a search with hits on an archive of
// 2,000 documents that 2,000 claims (定性描述) of three indicators cite,
// ten documents each (20,000 citations), so that every search counts the
// cited documents in its indicator facet, and one filtered by an
// indicator; it counts the catalog's statements a search sends.
func BenchmarkSearchManyCitations(b *testing.B) {
	ctx := context.Background()
	cat, idx := versionedArchive(b, 2000)
	p, err := framework.Parse("demo.yaml", framework.Demo, catalog.Framework{})
	if err != nil {
		b.Fatal(err)
	}
	if _, err := cat.ImportFramework(ctx, p.Framework, p.Indicators, "admin"); err != nil {
		b.Fatal(err)
	}
	codes := []string{"1.1.2", "2.3.1", "2.3.2"}
	for i := range 2000 {
		c := &catalog.Claim{City: "330100", Round: 2018, Indicator: codes[i%len(codes)], Statement: fmt.Sprintf("第%d条定性描述：已建立学分银行", i),
			CreatedBy: "admin"}
		for k := range 10 {
			c.Citations = append(c.Citations, catalog.Citation{DocumentID: fmt.Sprintf("doc-%04d", (i*7+k*211)%2000), Page: 1, Quote: "材料"})
		}
		if err := cat.CreateClaim(ctx, c); err != nil {
			b.Fatal(err)
		}
	}
	svc := NewService(idx, cat)
	admin := &catalog.User{Username: "admin", Role: catalog.RoleAdmin}
	for _, tt := range []struct {
		name string
		req  Request
	}{
		{"no filter", Request{Query: "学习型城市", User: admin}},
		{"filtered by 2.3.1", Request{Query: "学习型城市", User: admin, Indicators: []string{"2.3.1"}}},
	} {
		b.Run(tt.name, func(b *testing.B) {
			res, err := svc.Search(ctx, tt.req)
			if err != nil {
				b.Fatal(err)
			}
			if res.Total == 0 || facetCount(res, "2.3.1") == 0 {
				b.Fatalf("found %d, facet 2.3.1 counts %d: the benchmark counts no cited document", res.Total, facetCount(res, "2.3.1"))
			}
			stmts := cat.Statements()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := svc.Search(ctx, tt.req); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(cat.Statements()-stmts)/float64(b.N), "catalog-queries/op")
		})
	}
}
