package claims

import (
	"context"
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/lcmonitor/evidence/blob"
	"github.com/lcmonitor/evidence/catalog"
	"github.com/lcmonitor/evidence/ingest"
)

// storedText stores pages as a document's text and returns its key.
func storedText(t *testing.T, store blob.Store, name string, pages []string) string {
	t.Helper()
	sha := fmt.Sprintf("%064x", len(name)) + name
	if _, err := ingest.SaveText(context.Background(), store, sha, &ingest.StoredText{Extractor: "txt", Pages: pages}); err != nil {
		t.Fatal(err)
	}
	return sha
}

func folderStore(t *testing.T) blob.Store {
	t.Helper()
	store, err := blob.NewFolder(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	return store
}

// peakBudget is a TextBudget that lends without bound and remembers the
// most it lent at once.
type peakBudget struct {
	mu         sync.Mutex
	held, peak int64
}

func (b *peakBudget) LendText(n, _ int64) (func(), error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.held += n
	b.peak = max(b.peak, b.held)
	return func() { b.mu.Lock(); b.held -= n; b.mu.Unlock() }, nil
}

// TestReadCitedTextFindsWhatFindQuoteFinds: read from the stored text
// whole or as a stream, a quote is found where FindQuote finds it in the pages held
// whole, on the cited page or another, across page breaks and their page
// numbers, and the context and passage shown are the same.
func TestReadCitedTextFindsWhatFindQuoteFinds(t *testing.T) {
	store := folderStore(t)
	long := make([]string, 12)
	for i := range long {
		long[i] = fmt.Sprintf("第%d章 推进学习型城市建设。", i+1)
	}
	long[7] += "建立终身"
	long[8] = "教育学分\n银行" + long[8]
	tiny := []string{"社区", "教育", "学分", "银行", "制度", "完善"}
	for _, tc := range []struct {
		name   string
		pages  []string
		quotes []string
	}{
		{"pdf noise", pages, []string{"2017年全年共举办342场市民大讲堂", "共举办３４２场", "建立学分银行", "共举办343场", "二○二三年全市", "二〇二三年度", ",。", "市民大讲堂"}},
		{"page feet", report, []string{"建立终身教育学分银行", "二〇二三年新增学习点", "学习型城市建设成效显著", "第2页"}},
		{"long", long, []string{"建立终身教育学分银行", "第12章", "第1章", "推进学习型城市"}},
		{"a quote over many small pages", tiny, []string{"教育学分银行制度", "社区教育学分银行制度完善"}},
	} {
		sha := storedText(t, store, strings.ReplaceAll(tc.name, " ", "-"), tc.pages)
		for _, quote := range tc.quotes {
			for k := 0; k < 2*(len(tc.pages)+2); k++ {
				page, whole := k/2, []int64{wholeTextBytes, 0}[k%2] // read whole, then as a stream
				want := FindQuote(tc.pages, page, quote)
				budget := &peakBudget{}
				ct, err := readCitedText(context.Background(), store, budget, sha, page, quote, whole)
				if err != nil {
					t.Fatalf("%s: %q on page %d: %v", tc.name, quote, page, err)
				}
				if fmt.Sprint(ct.Match) != fmt.Sprint(want) {
					t.Errorf("%s: %q on page %d: %+v, want %+v as FindQuote", tc.name, quote, page, ct.Match, want)
				} else if got, wantCtx := Context(ct.Pages, page, ct.Match), Context(tc.pages, page, want); got != wantCtx {
					t.Errorf("%s: %q on page %d: context %q, want %q", tc.name, quote, page, got, wantCtx)
				} else if got, wantPassage := ct.Match.Passage(ct.Pages), want.Passage(tc.pages); got != wantPassage {
					t.Errorf("%s: %q on page %d: passage %q, want %q", tc.name, quote, page, got, wantPassage)
				}
				ct.Close()
				if budget.held != 0 {
					t.Errorf("%s: %q on page %d: %d bytes of the budget kept after Close", tc.name, quote, page, budget.held)
				}
			}
		}
	}
}

// TestReadCitedTextHoldsAFewPages: a quote in a text of 1,200 pages (4 MB)
// is checked holding a few pages at once, whether it is on the cited page,
// on the last page, or nowhere; the memory they hold is the server's
// budget's, and a budget that cannot lend it now says to come back.
func TestReadCitedTextHoldsAFewPages(t *testing.T) {
	store := folderStore(t)
	page := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 60) // 3.4 KB
	pages := make([]string, 1200)
	for i := range pages {
		pages[i] = fmt.Sprintf("第%d页\n%s", i+1, page)
	}
	pages[599] += "全市共建成社区学校一百二十所。"
	pages[1199] += "学分银行累计存入学分五十万分。"
	sha := storedText(t, store, "big", pages)
	few := int64(6 * len(pages[0]) * foldCost)
	for _, tc := range []struct {
		name        string
		page        int
		quote       string
		foundOnPage int
	}{
		{"on the cited page", 600, "全市共建成社区学校一百二十所", 600},
		{"on the last page, cited on the first", 1, "学分银行累计存入学分五十万分", 1200},
		{"nowhere", 600, "老年大学", 0},
	} {
		budget := &peakBudget{}
		ct, err := ReadCitedText(context.Background(), store, budget, sha, tc.page, tc.quote)
		if err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		if ct.Match.FoundOnPage != tc.foundOnPage {
			t.Errorf("%s: found on page %d, want %d", tc.name, ct.Match.FoundOnPage, tc.foundOnPage)
		}
		ct.Close()
		if budget.peak == 0 || budget.peak > few {
			t.Errorf("%s: held %d KB of the budget at most, want some and no more than a few pages' (%d KB)", tc.name, budget.peak>>10, few>>10)
		}
	}
	full := &fullBudget{}
	if _, err := ReadCitedText(context.Background(), store, full, sha, 600, "全市共建成社区学校"); catalog.ErrorCode(err) != catalog.EUNAVAILABLE {
		t.Errorf("with the budget lent out: %v, want EUNAVAILABLE", err)
	}
}

