package claims

import (
	"context"
	"fmt"
	"math/rand"
	"reflect"
	"strings"
	"testing"
)

// TestReadCitedTextAgreesWithFindQuoteOnRandomTexts: on random short
// texts of a few characters a page (page feet, years, digits, spaces),
// ReadCitedText finds what FindQuote finds, where it finds it, and shows
// the same context (review r5: a quote running over a page with a foot
// was saved as not found).
func TestReadCitedTextAgreesWithFindQuoteOnRandomTexts(t *testing.T) {
	store := folderStore(t)
	alpha := []string{"学", "分", "银", "行", "\n", "2", "0", "二", "〇", " ", "第", "页", "-", "1"}
	r := rand.New(rand.NewSource(1))
	word := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(alpha[r.Intn(len(alpha))])
		}
		return b.String()
	}
	fails := 0
	for it := 0; it < 800 && fails < 5; it++ {
		pages := make([]string, 1+r.Intn(6))
		for i := range pages {
			pages[i] = word(r.Intn(8))
		}
		sha := storedText(t, store, fmt.Sprint("d", it), pages)
		quote := word(1 + r.Intn(5))
		page := 1 + r.Intn(len(pages))
		want := FindQuote(pages, page, quote)
		ct, err := ReadCitedText(context.Background(), store, nil, sha, page, quote)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ct.Match, want) {
			fails++
			t.Errorf("pages %q page %d quote %q: stream %+v, FindQuote %+v", pages, page, quote, ct.Match, want)
		} else if want.Found && Context(ct.Pages, page, ct.Match) != Context(pages, page, want) {
			fails++
			t.Errorf("context differs: pages %q page %d quote %q", pages, page, quote)
		}
	}
}

// TestReadCitedTextAgreesWithFindQuoteOnReportPages: on random pages of
// report sentences, some with a page number at their foot, a quote cut
// from anywhere in them, running over page breaks, is found by
// ReadCitedText where FindQuote finds it.
func TestReadCitedTextAgreesWithFindQuoteOnReportPages(t *testing.T) {
	store := folderStore(t)
	sent := []string{"推进学习型城市建设。", "建立学分银行制度，", "2023年新增学习点12个。", "二〇二三年全市", "社区教育", "终身学习"}
	r := rand.New(rand.NewSource(2))
	fails := 0
	for it := 0; it < 500 && fails < 4; it++ {
		pages := make([]string, 2+r.Intn(5))
		all := ""
		for i := range pages {
			s := ""
			for k := r.Intn(3); k >= 0; k-- {
				s += sent[r.Intn(len(sent))]
			}
			all += s
			if r.Intn(2) == 0 {
				s += fmt.Sprintf("\n- %d -", i+1)
			}
			pages[i] = s
		}
		rs := []rune(all)
		a := r.Intn(len(rs))
		b := a + 1 + r.Intn(min(30, len(rs)-a))
		quote := string(rs[a:b])
		page := 1 + r.Intn(len(pages))
		sha := storedText(t, store, fmt.Sprint("r", it), pages)
		want := FindQuote(pages, page, quote)
		ct, err := ReadCitedText(context.Background(), store, nil, sha, page, quote)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(ct.Match, want) {
			fails++
			t.Errorf("pages %q page %d quote %q: stream %+v, FindQuote %+v", pages, page, quote, ct.Match, want)
		}
	}
}
