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

// JudgedBesideACarriedLink sets up a verdict of the round beside a carried
// link: 学分银行方案.txt of city linked in 2017 to each code of verdicts
// (page 1), coord's 2018 claim of each code (杭州市建立了学分银行, citing
// 学分银行新闻.txt) judged by reviewer as verdicts says
// (需要学分银行管理办法原件), then the 2017 links carried into 2018
// (待确认). It returns the linked document.
func (e *Env) JudgedBesideACarriedLink(t testing.TB, city string, coord, reviewer *catalog.User, verdicts map[string]string) *catalog.Document {
	t.Helper()
	ctx := context.Background()
	old := e.Upload(city, "学分银行方案.txt", "杭州市建立学分银行，开展学习成果认证。")
	for code := range verdicts {
		if err := e.Ingest.AddLink(ctx, Admin, &catalog.Link{DocumentID: old.ID, IndicatorCode: code, Page: 1}); err != nil {
			t.Fatal(err)
		}
	}
	news := e.Upload(city, "学分银行新闻.txt", "杭州市学分银行已上线，市民可查询学分。")
	for code, verdict := range verdicts {
		c, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2018, Indicator: code, Statement: "杭州市建立了学分银行",
			Citations: []claims.CitationInput{{DocumentID: news.ID, Page: 1, Quote: "杭州市学分银行已上线"}}})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Claims.Review(ctx, reviewer, c.ID, verdict, "需要学分银行管理办法原件"); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := e.Values.CarryOver(ctx, Admin, city, 2018); err != nil {
		t.Fatal(err)
	}
	return old
}