// fullBudget lends nothing: the server is busy with other big texts.
type fullBudget struct{}

func (fullBudget) LendText(int64, int64) (func(), error) {
	return func() {}, catalog.Errorf(catalog.EUNAVAILABLE, "服务器正在显示其他很长的文件")
}

// limitBudget lends up to limit bytes at once; a load that could never be
// held is ETOOLARGE, as the server's budget answers.
type limitBudget struct {
	peakBudget
	limit int64
}

func (b *limitBudget) LendText(n, total int64) (func(), error) {
	if total > b.limit {
		return nil, catalog.Errorf(catalog.ETOOLARGE, "这一页的文字太长（超过 %d MB），无法整页显示；请下载原件查看", b.limit>>20)
	}
	return b.peakBudget.LendText(n, total)
}

// TestStreamReachesAsFarAsTheFoldedQuote: read as a stream, a quote that
// starts on its page and runs over page feet and short pages onto a page
// further on is found there, as FindQuote finds it: the pages it may run
// onto are counted in the characters matching reads (the feet, spaces
// and invisible characters left out), not as written.
func TestStreamReachesAsFarAsTheFoldedQuote(t *testing.T) {
	store := folderStore(t)
	pages := []string{
		"杭州市全面推进学习型城市建设，建立终身\n- 1 -",
		"教育\u200b \n- 2 -",
		"学分\n\n- 3 -",
		"银行制度，二〇二三年新增学习点十二个。\n- 4 -",
	}
	sha := storedText(t, store, "feet", pages)
	for _, quote := range []string{"建立终身教育学分银行制度", "建立终身教育学分银行制度，2023年新增学习点"} {
		want := FindQuote(pages, 1, quote)
		if !want.Found || len(want.Next) != 3 {
			t.Fatalf("FindQuote %q: %+v, want found on page 1 and running onto pages 2 to 4", quote, want)
		}
		ct, err := readCitedText(context.Background(), store, &peakBudget{}, sha, 1, quote, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ct.Match, want) || ct.Match.Passage(ct.Pages) != want.Passage(pages) {
			t.Errorf("stream: %q on page 1: %+v (%q), want %+v (%q) as FindQuote", quote, ct.Match, ct.Match.Passage(ct.Pages), want, want.Passage(pages))
		}
		ct.Close()
	}
}

