package report_test

import (
	"testing"

	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReturnedFileDoesNotHideAQuoteNotFound: 市教育局's 读书驿站建设方案,
// handed in for 2.3.1 and returned by wang, is cited by a claim whose
// quote it has; the one live claim of 2.3.1 quotes words its 工作总结 does
// not have. The returned file is no evidence of 2.3.1 this round, so its
// sound quote must not make the indicator 有证据 (review s43 finding 2):
// 2.3.1 is 引文未找到, and the returned file is listed tied TieReturned.
func TestReturnedFileDoesNotHideAQuoteNotFound(t *testing.T) {
	e := testenv.New(t)
	back := e.ReturnedHandIn(hangzhou, 2017, "2.3.1", "读书驿站建设方案.txt", "全区建成读书驿站42个，年接待读者8.6万人次。", coord)
	summary := e.Upload(hangzhou, "工作总结.txt", "全区建成读书驿站，年接待读者8.6 FAK.")
	for _, c := range []struct{ doc, quote string }{
		{back.ID, "全区建成读书驿站42个"},
		{summary.ID, "年接待读者8.6万人次"},
	} {
		if _, err := e.Claims.Create(ctx, coord, claims.Input{Round: 2017, Indicator: "2.3.1", Statement: "全区建成读书驿站42个，接待读者8.6万人次。",
			Citations: []claims.CitationInput{{DocumentID: c.doc, Page: 1, Quote: c.quote}}}); err != nil {
			t.Fatalf("claim citing %s: %v", c.doc, err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	if got := statusOf(t, r, "2.3.1"); got != report.QuoteNotFound {
		t.Errorf("2.3.1, its live claim's quote not found beside a returned file's sound one: %q, want %q", got, report.QuoteNotFound)
	}
	listed := false
	for _, a := range r.Areas {
		for _, it := range a.Items {
			for _, ev := range it.Evidence {
				if it.Indicator.Code == "2.3.1" && ev.DocumentID == back.ID {
					listed = true
					if ev.Tie != report.TieReturned {
						t.Errorf("the returned 读书驿站建设方案 under 2.3.1: tie %v, want TieReturned (%v)", ev.Tie, report.TieReturned)
					}
				}
			}
		}
	}
	if !listed {
		t.Errorf("2.3.1 does not list the returned 读书驿站建设方案 its claim cites")
	}
}
