package claims_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
	"github.com/lcmonitor/evidence/internal/testenv"
)

// TestQuoteInABigTextReadsThePagesItNeeds: checking a quote on its page of
// a long text costs what it does in a short one: the text is read as a
// stream and only the pages around the quote are held, not the text
// (a claim's citation, a link's quote and a value's passage are checked
// so; 4 MB of text used to be decoded whole for each).
func TestQuoteInABigTextReadsThePagesItNeeds(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	page := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 60) // 3.4 KB
	allocated := func(n int) (uint64, int) {
		pages := make([]string, n)
		for i := range pages {
			pages[i] = fmt.Sprintf("第%d页\n%s", i+1, page)
		}
		pages[n/2] += "全市共建成社区学校一百二十所。"
		d := e.Upload("330100", fmt.Sprintf("nianjian%d.txt", n), "杭州市统计年鉴（摘录）")
		if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
			t.Fatal(err)
		}
		check := func() {
			m, checked, err := e.Claims.QuoteOnPage(ctx, d.ID, n/2+1, "全市共建成社区学校一百二十所")
			if err != nil || !checked || !m.Found {
				t.Fatalf("quote on page %d of %d: %+v, checked %v, %v; want found", n/2+1, n, m, checked, err)
			}
		}
		check()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		check()
		runtime.ReadMemStats(&after)
		return after.TotalAlloc - before.TotalAlloc, n * len(page)
	}
	short, n := allocated(100)
	long, m := allocated(1200)
	t.Logf("a quote in %d KB of text allocated %d KB, in %d KB %d KB", n>>10, short>>10, m>>10, long>>10)
	if long > short*2 {
		t.Errorf("a quote in %d KB of text allocated %d KB, in %d KB %d KB: want about the same", n>>10, short>>10, m>>10, long>>10)
	}
}

// TestQuoteInAPageTooBigForTheBudget: a quote is checked within the
// server's budget for big texts, as the document page is shown: a page
// bigger than all of it is refused saying which and what to do, and while
// other long texts hold it the answer is to come back shortly.
func TestQuoteInAPageTooBigForTheBudget(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	pages := []string{"目录", strings.Repeat("推进学习型城市建设，完善终身教育体系。", 3000) + "全市共建成社区学校一百二十所。"} // 170 KB
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	e.Documents.SetTextBudget(1 << 20)
	_, _, err := e.Claims.QuoteOnPage(ctx, d.ID, 2, "全市共建成社区学校")
	if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), "第 2 页的文字太长") {
		t.Errorf("a quote on a page bigger than the budget: %v, want ETOOLARGE naming page 2", err)
	}
	e.Documents.SetTextBudget(64 << 20)
	release, err := e.Documents.HoldTextBudget(64 << 20)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.Claims.QuoteOnPage(ctx, d.ID, 2, "全市共建成社区学校"); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("a quote while the budget is lent out: %v, want EUNAVAILABLE", err)
	}
	release()
	if m, _, err := e.Claims.QuoteOnPage(ctx, d.ID, 2, "全市共建成社区学校"); err != nil || !m.Found {
		t.Errorf("a quote once the budget is free: %+v, %v; want found", m, err)
	}
}

// TestQuoteOverPagesTooBigTogetherForTheBudget: pages that each fit the
// server's budget for big texts but that a quote's check must hold
// together (the quote runs from one onto the next) never do: that is
// ETOOLARGE saying so, not a call to come back in a few seconds that can
// never succeed on an idle server.
func TestQuoteOverPagesTooBigTogetherForTheBudget(t *testing.T) {
	e := testenv.New(t)
	ctx := context.Background()
	d := e.Upload("330100", "nianjian.txt", "杭州市统计年鉴（摘录）")
	page := strings.Repeat("推进学习型城市建设。", 1400) // 42 KB: 672 KB held for matching
	pages := []string{page, page + "建立学分", "银行制度" + page, page}
	if _, err := e.SaveText(d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	e.Documents.SetTextBudget(1 << 20)
	for try := 1; try <= 2; try++ {
		_, _, err := e.Claims.QuoteOnPage(ctx, d.ID, 2, "建立学分银行制度")
		if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), "前后几页的文字合起来太长") {
			t.Errorf("try %d: %v, want ETOOLARGE saying the pages together are too long", try, err)
		}
	}
}