// TestStreamReadsTheOpeningOfALongNextPage: a quote running onto a page
// of 4 MB (the OCR of a huge sheet) is found reading that page's opening
// and last lines, within a budget of 2 MB that the page whole would pass
// 30 times over, with the context FindQuote shows.
func TestStreamReadsTheOpeningOfALongNextPage(t *testing.T) {
	store := folderStore(t)
	sheet := "教育学分银行制度，全市共建成社区学校一百二十所。" + strings.Repeat("推进学习型城市建设，完善终身教育体系。", 70000) + "\n- 2 -"
	pages := []string{"杭州市统计年鉴（摘录）\n建立终身\n- 1 -", sheet, "第三页"}
	sha := storedText(t, store, "sheet", pages)
	for _, tc := range []struct {
		page  int
		quote string
	}{
		{1, "建立终身教育学分银行制度"},
		{1, "建立终身教育学分银行制度，全市共建成社区学校一百二十所"},
		{3, "第三页"},
	} {
		want := FindQuote(pages, tc.page, tc.quote)
		budget := &limitBudget{limit: 2 << 20}
		ct, err := readCitedText(context.Background(), store, budget, sha, tc.page, tc.quote, 0)
		if err != nil {
			t.Fatalf("%q on page %d: %v, want found", tc.quote, tc.page, err)
		}
		if !reflect.DeepEqual(ct.Match, want) || !want.Found {
			t.Errorf("%q on page %d: %+v, want %+v as FindQuote", tc.quote, tc.page, ct.Match, want)
		} else if got, wantCtx := Context(ct.Pages, tc.page, ct.Match), Context(pages, tc.page, want); got != wantCtx {
			t.Errorf("%q on page %d: context %q, want %q", tc.quote, tc.page, got, wantCtx)
		}
		ct.Close()
		if budget.peak > budget.limit {
			t.Errorf("%q on page %d: held %d KB, want no more than %d KB", tc.quote, tc.page, budget.peak>>10, budget.limit>>10)
		}
	}
}

// TestStreamRefusesAPageTooBigForTheBudget: a text of one page of 8 MB (a
// CSV, the OCR of a huge sheet) under a budget of 2 MB is refused saying
// which page and what to do, having read little of it: never a page
// decoded whole. A first refusal, not measured, loads what the process
// loads once (the table folding traditional characters, 5 MB), so the
// test measures the stream alone whether it runs alone or after others.
func TestStreamRefusesAPageTooBigForTheBudget(t *testing.T) {
	store := folderStore(t)
	huge := strings.Repeat("全市共建成社区学校一百二十所，", 190000) // 8.1 MB
	sha := storedText(t, store, "huge", []string{huge})
	refuse := func(quote string) error {
		ct, err := readCitedText(context.Background(), store, &limitBudget{limit: 2 << 20}, sha, 1, quote, 0)
		if err == nil {
			ct.Close()
		}
		return err
	}
	refuse("社区学校")
	for _, quote := range []string{"社区学校", "老年大学"} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		err := refuse(quote)
		runtime.ReadMemStats(&after)
		if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(catalog.ErrorMessage(err), "第 1 页的文字太长") {
			t.Errorf("%q on a page of %d MB: %v, want ETOOLARGE naming page 1", quote, len(huge)>>20, err)
		}
		if got := after.TotalAlloc - before.TotalAlloc; got > 2<<20 {
			t.Errorf("%q on a page of %d MB: allocated %d KB, want less than 2 MB", quote, len(huge)>>20, got>>10)
		}
	}
}

// TestStreamTellsANumberCutAtAPageBreak: a quote beginning with a digit
// that a page begins with is not found there when the page before ends
// with a digit (3个 is not in 123个), however many pages the quote then
// runs onto; read as a stream it is found, or not, where FindQuote finds
// it, even when the page before is not held.
func TestStreamTellsANumberCutAtAPageBreak(t *testing.T) {
	store := folderStore(t)
	quote := "3个社区学校"
	for _, tc := range []struct {
		name        string
		pages       []string
		page        int
		foundOnPage int
	}{
		{"after a digit, found further on", []string{"新增学习点12", "3个", "社区", "学校", "另建3个社区学校"}, 2, 5},
		{"after a word", []string{"新增学习点", "3个", "社区", "学校", "另建3个社区学校"}, 2, 2},
		{"after a digit, found before", []string{"已建3个社区学校", "新增学习点12\n- 2 -", "3个", "社区", "学校"}, 3, 1},
		{"after a word, found before", []string{"已建3个社区学校", "新增学习点\n- 2 -", "\u200b", "3个", "社区", "学校"}, 4, 4},
	} {
		sha := storedText(t, store, fmt.Sprintf("cut%d-%d", len(tc.pages), tc.page), tc.pages)
		want := FindQuote(tc.pages, tc.page, quote)
		if want.FoundOnPage != tc.foundOnPage {
			t.Fatalf("%s: FindQuote found it on page %d, want %d", tc.name, want.FoundOnPage, tc.foundOnPage)
		}
		ct, err := readCitedText(context.Background(), store, &peakBudget{}, sha, tc.page, quote, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ct.Match, want) || ct.Match.Passage(ct.Pages) != want.Passage(tc.pages) {
			t.Errorf("%s: %+v, want %+v as FindQuote", tc.name, ct.Match, want)
		}
		ct.Close()
	}
}
