package testenv

import (
	"context"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/values"
)

// CarryContradicted sets up a carried 与证据矛盾: coord's two claims of
// 2017 for city, citing doc's 学分银行累计开户学习者12000人, reviewed by
// reviewer, 2.3.1 (学分银行开户学习者达到2万人) contradicted and 2.3.2
// (…达到1.2万人) verified, both carried into 2018 and waiting there
// (待确认). It returns the two 2017 claims' IDs.
func CarryContradicted(t testing.TB, cl *claims.Service, vs *values.Service, coord, reviewer *catalog.User, city, doc string) (contradicted, verified string) {
	t.Helper()
	ctx := context.Background()
	claim := func(code, statement, verdict string) string {
		t.Helper()
		c, err := cl.Create(ctx, coord, claims.Input{Round: 2017, Indicator: code, Statement: statement,
			Citations: []claims.CitationInput{{DocumentID: doc, Page: 1, Quote: "学分银行累计开户学习者12000人"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := cl.Review(ctx, reviewer, c.ID, verdict, "原文为12000人"); err != nil {
			t.Fatal(err)
		}
		return c.ID
	}
	contradicted = claim("2.3.1", "学分银行开户学习者达到2万人", "contradicted")
	verified = claim("2.3.2", "学分银行开户学习者达到1.2万人", "verified")
	if _, err := vs.CarryOver(ctx, coord, city, 2018); err != nil {
		t.Fatal(err)
	}
	return contradicted, verified
}
