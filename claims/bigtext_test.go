package claims_test

import (
	"context"
	"fmt"
	"runtime"
	"strings"
	"testing"

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
		if _, err := ingest.SaveText(ctx, e.Blobs, d.SHA256, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
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
