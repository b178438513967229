package report_test

import (
	"fmt"
	"reflect"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/internal/testenv"
	"github.com/lcmonitor/evidence/report"
)

// TestReportListsEveryPassageOfALink: 杭州 linked a 2-page 实施方案 to
// 2.3.1 quoting page 1, then linked it again quoting two passages of page
// 2. The report lists the document at each page with the passages quoted
// there, as read from the link (catalog.Link.Passages), none with the
// marks the link's quote column once held.
func TestReportListsEveryPassageOfALink(t *testing.T) {
	e := testenv.New(t)
	d := e.Upload(hangzhou, "学分银行实施方案.txt", "第一页：杭州市建立学分银行制度。\f第二页：全年共举办342场市民大讲堂，参与市民达3.2万人次。")
	for _, p := range []struct {
		page  int
		quote string
	}{{1, "杭州市建立学分银行制度"}, {2, "全年共举办342场市民大讲堂"}, {2, "参与市民达3.2万人次"}} {
		if err := e.Ingest.AddLink(ctx, testenv.Admin, &catalog.Link{DocumentID: d.ID, IndicatorCode: "2.3.1", Page: p.page, Quote: p.quote}); err != nil {
			t.Fatalf("link quoting %q: %v", p.quote, err)
		}
	}
	r, err := report.NewService(e.Catalog).Build(ctx, testenv.Admin, hangzhou, 2017)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, a := range r.Areas {
		for _, it := range a.Items {
			if it.Indicator.Code != "2.3.1" {
				continue
			}
			for _, ev := range it.Evidence {
				for _, q := range ev.Quotes {
					got = append(got, fmt.Sprint(ev.Page, " ", q.Text))
				}
			}
		}
	}
	want := []string{"1 杭州市建立学分银行制度", "2 全年共举办342场市民大讲堂", "2 参与市民达3.2万人次"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("2.3.1's evidence quotes %q, want %q", got, want)
	}
}
