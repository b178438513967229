package claims

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/lcmonitor/evidence/catalog"
)

// TestStreamFoldsEachPageOnceAmongBlankPages: a text of a 2.25 MB page
// followed by 30,000 blank pages (a TXT upload split on form feeds),
// read as a stream by ReadCitedText, folds each page about once, not
// every blank page again for each page before it (review of session 21:
// it was still running after 90 s).
func TestStreamFoldsEachPageOnceAmongBlankPages(t *testing.T) {
	store := folderStore(t)
	pages := make([]string, 30001)
	pages[0] = strings.Repeat("推进学习型城市建设。", 75000)
	for i := 1; i < len(pages); i += 7 {
		pages[i] = " \n\u200b，" // nothing to match, as blank pages
	}
	sha := storedText(t, store, "blank", pages)
	ct, err := ReadCitedText(context.Background(), store, nil, sha, 1, "老年大学")
	if err != nil {
		t.Fatal(err)
	}
	defer ct.Close()
	if ct.Match.Found || ct.Match.FoundOnPage != 0 {
		t.Errorf("match %+v, want none", ct.Match)
	}
	if ct.folds > 2*len(pages)+4 {
		t.Errorf("%d pages folded for a text of %d pages, want each about once", ct.folds, len(pages))
	}
	if held := len(ct.Pages[0]); held == 0 || countHeld(ct.Pages) != 1 {
		t.Errorf("pages held after reading: %d, want the cited page only", countHeld(ct.Pages))
	}
}

func countHeld(pages []string) int {
	n := 0
	for _, p := range pages {
		if p != "" {
			n++
		}
	}
	return n
}

// countingContext is cancelled once its Err has been asked after times.
type countingContext struct {
	context.Context
	after, asked int64
}

func (c *countingContext) Err() error {
	if atomic.AddInt64(&c.asked, 1) > c.after {
		return context.Canceled
	}
	return nil
}

