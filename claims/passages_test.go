package claims_test

import (
	"context"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/claims"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestAPassageThatCannotBeHeldLeavesTheOthersShown: a claim cites a page
// too long for the server's budget for big texts and a short one; its
// view shows the short one in context and says of the other why its page
// is not shown (in Chinese and English), instead of failing whole; while
// the budget is lent out to other texts, each says to come back shortly.
func TestAPassageThatCannotBeHeldLeavesTheOthersShown(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	big := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	long := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 3000) + "全市共建成社区学校一百二十所。" // 170 KB
	if _, err := e.SaveText(big.SHA256, &ingest.StoredText{Extractor: "txt", Pages: []string{long}}); err != nil {
		t.Fatal(err)
	}
	short := e.Upload("330100", "xuefen.txt", "杭州市建立终身教育学分银行")
	c, err := e.Claims.Create(ctx, testenv.Admin, claims.Input{City: "330100", Indicator: "2.3.1", Round: 2018,
		Statement: "杭州市建成社区学校并建立学分银行",
		Citations: []claims.CitationInput{{DocumentID: big.ID, Page: 1, Quote: "全市共建成社区学校一百二十所"},
			{DocumentID: short.ID, Page: 1, Quote: "终身教育学分银行"}}})
	if err != nil {
		t.Fatal(err)
	}
	e.Documents.SetTextBudget(1 << 20)
	v, err := e.Claims.View(ctx, testenv.Admin, c.ID)
	if err != nil {
		t.Fatalf("the view of a claim citing a page too long for the budget: %v, want its passages", err)
	}
	if len(v.Passages) != 2 {
		t.Fatalf("%d passages, want 2", len(v.Passages))
	}
	tooLong, shown := v.Passages[0], v.Passages[1]
	if tooLong.Unavailable == nil || tooLong.Unavailable.Code != catalog.ETOOLARGE || tooLong.Context != "" ||
		!strings.Contains(tooLong.Unavailable.Message, "无法显示这段引文所在页的文字：第 1 页的文字太长") ||
		!strings.Contains(tooLong.Unavailable.English, "cannot be shown: The text of page 1 is too long") {
		t.Errorf("the passage on the page too long: %+v, want why it is not shown", tooLong.Unavailable)
	}
	if shown.Unavailable != nil || !strings.Contains(shown.Context, "<mark>终身教育学分银行</mark>") {
		t.Errorf("the short passage: %q, %v; want it in context", shown.Context, shown.Unavailable)
	}
	e.Documents.SetTextBudget(64 << 20)
	release, err := e.Documents.HoldTextBudget(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	defer release()
	v, err = e.Claims.View(ctx, testenv.Admin, c.ID)
	if err != nil {
		t.Fatalf("the view while the budget is lent out: %v, want its passages", err)
	}
	for i, p := range v.Passages {
		if p.Unavailable == nil || p.Unavailable.Code != catalog.EUNAVAILABLE || p.Unavailable.RetryAfter == 0 ||
			!strings.Contains(p.Unavailable.Message, "秒后再试") {
			t.Errorf("passage %d while the budget is lent out: %+v, want to come back shortly", i+1, p.Unavailable)
		}
	}
}