// TestStreamStopsWhenTheRequestEnds: a request that ends while the stream
// reads the pages (the user left, the server's deadline) stops it with
// the context's error, whether it ends before the pages are counted or
// in the scan for a quote not on its page; nothing stays lent.
func TestStreamStopsWhenTheRequestEnds(t *testing.T) {
	store := folderStore(t)
	pages := make([]string, 3000)
	for i := range pages {
		pages[i] = "第" + strings.Repeat("社区教育终身学习", 20)
	}
	sha := storedText(t, store, "cancel", pages)
	for _, after := range []int64{10, 2000, 4500} {
		ctx := &countingContext{Context: context.Background(), after: after}
		budget := &peakBudget{}
		start := time.Now()
		ct, err := readCitedText(ctx, store, budget, sha, 2, "老年大学", 0)
		if !errors.Is(err, context.Canceled) {
			if ct != nil {
				ct.Close()
			}
			t.Fatalf("cancelled after %d checks: %v, want context.Canceled", after, err)
		}
		if d := time.Since(start); d > 20*time.Second {
			t.Errorf("cancelled after %d checks: returned after %v", after, d)
		}
		if budget.held != 0 {
			t.Errorf("cancelled after %d checks: %d bytes still lent", after, budget.held)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := readCitedText(ctx, store, nil, sha, 2, "老年大学", 0); !errors.Is(err, context.Canceled) {
		t.Errorf("a cancelled request: %v, want context.Canceled", err)
	}
}

// TestStreamFoldsTheOpeningOfAPageAsTheWholePage: a long page whose
// opening is all simplified but which holds a traditional character
// further on has its phrases converted in the whole page (回覆 → 回复):
// its opening, held alone, folds so too (review of session 21: the
// stream found "于五月底前回覆市教育局", which FindQuote does not, and
// missed "请各区县于五月底前回复市教育局", which it finds).
func TestStreamFoldsTheOpeningOfAPageAsTheWholePage(t *testing.T) {
	store := folderStore(t)
	filler := strings.Repeat("推进学习型城市建设，完善终身教育体系。", 2600) // 148 KB
	pages := []string{"请各区县于五月底前", "回覆市教育局。" + filler + "學習", "完"}
	sha := storedText(t, store, "phrase", pages)
	for _, quote := range []string{"请各区县于五月底前回复市教育局", "于五月底前回覆市教育局"} {
		want := FindQuote(pages, 1, quote)
		ct, err := readCitedText(context.Background(), store, &peakBudget{}, sha, 1, quote, 0)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ct.Match, want) {
			t.Errorf("%q: stream %+v, FindQuote %+v", quote, ct.Match, want)
		}
		if ct.Match.Found && len(ct.Pages[1]) >= len(pages[1]) {
			t.Errorf("%q: the long page was read whole, not as its opening", quote)
		}
		ct.Close()
	}
}

// TestStreamNamesAnUncitedPageTooBigForTheWholeText: a quote not on its
// page is looked for in the whole text; a page the user did not cite that
// is bigger than the budget is 413 saying the quote cannot be looked for
// in the whole text, not to cite another page, which would not help.
func TestStreamNamesAnUncitedPageTooBigForTheWholeText(t *testing.T) {
	store := folderStore(t)
	huge := strings.Repeat("全市共建成社区学校一百二十所，", 80000) // 3.4 MB
	sha := storedText(t, store, "uncited", []string{huge, "推进学习型城市建设。"})
	ct, err := readCitedText(context.Background(), store, &limitBudget{limit: 2 << 20}, sha, 2, "老年大学", 0)
	if err == nil {
		ct.Close()
	}
	msg := catalog.ErrorMessage(err)
	if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(msg, "第 1 页的文字太长，无法在全文中查找引文") || strings.Contains(msg, "请引用其他页") {
		t.Errorf("a quote not on page 2, page 1 too big: %v, want ETOOLARGE naming page 1 and the whole text", err)
	}
	// Cited itself, the big page is one to cite another page than.
	_, err = readCitedText(context.Background(), store, &limitBudget{limit: 2 << 20}, sha, 1, "老年大学", 0)
	if !strings.Contains(catalog.ErrorMessage(err), "请引用其他页") {
		t.Errorf("a quote cited on page 1, too big: %v, want the advice to cite another page", err)
	}
}

// TestStreamAsksAPagelessCitationForItsPage: a citation sent without its
// page is looked for from page 1 on; page 1 too long to hold is no page
// the user cited, so the answer asks for the page the quote is on (which
// the stream then reads first) or a split file — not 请引用其他页, said to
// a user who named no page (review s57) — in Chinese and English. Given
// the page, the same quote is found.
func TestStreamAsksAPagelessCitationForItsPage(t *testing.T) {
	store := folderStore(t)
	huge := strings.Repeat("全市共建成社区学校一百二十所，", 80000) // 3.4 MB
	sha := storedText(t, store, "pageless", []string{huge, "推进学习型城市建设。"})
	ct, err := readCitedTextWherever(context.Background(), store, &limitBudget{limit: 2 << 20}, sha, "推进学习型城市建设", 0)
	if err == nil {
		ct.Close()
	}
	msg, en := catalog.ErrorMessage(err), catalog.MessageIn(err, true)
	if catalog.ErrorCode(err) != catalog.ETOOLARGE || !strings.Contains(msg, "第 1 页的文字太长，无法从第 1 页起查找引文；请注明引文所在的页码") ||
		strings.Contains(msg, "请引用其他页") || !strings.Contains(en, "give the page the quote is on") {
		t.Errorf("a citation without its page, page 1 too long: %v (%q), want ETOOLARGE asking for the quote's page", err, en)
	}
	ct, err = readCitedText(context.Background(), store, &limitBudget{limit: 2 << 20}, sha, 2, "推进学习型城市建设", 0)
	if err != nil {
		t.Fatalf("the same quote cited on its page 2: %v", err)
	}
	defer ct.Close()
	if !ct.Match.Found {
		t.Errorf("the quote cited on its page 2: %+v, want found", ct.Match)
	}
}

// TestStreamChargesWhatAPageOfFiguresFolds: a page of figures (a CSV,
// the OCR of a sheet) folds to about a character a byte, 32 bytes each;
// read as a stream, it is charged to the budget for all of them, not as
// if it were Chinese at three bytes a character (review of session 21:
// 16 MB lent, 53 MB live).
func TestStreamChargesWhatAPageOfFiguresFolds(t *testing.T) {
	store := folderStore(t)
	page := strings.Repeat("2023,12,345,67\n", 70000) // 1 MB
	sha := storedText(t, store, "csv", []string{page, "第二页：社区教育"})
	var f folded
	f.add(page, 0)
	for _, quote := range []string{"老年大学", "2023"} {
		budget := &peakBudget{}
		ct, err := readCitedText(context.Background(), store, budget, sha, 1, quote, 0)
		if err != nil {
			t.Fatal(err)
		}
		ct.Close()
		if want := int64(len(f.plain)) * foldedCost; budget.peak < want {
			t.Errorf("%q: lent %d KB at most, want at least the %d KB its %d folded characters take", quote, budget.peak>>10, want>>10, len(f.plain))
		}
		if budget.held != 0 {
			t.Errorf("%q: %d bytes still lent after Close", quote, budget.held)
		}
	}
}
